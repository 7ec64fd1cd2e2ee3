import { Hono } from "hono";
import { nameField } from "../../domain/names";
import type { AppEnv } from "../../env";
import { JSON_BODY_BYTES, limitBody } from "../../http/body-limit";
import { idParam } from "../../http/params";
import { badRequest, created, noContent, notFound } from "../../http/problem";
import { countFailures } from "../../http/rate-limit";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { linkJson } from "../exports/api";
import { requireAdmin } from "./middleware";
import { listTeachers } from "./queries";
import { createTeacher, issueToken, removeTeacher, revokeTeacherExportLinks, revokeTokens, teacherExportLinks } from "./service";

const noTeacher = (id: string) => notFound("Teacher not found", `There is no teacher ${id}.`);

/** The operator's API: teachers, their tokens and export links. Every route needs the ADMIN_TOKEN; bodies are limited before anything reads them. */
export const adminApi = new Hono<AppEnv>()
	.use(countFailures(), limitBody(JSON_BODY_BYTES), requireAdmin)
	.post("/teachers", requireJson, validate("json", z.object({ name: nameField("teacher") })), async (c) => {
		const teacher = await createTeacher(c.var.db, c.req.valid("json").name);
		c.header("Cache-Control", "no-store");
		return created(c, teacher);
	})
	.get("/teachers", async (c) => {
		const rows = await listTeachers(c.var.db);
		return c.json({ teachers: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() })) });
	})
	.post("/teachers/:teacherId/tokens", idParam("teacherId"), async (c) => {
		const { teacherId } = c.req.valid("param");
		const result = await issueToken(c.var.db, teacherId);
		if (result.kind === "unknownTeacher") throw noTeacher(teacherId);
		c.header("Cache-Control", "no-store");
		return created(c, { id: result.id, name: result.name, token: result.token });
	})
	.delete("/teachers/:teacherId/tokens", idParam("teacherId"), async (c) => {
		const { teacherId } = c.req.valid("param");
		const result = await revokeTokens(c.var.db, teacherId);
		if (result.kind === "unknownTeacher") throw noTeacher(teacherId);
		return c.json({ id: result.id, revoked: result.revoked, exportLinksRevoked: result.exportLinksRevoked });
	})
	.get("/teachers/:teacherId/export-links", idParam("teacherId"), async (c) => {
		const { teacherId } = c.req.valid("param");
		const result = await teacherExportLinks(c.var.db, teacherId);
		if (result.kind === "unknownTeacher") throw noTeacher(teacherId);
		return c.json({
			links: result.links.map((l) => ({ ...linkJson(l), classId: l.classId, className: l.className })),
		});
	})
	.delete("/teachers/:teacherId/export-links", idParam("teacherId"), async (c) => {
		const { teacherId } = c.req.valid("param");
		const result = await revokeTeacherExportLinks(c.var.db, teacherId);
		if (result.kind !== "revoked") throw noTeacher(teacherId);
		return c.json({ id: teacherId, revoked: result.revoked });
	})
	.delete("/teachers/:teacherId/export-links/:linkId", idParam("teacherId", "linkId"), async (c) => {
		const { teacherId, linkId } = c.req.valid("param");
		const result = await revokeTeacherExportLinks(c.var.db, teacherId, linkId);
		if (result.kind === "unknownTeacher") throw noTeacher(teacherId);
		if (result.kind === "unknownLink") throw notFound("Link not found", `Teacher ${teacherId} has no export link ${linkId}.`);
		return noContent(c);
	})
	.delete("/teachers/:teacherId", idParam("teacherId"), async (c) => {
		const { teacherId } = c.req.valid("param");
		const result = await removeTeacher(c.var.db, teacherId, c.req.query("confirm"));
		if (result.kind === "unknownTeacher") throw noTeacher(teacherId);
		if (result.kind === "confirmationNeeded") {
			throw badRequest(
				"Confirmation needed",
				"Deleting a teacher deletes their tokens, classes, every attempt in them, their articles and quizzes. Repeat the teacher's id or exact name as ?confirm=… to go ahead.",
			);
		}
		return noContent(c);
	});
