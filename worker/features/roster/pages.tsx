/**
 * The roster in the dashboard, under `/teacher/classes/:classId` (mounted after requireSession and
 * loadClass, so `c.var.cls` is the signed-in teacher's class and another teacher's is "not found"):
 *
 *   GET  /roster                      the roster: table, add one, import, what it all means
 *   POST /roster/import               paste or upload a list (multipart; 256 KiB)
 *   POST /roster/students             add one student
 *   GET  /roster/:studentId           one student: rename, identifiers, new code, remove
 *   POST /roster/:studentId           save the student
 *   POST /roster/:studentId/code      a new personal code
 *   POST /roster/:studentId/remove    take them off the roster (results stay)
 *   GET  /cards                       printable cards (?student=… for one)
 */
import { type Context, Hono } from "hono";
import type { ClassRow } from "../../db/schema";
import type { Issue } from "../../domain/issues";
import { type RosterInput, spacedCode } from "../../domain/roster";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { type FormBody, formText, formTexts, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { notFound, seeOther } from "../../http/problem";
import {
	CardsPage,
	type RosterNotice,
	RosterPage,
	type RosterPageProps,
	StudentPage,
	type StudentPageProps,
} from "../../views/teacher/roster";
import type { TeacherIdentity } from "../auth/queries";
import {
	editStudent,
	type ImportCounts,
	importRoster,
	readRosterFile,
	removeFromRoster,
	renewCode,
	rosterOf,
	rosterStudent,
} from "./service";

type RosterPagesEnv = { Bindings: Env; Variables: PageEnv["Variables"] & { teacher: TeacherIdentity; cls: ClassRow } };
type Ctx = Context<RosterPagesEnv>;

/** A pasted list or an uploaded gradebook: a few hundred students with their assignment columns fit. */
export const ROSTER_FORM_BYTES = 256 * 1024;
const ROSTER_TOO_LARGE =
	"This list is larger than 256 KB. Upload only the columns the roster needs (name, email, student id, section), or import it in parts with “Keep them, and add”.";
/** The student forms: a name and three short fields. */
const STUDENT_FORM_BYTES = 8 * 1024;

const FORMAT_NAMES = { canvas: "a Canvas gradebook export", moodle: "a Moodle grades export", plain: "your list" } as const;

const FIELD_NAMES: Record<string, string> = { name: "name", email: "email", studentId: "student id", section: "section" };

/** An issue of an import as a sentence a teacher can act on: which student (by number and name), which field, what is wrong. */
function issueSentence(issue: Issue, inputs: readonly RosterInput[]): string {
	const m = /^students\[(\d+)\]\.(\w+)$/.exec(issue.path);
	if (!m) return `The list ${issue.message}.`;
	const i = Number(m[1]);
	const name = inputs[i]?.name.trim() ?? "";
	const who = name === "" ? `Student ${i + 1}` : `Student ${i + 1} (“${[...name].slice(0, 40).join("")}”)`;
	return `${who}: the ${FIELD_NAMES[m[2] ?? ""] ?? m[2]} ${issue.message}.`;
}

function countsSentence(from: string, n: ImportCounts): string {
	const parts = [`${n.added} added`, `${n.updated} updated`, `${n.removed} removed`, `${n.unchanged} unchanged`];
	return n.added + n.updated + n.removed === 0
		? `Imported ${from}: nothing changed, everyone was already on the roster as listed (${n.unchanged} unchanged).`
		: `Imported ${from}: ${parts.join(", ")}.`;
}

const joinAddress = (c: Ctx) => `${new URL(c.req.url).origin}/join`;

async function rosterPage(c: Ctx, props: Partial<RosterPageProps> = {}, outcome?: "invalidForm") {
	const { cls } = c.var;
	const roster = props.roster ?? (await rosterOf(c.var.db, cls));
	const page = <RosterPage cls={cls} roster={roster} joinAddress={joinAddress(c)} {...props} />;
	const meta = { title: `Roster of ${cls.name}` };
	return outcome ? renderAs(c, outcome, page, meta) : c.render(page, meta);
}

/** The text of a form field, or of an uploaded file when one was chosen (browsers send an empty part when none was). */
function uploaded(body: FormBody, name: string): File | null {
	const value = body[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first instanceof File && first.size > 0 ? first : null;
}

const studentValues = (body: FormBody, prefix = "") =>
	formTexts(body, { name: `${prefix}name`, email: `${prefix}email`, studentId: `${prefix}studentId`, section: `${prefix}section` });

async function studentPage(c: Ctx, id: string, props: Partial<StudentPageProps> = {}, outcome?: "invalidForm" | "conflict") {
	const { cls } = c.var;
	const student = props.student ?? (await rosterStudent(c.var.db, cls, id));
	if (!student) throw notFound("Student not found", `The roster of ${cls.name} has no such student. They may have been removed.`);
	const joinUrl = `${new URL(c.req.url).origin}/join/${student.code}`;
	const page = <StudentPage cls={cls} joinUrl={joinUrl} {...props} student={student} />;
	const meta = { title: student.name };
	return outcome ? renderAs(c, outcome, page, meta) : c.render(page, meta);
}

export const rosterPages = new Hono<RosterPagesEnv>()
	.get("/roster", (c) => rosterPage(c))
	.post("/roster/import", limitBody(ROSTER_FORM_BYTES, ROSTER_TOO_LARGE), async (c) => {
		const body = await readForm(c);
		const pasted = formText(body, "names");
		const mode = formText(body, "mode") === "replace" ? "replace" : "add";
		const file = uploaded(body, "file");
		const again = { pasted, mode } as const;
		if (file && pasted.trim() !== "") {
			return rosterPage(
				c,
				{ ...again, errors: ["Paste a list or upload a file, not both: empty the box or choose no file."] },
				"invalidForm",
			);
		}
		const read = readRosterFile(file ? new Uint8Array(await file.arrayBuffer()) : pasted);
		if (read.kind === "unreadable") return rosterPage(c, { ...again, errors: [read.message] }, "invalidForm");
		if (read.kind === "empty") {
			return rosterPage(c, { ...again, errors: ["The list has no names. Paste one name per line, or choose a file."] }, "invalidForm");
		}
		const result = await importRoster(c.var.db, c.var.cls, read.inputs, mode);
		if (result.kind === "invalid") {
			return rosterPage(c, { ...again, errors: result.issues.map((i) => issueSentence(i, read.inputs)) }, "invalidForm");
		}
		if (result.kind === "busy") {
			return rosterPage(
				c,
				{ ...again, errors: ["The roster changed while this list was being imported. Import it again."] },
				"invalidForm",
			);
		}
		const from = file ? FORMAT_NAMES[read.format] : FORMAT_NAMES.plain;
		const notice: RosterNotice = { lines: [countsSentence(from, result.counts)], suffixed: result.suffixed };
		return rosterPage(c, { roster: result.roster, notice });
	})
	.post("/roster/students", limitBody(STUDENT_FORM_BYTES), async (c) => {
		const added = studentValues(await readForm(c), "new-");
		const result = await importRoster(c.var.db, c.var.cls, [added], "add");
		if (result.kind === "invalid" || result.kind === "busy") {
			const errors =
				result.kind === "invalid"
					? result.issues.map((i) => issueSentence(i, [{ name: "" }]).replace(/^Student 1: /, ""))
					: ["The roster changed at the same moment. Add the student again."];
			return rosterPage(c, { added, addErrors: errors.map((e) => e.charAt(0).toUpperCase() + e.slice(1)) }, "invalidForm");
		}
		const [student] = result.added;
		const lines = student
			? [`${student.name} is on the roster, with the code ${spacedCode(student.code)}.`]
			: [
					`${added.name.trim()} was already on the roster, so nobody was added. To add a second student of that name, give them a student id or an email, or tell them apart with an initial.`,
				];
		return rosterPage(c, { roster: result.roster, notice: { lines, suffixed: result.suffixed } });
	})
	.get("/roster/:studentId", (c) =>
		studentPage(c, c.req.param("studentId"), {
			notice: c.req.query("new-code") === undefined ? undefined : "This is the new code. The old one no longer works.",
		}),
	)
	.post("/roster/:studentId", limitBody(STUDENT_FORM_BYTES), async (c) => {
		const id = c.req.param("studentId");
		const values = studentValues(await readForm(c));
		const result = await editStudent(c.var.db, c.var.cls, id, values);
		switch (result.kind) {
			case "notFound":
				return studentPage(c, id);
			case "invalid":
				return studentPage(
					c,
					id,
					{ values, errors: result.issues.map((i) => `The ${FIELD_NAMES[i.path] ?? i.path} ${i.message}.`) },
					"invalidForm",
				);
			case "taken": {
				const what = FIELD_NAMES[result.field] ?? result.field;
				const errors = [`${result.other} already has this ${what}. Each student's ${what} must be their own.`];
				return studentPage(c, id, { values, errors }, "conflict");
			}
			case "changed":
				return seeOther(c, `/teacher/classes/${c.var.cls.id}/roster#student-${id}`);
		}
	})
	.post("/roster/:studentId/code", limitBody(STUDENT_FORM_BYTES), async (c) => {
		const id = c.req.param("studentId");
		const result = await renewCode(c.var.db, c.var.cls, id);
		if (result.kind === "notFound") return studentPage(c, id);
		return seeOther(c, `/teacher/classes/${c.var.cls.id}/roster/${encodeURIComponent(id)}?new-code=1`);
	})
	.post("/roster/:studentId/remove", limitBody(STUDENT_FORM_BYTES), async (c) => {
		const id = c.req.param("studentId");
		const result = await removeFromRoster(c.var.db, c.var.cls, id);
		if (result.kind === "notFound") return studentPage(c, id);
		return seeOther(c, `/teacher/classes/${c.var.cls.id}/roster`);
	})
	.get("/cards", async (c) => {
		const { cls } = c.var;
		const only = c.req.query("student");
		const roster = await rosterOf(c.var.db, cls);
		const students = only === undefined ? roster : roster.filter((s) => s.id === only);
		if (only !== undefined && students.length === 0) throw notFound("Student not found", `The roster of ${cls.name} has no such student.`);
		const page = (
			<CardsPage
				cls={cls}
				students={students}
				origin={new URL(c.req.url).origin}
				nonce={c.var.secureHeadersNonce}
				one={only !== undefined}
			/>
		);
		return c.render(page, { title: `Cards for ${cls.name}` });
	});
