/**
 * Quizzes: what a class offers its students, and teachers' own quizzes, published from an article
 * and versioned immutably. Typed results, no HTTP.
 */
import type { Database } from "../../db/client";
import type { ArticleRow, TeacherQuizRow } from "../../db/schema";
import type { Issue } from "../../domain/issues";
import type { Limiter } from "../../domain/limiter";
import { checkQuestions } from "../../domain/quiz/check";
import type { ArticleFile, Quiz, QuizContent } from "../../domain/quiz/schema";
import { contentVersion } from "../../domain/quiz/version";
import { newPublicId } from "../../domain/secrets";
import { findTeacherArticle } from "../articles/queries";
import { findClassByCode } from "../classes/queries";
import { findQuiz, type QuizSummary, quizzesFor, TEACHER_QUIZ_PREFIX } from "./library";
import { archiveTeacherQuiz, findCurrentVersion, insertQuiz, listTeacherQuizzes, listVersions, publishVersion } from "./queries";

export type OfferedResult =
	| { kind: "offered"; quizzes: QuizSummary[] }
	| { kind: "unknownClass"; classCode: string }
	| { kind: "rateLimited" };

/** The quizzes a class code opens (the built-in library without one); looking a code up counts against `limiter`. */
export async function offeredBy(db: Database, classCode: string | null, limiter: Limiter): Promise<OfferedResult> {
	if (classCode === null) return { kind: "offered", quizzes: await quizzesFor(db, null) };
	if (!(await limiter.allow())) return { kind: "rateLimited" };
	const cls = await findClassByCode(db, classCode);
	if (!cls) return { kind: "unknownClass", classCode };
	return { kind: "offered", quizzes: await quizzesFor(db, cls) };
}

export type PublishResult =
	| { kind: "published"; quiz: TeacherQuizRow }
	| { kind: "unknownArticle"; articleId: string }
	| { kind: "unknownQuiz"; quizId: string }
	| { kind: "archived"; quizId: string }
	| { kind: "invalid"; issues: Issue[] };

/** The article a version carries: the teacher's article as it is stored, in the library's format. */
function articleFile(article: ArticleRow): ArticleFile {
	return {
		id: article.id,
		title: article.title,
		source: article.source ?? "",
		date: article.date,
		paragraphs: article.paragraphs,
	};
}

/** The content of a version, checked: the schema, then every quote verbatim in its paragraph, answers among the choices… */
async function versionOf(id: string, title: string, questions: unknown, article: ArticleFile) {
	const checked = checkQuestions({ questions }, article);
	if (!checked.ok) return { ok: false as const, issues: checked.issues };
	const content: QuizContent = { quiz: { id, title, articleId: article.id, questions: checked.questions }, article };
	return { ok: true as const, content, version: await contentVersion(content.quiz, content.article) };
}

/** Publishes a new quiz made from one of the teacher's articles. */
export async function publishQuiz(
	db: Database,
	teacherId: string,
	input: { articleId: string; title: string; questions: unknown },
	now = new Date(),
): Promise<PublishResult> {
	const article = await findTeacherArticle(db, teacherId, input.articleId);
	if (!article) return { kind: "unknownArticle", articleId: input.articleId };
	const id = newPublicId(TEACHER_QUIZ_PREFIX);
	const checked = await versionOf(id, input.title, input.questions, articleFile(article));
	if (!checked.ok) return { kind: "invalid", issues: checked.issues };
	const quiz: TeacherQuizRow = {
		id,
		teacherId,
		articleId: article.id,
		title: input.title,
		version: checked.version,
		questionCount: checked.content.quiz.questions.length,
		createdAt: now,
		updatedAt: now,
		archivedAt: null,
	};
	await insertQuiz(db, quiz, checked.content);
	return { kind: "published", quiz };
}

/**
 * Publishes a new version of a teacher's quiz, grounded in the same article as its current version
 * (each version carries its own copy, so this holds after the article is deleted). Attempts keep
 * the version they were graded on. The same content again is the same version.
 */
export async function republishQuiz(
	db: Database,
	teacherId: string,
	quizId: string,
	input: { title?: string | undefined; questions: unknown },
	now = new Date(),
): Promise<PublishResult> {
	const current = await findCurrentVersion(db, quizId);
	if (!current || current.quiz.teacherId !== teacherId) return { kind: "unknownQuiz", quizId };
	if (current.quiz.archivedAt !== null) return { kind: "archived", quizId };
	const title = input.title ?? current.quiz.title;
	const checked = await versionOf(quizId, title, input.questions, current.content.article);
	if (!checked.ok) return { kind: "invalid", issues: checked.issues };
	await publishVersion(db, quizId, checked.version, title, checked.content, now);
	return {
		kind: "published",
		quiz: { ...current.quiz, title, version: checked.version, questionCount: checked.content.quiz.questions.length, updatedAt: now },
	};
}

export type TeacherQuizResult =
	| { kind: "found"; quiz: TeacherQuizRow; content: QuizContent; versions: { version: string; createdAt: Date }[] }
	| { kind: "unknownQuiz" };

/** A teacher's quiz with its answers, its article and its versions; another teacher's is unknown. */
export async function teacherQuiz(db: Database, teacherId: string, quizId: string): Promise<TeacherQuizResult> {
	const current = await findCurrentVersion(db, quizId);
	if (!current || current.quiz.teacherId !== teacherId) return { kind: "unknownQuiz" };
	return { kind: "found", quiz: current.quiz, content: current.content, versions: await listVersions(db, quizId) };
}

/** A teacher's quiz as the server grades it (its current version), for exports to other systems; null when not theirs. */
export async function teacherQuizForExport(db: Database, teacherId: string, quizId: string): Promise<Quiz | null> {
	const found = await findQuiz(db, quizId);
	return found && found.teacherId === teacherId ? found.quiz : null;
}

export const listQuizzes = listTeacherQuizzes;

/** Archives a teacher's quiz: it stays in results and exports and takes no new attempts. False when it is not theirs. */
export const archiveQuiz = (db: Database, teacherId: string, quizId: string, now = new Date()) =>
	archiveTeacherQuiz(db, teacherId, quizId, now);
