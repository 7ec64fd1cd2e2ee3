/**
 * The export queries: each reads one page, in a fixed order, after a keyset cursor, so an export of
 * any size streams through bounded pages (never OFFSET, never the whole table). Every page query
 * leads with the class id and walks an index of attempts: (class_id, submitted_at, id),
 * (class_id, quiz_id, submitted_at, id) or (class_id, quiz_id, student_key); the gradebook of a class
 * with a roster walks the roster's (class_id, position) index and looks attempts up by student key.
 */
import { and, asc, count, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attempts, classes, quizOpens, rosterStudents } from "../../db/schema";

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

/** A gradebook group of the generic layout's query (GradebookRow) in the shape of StudentQuizGroup. */
export function groupOf(g: GradebookRow): StudentQuizGroup {
	return {
		quizId: g.quiz_id,
		studentKey: g.student_key,
		attempts: g.attempts,
		bestScore: g.best_score,
		latestScore: g.latest_score,
		firstScore: g.first_score,
		maxScore: g.max_score,
		firstSubmittedAt: g.first_submitted_at,
		lastSubmittedAt: g.last_submitted_at,
		studentName: g.student_name,
	};
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
