import { type Issue, issuePath } from "../issues";
import { type ArticleFile, articleSchema, type QuestionFile, type QuizFile, questionsSchema, quizFileSchema } from "./schema";

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
	if (!article) return [`${file}: quiz "${quiz.id}" names article "${quiz.articleId}", which does not exist`];
	return groundingIssues(quiz, article).map((issue) => `${file}: question "${issue.questionId}": ${issue.message}`);
}

/** A problem with one question, where its field is (`questions[3].evidence.quote`). */
export interface QuestionIssue extends Issue {
	questionId: string;
}

/**
 * The grounding of a quiz that passed its schema, against its article: every evidence quote occurs
 * verbatim in the named paragraph, ids are unique, correct answers are among the choices, a
 * true/false question has exactly the choices true and false, a short answer has an accepted form.
 */
export function groundingIssues(quiz: Pick<QuizFile, "questions">, article: Pick<ArticleFile, "paragraphs">): QuestionIssue[] {
	const issues: QuestionIssue[] = [];
	const seen = new Set<string>();
	quiz.questions.forEach((q, n) => {
		const at = (field: string, message: string) => issues.push({ questionId: q.id, path: `questions[${n}]${field}`, message });
		if (seen.has(q.id)) at(".id", "id repeats");
		seen.add(q.id);
		const paragraph = article.paragraphs[q.evidence.paragraph - 1];
		if (paragraph === undefined) {
			at(".evidence.paragraph", `evidence names paragraph ${q.evidence.paragraph}, but the article has ${article.paragraphs.length}`);
		} else if (!paragraph.includes(q.evidence.quote)) {
			at(".evidence.quote", `evidence quote is not in paragraph ${q.evidence.paragraph} of the article: "${q.evidence.quote}"`);
		}
		const choices = q.choices ?? [];
		const choiceIds = new Set<string>();
		choices.forEach((c, k) => {
			if (choiceIds.has(c.id)) at(`.choices[${k}].id`, `choice id "${c.id}" repeats`);
			choiceIds.add(c.id);
		});
		if (q.type === "short") {
			if (choices.length > 0) at(".choices", "a short-answer question has no choices");
			if (!("accepted" in q.answer) || q.answer.accepted.filter((a) => a.trim() !== "").length === 0) {
				at(".answer.accepted", "a short answer needs at least one non-empty accepted form");
			}
			return;
		}
		if (!("choiceIds" in q.answer)) {
			at(".answer", `a ${q.type} question's answer must list choiceIds`);
			return;
		}
		if (choices.length < 2) at(".choices", "needs at least two choices");
		if (q.type === "true_false" && [...choiceIds].sort().join() !== "false,true") {
			at(".choices", 'a true_false question has exactly the choices "true" and "false"');
		}
		for (const id of q.answer.choiceIds) {
			if (!choiceIds.has(id)) at(".answer.choiceIds", `correct answer "${id}" is not among the choices`);
		}
		if (new Set(q.answer.choiceIds).size !== q.answer.choiceIds.length) at(".answer.choiceIds", "correct answer lists a choice twice");
		if (q.type !== "multiple" && q.answer.choiceIds.length !== 1)
			at(".answer.choiceIds", `a ${q.type} question has exactly one correct choice`);
	});
	return issues;
}

/** The questions a teacher sends (`{ questions }`), checked against the schema, then grounded in the article. */
export function checkQuestions(
	input: unknown,
	article: Pick<ArticleFile, "paragraphs">,
): { ok: true; questions: QuestionFile[] } | { ok: false; issues: Issue[] } {
	const parsed = questionsSchema.safeParse(input);
	if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
	const issues = groundingIssues(parsed.data, article);
	return issues.length > 0 ? { ok: false, issues } : { ok: true, questions: parsed.data.questions };
}
