/** Shared by the drafter's tests: draft an article, look questions up, run the content check. */
import type { Article } from "../../../worker/domain/drafter/index";
import { draftWithKinds } from "../../../worker/domain/drafter/index";
import { checkContent } from "../../../worker/domain/quiz/check";
import type { QuestionFile } from "../../../worker/domain/quiz/schema";
import { correctAnswers } from "../../fixtures/drafter-coverage";

export { correctAnswers };

/** An article from paragraphs, with a fixed title. */
export function article(...paragraphs: string[]): Article {
	return { title: "Test article", paragraphs };
}

/** Every drafted question (allowing many, so a test sees each kind the drafter can make). */
export function draft(a: Article): QuestionFile[] {
	return draftWithKinds(a, { maxQuestions: 40, minQuestions: 40 }).map((d) => d.question);
}

/** The problems the content check finds in a draft (an empty draft has none). */
export function problems(a: Article, questions: readonly QuestionFile[]): unknown[] {
	if (questions.length === 0) return [];
	const articleFile = {
		id: "art",
		title: a.title.trim() === "" ? "Untitled" : a.title,
		source: "test",
		date: null,
		paragraphs: [...a.paragraphs],
	};
	return checkContent(
		[{ file: "article", data: articleFile }],
		[{ file: "quiz", data: { id: "quiz", title: "Quiz", articleId: "art", questions } }],
	);
}

/** The first question whose prompt matches. */
export function find(questions: readonly QuestionFile[], prompt: RegExp, type?: QuestionFile["type"]): QuestionFile | undefined {
	return questions.find((q) => prompt.test(q.prompt) && (type === undefined || q.type === type));
}

/** The texts of the wrong choices. */
export function distractors(q: QuestionFile): string[] {
	if (!("choiceIds" in q.answer)) return [];
	const right = q.answer.choiceIds;
	return (q.choices ?? []).filter((c) => !right.includes(c.id)).map((c) => c.text);
}

/** The value, or a failed test when it is missing (instead of a non-null assertion). */
export function must<T>(value: T | undefined): T {
	if (value === undefined) throw new Error("expected a value, got undefined");
	return value;
}
