import { Hono } from "hono";
import type { TeacherQuizRow } from "../../db/schema";
import { contentDisposition, csvFileName } from "../../domain/csv";
import { describeIssue } from "../../domain/issues";
import { quizToGift } from "../../domain/lms/gift";
import { quizToQtiPackage } from "../../domain/lms/qti";
import type { TeacherEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { idParam } from "../../http/params";
import { conflict, created, type HttpProblem, noContent, notFound, unprocessable } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { archiveQuiz, listQuizzes, type PublishResult, publishQuiz, republishQuiz, teacherQuiz, teacherQuizForExport } from "./service";

/** 512 KiB: a hundred questions with long explanations take a fraction of it. */
export const QUIZ_BODY_BYTES = 512 * 1024;

const title = z.pipe(
	z.string().check(z.maxLength(1000, "is too long")),
	z.pipe(
		z.transform((s: string) => s.trim()),
		z.string().check(z.minLength(1, "must not be empty"), z.maxLength(200, "must be at most 200 characters")),
	),
);
/** Questions are checked by the content check (schema and grounding), which names each field it refuses. */
const newQuizSchema = z.strictObject({ articleId: z.string().check(z.minLength(1), z.maxLength(100)), title, questions: z.unknown() });
const newVersionSchema = z.strictObject({ title: z.optional(title), questions: z.unknown() });

const noQuiz = (id: string) => notFound("Quiz not found", `You have no quiz ${id}.`);

const summary = (q: TeacherQuizRow) => ({ id: q.id, title: q.title, version: q.version, questionCount: q.questionCount });

/** A refused publication as the API's problem: what is unknown, or each field to fix (`questions[3].evidence.quote`). */
function publishProblem(result: Exclude<PublishResult, { kind: "published" }>): HttpProblem {
	switch (result.kind) {
		case "unknownArticle":
			return unprocessable("Unknown article", `You have no article ${result.articleId}.`, [
				{ path: "articleId", message: "unknown article" },
			]);
		case "unknownQuiz":
			return noQuiz(result.quizId);
		case "archived":
			return conflict("Quiz archived", `Quiz ${result.quizId} was deleted: it takes no new version. Publish a new quiz instead.`);
		case "invalid":
			return unprocessable(
				"The quiz does not check out",
				`Fix these before publishing: ${result.issues.map(describeIssue).join("; ")}`,
				result.issues,
			);
	}
}

/** The quiz a teacher exports to another system, or not found. */
async function exportable(c: { var: TeacherEnv["Variables"] }, quizId: string) {
	const quiz = await teacherQuizForExport(c.var.db, c.var.teacher.teacherId, quizId);
	if (!quiz) throw noQuiz(quizId);
	return quiz;
}

/** A teacher's own quizzes: publish, new versions, archive, and exports for Moodle and Canvas. Mounted under the teacher API. */
export const teacherQuizzesApi = new Hono<TeacherEnv>()
	.post("/", limitBody(QUIZ_BODY_BYTES), requireJson, validate("json", newQuizSchema), async (c) => {
		const result = await publishQuiz(c.var.db, c.var.teacher.teacherId, c.req.valid("json"));
		if (result.kind !== "published") throw publishProblem(result);
		return created(c, summary(result.quiz), `/api/teacher/quizzes/${result.quiz.id}`);
	})
	.get("/", async (c) => {
		const rows = await listQuizzes(c.var.db, c.var.teacher.teacherId);
		return c.json({
			quizzes: rows.map((q) => ({
				...summary(q),
				archived: q.archivedAt !== null,
				createdAt: q.createdAt.toISOString(),
				updatedAt: q.updatedAt.toISOString(),
			})),
		});
	})
	.get("/:quizId", idParam("quizId"), async (c) => {
		const { quizId } = c.req.valid("param");
		const found = await teacherQuiz(c.var.db, c.var.teacher.teacherId, quizId);
		if (found.kind === "unknownQuiz") throw noQuiz(quizId);
		const { article, quiz } = found.content;
		return c.json({
			...summary(found.quiz),
			archived: found.quiz.archivedAt !== null,
			articleId: found.quiz.articleId,
			article: { title: article.title, source: article.source || null, date: article.date, paragraphs: article.paragraphs },
			questions: quiz.questions,
			versions: found.versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })),
		});
	})
	.put("/:quizId", idParam("quizId"), limitBody(QUIZ_BODY_BYTES), requireJson, validate("json", newVersionSchema), async (c) => {
		const result = await republishQuiz(c.var.db, c.var.teacher.teacherId, c.req.valid("param").quizId, c.req.valid("json"));
		if (result.kind !== "published") throw publishProblem(result);
		return c.json(summary(result.quiz));
	})
	.delete("/:quizId", idParam("quizId"), async (c) => {
		const { quizId } = c.req.valid("param");
		if (!(await archiveQuiz(c.var.db, c.var.teacher.teacherId, quizId))) throw noQuiz(quizId);
		return noContent(c);
	})
	.get("/:quizId/export.gift", idParam("quizId"), async (c) => {
		const quiz = await exportable(c, c.req.valid("param").quizId);
		let gift: string;
		try {
			gift = quizToGift(quiz);
		} catch (err) {
			if (!(err instanceof RangeError)) throw err;
			throw unprocessable("Cannot be written as GIFT", err.message);
		}
		// Moodle's import form decides the format by the file's extension: .txt.
		return c.body(gift, {
			headers: {
				"Content-Type": "text/plain; charset=utf-8",
				"Content-Disposition": contentDisposition(csvFileName([quiz.title, "gift"], "txt")),
				"Cache-Control": "private, no-store",
			},
		});
	})
	.get("/:quizId/export-qti.zip", idParam("quizId"), async (c) => {
		const quiz = await exportable(c, c.req.valid("param").quizId);
		return c.body(quizToQtiPackage(quiz), {
			headers: {
				"Content-Type": "application/zip",
				"Content-Disposition": contentDisposition(csvFileName([quiz.title, "qti"], "zip")),
				"Cache-Control": "private, no-store",
			},
		});
	});
