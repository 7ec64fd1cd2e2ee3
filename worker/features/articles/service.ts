/** Teachers' articles: stored as pasted, split into paragraphs, and drafted into quiz questions. Typed results, no HTTP. */
import type { Database } from "../../db/client";
import type { ArticleRow } from "../../db/schema";
import { type ArticleInput, readArticle } from "../../domain/article";
import type { Issue } from "../../domain/issues";
import type { QuestionFile } from "../../domain/quiz/schema";
import { deleteTeacherArticle, findTeacherArticle, insertArticle, listTeacherArticles } from "./queries";

export type NewArticleResult = { kind: "created"; article: ArticleRow } | { kind: "invalid"; issues: Issue[] };

export async function createArticle(db: Database, teacherId: string, input: ArticleInput, now = new Date()): Promise<NewArticleResult> {
	const read = readArticle(input);
	if (!read.ok) return { kind: "invalid", issues: read.issues };
	const article: ArticleRow = { id: crypto.randomUUID(), teacherId, ...read.article, createdAt: now };
	await insertArticle(db, article);
	return { kind: "created", article };
}

export const findArticle = findTeacherArticle;
export const listArticles = listTeacherArticles;
export const deleteArticle = deleteTeacherArticle;

/**
 * A draft quiz for the article: questions in the library's format, each grounded in a verbatim
 * quote. The drafter is imported when first asked for, so the student routes never load it.
 */
export async function draftQuestions(article: Pick<ArticleRow, "title" | "paragraphs">): Promise<QuestionFile[]> {
	const { draftQuiz } = await import("../../domain/drafter");
	return draftQuiz({ title: article.title, paragraphs: article.paragraphs });
}
