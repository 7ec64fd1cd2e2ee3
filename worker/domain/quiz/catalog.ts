import { type ContentFile, checkContent } from "./check";
import { articleSchema, type Question, type Quiz, type QuizContent, quizFileSchema } from "./schema";
import { contentVersion } from "./version";

export interface Catalog {
	quizzes: Quiz[];
	byId: Map<string, Quiz>;
}

/** Builds the catalog from content files; throws, listing every problem, if the content is unsound. */
export async function buildCatalog(articleFiles: readonly ContentFile[], quizFiles: readonly ContentFile[]): Promise<Catalog> {
	const problems = checkContent(articleFiles, quizFiles);
	if (problems.length > 0) throw new Error(`Quiz content is invalid:\n${problems.join("\n")}`);
	// The content is sound, so parsing it again only gives it its types.
	const articles = new Map(articleFiles.map(({ data }) => articleSchema.parse(data)).map((a) => [a.id, a]));
	const quizzes = await Promise.all(
		quizFiles.map(({ data }) => {
			const quiz = quizFileSchema.parse(data);
			const article = articles.get(quiz.articleId);
			if (!article) throw new Error(`quiz ${quiz.id}: no article ${quiz.articleId}`);
			return toQuiz({ quiz, article });
		}),
	);
	return { quizzes, byId: new Map(quizzes.map((q) => [q.id, q])) };
}

/** A quiz as the server holds it (answers included), from its content, versioned by hash. */
export async function toQuiz({ quiz: file, article }: QuizContent): Promise<Quiz> {
	const questions: Question[] = file.questions.map((q) => ({
		id: q.id,
		type: q.type,
		prompt: q.prompt,
		choices: q.choices ?? [],
		correctChoiceIds: "choiceIds" in q.answer ? q.answer.choiceIds : [],
		accepted: "accepted" in q.answer ? q.answer.accepted : [],
		explanation: q.explanation,
		skill: q.skill,
		evidence: q.evidence,
		points: q.points ?? 1,
	}));
	return {
		id: file.id,
		title: file.title,
		version: await contentVersion(file, article),
		article,
		questions,
		maxScore: questions.reduce((sum, q) => sum + q.points, 0),
	};
}
