/**
 * The export queries: each reads one page, in a fixed order, after a keyset cursor, so an export of
 * any size streams through bounded pages (never OFFSET, never the whole table). Every page query
 * leads with the class id and walks an index of attempts: (class_id, submitted_at, id),
 * (class_id, quiz_id, submitted_at, id) or (class_id, quiz_id, student_key).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";

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

const A = sql.raw("a");

/** The filter as SQL on the attempts alias `a`. */
function where(f: ExportFilter): SQL {
	const parts = [sql`${A}.class_id = ${f.classId}`];
	if (f.quizId !== null) parts.push(sql`${A}.quiz_id = ${f.quizId}`);
	if (f.from !== null) parts.push(sql`${A}.submitted_at >= ${f.from.getTime()}`);
	if (f.to !== null) parts.push(sql`${A}.submitted_at < ${f.to.getTime()}`);
	return sql.join(parts, sql` AND `);
}

function after(cursor: AttemptCursor | null): SQL {
	return cursor === null ? sql`` : sql` AND (${A}.submitted_at, ${A}.id) > (${cursor.submittedAt}, ${cursor.id})`;
}

export interface AttemptExportRow {
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

/** Up to `limit` attempts after `cursor`, in (submitted_at, id) order. */
export function attemptsPage(db: Database, f: ExportFilter, cursor: AttemptCursor | null, limit: number) {
	return db.all<AttemptExportRow>(sql`
		SELECT a.id, a.quiz_id, a.quiz_version, a.student_name, a.attempt_number, a.score, a.max_score, a.started_at, a.submitted_at
		FROM attempts a
		WHERE ${where(f)}${after(cursor)}
		ORDER BY a.submitted_at, a.id
		LIMIT ${limit}`);
}

/** The points of every response of the attempts after `cursor` up to and including `last`. */
export function pointsInRange(db: Database, f: ExportFilter, cursor: AttemptCursor | null, last: AttemptCursor) {
	return db.all<{ attempt_id: string; question_id: string; points: number }>(sql`
		SELECT r.attempt_id, r.question_id, r.points
		FROM attempts a JOIN responses r ON r.attempt_id = a.id
		WHERE ${where(f)}${after(cursor)} AND (a.submitted_at, a.id) <= (${last.submittedAt}, ${last.id})`);
}

export interface ResponseCursor extends AttemptCursor {
	position: number;
}

export interface ResponseExportRow {
	id: string;
	quiz_id: string;
	quiz_version: string;
	student_name: string;
	attempt_number: number;
	submitted_at: number;
	question_id: string;
	position: number;
	answer: string | null;
	correct: number;
	points: number;
}

/** Up to `limit` responses after `cursor`, in (submitted_at, attempt id, position) order. */
export function responsesPage(db: Database, f: ExportFilter, cursor: ResponseCursor | null, limit: number) {
	const keyset =
		cursor === null
			? sql``
			: sql` AND (a.submitted_at, a.id) >= (${cursor.submittedAt}, ${cursor.id})
			       AND ((a.submitted_at, a.id) > (${cursor.submittedAt}, ${cursor.id}) OR r.position > ${cursor.position})`;
	return db.all<ResponseExportRow>(sql`
		SELECT a.id, a.quiz_id, a.quiz_version, a.student_name, a.attempt_number, a.submitted_at, r.question_id, r.position, r.answer, r.correct, r.points
		FROM attempts a JOIN responses r ON r.attempt_id = a.id
		WHERE ${where(f)}${keyset}
		ORDER BY a.submitted_at, a.id, r.position
		LIMIT ${limit}`);
}

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

/**
 * Up to `limit` (quiz, student) groups after `cursor`, in (quiz_id, student_key) order. The
 * first and latest attempts are correlated lookups on the (class_id, quiz_id, student_key) index.
 */
export function gradebookPage(db: Database, f: ExportFilter, cursor: GradebookCursor | null, limit: number) {
	const keyset = cursor === null ? sql`` : sql` AND (a.quiz_id, a.student_key) > (${cursor.quizId}, ${cursor.studentKey})`;
	const inner = sql.raw("f");
	const innerWhere = sql.join(
		[
			sql`${inner}.class_id = a.class_id AND ${inner}.quiz_id = a.quiz_id AND ${inner}.student_key = a.student_key`,
			f.from === null ? sql`1` : sql`${inner}.submitted_at >= ${f.from.getTime()}`,
			f.to === null ? sql`1` : sql`${inner}.submitted_at < ${f.to.getTime()}`,
		],
		sql` AND `,
	);
	return db.all<GradebookRow>(sql`
		SELECT a.quiz_id, a.student_key, COUNT(*) AS attempts, MAX(a.score) AS best_score, MAX(a.max_score) AS max_score,
		       MIN(a.submitted_at) AS first_submitted_at, MAX(a.submitted_at) AS last_submitted_at,
		       (SELECT f.score FROM attempts f WHERE ${innerWhere} ORDER BY f.submitted_at, f.id LIMIT 1) AS first_score,
		       (SELECT f.score FROM attempts f WHERE ${innerWhere} ORDER BY f.submitted_at DESC, f.id DESC LIMIT 1) AS latest_score,
		       (SELECT f.student_name FROM attempts f WHERE ${innerWhere} ORDER BY f.submitted_at DESC, f.id DESC LIMIT 1) AS student_name
		FROM attempts a
		WHERE ${where(f)}${keyset}
		GROUP BY a.quiz_id, a.student_key
		ORDER BY a.quiz_id, a.student_key
		LIMIT ${limit}`);
}
