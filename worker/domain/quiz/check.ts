import { type ArticleFile, articleSchema, type QuizFile, quizFileSchema } from "./schema";

export interface ContentFile {
	/** Where the content came from, for messages (e.g. "quiz-data/quizzes/x.json"). */
	file: string;
	data: unknown;
}

/**
 * Checks quiz content: the schema of every file, then grounding: every evidence quote occurs
 * verbatim in the named paragraph of the quiz's article, ids are unique, correct answers are
 * among the choices, short answers have accepted forms. Returns one message per problem, each
 * naming the file and the question; an empty list means the content is sound.
 */
export function checkContent(articleFiles: readonly ContentFile[], quizFiles: readonly ContentFile[]): string[] {
	const problems: string[] = [];
	const articles = new Map<string, ArticleFile>();
	for (const { file, data } of articleFiles) {
		const parsed = articleSchema.safeParse(data);
		if (!parsed.success) {
			problems.push(...parsed.error.issues.map((i) => `${file}: ${i.path.join(".") || "(root)"}: ${i.message}`));
			continue;
		}
		if (articles.has(parsed.data.id)) problems.push(`${file}: article id "${parsed.data.id}" is used twice`);
		articles.set(parsed.data.id, parsed.data);
	}
	const quizIds = new Set<string>();
	for (const { file, data } of quizFiles) {
		const parsed = quizFileSchema.safeParse(data);
		if (!parsed.success) {
			problems.push(...parsed.error.issues.map((i) => `${file}: ${describePath(data, i.path)}: ${i.message}`));
			continue;
		}
		if (quizIds.has(parsed.data.id)) problems.push(`${file}: quiz id "${parsed.data.id}" is used twice`);
		quizIds.add(parsed.data.id);
		problems.push(...checkQuiz(file, parsed.data, articles.get(parsed.data.articleId)));
	}
	return problems;
}

function describePath(data: unknown, path: PropertyKey[]): string {
	// Name the question by id rather than by index where we can.
	if (path[0] === "questions" && typeof path[1] === "number") {
		const q = (data as { questions?: { id?: unknown }[] }).questions?.[path[1]];
		const rest = path.slice(2).join(".");
		return `question ${typeof q?.id === "string" ? `"${q.id}"` : `#${path[1] + 1}`}${rest ? ` ${rest}` : ""}`;
	}
	return path.join(".") || "(root)";
}

function checkQuiz(file: string, quiz: QuizFile, article: ArticleFile | undefined): string[] {
	const problems: string[] = [];
	if (!article) {
		return [`${file}: quiz "${quiz.id}" names article "${quiz.articleId}", which does not exist`];
	}
	const seen = new Set<string>();
	for (const q of quiz.questions) {
		const where = `${file}: question "${q.id}"`;
		if (seen.has(q.id)) problems.push(`${where}: id repeats`);
		seen.add(q.id);
		const paragraph = article.paragraphs[q.evidence.paragraph - 1];
		if (paragraph === undefined) {
			problems.push(`${where}: evidence names paragraph ${q.evidence.paragraph}, but the article has ${article.paragraphs.length}`);
		} else if (!paragraph.includes(q.evidence.quote)) {
			problems.push(`${where}: evidence quote is not in paragraph ${q.evidence.paragraph} of the article: "${q.evidence.quote}"`);
		}
		const choices = q.choices ?? [];
		const choiceIds = new Set<string>();
		for (const c of choices) {
			if (choiceIds.has(c.id)) problems.push(`${where}: choice id "${c.id}" repeats`);
			choiceIds.add(c.id);
		}
		if (q.type === "short") {
			if (choices.length > 0) problems.push(`${where}: a short-answer question has no choices`);
			if (!("accepted" in q.answer) || q.answer.accepted.filter((a) => a.trim() !== "").length === 0) {
				problems.push(`${where}: a short answer needs at least one non-empty accepted form`);
			}
			continue;
		}
		if (!("choiceIds" in q.answer)) {
			problems.push(`${where}: a ${q.type} question's answer must list choiceIds`);
			continue;
		}
		if (choices.length < 2) problems.push(`${where}: needs at least two choices`);
		if (q.type === "true_false" && [...choiceIds].sort().join() !== "false,true") {
			problems.push(`${where}: a true_false question has exactly the choices "true" and "false"`);
		}
		for (const id of q.answer.choiceIds) {
			if (!choiceIds.has(id)) problems.push(`${where}: correct answer "${id}" is not among the choices`);
		}
		if (new Set(q.answer.choiceIds).size !== q.answer.choiceIds.length) problems.push(`${where}: correct answer lists a choice twice`);
		if (q.type !== "multiple" && q.answer.choiceIds.length !== 1) {
			problems.push(`${where}: a ${q.type} question has exactly one correct choice`);
		}
	}
	return problems;
}
