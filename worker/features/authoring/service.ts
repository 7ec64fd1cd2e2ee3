/**
 * Authoring in the dashboard: what the review page is about (a teacher's article, or one of their
 * quizzes being edited), checking and publishing what the teacher reviewed, and opening a quiz for
 * a class. Built on the articles, quizzes and classes services; typed results, no HTTP.
 */
import type { Database } from "../../db/client";
import type { ClassRow, TeacherQuizRow } from "../../db/schema";
import type { Issue } from "../../domain/issues";
import { checkQuestions } from "../../domain/quiz/check";
import { type QuestionFile, type QuizContent, questionsSchema } from "../../domain/quiz/schema";
import { draftQuestions, findArticle } from "../articles/service";
import { changeClass, findClass } from "../classes/service";
import { unknownQuizIds } from "../quizzes/library";
import { archiveQuiz, publishQuiz, republishQuiz, teacherQuiz } from "../quizzes/service";

/** What a review publishes into: a new quiz from one of the teacher's articles, or a new version of one of their quizzes. */
export type ReviewTarget = { kind: "article"; articleId: string } | { kind: "quiz"; quizId: string };

/** The article as the review page shows it and the check reads it. */
export interface ReviewArticle {
	title: string;
	source: string | null;
	date: string | null;
	paragraphs: string[];
}

export type ReviewSource =
	| { kind: "found"; article: ReviewArticle; title: string; questions: QuestionFile[] }
	| { kind: "unknown" }
	| { kind: "archived" };

/**
 * What a review starts from: for an article, the drafter's questions (deterministic, so the page can
 * be reloaded) and the article's title; for a quiz, its current version. Another teacher's article
 * or quiz is as unknown as a missing one.
 */
export async function startReview(db: Database, teacherId: string, target: ReviewTarget): Promise<ReviewSource> {
	if (target.kind === "article") {
		const article = await findArticle(db, teacherId, target.articleId);
		if (!article) return { kind: "unknown" };
		return { kind: "found", article: viewOf(article), title: article.title, questions: await draftQuestions(article) };
	}
	const found = await teacherQuiz(db, teacherId, target.quizId);
	if (found.kind === "unknownQuiz") return { kind: "unknown" };
	if (found.quiz.archivedAt !== null) return { kind: "archived" };
	return { kind: "found", article: viewOf(found.content.article), title: found.quiz.title, questions: found.content.quiz.questions };
}

/** The article of a review in progress (the questions are in the form), or why there is none. */
export async function reviewArticle(
	db: Database,
	teacherId: string,
	target: ReviewTarget,
): Promise<{ kind: "found"; article: ReviewArticle } | { kind: "unknown" } | { kind: "archived" }> {
	if (target.kind === "article") {
		const article = await findArticle(db, teacherId, target.articleId);
		return article ? { kind: "found", article: viewOf(article) } : { kind: "unknown" };
	}
	const found = await teacherQuiz(db, teacherId, target.quizId);
	if (found.kind === "unknownQuiz") return { kind: "unknown" };
	if (found.quiz.archivedAt !== null) return { kind: "archived" };
	return { kind: "found", article: viewOf(found.content.article) };
}

function viewOf(article: { title: string; source: string | null; date: string | null; paragraphs: string[] }): ReviewArticle {
	// A quiz version keeps an article without a source as "" (the library's format).
	return { title: article.title, source: article.source || null, date: article.date, paragraphs: article.paragraphs };
}

/** A problem with what was reviewed; `live` when the grounding check found it (the one the page's script runs as the teacher types). */
export type ReviewIssue = Issue & { live: boolean };

/**
 * Tags each problem by the check that found it: the content check runs the grounding check only on
 * questions that pass the schema, so when the schema passes, every problem is a grounding one.
 */
function tagged(issues: readonly Issue[], questions: unknown): ReviewIssue[] {
	const live = questionsSchema.safeParse({ questions }).success;
	return issues.map((issue) => ({ ...issue, live }));
}

/** The content check, storing nothing: the same check publishing runs. */
export function checkReview(article: Pick<ReviewArticle, "paragraphs">, questions: unknown): ReviewIssue[] {
	const checked = checkQuestions({ questions }, article);
	return checked.ok ? [] : tagged(checked.issues, questions);
}

export type PublishReviewResult =
	| { kind: "published"; quiz: TeacherQuizRow }
	| { kind: "invalid"; issues: ReviewIssue[] }
	| { kind: "unknown" }
	| { kind: "archived" };

/** Publishes what was reviewed: a new quiz (`publishQuiz`) or a new version of the quiz (`republishQuiz`); nothing is stored when the check fails. */
export async function publishReview(
	db: Database,
	teacherId: string,
	target: ReviewTarget,
	input: { title: string; questions: unknown },
): Promise<PublishReviewResult> {
	const result =
		target.kind === "article"
			? await publishQuiz(db, teacherId, { articleId: target.articleId, ...input })
			: await republishQuiz(db, teacherId, target.quizId, input);
	switch (result.kind) {
		case "published":
			return result;
		case "invalid":
			return { kind: "invalid", issues: tagged(result.issues, input.questions) };
		case "archived":
			return { kind: "archived" };
		case "unknownArticle":
		case "unknownQuiz":
			return { kind: "unknown" };
	}
}

/** Whether a class takes attempts at a quiz: all of the teacher's quizzes (no list), listed, or not open. */
export type Openness = "everyQuiz" | "listed" | "closed";

export function opennessOf(cls: Pick<ClassRow, "openQuizIds">, quizId: string): Openness {
	if (cls.openQuizIds === null) return "everyQuiz";
	return cls.openQuizIds.includes(quizId) ? "listed" : "closed";
}

export type QuizOverview =
	| {
			kind: "found";
			quiz: TeacherQuizRow;
			content: QuizContent;
			versions: { version: string; createdAt: Date }[];
	  }
	| { kind: "unknown" };

/** A teacher's quiz with its current content and versions, for its dashboard page. */
export async function quizOverview(db: Database, teacherId: string, quizId: string): Promise<QuizOverview> {
	const found = await teacherQuiz(db, teacherId, quizId);
	if (found.kind === "unknownQuiz") return { kind: "unknown" };
	return { kind: "found", quiz: found.quiz, content: found.content, versions: found.versions };
}

export type OpenResult =
	| { kind: "opened"; cls: ClassRow }
	| { kind: "alreadyOpen"; cls: ClassRow; openness: Exclude<Openness, "closed"> }
	| { kind: "unknownClass" }
	| { kind: "unknownQuiz" }
	| { kind: "archived" };

/**
 * Opens a quiz for one of the teacher's classes: appended to the class's open quizzes. A class with
 * no list (`openQuizIds` null) already opens every quiz of its teacher, this one included: nothing
 * changes, and the result says so. Quizzes of the list deleted since it was made take no attempts
 * and would make the class's settings refused: they are left out of the new list.
 */
export async function openForClass(db: Database, teacherId: string, quizId: string, classId: string): Promise<OpenResult> {
	const [found, cls] = await Promise.all([teacherQuiz(db, teacherId, quizId), findClass(db, teacherId, classId)]);
	if (found.kind === "unknownQuiz") return { kind: "unknownQuiz" };
	if (found.quiz.archivedAt !== null) return { kind: "archived" };
	if (!cls) return { kind: "unknownClass" };
	const openness = opennessOf(cls, quizId);
	if (openness !== "closed") return { kind: "alreadyOpen", cls, openness };
	const listed = cls.openQuizIds ?? [];
	const stale = new Set(await unknownQuizIds(db, teacherId, listed));
	const changed = await changeClass(db, cls, { openQuizIds: [...listed.filter((id) => !stale.has(id)), quizId] });
	return changed.kind === "changed" ? { kind: "opened", cls: changed.cls } : { kind: "archived" };
}

/** Deletes (archives) a teacher's quiz; false when it is not theirs. */
export const deleteQuiz = (db: Database, teacherId: string, quizId: string) => archiveQuiz(db, teacherId, quizId);
