import { z } from "zod";

/** Ids in quiz files: short, stable, URL-safe. */
const slug = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes");

export const articleSchema = z.strictObject({
	id: slug,
	title: z.string().min(1),
	source: z.string().min(1),
	date: z.string().nullable(),
	dateNote: z.string().optional(),
	paragraphs: z.array(z.string().min(1)).min(1),
});

const choiceSchema = z.strictObject({ id: slug, text: z.string().min(1) });

export const questionSchema = z.strictObject({
	id: slug,
	type: z.enum(["single", "multiple", "true_false", "short"]),
	prompt: z.string().min(1),
	choices: z.array(choiceSchema).optional(),
	answer: z.union([z.strictObject({ choiceIds: z.array(slug).min(1) }), z.strictObject({ accepted: z.array(z.string()) })]),
	explanation: z.string().min(1),
	skill: z.enum(["literal", "inference"]),
	evidence: z.strictObject({ paragraph: z.number().int().min(1), quote: z.string().min(1) }),
	points: z.number().int().min(1).max(10).optional(),
});

export const quizFileSchema = z.strictObject({
	id: slug,
	title: z.string().min(1),
	articleId: slug,
	questions: z.array(questionSchema).min(1),
});

export type ArticleFile = z.infer<typeof articleSchema>;
export type QuestionFile = z.infer<typeof questionSchema>;
export type QuizFile = z.infer<typeof quizFileSchema>;
export type QuestionType = QuestionFile["type"];

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
