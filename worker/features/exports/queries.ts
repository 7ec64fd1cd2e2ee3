/**
 * The export queries: each reads one page, in a fixed order, after a keyset cursor, so an export of
 * any size streams through bounded pages (never OFFSET over the export, never the whole table). Every
 * page query leads with the class id and walks an index of attempts: (class_id, submitted_at, id),
 * (class_id, quiz_id, submitted_at, id) or (class_id, quiz_id, student_key); the gradebook of a class
 * with a roster walks the roster's (class_id, position) index and looks attempts up by student key.
 *
 * What costs an export its time is not SQLite but each D1 round trip and each value crossing it
 * (measured under wrangler dev: about 1.5 ms of CPU per query, and D1's row objects cost more than
 * formatting them). So each page of scores, responses and the roster-less gradebook comes back as one
 * JSON array that SQLite builds (json_group_array: one value instead of one object per row; the
 * responses nested in their attempt, whose columns so travel once, not with each response), and the
 * pages after the first travel several to a batch: page k of a batch starts after the row `k × limit`
 * places past the batch's cursor (an index-only skip inside that statement), and each page is still
 * one query of at most `limit` rows (responses: whole attempts with at most `limit` responses). The
 * statements of a batch see one snapshot, so the pages tile exactly. Those are written as SQL with
 * `?` parameters and sent straight to D1: no query is built per page.
 */
import { and, asc, count, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as columns from "../../db/columns";
import { attempts, classes, quizOpens, rosterStudents } from "../../db/schema";
import { TEACHER_QUIZ_PREFIX } from "../quizzes/library";

export interface ExportFilter {
	classId: string;
	quizId: string | null;
	/** Inclusive lower bound on submitted_at. */
	from: Date | null;
	/** Exclusive upper bound on submitted_at. */
	to: Date | null;
}

/** Position of an attempt in export order. */
export interface AttemptCursor {
	submittedAt: number;
	id: string;
}

/** The filter as SQL on the attempts alias `t`, and its parameters in order. */
function filterOn(t: string, f: ExportFilter): { sql: string; params: unknown[] } {
	let sql = `${t}.class_id = ?`;
	const params: unknown[] = [f.classId];
	if (f.quizId !== null) {
		sql += ` AND ${t}.quiz_id = ?`;
		params.push(f.quizId);
	}
	if (f.from !== null) {
		sql += ` AND ${t}.submitted_at >= ?`;
		params.push(f.from.getTime());
	}
	if (f.to !== null) {
		sql += ` AND ${t}.submitted_at < ?`;
		params.push(f.to.getTime());
	}
	return { sql, params };
}

/** A statement of a batch: its SQL and parameters. */
interface Statement {
	sql: string;
	params: unknown[];
}

/** Runs `statements` in one round trip (alone, or as a D1 batch): each statement's rows, as `raw()` gives them. */
async function send(db: Database, statements: readonly Statement[]): Promise<unknown[][][]> {
	const d1 = db.$client;
	const prepared = statements.map((s) => d1.prepare(s.sql).bind(...s.params));
	return prepared.length === 1 ? [await (prepared[0] as D1PreparedStatement).raw()] : (await d1.batch(prepared)).map(rawOf);
}

/** The rows of a packed list, each read by `read`, in keyset order. */
function readRows<T>(list: readonly unknown[], read: (row: unknown[]) => T, compare: (a: T, b: T) => number): T[] {
	return inOrder(
		list.map((row) => (Array.isArray(row) ? read(row) : broken("a packed row is not a list"))),
		compare,
	);
}

/**
 * Runs `statements` (each packing one page into a single JSON array, or returning no row) in one D1
 * batch and returns each page's rows, read by `read`. A page that has no rows ends the list.
 */
async function packedPages<T>(
	db: Database,
	statements: readonly Statement[],
	read: (row: unknown[]) => T,
	compare: (a: T, b: T) => number,
): Promise<T[][]> {
	const pages: T[][] = [];
	for (const rows of await send(db, statements)) {
		const packed = rows[0]?.[0];
		if (typeof packed !== "string") break;
		const page: unknown = JSON.parse(packed);
		if (!Array.isArray(page) || page.length === 0) break;
		pages.push(readRows(page, read, compare));
	}
	return pages;
}

/**
 * The page in keyset order. SQLite aggregates the page's subquery in the order that subquery sorted
 * it, but does not promise to (an ORDER BY inside json_group_array would, at the cost of sorting
 * every page again), so the order is checked and, should it ever differ, restored here.
 */
function inOrder<T>(rows: T[], compare: (a: T, b: T) => number): T[] {
	for (let i = 1; i < rows.length; i++) {
		if (compare(rows[i - 1] as T, rows[i] as T) > 0) return rows.sort(compare);
	}
	return rows;
}

/** Text in SQLite's BINARY order (UTF-8 bytes, that is code points), not JavaScript's UTF-16 code units. */
export function compareText(a: string, b: string): number {
	if (a === b) return 0;
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		// A surrogate (0xD800–0xDFFF, half of a code point above 0xFFFF) sorts after every other code unit.
		const sx = x >= 0xd800 && x <= 0xdfff;
		const sy = y >= 0xd800 && y <= 0xdfff;
		if (sx !== sy) return sx ? 1 : -1;
		return x - y;
	}
	return a.length - b.length;
}

const byNumberThenText = (x: number, y: number, a: string, b: string) => (x !== y ? x - y : compareText(a, b));

/** A batch result's first column of each row, as `raw()` gives it. */
function rawOf(result: D1Result): unknown[][] {
	return result.results.map((row) => (typeof row === "object" && row !== null ? Object.values(row) : []));
}

function broken(what: string): never {
	throw new Error(`export query: ${what}`);
}

// Reading a packed row by position: each value's type checked (db/columns.ts).
const text = (row: readonly unknown[], i: number): string => columns.text(row[i], `${i}`);
const textOrNull = (row: readonly unknown[], i: number): string | null => columns.textOrNull(row[i], `${i}`);
const num = (row: readonly unknown[], i: number): number => columns.num(row[i], `${i}`);
const numOrNull = (row: readonly unknown[], i: number): number | null => columns.numOrNull(row[i], `${i}`);

/** The condition that starts a page after a keyset cursor on two columns of alias `t`; null without a cursor. */
function keysetAfter(t: string, columns: readonly [string, string], cursor: readonly [unknown, unknown] | null): Statement | null {
	return cursor === null ? null : { sql: `(${t}.${columns[0]}, ${t}.${columns[1]}) > (?, ?)`, params: [...cursor] };
}

/**
 * `count` statements for consecutive keyset pages of at most `limit` rows after `cursor`. `page(k)`
 * gives page k's statement from the condition (and parameters) that starts it: for page 0 the
 * cursor itself (or nothing), for page k the row `k × limit − 1` places after the cursor, found by
 * `skip` (which returns the keyset columns of that row).
 */
function pageStatements(
	count: number,
	limit: number,
	cursor: Statement | null,
	skip: (offset: number) => Statement,
	page: (start: Statement | null) => Statement,
): Statement[] {
	return Array.from({ length: count }, (_, k) => page(k === 0 ? cursor : skip(k * limit - 1)));
}

// ---------------------------------------------------------------------------------------------
// scores.csv: attempts in (submitted_at, id) order

/**
 * How a teacher's quiz id starts. Only their quizzes have versions with titles of their own (a
 * built-in quiz is looked up as it is now, whatever version an attempt names), so only their
 * attempts bring the 64-character version along: a third of a scores page otherwise.
 */
const TEACHER_ID_HEAD = `${TEACHER_QUIZ_PREFIX}-`;

/** An attempt's columns as the exports and the class page's student drill-down list them. */
export interface AttemptColumns {
	id: string;
	quiz_id: string;
	quiz_version: string;
	student_name: string;
	attempt_number: number;
	score: number;
	max_score: number;
	started_at: number | null;
	submitted_at: number;
}

export interface AttemptExportRow extends AttemptColumns {
	/** The version graded on for a teacher's quiz; "" for any other (looked up as it is now). */
	quiz_version: string;
	/** The attempt's points by question id (only when the filter names a quiz); null otherwise. */
	points: Map<string, number> | null;
}

function readAttempt(row: readonly unknown[], usualQuiz: string): AttemptExportRow {
	const points = row[9];
	return {
		id: text(row, 0),
		quiz_id: textOrNull(row, 1) ?? usualQuiz,
		quiz_version: textOrNull(row, 2) ?? "",
		student_name: text(row, 3),
		attempt_number: num(row, 4),
		score: num(row, 5),
		max_score: num(row, 6),
		started_at: numOrNull(row, 7),
		submitted_at: num(row, 8),
		points: typeof points === "string" ? pointsOf(points) : null,
	};
}

/** The points object json_group_object packed ({"q-id": points}) as a map. */
function pointsOf(packed: string): Map<string, number> {
	const out = new Map<string, number>();
	const value: unknown = JSON.parse(packed);
	if (typeof value !== "object" || value === null) return broken("points are not an object");
	for (const [id, p] of Object.entries(value)) if (typeof p === "number") out.set(id, p);
	return out;
}

const afterAttempt = (t: string, c: AttemptCursor | null) => keysetAfter(t, ["submitted_at", "id"], c && [c.submittedAt, c.id]);

/** The condition that starts a page `offset + 1` attempts after `cursor` (an index-only skip of the attempts in between). */
function attemptSkip(f: ExportFilter, cursor: AttemptCursor | null): (offset: number) => Statement {
	const whereB = filterOn("b", f);
	const after = afterAttempt("b", cursor);
	return (offset) => ({
		sql: `(a.submitted_at, a.id) > (SELECT b.submitted_at, b.id FROM attempts b WHERE ${whereB.sql}${after ? ` AND ${after.sql}` : ""}
			ORDER BY b.submitted_at, b.id LIMIT 1 OFFSET ?)`,
		params: [...whereB.params, ...(after?.params ?? []), offset],
	});
}

/**
 * Up to `pages` consecutive pages of at most `limit` attempts after `cursor`, in (submitted_at, id)
 * order, in one round trip. `withPoints`: each attempt also brings its points by question (at most
 * `limit` × questions responses a page: the caller sizes `limit` for that). `usualQuiz`: the quiz
 * most of these attempts are expected to be at (the filter's, or the last attempt read's), whose id
 * a row leaves out (null): a class mostly takes one quiz at a time, and its id is a fifth of a row.
 */
export function attemptPages(
	db: Database,
	f: ExportFilter,
	cursor: AttemptCursor | null,
	limit: number,
	pages: number,
	withPoints: boolean,
	usualQuiz: string,
): Promise<AttemptExportRow[][]> {
	const where = filterOn("a", f);
	const points = withPoints
		? ", (SELECT json_group_object(r.question_id, r.points) FROM responses r WHERE r.attempt_id = a.id) AS points"
		: "";
	const page = (start: Statement | null): Statement => ({
		sql: `SELECT json_group_array(json_array(a.id, CASE WHEN a.quiz_id = ? THEN NULL ELSE a.quiz_id END, CASE WHEN substr(a.quiz_id, 1, ${TEACHER_ID_HEAD.length}) = '${TEACHER_ID_HEAD}' THEN a.quiz_version END,
				a.student_name, a.attempt_number, a.score, a.max_score,
				a.started_at, a.submitted_at${withPoints ? ", a.points" : ""}))
			FROM (SELECT a.id, a.quiz_id, a.quiz_version, a.student_name, a.attempt_number, a.score, a.max_score, a.started_at, a.submitted_at${points}
				FROM attempts a WHERE ${where.sql}${start ? ` AND ${start.sql}` : ""}
				ORDER BY a.submitted_at, a.id LIMIT ?) a`,
		params: [usualQuiz, ...where.params, ...(start?.params ?? []), limit],
	});
	const read = (row: readonly unknown[]) => readAttempt(row, usualQuiz);
	return packedPages(db, pageStatements(pages, limit, afterAttempt("a", cursor), attemptSkip(f, cursor), page), read, (x, y) =>
		byNumberThenText(x.submitted_at, y.submitted_at, x.id, y.id),
	);
}

// ---------------------------------------------------------------------------------------------
// responses.csv and item analysis: attempts in (submitted_at, id) order, each with its responses in position order

/** One response of an attempt. */
export interface ResponseCells {
	question_id: string;
	position: number;
	answer: string | null;
	correct: number;
	points: number;
}

/** An attempt's own columns and its responses, in position order. */
export interface AttemptResponses
	extends Pick<AttemptColumns, "id" | "quiz_id" | "quiz_version" | "student_name" | "attempt_number" | "submitted_at"> {
	responses: ResponseCells[];
}

function readResponse(row: readonly unknown[]): ResponseCells {
	return { question_id: text(row, 0), position: num(row, 1), answer: textOrNull(row, 2), correct: num(row, 3), points: num(row, 4) };
}

function readAttemptResponses(row: readonly unknown[]): AttemptResponses {
	// SQLite hands a nested array over as a list, or as that list's JSON text should it lose its JSON subtype.
	const packed = typeof row[6] === "string" ? JSON.parse(row[6]) : row[6];
	if (!Array.isArray(packed)) return broken("an attempt's responses are not a list");
	const responses = readRows(packed, readResponse, (x, y) => x.position - y.position);
	return {
		id: text(row, 0),
		quiz_id: text(row, 1),
		quiz_version: text(row, 2),
		student_name: text(row, 3),
		attempt_number: num(row, 4),
		submitted_at: num(row, 5),
		responses,
	};
}

/** What one round trip of responsePages brought: its pages, and whether attempts follow the last one. */
export interface ResponsePages {
	pages: AttemptResponses[][];
	more: boolean;
}

/**
 * Up to `pages` consecutive pages of attempts after `cursor`, each attempt with every one of its
 * responses, in one round trip. A page holds whole attempts: the next `attempts` of them, or fewer
 * when their responses would come to more than `maxRows` (an attempt with more than `maxRows`
 * responses alone is a page of its own; a quiz has at most 100 questions). So a page reads each
 * attempt's columns once, not with each of its twenty responses, and the pages after the first
 * start an index-only skip of whole attempts ahead, as the scores pages do, which a page of
 * responses could not do without reading each skipped attempt's responses again.
 *
 * Page k of a trip starts `k × attempts` attempts after the cursor; should a page hold fewer
 * attempts than that (its responses would pass `maxRows`), the pages after it would leave a gap, so
 * they are dropped, and the caller goes on after the short page's last attempt, with pages of as
 * many attempts as it held.
 */
export async function responsePages(
	db: Database,
	f: ExportFilter,
	cursor: AttemptCursor | null,
	attempts: number,
	pages: number,
	maxRows: number,
): Promise<ResponsePages> {
	const where = filterOn("a", f);
	const page = (start: Statement | null): Statement => ({
		sql: `SELECT json_group_array(json_array(p.id, p.quiz_id, p.quiz_version, p.student_name, p.attempt_number, p.submitted_at,
				(SELECT json_group_array(json_array(r.question_id, r.position, r.answer, r.correct, r.points))
					FROM (SELECT r.question_id, r.position, r.answer, r.correct, r.points FROM responses r WHERE r.attempt_id = p.id ORDER BY r.position) r))),
				max(p.listed)
			FROM (SELECT a.*, sum(a.n) OVER (ORDER BY a.submitted_at, a.id ROWS UNBOUNDED PRECEDING) AS running,
					row_number() OVER (ORDER BY a.submitted_at, a.id) AS k, count(*) OVER () AS listed
				FROM (SELECT a.id, a.quiz_id, a.quiz_version, a.student_name, a.attempt_number, a.submitted_at,
						(SELECT count(*) FROM responses r WHERE r.attempt_id = a.id) AS n
					FROM attempts a WHERE ${where.sql}${start ? ` AND ${start.sql}` : ""}
					ORDER BY a.submitted_at, a.id LIMIT ?) a) p
			WHERE p.running <= ? OR p.k = 1`,
		params: [...where.params, ...(start?.params ?? []), attempts, maxRows],
	});
	const statements = pageStatements(pages, attempts, afterAttempt("a", cursor), attemptSkip(f, cursor), page);
	const out: AttemptResponses[][] = [];
	for (const rows of await send(db, statements)) {
		const [packed, listed] = rows[0] ?? [];
		if (typeof packed !== "string" || typeof listed !== "number") return { pages: out, more: false };
		const list: unknown = JSON.parse(packed);
		if (!Array.isArray(list)) return broken("a page is not a list");
		const held = readRows(list, readAttemptResponses, (x, y) => byNumberThenText(x.submitted_at, y.submitted_at, x.id, y.id));
		out.push(held);
		// A short page: the pages after it started past attempts it did not hold.
		if (held.length < listed) return { pages: out, more: true };
		if (listed < attempts) return { pages: out, more: false };
	}
	return { pages: out, more: true };
}

// ---------------------------------------------------------------------------------------------
// gradebook.csv: (quiz, student) groups in (quiz_id, student_key) order

export interface GradebookCursor {
	quizId: string;
	studentKey: string;
}

export interface GradebookRow {
	quiz_id: string;
	student_key: string;
	/** The name on the student's latest attempt. */
	student_name: string;
	attempts: number;
	best_score: number;
	latest_score: number;
	first_score: number;
	max_score: number;
	first_submitted_at: number;
	last_submitted_at: number;
}

function readGroup(row: readonly unknown[]): GradebookRow {
	return {
		quiz_id: text(row, 0),
		student_key: text(row, 1),
		student_name: text(row, 2),
		attempts: num(row, 3),
		best_score: num(row, 4),
		latest_score: num(row, 5),
		first_score: num(row, 6),
		max_score: num(row, 7),
		first_submitted_at: num(row, 8),
		last_submitted_at: num(row, 9),
	};
}

const afterGroup = (t: string, c: GradebookCursor | null) => keysetAfter(t, ["quiz_id", "student_key"], c && [c.quizId, c.studentKey]);

/**
 * Up to `pages` consecutive pages of at most `limit` (quiz, student) groups after `cursor`, in
 * (quiz_id, student_key) order, in one round trip. The first and latest attempts are correlated
 * lookups on the (class_id, quiz_id, student_key) index, named so that SQLite does not walk the
 * (class_id, quiz_id, submitted_at) index instead, which reads the whole quiz for each student.
 */
export function gradebookPages(
	db: Database,
	f: ExportFilter,
	cursor: GradebookCursor | null,
	limit: number,
	pages: number,
): Promise<GradebookRow[][]> {
	const where = filterOn("a", f);
	const whereB = filterOn("b", f);
	const range = [f.from === null ? "" : " AND g.submitted_at >= ?", f.to === null ? "" : " AND g.submitted_at < ?"].join("");
	const rangeParams = [...(f.from === null ? [] : [f.from.getTime()]), ...(f.to === null ? [] : [f.to.getTime()])];
	const group = `FROM attempts g INDEXED BY attempts_class_quiz_student_idx
		WHERE g.class_id = a.class_id AND g.quiz_id = a.quiz_id AND g.student_key = a.student_key${range}`;
	const page = (start: Statement | null): Statement => ({
		sql: `SELECT json_group_array(json_array(p.quiz_id, p.student_key, p.student_name, p.attempts, p.best_score, p.latest_score, p.first_score,
				p.max_score, p.first_submitted_at, p.last_submitted_at))
			FROM (SELECT a.quiz_id, a.student_key, COUNT(*) AS attempts, MAX(a.score) AS best_score, MAX(a.max_score) AS max_score,
				MIN(a.submitted_at) AS first_submitted_at, MAX(a.submitted_at) AS last_submitted_at,
				(SELECT g.score ${group} ORDER BY g.submitted_at, g.id LIMIT 1) AS first_score,
				(SELECT g.score ${group} ORDER BY g.submitted_at DESC, g.id DESC LIMIT 1) AS latest_score,
				(SELECT g.student_name ${group} ORDER BY g.submitted_at DESC, g.id DESC LIMIT 1) AS student_name
				FROM attempts a
				WHERE ${where.sql}${start ? ` AND ${start.sql}` : ""}
				GROUP BY a.quiz_id, a.student_key
				ORDER BY a.quiz_id, a.student_key
				LIMIT ?) p`,
		params: [...rangeParams, ...rangeParams, ...rangeParams, ...where.params, ...(start?.params ?? []), limit],
	});
	const after = afterGroup("b", cursor);
	const skip = (offset: number): Statement => ({
		sql: `(a.quiz_id, a.student_key) > (SELECT b.quiz_id, b.student_key FROM attempts b WHERE ${whereB.sql}${after ? ` AND ${after.sql}` : ""}
			GROUP BY b.quiz_id, b.student_key ORDER BY b.quiz_id, b.student_key LIMIT 1 OFFSET ?)`,
		params: [...whereB.params, ...(after?.params ?? []), offset],
	});
	return packedPages(db, pageStatements(pages, limit, afterGroup("a", cursor), skip, page), readGroup, (x, y) =>
		x.quiz_id === y.quiz_id ? compareText(x.student_key, y.student_key) : compareText(x.quiz_id, y.quiz_id),
	);
}

/*
 * The gradebook of a class with a roster (and the LMS layouts): students in roster order, then the
 * students not on the roster by name key, each with their groups of attempts. Written with drizzle's
 * builder (a raw `db.all` cannot go in a D1 batch), with the attempts table unaliased so that the
 * correlated lookups below can name the outer row as "attempts".
 */

/** The drizzle form of the filter. */
function attemptsIn(f: ExportFilter) {
	return and(
		eq(attempts.classId, f.classId),
		f.quizId === null ? undefined : eq(attempts.quizId, f.quizId),
		f.from === null ? undefined : gte(attempts.submittedAt, f.from),
		f.to === null ? undefined : lt(attempts.submittedAt, f.to),
	);
}

/**
 * One (quiz, student) group of the outer "attempts" rows: GradebookRow's figures. The first and
 * latest attempts (and the name on the latest) are correlated lookups on the (class_id, quiz_id,
 * student_key) index, within the filter's dates.
 */
function groupFields(f: ExportFilter) {
	const same = sql.join(
		[
			sql`g.class_id = "attempts"."class_id" AND g.quiz_id = "attempts"."quiz_id" AND g.student_key = "attempts"."student_key"`,
			f.from === null ? sql`1` : sql`g.submitted_at >= ${f.from.getTime()}`,
			f.to === null ? sql`1` : sql`g.submitted_at < ${f.to.getTime()}`,
		],
		sql` AND `,
	);
	const first = sql`ORDER BY g.submitted_at, g.id LIMIT 1`;
	const latest = sql`ORDER BY g.submitted_at DESC, g.id DESC LIMIT 1`;
	return {
		quizId: attempts.quizId,
		studentKey: attempts.studentKey,
		attempts: count(),
		bestScore: sql<number>`MAX(${attempts.score})`,
		maxScore: sql<number>`MAX(${attempts.maxScore})`,
		firstSubmittedAt: sql<number>`MIN(${attempts.submittedAt})`,
		lastSubmittedAt: sql<number>`MAX(${attempts.submittedAt})`,
		firstScore: sql<number>`(SELECT g.score FROM attempts g WHERE ${same} ${first})`,
		latestScore: sql<number>`(SELECT g.score FROM attempts g WHERE ${same} ${latest})`,
		studentName: sql<string>`(SELECT g.student_name FROM attempts g WHERE ${same} ${latest})`,
	};
}

/** A (quiz, student) group of attempts: how many, the best, latest and first scores, when (ms since the epoch), and the name on the latest. */
export interface StudentQuizGroup {
	quizId: string;
	studentKey: string;
	attempts: number;
	bestScore: number;
	latestScore: number;
	firstScore: number;
	maxScore: number;
	firstSubmittedAt: number;
	lastSubmittedAt: number;
	studentName: string;
}

/**
 * What a gradebook spans, in one round trip: the class's list of open quizzes, the quizzes attempted
 * within the filter, the quizzes its roster students opened, and how many students the roster has
 * (and how many of them have an email, a student id).
 */
export async function gradebookScope(db: Database, f: ExportFilter) {
	const [cls, attempted, opened, roster] = await db.batch([
		db.select({ openQuizIds: classes.openQuizIds }).from(classes).where(eq(classes.id, f.classId)),
		db.selectDistinct({ quizId: attempts.quizId }).from(attempts).where(attemptsIn(f)),
		db
			.selectDistinct({ quizId: quizOpens.quizId })
			.from(quizOpens)
			.innerJoin(rosterStudents, eq(rosterStudents.id, quizOpens.rosterStudentId))
			.where(and(eq(rosterStudents.classId, f.classId), f.quizId === null ? undefined : eq(quizOpens.quizId, f.quizId))),
		db
			.select({ n: count(), withEmail: count(rosterStudents.email), withStudentId: count(rosterStudents.studentId) })
			.from(rosterStudents)
			.where(eq(rosterStudents.classId, f.classId)),
	]);
	return {
		listed: cls[0]?.openQuizIds ?? [],
		attempted: attempted.map((r) => r.quizId),
		opened: opened.map((r) => r.quizId),
		rosterSize: roster[0]?.n ?? 0,
		withEmail: roster[0]?.withEmail ?? 0,
		withStudentId: roster[0]?.withStudentId ?? 0,
	};
}

export type GradebookScope = Awaited<ReturnType<typeof gradebookScope>>;

/** Position of a student on the roster, in gradebook order. */
export interface RosterCursor {
	position: number;
	id: string;
}

/**
 * Up to `limit` roster students after `cursor`, in roster order, with every group of their attempts
 * within the filter and the quizzes they opened: three statements in one batch (one round trip, one
 * snapshot), each over the same page of the roster (the class_id, position index).
 */
export async function rosterGradebookPage(db: Database, f: ExportFilter, cursor: RosterCursor | null, limit: number) {
	const page = db.$with("page").as(
		db
			.select({
				id: rosterStudents.id,
				name: rosterStudents.name,
				nameKey: rosterStudents.nameKey,
				email: rosterStudents.email,
				studentId: rosterStudents.studentId,
				section: rosterStudents.section,
				position: rosterStudents.position,
			})
			.from(rosterStudents)
			.where(
				and(
					eq(rosterStudents.classId, f.classId),
					cursor === null ? undefined : sql`(${rosterStudents.position}, ${rosterStudents.id}) > (${cursor.position}, ${cursor.id})`,
				),
			)
			.orderBy(asc(rosterStudents.position), asc(rosterStudents.id))
			.limit(limit),
	);
	const [students, groups, opens] = await db.batch([
		db.with(page).select().from(page).orderBy(asc(page.position), asc(page.id)),
		db
			.with(page)
			.select(groupFields(f))
			.from(attempts)
			.innerJoin(page, eq(page.nameKey, attempts.studentKey))
			.where(attemptsIn(f))
			.groupBy(attempts.quizId, attempts.studentKey),
		db
			.with(page)
			.select({ rosterStudentId: quizOpens.rosterStudentId, quizId: quizOpens.quizId })
			.from(quizOpens)
			.innerJoin(page, eq(page.id, quizOpens.rosterStudentId))
			.where(f.quizId === null ? undefined : eq(quizOpens.quizId, f.quizId)),
	]);
	return { students, groups, opens };
}

/**
 * Every group of attempts (within the filter) of up to `limit` students not on the roster whose key
 * comes after `afterKey`, in (student_key, quiz_id) order. "Not on the roster": no roster student of
 * the class has that name key (the roster's unique (class_id, name_key) index).
 */
export function otherStudentsGradebookPage(db: Database, f: ExportFilter, afterKey: string | null, limit: number) {
	const keys = db.$with("other_keys").as(
		db
			.selectDistinct({ key: sql<string>`${attempts.studentKey}`.as("key") })
			.from(attempts)
			.where(
				and(
					attemptsIn(f),
					afterKey === null ? undefined : gt(attempts.studentKey, afterKey),
					sql`NOT EXISTS (SELECT 1 FROM roster_students r WHERE r.class_id = "attempts"."class_id" AND r.name_key = "attempts"."student_key")`,
				),
			)
			.orderBy(asc(attempts.studentKey))
			.limit(limit),
	);
	return db
		.with(keys)
		.select(groupFields(f))
		.from(attempts)
		.innerJoin(keys, eq(keys.key, attempts.studentKey))
		.where(attemptsIn(f))
		.groupBy(attempts.studentKey, attempts.quizId)
		.orderBy(asc(attempts.studentKey), asc(attempts.quizId));
}
