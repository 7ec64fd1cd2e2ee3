import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { firstOrNull, removedAny } from "../../db/results";
import { type ArticleRow, articles } from "../../db/schema";

export async function insertArticle(db: Database, article: ArticleRow): Promise<void> {
	await db.insert(articles).values(article);
}

/** Matches the article with this id when it is this teacher's. */
const teacherArticle = (teacherId: string, articleId: string) => and(eq(articles.id, articleId), eq(articles.teacherId, teacherId));

/** A teacher's article, or null: another teacher's is as unknown as a missing one. */
export function findTeacherArticle(db: Database, teacherId: string, articleId: string): Promise<ArticleRow | null> {
	return firstOrNull(db.select().from(articles).where(teacherArticle(teacherId, articleId)).limit(1));
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
export function deleteTeacherArticle(db: Database, teacherId: string, articleId: string): Promise<boolean> {
	return removedAny(db.delete(articles).where(teacherArticle(teacherId, articleId)).returning({ id: articles.id }));
}
