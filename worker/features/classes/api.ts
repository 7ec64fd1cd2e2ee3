import { Hono } from "hono";
import { type ClassRow, REVIEW_LEVELS, REVIEW_TIMES } from "../../db/schema";
import { describeIssue } from "../../domain/issues";
import { nameField } from "../../domain/names";
import type { ClassEnv, TeacherEnv } from "../../env";
import { JSON_BODY_BYTES, limitBody } from "../../http/body-limit";
import { idSchema } from "../../http/params";
import { badRequest, created, type FieldProblem, noContent } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { classExportsApi } from "../exports/api";
import { rosterApi } from "../roster/api";
import { loadClass } from "./middleware";
import { listTeacherClasses } from "./queries";
import { changeClass, createClass, removeClass, removeStudent } from "./service";

const policy = {
	openQuizIds: z.optional(z.nullable(z.array(idSchema).check(z.maxLength(200)))),
	closesAt: z.optional(
		z.nullable(
			z.pipe(
				z.iso.datetime({ offset: true, message: "must be an ISO 8601 time, e.g. 2026-12-24T16:00:00Z" }),
				z.transform((s) => new Date(s)),
			),
		),
	),
	maxAttempts: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(100)))),
	/** What students see after submitting: the score only, which questions were right, or everything. */
	review: z.optional(z.enum(REVIEW_LEVELS, `must be one of ${REVIEW_LEVELS.join(", ")}`)),
	/** When: at once, or once the class has closed (closesAt). */
	reviewAfter: z.optional(z.enum(REVIEW_TIMES, `must be one of ${REVIEW_TIMES.join(", ")}`)),
	namePicker: z.optional(z.boolean()),
};

const createSchema = z.strictObject({ name: nameField("class"), ...policy });
const updateSchema = z.strictObject({ name: z.optional(nameField("class")), ...policy });

/** A class as the API shows it. */
export function classJson(cls: ClassRow, origin: string, attempts?: number) {
	return {
		id: cls.id,
		name: cls.name,
		joinCode: cls.joinCode,
		joinUrl: `${origin}/join/${cls.joinCode}`,
		createdAt: cls.createdAt.toISOString(),
		openQuizIds: cls.openQuizIds,
		closesAt: cls.closesAt?.toISOString() ?? null,
		maxAttempts: cls.maxAttempts,
		review: cls.review,
		reviewAfter: cls.reviewAfter,
		namePicker: cls.namePicker,
		...(attempts === undefined ? {} : { attempts }),
	};
}

const origin = (url: string) => new URL(url).origin;

/** Open quizzes that do not exist (or are not this teacher's) are bad input, like any other invalid field. */
const unknownQuizzes = (issues: FieldProblem[]) =>
	badRequest("Invalid request", `The request is not valid: ${issues.map(describeIssue).join("; ")}`, issues);

/** One class of the signed-in teacher (`c.var.cls`, loaded by loadClass), its settings, students and exports. */
const oneClassApi = new Hono<ClassEnv>()
	.get("/", (c) => c.json(classJson(c.var.cls, origin(c.req.url))))
	.patch("/", requireJson, validate("json", updateSchema), async (c) => {
		const result = await changeClass(c.var.db, c.var.cls, c.req.valid("json"));
		if (result.kind === "unknownQuizzes") throw unknownQuizzes(result.issues);
		return c.json(classJson(result.cls, origin(c.req.url)));
	})
	.delete("/", async (c) => {
		const result = await removeClass(c.var.db, c.var.cls, c.req.query("confirm"));
		if (result.kind === "confirmationNeeded") {
			throw badRequest(
				"Confirmation needed",
				"Deleting a class deletes every attempt in it. Repeat the class's id or exact name as ?confirm=… to go ahead.",
			);
		}
		return noContent(c);
	})
	.delete(
		"/students",
		requireJson,
		validate("json", z.strictObject({ studentName: z.string().check(z.minLength(1), z.maxLength(1000)) })),
		async (c) => c.json(await removeStudent(c.var.db, c.var.cls, c.req.valid("json").studentName)),
	)
	.route("/roster", rosterApi)
	.route("/", classExportsApi);

/** The teacher's classes. Mounted under the teacher API, which has signed the teacher in; bodies are limited before anything reads them. */
export const classesApi = new Hono<TeacherEnv>()
	.use(limitBody(JSON_BODY_BYTES))
	.post("/", requireJson, validate("json", createSchema), async (c) => {
		const result = await createClass(c.var.db, c.var.teacher.teacherId, c.req.valid("json"));
		if (result.kind === "unknownQuizzes") throw unknownQuizzes(result.issues);
		return created(c, classJson(result.cls, origin(c.req.url)), `/api/teacher/classes/${result.cls.id}`);
	})
	.get("/", async (c) => {
		const rows = await listTeacherClasses(c.var.db, c.var.teacher.teacherId);
		return c.json({ classes: rows.map((r) => classJson(r.cls, origin(c.req.url), r.attempts)) });
	})
	.use("/:classId/*", loadClass)
	.route("/:classId", oneClassApi);
