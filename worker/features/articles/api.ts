import { Hono } from "hono";
import type { ArticleRow } from "../../db/schema";
import { describeIssue } from "../../domain/issues";
import type { TeacherEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { idParam } from "../../http/params";
import { created, noContent, notFound, unprocessable } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { createArticle, deleteArticle, draftQuestions, findArticle, listArticles } from "./service";

/**
 * 256 KiB: room for the longest article (30,000 characters, up to 4 bytes each in UTF-8, some
 * escaped in JSON); anything larger is refused before it is parsed. Longer texts that fit are
 * refused with a sentence saying by how much.
 */
export const ARTICLE_BODY_BYTES = 256 * 1024;

const articleSchema = z.strictObject({
	title: z.string().check(z.maxLength(1000, "is too long")),
	text: z.string(),
	source: z.optional(z.nullable(z.string().check(z.maxLength(1000, "is too long")))),
	date: z.optional(z.nullable(z.string().check(z.maxLength(1000, "is too long")))),
});

const articleJson = (a: ArticleRow) => ({
	id: a.id,
	title: a.title,
	source: a.source,
	date: a.date,
	paragraphs: a.paragraphs,
	createdAt: a.createdAt.toISOString(),
});

const noArticle = (id: string) => notFound("Article not found", `You have no article ${id}.`);

/** A teacher's articles, and drafts made from them. Mounted under the teacher API, which has signed the teacher in. */
export const articlesApi = new Hono<TeacherEnv>()
	.post("/", limitBody(ARTICLE_BODY_BYTES), requireJson, validate("json", articleSchema), async (c) => {
		const result = await createArticle(c.var.db, c.var.teacher.teacherId, c.req.valid("json"));
		if (result.kind === "invalid") {
			throw unprocessable("Article not accepted", `Fix the article: ${result.issues.map(describeIssue).join("; ")}`, result.issues);
		}
		return created(c, articleJson(result.article), `/api/teacher/articles/${result.article.id}`);
	})
	.get("/", async (c) => {
		const rows = await listArticles(c.var.db, c.var.teacher.teacherId);
		return c.json({ articles: rows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })) });
	})
	.get("/:articleId", idParam("articleId"), async (c) => {
		const { articleId } = c.req.valid("param");
		const article = await findArticle(c.var.db, c.var.teacher.teacherId, articleId);
		if (!article) throw noArticle(articleId);
		return c.json(articleJson(article));
	})
	.delete("/:articleId", idParam("articleId"), async (c) => {
		const { articleId } = c.req.valid("param");
		if (!(await deleteArticle(c.var.db, c.var.teacher.teacherId, articleId))) throw noArticle(articleId);
		return noContent(c);
	})
	.post("/:articleId/draft", idParam("articleId"), async (c) => {
		const { articleId } = c.req.valid("param");
		const article = await findArticle(c.var.db, c.var.teacher.teacherId, articleId);
		if (!article) throw noArticle(articleId);
		return c.json({ articleId, questions: await draftQuestions(article) });
	});
