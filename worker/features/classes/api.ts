import { Hono } from "hono";
import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import { normaliseName, studentKey } from "../../domain/names";
import { hashSecret, newJoinCode, newSecret } from "../../domain/secrets";
import { Problem } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { isUniqueViolation } from "../attempts/queries";
import { requireTeacher, type TeacherEnv } from "../auth/middleware";
import { deleteExportLink, insertExportLink, listExportLinks } from "../exports/link-queries";
import { exportFilterQuery, exportLinkUrl, toFilter } from "../exports/params";
import { sendExport } from "../exports/send";
import { EXPORT_KINDS } from "../exports/service";
import { getCatalog } from "../quizzes/library";
import { deleteClass, deleteStudentAttempts, findTeacherClass, insertClass, listTeacherClasses, updateClass } from "./queries";

const className = z.pipe(
	z.string(),
	z.transform(normaliseName).check(
		z.refine((s) => s.length >= 1, "must not be empty"),
		z.refine((s) => [...s].length <= 80, "must be at most 80 characters"),
	),
);

const knownQuizIds = z.array(z.string().check(z.maxLength(100))).check(
	z.maxLength(200),
	z.superRefine(async (ids, ctx) => {
		const { byId } = await getCatalog();
		for (const id of ids) if (!byId.has(id)) ctx.issues.push({ code: "custom", message: `there is no quiz "${id}"`, input: id });
	}),
);

const policy = {
	openQuizIds: z.optional(z.nullable(knownQuizIds)),
	closesAt: z.optional(
		z.nullable(
			z.pipe(
				z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-12-24T16:00:00Z" }),
				z.transform((s) => new Date(s)),
			),
		),
	),
	maxAttempts: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(100)))),
};

const createSchema = z.strictObject({ name: className, ...policy });
const updateSchema = z.strictObject({ name: z.optional(className), ...policy });

/** A class as the API shows it. */
export function classJson(cls: ClassRow, origin: string, attempts?: number) {
	return {
		id: cls.id,
		name: cls.name,
		joinCode: cls.joinCode,
		joinUrl: `${origin}/join/${cls.joinCode}`,
		createdAt: cls.createdAt.toISOString(),
		openQuizIds: cls.openQuizIds === null ? null : (JSON.parse(cls.openQuizIds) as string[]),
		closesAt: cls.closesAt?.toISOString() ?? null,
		maxAttempts: cls.maxAttempts,
		...(attempts === undefined ? {} : { attempts }),
	};
}

const origin = (url: string) => new URL(url).origin;

/** The teacher's class, or 404 whether it is missing or another teacher's: never confirm it exists. */
export async function classOr404(db: Database, teacherId: string, classId: string): Promise<ClassRow> {
	const cls = await findTeacherClass(db, teacherId, classId);
	if (!cls) throw new Problem(404, "Class not found", `You have no class ${classId}.`);
	return cls;
}

/** Creates a class with a fresh join code, drawing again in the rare case the code is taken. */
export async function createClass(
	db: Database,
	teacherId: string,
	input: { name: string; openQuizIds?: string[] | null; closesAt?: Date | null; maxAttempts?: number | null },
): Promise<ClassRow> {
	for (let tries = 0; ; tries++) {
		try {
			return await insertClass(db, {
				id: crypto.randomUUID(),
				teacherId,
				name: input.name,
				joinCode: newJoinCode(),
				createdAt: new Date(),
				openQuizIds: input.openQuizIds ? JSON.stringify(input.openQuizIds) : null,
				closesAt: input.closesAt ?? null,
				maxAttempts: input.maxAttempts ?? null,
			});
		} catch (err) {
			if (!isUniqueViolation(err) || tries >= 5) throw err;
		}
	}
}

const classParam = validate("param", z.object({ classId: z.string().check(z.minLength(1), z.maxLength(100)) }));

const linkSchema = z.strictObject({
	export: z.enum(EXPORT_KINDS),
	quizId: z.optional(z.string().check(z.maxLength(100))),
	expiresInDays: z._default(z.int().check(z.gte(1), z.lte(366)), 30),
});

/** The teacher's API: classes, their exports and export links. Bearer token or dashboard session. */
export const teacher = new Hono<TeacherEnv>()
	.use(requireTeacher)
	.get("/me", (c) => c.json({ id: c.var.teacher.teacherId, name: c.var.teacher.teacherName }))
	.post("/classes", requireJson, validate("json", createSchema), async (c) => {
		const cls = await createClass(c.var.db, c.var.teacher.teacherId, c.req.valid("json"));
		c.header("Location", `/api/teacher/classes/${cls.id}`);
		return c.json(classJson(cls, origin(c.req.url)), 201);
	})
	.get("/classes", async (c) => {
		const rows = await listTeacherClasses(c.var.db, c.var.teacher.teacherId);
		return c.json({ classes: rows.map((r) => classJson(r.cls, origin(c.req.url), r.attempts)) });
	})
	.get("/classes/:classId", classParam, async (c) => {
		const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
		return c.json(classJson(cls, origin(c.req.url)));
	})
	.patch("/classes/:classId", classParam, requireJson, validate("json", updateSchema), async (c) => {
		const input = c.req.valid("json");
		const changes = {
			...(input.name === undefined ? {} : { name: input.name }),
			...(input.openQuizIds === undefined ? {} : { openQuizIds: input.openQuizIds === null ? null : JSON.stringify(input.openQuizIds) }),
			...(input.closesAt === undefined ? {} : { closesAt: input.closesAt }),
			...(input.maxAttempts === undefined ? {} : { maxAttempts: input.maxAttempts }),
		};
		const { classId } = c.req.valid("param");
		const cls = await updateClass(c.var.db, c.var.teacher.teacherId, classId, changes);
		if (!cls) throw new Problem(404, "Class not found", `You have no class ${classId}.`);
		return c.json(classJson(cls, origin(c.req.url)));
	})
	.delete("/classes/:classId", classParam, async (c) => {
		const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
		const confirm = c.req.query("confirm");
		if (confirm !== cls.id && confirm !== cls.name) {
			throw new Problem(
				400,
				"Confirmation needed",
				"Deleting a class deletes every attempt in it. Repeat the class's id or exact name as ?confirm=… to go ahead.",
			);
		}
		await deleteClass(c.var.db, c.var.teacher.teacherId, cls.id);
		return c.body(null, 204);
	})
	.delete(
		"/classes/:classId/students",
		classParam,
		requireJson,
		validate("json", z.strictObject({ studentName: z.string().check(z.minLength(1), z.maxLength(1000)) })),
		async (c) => {
			const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
			const name = normaliseName(c.req.valid("json").studentName);
			const deleted = await deleteStudentAttempts(c.var.db, cls.id, studentKey(name));
			return c.json({ studentName: name, deleted });
		},
	)
	.get(
		"/classes/:classId/:file{(scores|gradebook|responses|item-analysis)\\.csv|item-analysis}",
		classParam,
		exportFilterQuery,
		async (c) => {
			const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
			const file = c.req.param("file");
			const kind = file === "item-analysis" ? "item-analysis" : (file.slice(0, -4) as (typeof EXPORT_KINDS)[number]);
			return sendExport(c, cls, kind, file.endsWith(".csv") ? "csv" : "json", toFilter(cls.id, c.req.valid("query")));
		},
	)
	.post("/classes/:classId/export-links", classParam, requireJson, validate("json", linkSchema), async (c) => {
		const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
		const input = c.req.valid("json");
		if (input.quizId !== undefined && !(await getCatalog()).byId.has(input.quizId)) {
			throw new Problem(422, "Unknown quiz", `There is no quiz "${input.quizId}".`, {
				errors: [{ path: "quizId", message: "unknown quiz" }],
			});
		}
		const token = newSecret("qle");
		const now = new Date();
		const link = {
			id: crypto.randomUUID(),
			classId: cls.id,
			tokenHash: await hashSecret(token),
			export: input.export,
			quizId: input.quizId ?? null,
			createdAt: now,
			expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
		};
		await insertExportLink(c.var.db, link);
		c.header("Cache-Control", "no-store");
		return c.json(
			{
				id: link.id,
				url: exportLinkUrl(origin(c.req.url), token, input.export),
				export: link.export,
				quizId: link.quizId,
				expiresAt: link.expiresAt.toISOString(),
			},
			201,
		);
	})
	.get("/classes/:classId/export-links", classParam, async (c) => {
		const cls = await classOr404(c.var.db, c.var.teacher.teacherId, c.req.valid("param").classId);
		const links = await listExportLinks(c.var.db, cls.id);
		return c.json({
			links: links.map((l) => ({
				id: l.id,
				export: l.export,
				quizId: l.quizId,
				createdAt: l.createdAt.toISOString(),
				expiresAt: l.expiresAt.toISOString(),
			})),
		});
	})
	.delete(
		"/classes/:classId/export-links/:linkId",
		validate("param", z.object({ classId: z.string().check(z.maxLength(100)), linkId: z.string().check(z.maxLength(100)) })),
		async (c) => {
			const { classId, linkId } = c.req.valid("param");
			const cls = await classOr404(c.var.db, c.var.teacher.teacherId, classId);
			if (!(await deleteExportLink(c.var.db, cls.id, linkId)))
				throw new Problem(404, "Link not found", `Class ${classId} has no export link ${linkId}.`);
			return c.body(null, 204);
		},
	);
