/**
 * `/api/teacher/classes/:classId/roster`: a class's roster as JSON. Mounted inside the one-class API,
 * so the class is loaded and authorised (`c.var.cls`) and bodies are already limited
 * (JSON_BODY_BYTES) before anything here reads them.
 *
 *   GET    /roster                          the roster, each student with their personal code
 *   PUT    /roster                          replace it with a list (JSON, CSV or one name per line)
 *   POST   /roster/students                 add (or update) students, removing nobody
 *   PATCH  /roster/students/:studentId      rename, change identifiers
 *   DELETE /roster/students/:studentId      take off the roster (attempts stay)
 *   POST   /roster/students/:studentId/code a new personal code
 */
import { type Context, Hono } from "hono";
import { describeIssue, type Issue } from "../../domain/issues";
import type { ImportMode, RosterInput, RosterStudent } from "../../domain/roster";
import type { ClassEnv } from "../../env";
import { idParam } from "../../http/params";
import { badRequest, conflict, created, noContent, notFound, unprocessable, unsupportedMediaType } from "../../http/problem";
import { fieldProblems, requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import {
	editStudent,
	type ImportResult,
	importRoster,
	type RosterFormat,
	readRosterFile,
	removeFromRoster,
	renewCode,
	rosterOf,
} from "./service";

const cellSchema = z.optional(z.nullable(z.string().check(z.maxLength(1000, "is too long"))));

/** The JSON an import takes. Names and identifiers are only bounded here: the name rule answers with its own problems, per student. */
const rosterSchema = z.strictObject({
	students: z
		.array(
			z.strictObject({
				name: z.string().check(z.maxLength(1000, "is too long")),
				email: cellSchema,
				studentId: cellSchema,
				section: cellSchema,
			}),
		)
		.check(z.maxLength(5000, "has too many students")),
});

const editSchema = z.strictObject({
	name: z.optional(z.string().check(z.maxLength(1000, "is too long"))),
	email: cellSchema,
	studentId: cellSchema,
	section: cellSchema,
});

/** One student as the API shows them: `joinUrl` opens the join page already signed in as them. */
export function studentJson(s: RosterStudent, origin: string) {
	return {
		id: s.id,
		name: s.name,
		email: s.email,
		studentId: s.studentId,
		section: s.section,
		code: s.code,
		joinUrl: `${origin}/join/${s.code}`,
	};
}

const origin = (c: Context<ClassEnv>) => new URL(c.req.url).origin;

function rosterJson(c: Context<ClassEnv>, roster: readonly RosterStudent[]) {
	const { cls } = c.var;
	return { classId: cls.id, namePicker: cls.namePicker, students: roster.map((s) => studentJson(s, origin(c))) };
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json(\s*;|$)/i;
const TEXT_TYPE = /^text\/(csv|plain)(\s*;|$)/i;

/** The students of a request body: JSON `{ students: [...] }`, or a CSV or one name per line (text/csv, text/plain). */
async function readBody(c: Context<ClassEnv>): Promise<{ format: RosterFormat; inputs: RosterInput[] }> {
	const type = c.req.header("Content-Type") ?? "";
	if (JSON_TYPE.test(type)) {
		let body: unknown;
		try {
			body = await c.req.json();
		} catch {
			throw badRequest("Malformed JSON", "The body is not valid JSON.");
		}
		const parsed = rosterSchema.safeParse(body);
		if (!parsed.success) {
			const errors = fieldProblems(parsed.error.issues);
			throw badRequest("Invalid request", `The request is not valid: ${errors.map(describeIssue).join("; ")}`, errors);
		}
		return { format: "json", inputs: parsed.data.students };
	}
	if (TEXT_TYPE.test(type)) {
		const read = readRosterFile(new Uint8Array(await c.req.arrayBuffer()));
		if (read.kind === "unreadable") throw unprocessable("Unreadable roster", read.message, [{ path: "(body)", message: read.message }]);
		if (read.kind === "empty") {
			const detail = 'The body lists no students. To empty the roster, PUT {"students": []} as JSON.';
			throw unprocessable("No students", detail, [{ path: "(body)", message: "lists no students" }]);
		}
		return { format: read.format, inputs: read.inputs };
	}
	throw unsupportedMediaType(
		'Send the roster as JSON ("Content-Type: application/json", {"students": [{"name": "…"}]}), or as a CSV or one name per line ("Content-Type: text/csv" or "text/plain").',
	);
}

const invalidRoster = (issues: Issue[]) =>
	unprocessable("Invalid roster", `Some students cannot be imported: ${issues.map(describeIssue).join("; ")}`, issues);

const busy = () => conflict("Roster busy", "The roster changed while this import was being written. Send it again.");

/** Reads the body and imports it; the JSON every import answers with. */
async function runImport(c: Context<ClassEnv>, mode: ImportMode) {
	const { format, inputs } = await readBody(c);
	const result: ImportResult = await importRoster(c.var.db, c.var.cls, inputs, mode);
	if (result.kind === "invalid") throw invalidRoster(result.issues);
	if (result.kind === "busy") throw busy();
	return {
		added: result.counts.added,
		body: { ...rosterJson(c, result.roster), format, changes: result.counts, suffixed: result.suffixed },
	};
}

const studentNotFound = () => notFound("Student not found", "This class's roster has no such student.");

export const rosterApi = new Hono<ClassEnv>()
	.get("/", async (c) => c.json(rosterJson(c, await rosterOf(c.var.db, c.var.cls))))
	.put("/", async (c) => c.json((await runImport(c, "replace")).body))
	.post("/students", async (c) => {
		const { added, body } = await runImport(c, "add");
		return added > 0 ? created(c, body) : c.json(body);
	})
	.patch("/students/:studentId", idParam("studentId"), requireJson, validate("json", editSchema), async (c) => {
		const result = await editStudent(c.var.db, c.var.cls, c.req.valid("param").studentId, c.req.valid("json"));
		switch (result.kind) {
			case "notFound":
				throw studentNotFound();
			case "invalid":
				throw invalidRoster(result.issues);
			case "taken": {
				const what = { name: "name", studentId: "student id", email: "email" }[result.field];
				throw conflict("Already on the roster", `${result.other} already has this ${what}. Each student's must be their own.`);
			}
			case "changed":
				return c.json(studentJson(result.student, origin(c)));
		}
	})
	.delete("/students/:studentId", idParam("studentId"), async (c) => {
		const result = await removeFromRoster(c.var.db, c.var.cls, c.req.valid("param").studentId);
		if (result.kind === "notFound") throw studentNotFound();
		return noContent(c);
	})
	.post("/students/:studentId/code", idParam("studentId"), async (c) => {
		const result = await renewCode(c.var.db, c.var.cls, c.req.valid("param").studentId);
		if (result.kind === "notFound") throw studentNotFound();
		return c.json(studentJson(result.student, origin(c)));
	});
