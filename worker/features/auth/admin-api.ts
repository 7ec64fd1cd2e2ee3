import { Hono } from "hono";
import { nameField } from "../../domain/names";
import type { AppEnv } from "../../env";
import { idParam } from "../../http/params";
import { created, notFound } from "../../http/problem";
import { countFailures } from "../../http/rate-limit";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { requireAdmin } from "./middleware";
import { listTeachers } from "./queries";
import { createTeacher, issueToken, revokeTokens } from "./service";

const noTeacher = (id: string) => notFound("Teacher not found", `There is no teacher ${id}.`);

/** The operator's API: teachers and their tokens. Every route needs the ADMIN_TOKEN. */
export const adminApi = new Hono<AppEnv>()
	.use(countFailures(), requireAdmin)
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
		return c.json({ id: result.id, revoked: result.revoked });
	});
