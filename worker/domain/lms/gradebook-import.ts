/**
 * Reads a class list from what a teacher has at hand: a gradebook exported from Canvas or Moodle,
 * a CSV with a header, or a pasted list of names.
 *
 * - Canvas ("Grades → Export"): recognised by the first headers Canvas's export writes, "Student"
 *   then "ID" (or "LastName", "FirstName", "ID" when it splits names), and a "Section" column.
 *   (Canvas's importer accepts any first header containing "Student"; a teacher's own "Student
 *   name, ID number, Section, Email" file is read here as the plain table it is.) Names come as Canvas's sortable name ("Lovelace, Ada") and are turned
 *   round to "Ada Lovelace" when they have exactly one comma. SIS User ID is the student id, SIS
 *   Login ID the login id. Skipped: the "Points Possible" row, the "Manual Posting"/"Muted" row
 *   above it, and the Test Student that Canvas's Student View adds to every course.
 * - Moodle ("Grades → Export → Plain text file"): recognised by "First name", "Last name" (or
 *   "Surname") and "Email address" or "ID number" columns (English headers). The name is first and
 *   last name joined; Email address is the email, ID number the student id, Username the login id.
 *   A student whose "Suspended" column says Yes is skipped.
 * - Anything else with a header naming a name column (or first and last name columns) is a plain
 *   table; headers are matched without regard to case, spacing, "-" and "_", with a few synonyms
 *   each (see PLAIN_COLUMNS).
 * - Otherwise every non-empty line is one name, commas and all ("Lovelace, Ada" stays one name).
 *   A line with tabs (cells pasted from a spreadsheet) gives its first cell as the name and a cell
 *   that looks like an email address as the email.
 *
 * Separators: comma, semicolon or tab, guessed from the first line. Parsing is lenient (a stray
 * quote is text). Names are normalised (`normaliseName`) and identifiers trimmed; empty ones are
 * left out. Nothing here decides whether a name may be stored: the roster import checks each
 * name with the one name rule.
 *
 * Pure module: standard JS only.
 */
import { type CsvDelimiter, guessDelimiter, parseCsv } from "../csv-parse";
import { normaliseName } from "../names";

export type LmsRosterFormat = "canvas" | "moodle" | "plain";

export interface LmsRosterStudent {
	name: string;
	email?: string;
	studentId?: string;
	section?: string;
	loginId?: string;
}

export interface LmsRoster {
	format: LmsRosterFormat;
	students: LmsRosterStudent[];
}

type Field = "name" | "first" | "last" | "email" | "studentId" | "section" | "loginId";

/** Plain-table headers, as `headerKey` folds them. */
const PLAIN_COLUMNS: Record<Field, readonly string[]> = {
	name: ["name", "student", "student name", "full name", "fullname", "display name", "pupil", "learner"],
	first: ["first name", "firstname", "given name", "forename", "first"],
	last: ["last name", "lastname", "surname", "family name", "last"],
	email: ["email", "e mail", "email address", "e mail address", "mail"],
	studentId: ["student id", "studentid", "student number", "student no", "id", "id number", "sis id", "sis user id"],
	section: ["section", "class", "group", "period", "homeroom"],
	loginId: ["login", "login id", "username", "user name", "sis login id"],
};

/** Canvas's Student View user, in every course's export (sortable name and name). */
const CANVAS_TEST_STUDENT = new Set(["Student, Test", "Test Student"]);
/** A Canvas row that only says which assignments are muted or posted manually (as its importer skips it). */
const CANVAS_POSTING_ROW = /^\s*(Muted|Manual Posting.*)?\s*$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A header as compared: lower case, "-", "_" and runs of white space as one space. */
function headerKey(header: string): string {
	return header
		.toLowerCase()
		.replace(/[\s_-]+/g, " ")
		.trim();
}

function clean(value: string | undefined): string | undefined {
	const trimmed = value?.trim() ?? "";
	return trimmed === "" ? undefined : trimmed;
}

/** A student with only the identifiers that have a value; null without a name. */
function student(
	name: string,
	fields: Partial<Record<"email" | "studentId" | "section" | "loginId", string | undefined>>,
): LmsRosterStudent | null {
	const normalised = normaliseName(name);
	if (normalised === "") return null;
	const out: LmsRosterStudent = { name: normalised };
	for (const key of ["email", "studentId", "section", "loginId"] as const) {
		const value = clean(fields[key]);
		if (value !== undefined) out[key] = value;
	}
	return out;
}

function compact(students: (LmsRosterStudent | null)[]): LmsRosterStudent[] {
	return students.filter((s): s is LmsRosterStudent => s !== null);
}

/** Reads a class list from CSV text or pasted lines. */
export function readLmsRoster(csvText: string): LmsRoster {
	const text = csvText.replace(/^\uFEFF/, "");
	const delimiter = guessDelimiter(text);
	const rows = parseCsv(text, { delimiter, strict: false });
	const header = (rows[0] ?? []).map((h) => h.trim());
	const body = rows.slice(1);
	return readCanvas(header, body) ?? readMoodle(header, body) ?? readPlain(text, delimiter, header, body);
}

function readCanvas(header: string[], body: string[][]): LmsRoster | null {
	const [h0, h1, h2] = header;
	const lastFirst = h0 === "LastName" && h1 === "FirstName" && h2 === "ID";
	if (!((h0 === "Student" && h1 === "ID") || lastFirst) || !header.includes("Section")) return null;
	const at = (name: string) => header.indexOf(name);
	const [sisUser, sisLogin, section] = [at("SIS User ID"), at("SIS Login ID"), at("Section")];
	const students = body.map((row) => {
		const first = row[0] ?? "";
		if (first.includes("Points Possible") || row.every((cell) => CANVAS_POSTING_ROW.test(cell))) return null;
		const name = lastFirst ? `${row[1] ?? ""} ${first}` : unsort(first);
		if (CANVAS_TEST_STUDENT.has(first.trim()) || CANVAS_TEST_STUDENT.has(normaliseName(name))) return null;
		return student(name, { studentId: row[sisUser], loginId: row[sisLogin], section: row[section] });
	});
	return { format: "canvas", students: compact(students) };
}

/** Canvas's sortable name "Lovelace, Ada" as "Ada Lovelace"; a name with no comma, or several, as it is. */
function unsort(sortable: string): string {
	const parts = sortable.split(",");
	if (parts.length !== 2) return sortable;
	const [last = "", first = ""] = parts;
	return first.trim() === "" ? last : `${first.trim()} ${last.trim()}`;
}

function readMoodle(header: string[], body: string[][]): LmsRoster | null {
	const keys = header.map(headerKey);
	const at = (...names: string[]) => keys.findIndex((k) => names.includes(k));
	const [first, last, email, idNumber] = [at("first name"), at("last name", "surname"), at("email address"), at("id number")];
	if (first < 0 || last < 0 || (email < 0 && idNumber < 0)) return null;
	const [username, suspended] = [at("username"), at("suspended")];
	const students = body.map((row) => {
		if (suspended >= 0 && headerKey(row[suspended] ?? "") === "yes") return null;
		return student(`${row[first] ?? ""} ${row[last] ?? ""}`, { email: row[email], studentId: row[idNumber], loginId: row[username] });
	});
	return { format: "moodle", students: compact(students) };
}

function readPlain(text: string, delimiter: CsvDelimiter, header: string[], body: string[][]): LmsRoster {
	const keys = header.map(headerKey);
	const at = (field: Field) => keys.findIndex((k) => PLAIN_COLUMNS[field].includes(k));
	const [name, first, last] = [at("name"), at("first"), at("last")];
	const named = name >= 0 || (first >= 0 && last >= 0);
	if (named && header.length > 1) {
		const [email, studentId, section, loginId] = [at("email"), at("studentId"), at("section"), at("loginId")];
		const students = body.map((row) =>
			student(name >= 0 ? (row[name] ?? "") : `${row[first] ?? ""} ${row[last] ?? ""}`, {
				email: row[email],
				studentId: row[studentId],
				section: row[section],
				loginId: row[loginId],
			}),
		);
		return { format: "plain", students: compact(students) };
	}
	// One column, or no header at all: a name per line. A lone header naming the column is dropped.
	const lines = text.split(/\r\n?|\n/);
	const names = named ? lines.slice(1) : lines;
	return { format: "plain", students: compact(names.map((line) => lineStudent(line, delimiter))) };
}

/** One pasted line: the whole line is the name, unless it has tabs (spreadsheet cells). */
function lineStudent(line: string, delimiter: CsvDelimiter): LmsRosterStudent | null {
	if (delimiter === "\t" && line.includes("\t")) {
		const cells = line.split("\t").map(unquote);
		const email = cells.find((c) => EMAIL.test(c.trim()));
		const name = cells.find((c) => c.trim() !== "" && c !== email) ?? "";
		return student(name, { email });
	}
	return student(unquote(line), {});
}

/** A cell written in CSV quotes ("Lovelace, Ada") without them. */
function unquote(cell: string): string {
	const trimmed = cell.trim();
	return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replaceAll('""', '"') : cell;
}
