import { Hono } from "hono";
import { normaliseName } from "../../domain/names";
import { hashSecret, newSecret } from "../../domain/secrets";
import type { AppEnv } from "../../env";
import { Problem } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { requireAdmin } from "./middleware";
import { addToken, findTeacher, insertTeacher, listTeachers, revokeTokens } from "./queries";

export const TEACHER_TOKEN_PREFIX = "qlt";

const teacherName = z.pipe(
	z.string(),
	z.transform(normaliseName).check(
		z.refine((s) => s.length >= 1, "must not be empty"),
		z.refine((s) => s.length <= 100, "must be at most 100 characters"),
	),
);

const teacherParam = validate("param", z.object({ teacherId: z.string().check(z.minLength(1), z.maxLength(100)) }));

async function teacherOr404(db: AppEnv["Variables"]["db"], id: string) {
	const teacher = await findTeacher(db, id);
	if (!teacher) throw new Problem(404, "Teacher not found", `There is no teacher ${id}.`);
	return teacher;
}

/** The operator's API: teachers and their tokens. Every route needs the ADMIN_TOKEN. */
export const admin = new Hono<AppEnv>()
	.use(requireAdmin)
	.post("/teachers", requireJson, validate("json", z.object({ name: teacherName })), async (c) => {
		const { name } = c.req.valid("json");
		const id = crypto.randomUUID();
		const token = newSecret(TEACHER_TOKEN_PREFIX);
		await insertTeacher(c.var.db, { id, name, tokenId: crypto.randomUUID(), tokenHash: await hashSecret(token), now: new Date() });
		c.header("Cache-Control", "no-store");
		return c.json({ id, name, token }, 201);
	})
	.get("/teachers", async (c) => {
		const rows = await listTeachers(c.var.db);
		return c.json({ teachers: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() })) });
	})
	.post("/teachers/:teacherId/tokens", teacherParam, async (c) => {
		const teacher = await teacherOr404(c.var.db, c.req.valid("param").teacherId);
		const token = newSecret(TEACHER_TOKEN_PREFIX);
		await addToken(c.var.db, { id: crypto.randomUUID(), teacherId: teacher.id, tokenHash: await hashSecret(token), now: new Date() });
		c.header("Cache-Control", "no-store");
		return c.json({ id: teacher.id, name: teacher.name, token }, 201);
	})
	.delete("/teachers/:teacherId/tokens", teacherParam, async (c) => {
		const teacher = await teacherOr404(c.var.db, c.req.valid("param").teacherId);
		const revoked = await revokeTokens(c.var.db, teacher.id);
		return c.json({ id: teacher.id, revoked });
	});
