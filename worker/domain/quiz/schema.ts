import * as z from "../../lib/z";

/** Ids in quiz files: short, stable, URL-safe. */
const slug = z
	.string()
	.check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes"));
const text = z.string().check(z.minLength(1));

export const articleSchema = z.strictObject({
	id: slug,
	title: text,
	source: text,
	date: z.nullable(z.string()),
	dateNote: z.optional(z.string()),
	paragraphs: z.array(text).check(z.minLength(1)),
});

const choiceSchema = z.strictObject({ id: slug, text: text });

export const questionSchema = z.strictObject({
	id: slug,
	type: z.enum(["single", "multiple", "true_false", "short"]),
	prompt: text,
	choices: z.optional(z.array(choiceSchema)),
	answer: z.union([z.strictObject({ choiceIds: z.array(slug).check(z.minLength(1)) }), z.strictObject({ accepted: z.array(z.string()) })]),
	explanation: text,
	skill: z.enum(["literal", "inference"]),
	evidence: z.strictObject({ paragraph: z.int().check(z.gte(1)), quote: text }),
	points: z.optional(z.int().check(z.gte(1), z.lte(10))),
});

/** The questions of a quiz, as a teacher publishes them. */
export const questionsSchema = z.object({ questions: z.array(questionSchema).check(z.minLength(1), z.maxLength(100)) });

export const quizFileSchema = z.strictObject({
	id: slug,
	title: text,
	articleId: slug,
	questions: z.array(questionSchema).check(z.minLength(1)),
});

export type ArticleFile = z.infer<typeof articleSchema>;
export type QuestionFile = z.infer<typeof questionSchema>;
export type QuizFile = z.infer<typeof quizFileSchema>;
export type QuestionType = QuestionFile["type"];

/** A quiz with the article it is grounded in: what one version of a teacher's quiz stores. */
export interface QuizContent {
	quiz: QuizFile;
	article: ArticleFile;
}

export interface Choice {
	id: string;
	text: string;
}

/** A question as the server holds it: answers included. Never sent to a student before grading. */
export interface Question {
	id: string;
	type: QuestionType;
	prompt: string;
	choices: Choice[];
	/** Correct choice ids (choice questions). */
	correctChoiceIds: string[];
	/** Accepted forms (short answers). */
	accepted: string[];
	explanation: string;
	skill: "literal" | "inference";
	evidence: { paragraph: number; quote: string };
	points: number;
}

export interface Quiz {
	id: string;
	title: string;
	/** First 16 hex digits of the SHA-256 of the quiz and article content. */
	version: string;
	article: ArticleFile;
	questions: Question[];
	maxScore: number;
}
