import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type ArticleRow, articles } from "../../db/schema";

export async function insertArticle(db: Database, article: ArticleRow): Promise<void> {
	await db.insert(articles).values(article);
}

/** A teacher's article, or null: another teacher's is as unknown as a missing one. */
export async function findTeacherArticle(db: Database, teacherId: string, articleId: string): Promise<ArticleRow | null> {
	const rows = await db
		.select()
		.from(articles)
		.where(and(eq(articles.id, articleId), eq(articles.teacherId, teacherId)))
		.limit(1);
	return rows[0] ?? null;
}

/** A teacher's articles, newest first, without their text. */
export function listTeacherArticles(db: Database, teacherId: string) {
	return db
		.select({ id: articles.id, title: articles.title, source: articles.source, date: articles.date, createdAt: articles.createdAt })
		.from(articles)
		.where(eq(articles.teacherId, teacherId))
		.orderBy(desc(articles.createdAt), desc(articles.id));
}

/** Deletes a teacher's article; quizzes made from it keep their own copy of it. */
export async function deleteTeacherArticle(db: Database, teacherId: string, articleId: string): Promise<boolean> {
	const gone = await db
		.delete(articles)
		.where(and(eq(articles.id, articleId), eq(articles.teacherId, teacherId)))
		.returning({ id: articles.id });
	return gone.length > 0;
}
