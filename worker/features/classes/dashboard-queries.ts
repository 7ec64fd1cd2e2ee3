/**
 * The class page's SQL: the cheap stamp that says whether a class's attempts at a quiz changed, the
 * grouped counts the statistics are made of (never one row per response), the attempts table, and
 * the two drill-downs. Each is a query not yet sent, so that a page sends what it needs in one
 * db.batch. Every query leads with the class id and walks an index of attempts.
 */
import { type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Database } from "../../db/client";
import { num, numOrNull, text, textOrNull } from "../../db/columns";
import type { AttemptColumns } from "../exports/queries";

/** D1's row: each column by name. */
type D1Row = Record<string, unknown>;

/** A query written in SQL, and how to read one of its rows (each column's type checked: db/columns.ts). */
export interface RawQuery<Row> {
	readonly query: SQL;
	readonly read: (row: D1Row) => Row;
}

const raw = <Row>(query: SQL, read: (row: D1Row) => Row): RawQuery<Row> => ({ query, read });

const dialect = new SQLiteAsyncDialect();

/** A `SELECT COUNT(*) AS n` row. */
const countRow = (r: D1Row) => ({ n: num(r.n, "n") });

/**
 * Sends these queries in one D1 batch (one round trip, one implicit transaction: every query sees
 * the same state) and reads each one's rows. drizzle's own db.batch cannot take `db.all(sql)`
 * queries that have parameters, so the SQL is compiled by drizzle and sent to D1 as it is. The
 * overloads give each query's rows their own type; every row is read by its query's reader.
 */
export function sendBatch<A>(db: Database, queries: readonly [RawQuery<A>]): Promise<[A[]]>;
export function sendBatch<A, B>(db: Database, queries: readonly [RawQuery<A>, RawQuery<B>]): Promise<[A[], B[]]>;
export function sendBatch<A, B, C>(db: Database, queries: readonly [RawQuery<A>, RawQuery<B>, RawQuery<C>]): Promise<[A[], B[], C[]]>;
export async function sendBatch(db: Database, queries: readonly RawQuery<unknown>[]): Promise<unknown[][]> {
	const d1 = db.$client;
	const statements = queries.map(({ query }) => {
		const { sql: compiled, params } = dialect.sqlToQuery(query);
		return d1.prepare(compiled).bind(...params);
	});
	const results = await d1.batch<D1Row>(statements);
	return queries.map((q, i) => (results[i]?.results ?? []).map(q.read));
}

/** Which attempts the statistics, the table and the drill-downs count. */
export const ATTEMPT_SETS = ["first", "latest", "all"] as const;
export type AttemptSet = (typeof ATTEMPT_SETS)[number];

/** The attempts of `set` among those on alias `a`: a student's first (attempt 1), their latest, or every one. */
function inSet(set: AttemptSet): SQL {
	if (set === "first") return sql` AND a.attempt_number = 1`;
	if (set === "latest") {
		return sql` AND NOT EXISTS (SELECT 1 FROM attempts b WHERE b.class_id = a.class_id AND b.quiz_id = a.quiz_id AND b.student_key = a.student_key AND b.attempt_number > a.attempt_number)`;
	}
	return sql``;
}

/** The newest attempt a cached analysis includes: anything after it, in (submitted_at, id) order, is new. */
export interface AttemptCursor {
	submittedAt: number;
	id: string;
}

const after = (cursor: AttemptCursor | null) =>
	cursor === null ? sql`` : sql` AND (a.submitted_at, a.id) > (${cursor.submittedAt}, ${cursor.id})`;

/**
 * How many attempts, the newest time and the sum of the times (as exact decimal text): read from
 * the covering index (class_id, quiz_id, submitted_at, id) without touching a row. A new attempt
 * changes the count; a deleted one changes it too; the sum tells a deletion and an insertion apart.
 */
export interface StampRow {
	quiz_id: string;
	n: number;
	last: number | null;
	sum: string | null;
}

const stampRow = (r: D1Row): StampRow => ({
	quiz_id: text(r.quiz_id, "quiz_id"),
	n: num(r.n, "n"),
	last: numOrNull(r.last, "last"),
	sum: textOrNull(r.sum, "sum"),
});

/** The stamp of every quiz attempted in a class, in one pass over its part of the index. */
export function classStamps(classId: string) {
	return raw(
		sql`
		SELECT a.quiz_id, COUNT(*) AS n, MAX(a.submitted_at) AS last, CAST(SUM(a.submitted_at) AS TEXT) AS sum
		FROM attempts a WHERE a.class_id = ${classId}
		GROUP BY a.quiz_id`,
		stampRow,
	);
}

/** Attempts submitted at or before `until` (ms) only; null: all. */
const until = (ms: number | null) => (ms === null ? sql`` : sql` AND a.submitted_at <= ${ms}`);

/**
 * The stamp of one quiz in a class: all of its attempts, or those after `cursor` and up to `upTill`
 * (then a range of the index, not all of it).
 */
export function quizStamp(classId: string, quizId: string, cursor: AttemptCursor | null = null, upTill: number | null = null) {
	return raw(
		sql`
		SELECT ${quizId} AS quiz_id, COUNT(*) AS n, MAX(a.submitted_at) AS last, CAST(SUM(a.submitted_at) AS TEXT) AS sum
		FROM attempts a WHERE a.class_id = ${classId} AND a.quiz_id = ${quizId}${after(cursor)}${until(upTill)}`,
		stampRow,
	);
}

/** The newest attempt at a quiz in a class (up to `upTill`): where the next count of new attempts starts after. */
export function newestAttempt(classId: string, quizId: string, upTill: number | null = null) {
	return raw(
		sql`
		SELECT a.submitted_at, a.id FROM attempts a
		WHERE a.class_id = ${classId} AND a.quiz_id = ${quizId}${until(upTill)}
		ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1`,
		(r) => ({ submitted_at: num(r.submitted_at, "submitted_at"), id: text(r.id, "id") }),
	);
}

export interface AnalysisScope {
	classId: string;
	quizId: string;
	set: AttemptSet;
}

/**
 * One row per attempt of the set with its marks as text: `#<position>:<points>` for each response
 * of an attempt graded on `version` (the quiz as it is now), `<question id>:<points>` for an older
 * version (whose positions may differ), joined by `|`. Read per attempt through the responses'
 * primary key, so no sort of every response is ever needed; a page of `limit` attempts after
 * `after`, up to `upTo` and submitted by `until`, in (submitted_at, id) order.
 */
export interface AttemptMarksRow {
	id: string;
	submitted_at: number;
	marks: string | null;
}

export function attemptMarks(
	s: AnalysisScope,
	version: string,
	page: { after: AttemptCursor | null; upTo: AttemptCursor | null; until?: number | null; limit: number },
) {
	const upTo = page.upTo === null ? sql`` : sql` AND (a.submitted_at, a.id) <= (${page.upTo.submittedAt}, ${page.upTo.id})`;
	return raw(
		sql`
		SELECT a.id, a.submitted_at,
		       (SELECT group_concat(CASE WHEN a.quiz_version = ${version} THEN '#' || r.position ELSE r.question_id END || ':' || r.points, '|')
		        FROM responses r WHERE r.attempt_id = a.id) AS marks
		FROM attempts a
		WHERE a.class_id = ${s.classId} AND a.quiz_id = ${s.quizId}${after(page.after)}${upTo}${until(page.until ?? null)}${inSet(s.set)}
		ORDER BY a.submitted_at, a.id LIMIT ${page.limit}`,
		(r): AttemptMarksRow => ({
			id: text(r.id, "id"),
			submitted_at: num(r.submitted_at, "submitted_at"),
			marks: textOrNull(r.marks, "marks"),
		}),
	);
}

// ---------------------------------------------------------------- the attempts table

export const TABLE_SORTS = ["name", "score", "submitted"] as const;
export type TableSort = (typeof TABLE_SORTS)[number];
export type SortDirection = "asc" | "desc";

export interface TableRow {
	id: string;
	student_name: string;
	student_key: string;
	attempt_number: number;
	score: number;
	max_score: number;
	submitted_at: number;
}

function orderBy(sort: TableSort, dir: SortDirection): SQL {
	const d = sql.raw(dir === "desc" ? "DESC" : "ASC");
	if (sort === "name") return sql`a.student_key ${d}, a.attempt_number ${d}, a.id ${d}`;
	// By percent: versions of a quiz may differ in their maximum.
	if (sort === "score") return sql`CASE WHEN a.max_score > 0 THEN a.score / a.max_score ELSE 0 END ${d}, a.submitted_at, a.id`;
	return sql`a.submitted_at ${d}, a.id ${d}`;
}

export interface TableQuery {
	classId: string;
	quizId: string;
	set: AttemptSet;
	sort: TableSort;
	dir: SortDirection;
	limit: number;
	offset: number;
}

const tableWhere = (t: Pick<TableQuery, "classId" | "quizId" | "set">) =>
	sql`a.class_id = ${t.classId} AND a.quiz_id = ${t.quizId}${inSet(t.set)}`;

/**
 * One page of the attempts table, sorted on the server. By name and by time it walks an index in
 * order ((class_id, quiz_id, student_key) or (class_id, quiz_id, submitted_at, id)) and stops at the
 * page's end; by score it sorts the class's attempts at the quiz.
 */
export function tableRows(t: TableQuery) {
	return raw(
		sql`
		SELECT a.id, a.student_name, a.student_key, a.attempt_number, a.score, a.max_score, a.submitted_at
		FROM attempts a WHERE ${tableWhere(t)}
		ORDER BY ${orderBy(t.sort, t.dir)} LIMIT ${t.limit} OFFSET ${t.offset}`,
		(r): TableRow => ({
			id: text(r.id, "id"),
			student_name: text(r.student_name, "student_name"),
			student_key: text(r.student_key, "student_key"),
			attempt_number: num(r.attempt_number, "attempt_number"),
			score: num(r.score, "score"),
			max_score: num(r.max_score, "max_score"),
			submitted_at: num(r.submitted_at, "submitted_at"),
		}),
	);
}

/** How many rows the whole table has (when the statistics, which count the same attempts, are not at hand). */
export function tableCount(t: Pick<TableQuery, "classId" | "quizId" | "set">) {
	return raw(sql`SELECT COUNT(*) AS n FROM attempts a WHERE ${tableWhere(t)}`, countRow);
}

// ---------------------------------------------------------------- drill-down: one question

/** How many counted attempts gave each stored answer (its JSON text; null: no answer), how many of them were marked right, and of how many in all. */
export interface AnswerRow {
	answer: string | null;
	n: number;
	right: number;
	/** Every counted attempt (the same on each row). */
	total: number;
}

/** A chooser: a student whose counted attempt falls into a bucket (a choice, or a typed answer's text; null: no answer). */
export interface ChooserRow {
	bucket: string | null;
	student_name: string;
	student_key: string;
	attempt_number: number;
}

/**
 * One question's spread, in two queries that each walk the counted attempts once: the attempts per
 * stored answer (no answer first, then the most frequent, at most `maxAnswers`), and up to `names`
 * students per bucket, alphabetically, the biggest buckets first, at most `names × maxBuckets`
 * rows. For a choice question a bucket is a choice (an attempt that picked two is in both); for a
 * short answer, the text typed.
 */
export function questionSpread(q: {
	classId: string;
	quizId: string;
	set: AttemptSet;
	questionId: string;
	choice: boolean;
	names: number;
	maxAnswers: number;
	maxBuckets: number;
}) {
	const scope = sql`a.class_id = ${q.classId} AND a.quiz_id = ${q.quizId}${inSet(q.set)}`;
	const join = sql`LEFT JOIN responses r ON r.attempt_id = a.id AND r.question_id = ${q.questionId}`;
	const bucket = q.choice ? sql`j.value` : sql`json_extract(r.answer, '$.text')`;
	const explode = q.choice ? sql` LEFT JOIN json_each(r.answer, '$.choiceIds') j` : sql``;
	return [
		raw(
			sql`
			SELECT r.answer AS answer, COUNT(*) AS n, COALESCE(SUM(r.correct = 1), 0) AS right, SUM(COUNT(*)) OVER () AS total
			FROM attempts a ${join} WHERE ${scope}
			GROUP BY r.answer ORDER BY r.answer IS NULL DESC, n DESC, r.answer LIMIT ${q.maxAnswers + 1}`,
			(r): AnswerRow => ({
				answer: textOrNull(r.answer, "answer"),
				n: num(r.n, "n"),
				right: num(r.right, "right"),
				total: num(r.total, "total"),
			}),
		),
		raw(
			sql`
			SELECT bucket, student_name, student_key, attempt_number FROM (
				SELECT ${bucket} AS bucket, a.student_name, a.student_key, a.attempt_number,
				       ROW_NUMBER() OVER (PARTITION BY ${bucket} ORDER BY a.student_key, a.attempt_number) AS rn,
				       COUNT(*) OVER (PARTITION BY ${bucket}) AS size
				FROM attempts a ${join}${explode} WHERE ${scope}
			) WHERE rn <= ${q.names}
			ORDER BY size DESC, bucket, rn LIMIT ${q.names * q.maxBuckets}`,
			(r): ChooserRow => ({
				bucket: textOrNull(r.bucket, "bucket"),
				student_name: text(r.student_name, "student_name"),
				student_key: text(r.student_key, "student_key"),
				attempt_number: num(r.attempt_number, "attempt_number"),
			}),
		),
	] as const;
}

// ---------------------------------------------------------------- drill-down: one student

/** An attempt as the drill-down lists it: an export's columns (the version always given). */
export type StudentAttemptRow = AttemptColumns;

export interface StudentResponseRow {
	attempt_id: string;
	question_id: string;
	position: number;
	answer: string | null;
	correct: number;
	points: number;
}

/** A student's (by student key) `limit` latest attempts in a class, and every response of them, in one batch. */
export function studentAttempts(classId: string, key: string, limit: number) {
	const latest = sql`SELECT a.id FROM attempts a WHERE a.class_id = ${classId} AND a.student_key = ${key} ORDER BY a.submitted_at DESC, a.id DESC LIMIT ${limit}`;
	return [
		raw(
			sql`
			SELECT a.id, a.quiz_id, a.quiz_version, a.student_name, a.attempt_number, a.score, a.max_score, a.started_at, a.submitted_at
			FROM attempts a WHERE a.class_id = ${classId} AND a.student_key = ${key}
			ORDER BY a.submitted_at DESC, a.id DESC LIMIT ${limit}`,
			(r): StudentAttemptRow => ({
				id: text(r.id, "id"),
				quiz_id: text(r.quiz_id, "quiz_id"),
				quiz_version: text(r.quiz_version, "quiz_version"),
				student_name: text(r.student_name, "student_name"),
				attempt_number: num(r.attempt_number, "attempt_number"),
				score: num(r.score, "score"),
				max_score: num(r.max_score, "max_score"),
				started_at: numOrNull(r.started_at, "started_at"),
				submitted_at: num(r.submitted_at, "submitted_at"),
			}),
		),
		raw(
			sql`
			SELECT r.attempt_id, r.question_id, r.position, r.answer, r.correct, r.points
			FROM responses r WHERE r.attempt_id IN (${latest})
			ORDER BY r.attempt_id, r.position`,
			(r): StudentResponseRow => ({
				attempt_id: text(r.attempt_id, "attempt_id"),
				question_id: text(r.question_id, "question_id"),
				position: num(r.position, "position"),
				answer: textOrNull(r.answer, "answer"),
				correct: num(r.correct, "correct"),
				points: num(r.points, "points"),
			}),
		),
		raw(sql`SELECT COUNT(*) AS n FROM attempts a WHERE a.class_id = ${classId} AND a.student_key = ${key}`, countRow),
	] as const;
}
