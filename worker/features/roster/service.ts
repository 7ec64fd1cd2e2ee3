/**
 * Rosters: importing (replace or add), editing one student, new personal codes, and what the
 * dashboard and the API show. Typed results, no HTTP. The matching rules are in domain/roster.ts.
 */
import type { Database } from "../../db/client";
import type { ClassRow, RosterStudentRow } from "../../db/schema";
import type { Issue } from "../../domain/issues";
import { readLmsRoster } from "../../domain/lms/gradebook-import";
import { studentKey } from "../../domain/names";
import {
	applyPlan,
	checkRoster,
	type ImportMode,
	planChanges,
	planImport,
	type RosterInput,
	type RosterPlan,
	type RosterStudent,
	type Suffixed,
} from "../../domain/roster";
import { newPersonalCode } from "../../domain/secrets";
import { isUniqueViolation } from "../attempts/queries";
import {
	deleteRosterStudent,
	findRosterStudent,
	type RosterWrite,
	readRoster,
	setRosterCode,
	updateRosterStudent,
	writeRoster,
} from "./queries";

/** A roster row as the domain plans with it. */
const toStudent = (r: RosterStudentRow): RosterStudent => ({
	id: r.id,
	code: r.code,
	name: r.name,
	email: r.email,
	studentId: r.studentId,
	section: r.section,
	position: r.position,
});

/** A class's roster, in order. */
export async function rosterOf(db: Database, cls: ClassRow): Promise<RosterStudent[]> {
	return (await readRoster(db, cls.id)).map(toStudent);
}

/** What an import did, in numbers. */
export interface ImportCounts {
	added: number;
	updated: number;
	removed: number;
	unchanged: number;
}

export type ImportResult =
	| { kind: "imported"; roster: RosterStudent[]; counts: ImportCounts; suffixed: Suffixed[]; added: RosterStudent[] }
	| { kind: "invalid"; issues: Issue[] }
	/** The roster kept changing under this import (another import at the same moment): nothing was written. */
	| { kind: "busy" };

/** How often an import is planned again when its write collides (a taken code, a roster changed meanwhile). */
const WRITE_TRIES = 4;

/**
 * Imports a list into a class's roster: "replace" makes the roster exactly the list (students not on
 * it are removed; their attempts stay), "add" only adds and updates. Matched students keep their id
 * and personal code; the same list twice changes nothing, and writes nothing.
 */
export async function importRoster(db: Database, cls: ClassRow, inputs: readonly RosterInput[], mode: ImportMode): Promise<ImportResult> {
	const checked = checkRoster(inputs);
	if (!checked.ok) return { kind: "invalid", issues: checked.issues };
	for (let tries = 1; ; tries++) {
		const rows = await readRoster(db, cls.id);
		const existing = rows.map(toStudent);
		const plan = planImport(existing, checked.entries, mode);
		const fresh = plan.added.map(() => ({ id: crypto.randomUUID(), code: newPersonalCode() }));
		const roster = applyPlan(plan, existing, fresh);
		try {
			if (planChanges(plan)) await writeRoster(db, cls.id, toWrite(plan, roster, rows), new Date());
		} catch (err) {
			if (isUniqueViolation(err) && tries < WRITE_TRIES) continue;
			if (isUniqueViolation(err)) return { kind: "busy" };
			throw err;
		}
		const freshIds = new Set(fresh.map((f) => f.id));
		return {
			kind: "imported",
			roster,
			counts: { added: plan.added.length, updated: plan.updated.length, removed: plan.removed.length, unchanged: plan.unchanged },
			suffixed: plan.suffixed,
			added: roster.filter((s) => freshIds.has(s.id)),
		};
	}
}

/** The rows a plan writes; a student whose key changes is renamed, with the attempts grouped under their stored key. */
function toWrite(plan: RosterPlan, roster: readonly RosterStudent[], existing: readonly RosterStudentRow[]): RosterWrite {
	const before = new Map(existing.map((s) => [s.id, s]));
	const updatedIds = new Set(plan.updated.map((u) => u.after.id));
	const row = (s: RosterStudent) => ({
		id: s.id,
		name: s.name,
		nameKey: studentKey(s.name),
		email: s.email,
		studentId: s.studentId,
		section: s.section,
		position: s.position,
	});
	const write: RosterWrite = { insert: [], update: [], remove: plan.removed.map((s) => s.id), rename: [] };
	for (const s of roster) {
		const old = before.get(s.id);
		if (!old) write.insert.push({ ...row(s), code: s.code });
		else if (updatedIds.has(s.id)) {
			write.update.push(row(s));
			if (old.nameKey !== studentKey(s.name))
				write.rename.push({ id: s.id, oldKey: old.nameKey, name: s.name, nameKey: studentKey(s.name) });
		}
	}
	return write;
}

/** The fields of one student a teacher edits: undefined keeps a field, null (or "") clears an identifier. */
export interface StudentChanges {
	name?: string | undefined;
	email?: string | null | undefined;
	studentId?: string | null | undefined;
	section?: string | null | undefined;
}

export type EditResult =
	| { kind: "changed"; student: RosterStudent }
	| { kind: "notFound" }
	| { kind: "invalid"; issues: Issue[] }
	/** Another student of the roster already has this name, student id or email. */
	| { kind: "taken"; field: "name" | "studentId" | "email"; other: string };

/** Renames a student or changes their identifiers. A rename moves their attempts in this class to the new name. */
export async function editStudent(db: Database, cls: ClassRow, id: string, changes: StudentChanges): Promise<EditResult> {
	const rows = await readRoster(db, cls.id);
	const stored = rows.find((r) => r.id === id);
	if (!stored) return { kind: "notFound" };
	const student = toStudent(stored);
	const roster = rows.map(toStudent);
	const keepOr = (given: string | null | undefined, kept: string | null) => (given === undefined ? kept : (given ?? ""));
	const checked = checkRoster(
		[
			{
				name: changes.name ?? student.name,
				email: keepOr(changes.email, student.email),
				studentId: keepOr(changes.studentId, student.studentId),
				section: keepOr(changes.section, student.section),
			},
		],
		"student",
	);
	if (!checked.ok) return { kind: "invalid", issues: checked.issues.map((i) => ({ ...i, path: i.path.replace(/^student\[0\]\./, "") })) };
	const [entry] = checked.entries;
	if (!entry) return { kind: "notFound" };
	const others = roster.filter((s) => s.id !== id);
	const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
	const byName = others.find((s) => studentKey(s.name) === studentKey(entry.name));
	if (byName) return { kind: "taken", field: "name", other: byName.name };
	for (const field of ["studentId", "email"] as const) {
		const other = others.find((s) => same(s[field], entry[field]));
		if (other) return { kind: "taken", field, other: other.name };
	}
	const write = { id, ...entry, nameKey: studentKey(entry.name), position: student.position };
	try {
		const row = await updateRosterStudent(db, cls.id, write, stored.nameKey);
		return row ? { kind: "changed", student: toStudent(row) } : { kind: "notFound" };
	} catch (err) {
		// Another edit took the name at the same moment.
		if (isUniqueViolation(err)) return { kind: "taken", field: "name", other: entry.name };
		throw err;
	}
}

/** Takes a student off the roster. Their attempts stay, under the name they were submitted with. */
export async function removeFromRoster(db: Database, cls: ClassRow, id: string): Promise<{ kind: "removed" } | { kind: "notFound" }> {
	return (await deleteRosterStudent(db, cls.id, id)) ? { kind: "removed" } : { kind: "notFound" };
}

/** A new personal code for a student (a lost card, a code passed around): the old one stops working at once. */
export async function renewCode(
	db: Database,
	cls: ClassRow,
	id: string,
): Promise<{ kind: "renewed"; student: RosterStudent } | { kind: "notFound" }> {
	for (let tries = 1; ; tries++) {
		try {
			const row = await setRosterCode(db, cls.id, id, newPersonalCode());
			return row ? { kind: "renewed", student: toStudent(row) } : { kind: "notFound" };
		} catch (err) {
			if (!isUniqueViolation(err) || tries >= WRITE_TRIES) throw err;
		}
	}
}

/** One student of a class's roster, or null. */
export async function rosterStudent(db: Database, cls: ClassRow, id: string): Promise<RosterStudent | null> {
	const row = await findRosterStudent(db, cls.id, id);
	return row ? toStudent(row) : null;
}

/** Where an imported list came from: a gradebook export recognised by its columns, a plain CSV or list of names, or the API's JSON. */
export type RosterFormat = "canvas" | "moodle" | "plain" | "json";

export type ReadResult =
	| { kind: "read"; format: Exclude<RosterFormat, "json">; inputs: RosterInput[] }
	| { kind: "unreadable"; message: string }
	| { kind: "empty" };

/**
 * A pasted list or an uploaded file as students to import: one name per line, a CSV with headers, a
 * Canvas gradebook export or a Moodle grades export (their identifier columns kept). A file that is
 * not UTF-8 is refused with the way to save it as UTF-8, never read as mangled names.
 */
export function readRosterFile(content: string | Uint8Array): ReadResult {
	let text: string;
	if (typeof content === "string") text = content;
	else {
		try {
			text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
		} catch {
			return {
				kind: "unreadable",
				message: "The file is not UTF-8 text. In Excel, save it with “CSV UTF-8”; in Google Sheets, download it as CSV.",
			};
		}
	}
	const { format, students } = readLmsRoster(text.replace(/^\uFEFF/, ""));
	if (students.length === 0) return { kind: "empty" };
	const inputs = students.map((s) => ({
		name: s.name,
		email: s.email ?? (s.loginId?.includes("@") ? s.loginId : undefined),
		studentId: s.studentId,
		section: s.section,
	}));
	return { kind: "read", format, inputs };
}
