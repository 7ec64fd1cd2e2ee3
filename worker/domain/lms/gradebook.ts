/**
 * Gradebooks for an LMS's grade import: one row per student, one column per quiz, in the layout
 * Canvas's and Moodle's importers read. (The generic gradebook.csv, one row per quiz and student,
 * is written by the export service and is not this.)
 *
 * Canvas ("Grades → Import", app/models/gradebook_importer.rb in canvas-lms):
 * - Header `Student, ID, SIS User ID, SIS Login ID, Section`, then one column per quiz. Canvas
 *   checks that the first header contains "Student", the second "ID", and that the last student
 *   column contains "Section"; the SIS columns are recognised by name in that order.
 * - A student is found by Canvas user id (the ID column, which Quizline does not know and leaves
 *   empty), then by SIS User ID, then by SIS Login ID, then by name (Canvas's full name or its
 *   "Last, First" sortable name). Nobody is ever credited to the wrong student: a row Canvas cannot
 *   match is listed on its import page for the teacher to match or ignore. So every student gets a
 *   row.
 * - An assignment column is titled "Title (id)" in Canvas's own export. Quizline does not know the
 *   Canvas id, so the column is the quiz title: Canvas then uses the assignment with exactly that
 *   title, or creates a new assignment of that name. Titles are adjusted where Canvas would misread
 *   them (see `canvasTitles`).
 * - The second row, "Points Possible", gives each column's points (the quiz's maximum score); a
 *   new assignment takes its points from it.
 * - An empty cell changes nothing, so a quiz a student has not taken is left empty.
 * - No status column: Canvas reads every column after Section as an assignment unless its title
 *   is one of its totals ("Current Score"…) or an existing custom column, so "Status" would create
 *   an assignment named Status.
 *
 * Moodle ("Grades → Import → CSV file", grade/import/csv in moodle/moodle):
 * - The teacher maps columns on the import's preview page: "Map from" is the column that
 *   identifies the student and "Map to" the user field it holds (Email address, ID number,
 *   Username); each other column maps to a grade item, "New grade item" or "Ignore".
 * - The file has one identifier column, named exactly as Moodle names that user field, first (the
 *   column "Map from" starts on): `Email address` (the default), `ID number` or `Username`. Then
 *   `Full name` for people to read (left on Ignore), then one column per quiz, named after it
 *   (a new grade item takes the column's name), then `Status` unless the spec turns it off (left
 *   on Ignore, where Moodle's mapping starts every column, it changes nothing).
 * - A student without that identifier gets no row (`gradebookRow` returns null, and
 *   `gradebookRowProblem` says why). Moodle's importer gives a row whose identifier cell is empty
 *   (or "0", which PHP reads as empty) to the student of the row before it, so such a row would
 *   credit someone else; and a value no user has aborts the whole import.
 * - A quiz a student has not taken is "-", Moodle's own "no grade": for a new grade item the cell
 *   is skipped, for an existing one it clears that student's grade. An empty cell would be worse
 *   (a new grade item would get an empty grade, read as 0 or refused).
 * - No "Points Possible" row: Moodle would read it as a student. A new grade item has a maximum
 *   grade of 100 until the teacher sets the quiz's maximum score.
 *
 * Cells go through csvCell's formula defence, so a name or title starting with "=", "+", "-" or "@"
 * reaches the LMS with a leading "'". Only Moodle's "-" is written bare (`writeGradebookRow`):
 * a lone "-" is no formula, and with a quote Moodle would refuse it as a grade.
 *
 * Pure module: standard JS only.
 */
import { type CsvValue, csvCell } from "../csv";
import { oneLine, truncate } from "./common";

export const LMS_GRADEBOOK_FORMATS = ["canvas", "moodle"] as const;
export type LmsGradebookFormat = (typeof LMS_GRADEBOOK_FORMATS)[number];

/** The Moodle user field a file identifies students by (Moodle's "Map to"). */
export type MoodleIdentifier = "email" | "idNumber" | "username";

/** A format with its options. Canvas has none; see the module comment for why it has no status column. */
export type GradebookSpec =
	| { format: "canvas" }
	| {
			format: "moodle";
			/** The identifier column; "email" by default. */
			identifier?: MoodleIdentifier;
			/** A last "Status" column (true by default; false leaves it out). */
			status?: boolean;
	  };

export interface GradebookQuiz {
	id: string;
	title: string;
	/** Points possible (Canvas's Points Possible row); null when unknown, which leaves the cell empty. */
	maxScore: number | null;
}

/** A student as the roster knows them. `loginId` is Canvas's SIS Login ID and Moodle's username. */
export interface GradebookStudent {
	name: string;
	email?: string | null | undefined;
	studentId?: string | null | undefined;
	section?: string | null | undefined;
	loginId?: string | null | undefined;
}

/** The usual values of Moodle's Status column (a row's `status` may be any text, "2 of 3 submitted"). */
export const GRADEBOOK_STATUSES = ["not started", "submitted", "late"] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

/** Moodle's "no grade" cell. Written as a bare "-" by `writeGradebookRow`; csvRow would quote it into "'-". */
export const NO_GRADE: unique symbol = Symbol("no grade");
export type GradebookCell = CsvValue | typeof NO_GRADE;

/** The first columns of a Canvas gradebook, as Canvas's export writes them (with SIS ids shown). */
export const CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] as const;
/** First cell of Canvas's second row; Canvas's importer looks for these words in it. */
export const CANVAS_POINTS_POSSIBLE = "Points Possible";
/** Moodle's names for its user fields (lang/en/moodle.php), which its "Map to" list shows. */
export const MOODLE_IDENTIFIER_COLUMNS: Record<MoodleIdentifier, string> = {
	email: "Email address",
	idNumber: "ID number",
	username: "Username",
};
export const MOODLE_NAME_COLUMN = "Full name";
export const MOODLE_STATUS_COLUMN = "Status";
/** A column Moodle's importer reads as the export date of the file (gradeexport_txt's "timeexported"). */
const MOODLE_EXPORT_DATE_COLUMN = "Last downloaded from this course";

/**
 * Column names Canvas reads as totals, not assignments: it drops every column whose title
 * contains one of them (GradebookImporter::NON_ASSIGNMENT_COLUMN_HEADERS, matched with case).
 */
const CANVAS_TOTALS = /(Current|Final|Override) (Score|Points|Grade|Status)/g;
const CANVAS_TOTAL_NAMES = new Set([
	"Current Score",
	"Current Points",
	"Current Grade",
	"Final Score",
	"Final Points",
	"Final Grade",
	"Override Score",
	"Override Grade",
	"Override Status",
]);
/** Canvas reads a header ending in " (digits)" as "title (assignment id)" (Assignment.title_and_id). */
const CANVAS_ID_SUFFIX = /\s\(\d+\)$/;
/** Longest column title, in characters: LMS titles are limited to 255, and a suffix may follow. */
const MAX_TITLE = 200;
/** Decimals written for a score: what Canvas shows and compares at. */
const SCORE_DECIMALS = 2;

function specOf(spec: LmsGradebookFormat | GradebookSpec): GradebookSpec {
	return typeof spec === "string" ? { format: spec } : spec;
}

function moodleIdentifier(spec: GradebookSpec): MoodleIdentifier {
	return spec.format === "moodle" ? (spec.identifier ?? "email") : "email";
}

function hasStatus(spec: GradebookSpec): boolean {
	return spec.format === "moodle" && spec.status !== false;
}

/** One quiz title on one line, not too long, never empty (the quiz id stands in). */
function baseTitle(quiz: GradebookQuiz): string {
	const title = truncate(oneLine(quiz.title), MAX_TITLE);
	return title === "" ? quiz.id : title;
}

/** Makes titles unique among themselves and the `taken` names: a repeated title gets " [quiz id]". */
function uniqueTitles(quizzes: readonly GradebookQuiz[], titles: readonly string[], taken: readonly string[]): string[] {
	const used = new Set(taken);
	return titles.map((title, i) => {
		let unique = used.has(title) ? `${title} [${quizzes[i]?.id ?? i}]` : title;
		for (let n = 2; used.has(unique); n += 1) unique = `${title} [${quizzes[i]?.id ?? i} ${n}]`;
		used.add(unique);
		return unique;
	});
}

/**
 * Canvas column titles: the quiz title, except where Canvas would misread it.
 * - Canvas drops a column whose title contains one of its totals ("Final Grade review" would
 *   vanish): the second word is lowercased ("Final grade review").
 * - A title ending in " (2024)" would be read as assignment id 2024 and lose its "(2024)": it gets
 *   " [quiz id]" after it.
 * - Canvas finds a column by its title (the first column with it), so a title used twice, or
 *   equal to a student column ("Section"), gets " [quiz id]" too.
 */
export function canvasTitles(quizzes: readonly GradebookQuiz[]): string[] {
	const titles = quizzes.map((quiz) => {
		const title = baseTitle(quiz).replace(CANVAS_TOTALS, (phrase, first: string, second: string) =>
			CANVAS_TOTAL_NAMES.has(phrase) ? `${first} ${second.toLowerCase()}` : phrase,
		);
		return CANVAS_ID_SUFFIX.test(title) ? `${title} [${quiz.id}]` : title;
	});
	return uniqueTitles(quizzes, titles, CANVAS_STUDENT_COLUMNS);
}

/**
 * Moodle column titles: the quiz title, unique among the file's columns (a repeat gets " [quiz id]").
 * "Last downloaded from this course" is taken too: Moodle reads that column as the file's export date.
 */
export function moodleTitles(quizzes: readonly GradebookQuiz[], spec: GradebookSpec = { format: "moodle" }): string[] {
	const taken = [MOODLE_IDENTIFIER_COLUMNS[moodleIdentifier(spec)], MOODLE_NAME_COLUMN, MOODLE_STATUS_COLUMN, MOODLE_EXPORT_DATE_COLUMN];
	return uniqueTitles(quizzes, quizzes.map(baseTitle), taken);
}

/** The header row. */
export function gradebookHeader(format: LmsGradebookFormat | GradebookSpec, quizzes: readonly GradebookQuiz[]): string[] {
	const spec = specOf(format);
	if (spec.format === "canvas") return [...CANVAS_STUDENT_COLUMNS, ...canvasTitles(quizzes)];
	return [
		MOODLE_IDENTIFIER_COLUMNS[moodleIdentifier(spec)],
		MOODLE_NAME_COLUMN,
		...moodleTitles(quizzes, spec),
		...(hasStatus(spec) ? [MOODLE_STATUS_COLUMN] : []),
	];
}

/** The row between the header and the students: Canvas's "Points Possible"; null for Moodle, which has none. */
export function gradebookPointsRow(format: LmsGradebookFormat | GradebookSpec, quizzes: readonly GradebookQuiz[]): CsvValue[] | null {
	if (specOf(format).format !== "canvas") return null;
	return [CANVAS_POINTS_POSSIBLE, null, null, null, null, ...quizzes.map((q) => (q.maxScore === null ? null : roundScore(q.maxScore)))];
}

function present(value: string | null | undefined): string | null {
	const trimmed = value?.trim() ?? "";
	return trimmed === "" ? null : trimmed;
}

/** The student's value for Moodle's identifier, or null when Moodle could not use it. */
function moodleKey(student: GradebookStudent, identifier: MoodleIdentifier): string | null {
	const value = present(identifier === "email" ? student.email : identifier === "idNumber" ? student.studentId : student.loginId);
	// Moodle tests the cell with PHP's empty(), for which "0" is empty too.
	return value === "0" ? null : value;
}

/** Why this student can have no row in this format, or null when they can. */
export function gradebookRowProblem(format: LmsGradebookFormat | GradebookSpec, student: GradebookStudent): string | null {
	const spec = specOf(format);
	if (spec.format === "canvas") return null;
	const identifier = moodleIdentifier(spec);
	if (moodleKey(student, identifier) !== null) return null;
	const field = MOODLE_IDENTIFIER_COLUMNS[identifier].toLowerCase();
	return `${student.name} has no ${field}, which Moodle needs to find them; they are left out of the file`;
}

function roundScore(score: number): number | null {
	if (!Number.isFinite(score)) return null;
	const factor = 10 ** SCORE_DECIMALS;
	return Math.round(score * factor) / factor;
}

/**
 * One student's row: their identifiers, then a score per quiz (in the header's order; null where
 * they have none), then their status if the format has a status column. Null when the format
 * cannot identify the student (see `gradebookRowProblem`). Write it with `writeGradebookRow`, or
 * use `gradebookRowCsv`, which does both.
 */
export function gradebookRow(
	format: LmsGradebookFormat | GradebookSpec,
	student: GradebookStudent,
	scores: readonly (number | null)[],
	status?: string | null,
): GradebookCell[] | null {
	const spec = specOf(format);
	if (spec.format === "canvas") {
		return [
			student.name,
			null, // Canvas's own user id: not known to Quizline.
			present(student.studentId),
			present(student.loginId),
			present(student.section),
			...scores.map((s) => (s === null ? null : roundScore(s))),
		];
	}
	const key = moodleKey(student, moodleIdentifier(spec));
	if (key === null) return null;
	const cells: GradebookCell[] = [key, student.name, ...scores.map((s) => (s === null ? NO_GRADE : (roundScore(s) ?? NO_GRADE)))];
	if (hasStatus(spec)) cells.push(status ?? null);
	return cells;
}

/** Writes a gradebook row as one CSV record (CRLF-terminated): cells as csvRow writes them, NO_GRADE as a bare "-". */
export function writeGradebookRow(cells: readonly GradebookCell[]): string {
	return `${cells.map((cell) => (cell === NO_GRADE ? "-" : csvCell(cell))).join(",")}\r\n`;
}

/** The start of the file, written: the header, then Canvas's Points Possible row. (The caller writes the BOM first.) */
export function gradebookHeadCsv(format: LmsGradebookFormat | GradebookSpec, quizzes: readonly GradebookQuiz[]): string {
	const points = gradebookPointsRow(format, quizzes);
	return writeGradebookRow(gradebookHeader(format, quizzes)) + (points === null ? "" : writeGradebookRow(points));
}

/** One student's row, written; "" for a student the format leaves out (`gradebookRowProblem` says why). */
export function gradebookRowCsv(
	format: LmsGradebookFormat | GradebookSpec,
	student: GradebookStudent,
	scores: readonly (number | null)[],
	status?: string | null,
): string {
	const row = gradebookRow(format, student, scores, status);
	return row === null ? "" : writeGradebookRow(row);
}
