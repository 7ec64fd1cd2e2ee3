/**
 * A class's roster, planned: what an import (pasted names, a CSV, an LMS gradebook, the API's JSON)
 * does to the students already on it. Pure: no Hono, no D1; the service writes the plan.
 *
 * The rules, in the order they apply:
 *
 * 1. Every name goes through the one name rule (`normaliseName`, `nameProblem`); identifiers are
 *    trimmed, and one import may not give two students the same student id or email.
 * 2. Each imported student is matched to a student already on the roster: by student id (the SIS
 *    id) first, then by email, then by name (`studentKey`, so case and spacing do not matter). A
 *    name matches only a student whose identifiers do not contradict it (another student id, another
 *    email: another person). A matched student keeps their id and personal code.
 * 3. Names stay unique in a class: the second "Ada Lovelace" of an import is "Ada Lovelace (2)",
 *    the third "(3)", and so on, skipping any name the import itself uses. Two people are never
 *    merged silently, and the plan says who was renamed. A student matched by an identifier keeps
 *    the suffix they had, so a re-ordered file renames nobody.
 * 4. An identifier left empty keeps what the roster has (a pasted list of names does not forget the
 *    SIS ids of an earlier gradebook import); one that is given replaces it, and is taken from any
 *    other student who had it, so identifiers stay unique.
 * 5. "replace" removes the students the import does not list and puts the roster in the import's
 *    order; "add" removes nobody and appends the new students at the end.
 *
 * The same import applied twice changes nothing the second time (tests/unit/roster.test.ts checks
 * this with a property test).
 */
import type { Issue } from "./issues";
import { NAME_LIMITS, nameLength, nameProblem, normaliseName, studentKey } from "./names";
import { textProblem } from "./text";

/** Most students on one roster: a year group with its sections fits; a whole school does not. */
export const MAX_ROSTER = 1000;
/** Longest student id and section, in characters. */
export const MAX_IDENTIFIER = 100;
/** Longest email (RFC 5321's path limit). */
export const MAX_EMAIL = 254;

/** One student as an import gives them: the cells as they came. */
export interface RosterInput {
	name: string;
	email?: string | null | undefined;
	studentId?: string | null | undefined;
	section?: string | null | undefined;
}

/** One student of an import, checked: the name normalised, identifiers trimmed, null when empty. */
export interface RosterEntry {
	name: string;
	email: string | null;
	studentId: string | null;
	section: string | null;
}

/** A student on the roster. */
export interface RosterStudent extends RosterEntry {
	id: string;
	code: string;
	position: number;
}

/** A student as the plan leaves them: `id` null for a new student. */
export interface PlannedStudent extends RosterEntry {
	id: string | null;
	position: number;
}

/** Someone whose name was given a suffix to keep names unique: the import's index, the name given, the name kept. */
export interface Suffixed {
	index: number;
	name: string;
	as: string;
}

export type ImportMode = "replace" | "add";

export interface RosterPlan {
	/** The roster afterwards, in order. */
	students: PlannedStudent[];
	/** New students, in the order they are added. */
	added: PlannedStudent[];
	/** Students already on the roster whose name, identifiers or position change. */
	updated: { before: RosterStudent; after: PlannedStudent & { id: string } }[];
	/** Students the import removes (only "replace" removes anyone). */
	removed: RosterStudent[];
	/** How many students the import lists that stay exactly as they were. */
	unchanged: number;
	suffixed: Suffixed[];
}

// ---------------------------------------------------------------------------------------------
// Checking an import

/** An identifier cell: trimmed, white space runs as one space, null when empty. */
function cell(raw: string | null | undefined): string | null {
	if (raw === null || raw === undefined) return null;
	const text = normaliseName(raw);
	return text === "" ? null : text;
}

function identifierProblem(value: string | null, raw: string | null | undefined, max: number): string | null {
	if (value === null) return null;
	return textProblem(raw ?? "") ?? (nameLength(value) > max ? `must be at most ${max} characters` : null);
}

function emailProblem(value: string | null, raw: string | null | undefined): string | null {
	if (value === null) return null;
	const text = identifierProblem(value, raw, MAX_EMAIL);
	if (text !== null) return text;
	return /^[^\s@]+@[^\s@]+$/u.test(value) ? null : "is not an email address (name@school.example)";
}

/** The lower-cased form identifiers are compared in. */
const fold = (s: string) => s.toLowerCase();

/**
 * An import checked against the name rule and the identifier rules: the entries, or every problem
 * (`students[3].name`, `students[7].email`…). `prefix` names the list in the paths.
 */
export function checkRoster(
	inputs: readonly RosterInput[],
	prefix = "students",
): { ok: true; entries: RosterEntry[] } | { ok: false; issues: Issue[] } {
	if (inputs.length > MAX_ROSTER) {
		return { ok: false, issues: [{ path: prefix, message: `has ${inputs.length} students; a roster holds at most ${MAX_ROSTER}` }] };
	}
	const issues: Issue[] = [];
	const entries: RosterEntry[] = [];
	const seen = { studentId: new Map<string, number>(), email: new Map<string, number>() };
	inputs.forEach((input, i) => {
		const at = `${prefix}[${i}]`;
		const name = normaliseName(input.name);
		const problem = nameProblem(name, "student");
		if (problem !== null) issues.push({ path: `${at}.name`, message: problem });
		const entry: RosterEntry = { name, email: cell(input.email), studentId: cell(input.studentId), section: cell(input.section) };
		const idProblem = identifierProblem(entry.studentId, input.studentId, MAX_IDENTIFIER);
		if (idProblem !== null) issues.push({ path: `${at}.studentId`, message: idProblem });
		const mailProblem = emailProblem(entry.email, input.email);
		if (mailProblem !== null) issues.push({ path: `${at}.email`, message: mailProblem });
		const sectionProblem = identifierProblem(entry.section, input.section, MAX_IDENTIFIER);
		if (sectionProblem !== null) issues.push({ path: `${at}.section`, message: sectionProblem });
		for (const field of ["studentId", "email"] as const) {
			const value = entry[field];
			if (value === null) continue;
			const first = seen[field].get(fold(value));
			const what = field === "email" ? "email" : "student id";
			if (first !== undefined) issues.push({ path: `${at}.${field}`, message: `is the same ${what} as ${prefix}[${first}]'s` });
			else seen[field].set(fold(value), i);
		}
		entries.push(entry);
	});
	return issues.length > 0 ? { ok: false, issues } : { ok: true, entries };
}

// ---------------------------------------------------------------------------------------------
// Names made unique

/** The k-th student of one name (k ≥ 2): "Ada Lovelace (2)", the name shortened if the suffix would make it too long. */
export function suffixedName(base: string, k: number): string {
	if (k <= 1) return base;
	const suffix = ` (${k})`;
	const room = NAME_LIMITS.student - suffix.length;
	const chars = [...base];
	const head = chars.length > room ? chars.slice(0, room).join("").trimEnd() : base;
	return `${head}${suffix}`;
}

/** Which of `base`'s names `name` is (1 for the name itself, k for "base (k)"), or null when it is none of them. */
export function suffixOf(base: string, name: string): number | null {
	const key = studentKey(name);
	if (key === studentKey(base)) return 1;
	const m = /\((\d{1,4})\)$/u.exec(name);
	const k = m ? Number(m[1]) : 0;
	return k >= 2 && studentKey(suffixedName(base, k)) === key ? k : null;
}

// ---------------------------------------------------------------------------------------------
// The plan

type Identifier = "studentId" | "email";
const IDENTIFIERS: readonly Identifier[] = ["studentId", "email"];

/** Whether an entry may be the same person as a student: no identifier of one contradicts the other's. */
function compatible(entry: RosterEntry, student: RosterStudent): boolean {
	return IDENTIFIERS.every((f) => {
		const a = entry[f];
		const b = student[f];
		return a === null || b === null || fold(a) === fold(b);
	});
}

/**
 * What importing `entries` into a roster holding `existing` does, as data. `entries` must have
 * passed `checkRoster`.
 */
export function planImport(existing: readonly RosterStudent[], entries: readonly RosterEntry[], mode: ImportMode): RosterPlan {
	const roster = [...existing].sort((a, b) => a.position - b.position);
	/** The existing student each entry is matched to. */
	const match: (RosterStudent | undefined)[] = entries.map(() => undefined);
	const taken = new Set<RosterStudent>();

	// 1. Identifiers: every student id first, then every email.
	for (const field of IDENTIFIERS) {
		entries.forEach((entry, i) => {
			const value = entry[field];
			if (match[i] || value === null) return;
			const found = roster.find((s) => !taken.has(s) && s[field] !== null && fold(s[field]) === fold(value) && compatible(entry, s));
			if (found) {
				match[i] = found;
				taken.add(found);
			}
		});
	}

	// 2. Names. Keys used by this import's final names, and the keys its own literal names claim.
	const names: (string | undefined)[] = entries.map(() => undefined);
	const used = new Set<string>();
	const literal = new Set(entries.map((e) => studentKey(e.name)));
	const claim = (i: number, name: string) => {
		names[i] = name;
		used.add(studentKey(name));
	};

	// 2a. Matched by an identifier: keep the suffix they have, when it is still one of their name's.
	entries.forEach((entry, i) => {
		const s = match[i];
		if (!s) return;
		const k = suffixOf(entry.name, s.name);
		const name = k === null ? null : suffixedName(entry.name, k);
		if (name !== null && !used.has(studentKey(name))) claim(i, name);
	});

	const byKey = new Map<string, RosterStudent>();
	for (const s of roster) if (!byKey.has(studentKey(s.name))) byKey.set(studentKey(s.name), s);
	/** The students that stay whatever happens ("add" keeps everyone), whose names are not free. */
	const stays = (s: RosterStudent) => mode === "add" && !taken.has(s);

	/** Walks `base`, "base (2)", "base (3)"… and gives entry i the first name it may have. */
	const nameEntry = (i: number, entry: RosterEntry, matchByName: boolean) => {
		for (let k = 1; ; k++) {
			const name = suffixedName(entry.name, k);
			const key = studentKey(name);
			if (used.has(key) || (k > 1 && literal.has(key))) continue;
			const owner = byKey.get(key);
			if (owner && !taken.has(owner) && owner !== match[i]) {
				if (matchByName && compatible(entry, owner)) {
					match[i] = owner;
					taken.add(owner);
				} else if (stays(owner)) continue;
			}
			claim(i, name);
			return;
		}
	};

	// 2b. Not matched by an identifier: by name, taking the first free name of theirs.
	entries.forEach((entry, i) => {
		if (!match[i]) nameEntry(i, entry, true);
	});
	// 2c. Matched by an identifier whose old name is no longer theirs (renamed in the school's system): the first free name.
	entries.forEach((entry, i) => {
		if (names[i] === undefined) nameEntry(i, entry, false);
	});

	// 3. The roster afterwards.
	const given = { studentId: new Set<string>(), email: new Set<string>() };
	for (const e of entries) for (const f of IDENTIFIERS) if (e[f] !== null) given[f].add(fold(e[f]));
	/** A kept identifier that the import gives someone else is taken from this student: identifiers stay unique. */
	const keep = (value: string | null, f: Identifier) => (value !== null && given[f].has(fold(value)) ? null : value);

	const listed: PlannedStudent[] = entries.map((entry, i) => {
		const s = match[i];
		return {
			id: s?.id ?? null,
			name: names[i] ?? entry.name,
			studentId: entry.studentId ?? keep(s?.studentId ?? null, "studentId"),
			email: entry.email ?? keep(s?.email ?? null, "email"),
			section: entry.section ?? s?.section ?? null,
			position: 0,
		};
	});
	const others: PlannedStudent[] =
		mode === "add"
			? roster
					.filter((s) => !taken.has(s))
					.map((s) => ({ ...s, studentId: keep(s.studentId, "studentId"), email: keep(s.email, "email") }))
					.map(({ code: _code, ...s }) => s)
			: [];
	let students: PlannedStudent[];
	if (mode === "replace") {
		students = listed.map((s, position) => ({ ...s, position }));
	} else {
		// Everyone stays where they were; new students go after the last one, in the import's order.
		const matchedAt = new Map(roster.map((s) => [s.id, s.position]));
		let next = roster.reduce((max, s) => Math.max(max, s.position + 1), 0);
		const placed = listed.map((s) => ({ ...s, position: s.id === null ? next++ : (matchedAt.get(s.id) ?? next++) }));
		students = [...others, ...placed].sort((a, b) => a.position - b.position);
	}

	const before = new Map(roster.map((s) => [s.id, s]));
	const added = students.filter((s) => s.id === null);
	const updated: RosterPlan["updated"] = [];
	let unchanged = 0;
	for (const after of students) {
		const old = after.id === null ? undefined : before.get(after.id);
		if (!old || after.id === null) continue;
		const same =
			old.name === after.name &&
			old.email === after.email &&
			old.studentId === after.studentId &&
			old.section === after.section &&
			old.position === after.position;
		if (!same) updated.push({ before: old, after: { ...after, id: after.id } });
		else if (taken.has(old)) unchanged++;
	}
	const removed = mode === "replace" ? roster.filter((s) => !taken.has(s)) : [];
	const suffixed = entries.flatMap((entry, i) => {
		const as = names[i] ?? entry.name;
		return studentKey(as) === studentKey(entry.name) ? [] : [{ index: i, name: entry.name, as }];
	});
	return { students, added, updated, removed, unchanged, suffixed };
}

/** Whether a plan changes anything. */
export const planChanges = (plan: RosterPlan) => plan.added.length + plan.updated.length + plan.removed.length > 0;

/**
 * The roster a plan leaves, with `fresh` ids and codes for the new students (one per `plan.added`,
 * in order): what the service writes, and what it answers with.
 */
export function applyPlan(
	plan: RosterPlan,
	existing: readonly RosterStudent[],
	fresh: readonly { id: string; code: string }[],
): RosterStudent[] {
	const codes = new Map(existing.map((s) => [s.id, s.code]));
	let n = 0;
	return plan.students.map((s) => {
		if (s.id !== null) return { ...s, id: s.id, code: codes.get(s.id) ?? "" };
		const f = fresh[n++];
		if (!f) throw new Error("applyPlan: fewer fresh ids than new students");
		return { ...s, id: f.id, code: f.code };
	});
}

// ---------------------------------------------------------------------------------------------
// Personal codes as people read them

/** A personal code as printed: two groups of four ("ACDE FGHJ"), easier to copy from a card. */
export function spacedCode(code: string): string {
	return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
