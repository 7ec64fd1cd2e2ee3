import { and, count, eq, fillPlaceholders, getTableColumns, type Query, type SQL, sql } from "drizzle-orm";
import { type Database, preparedOnce } from "../../db/client";
import { BrokenRow, num, text } from "../../db/columns";
import { type AttemptRow, attempts, type ClassRow, classes, quizOpens, type ResponseRow, responses, rosterStudents } from "../../db/schema";
import { type GradedResponse, readStoredAnswer } from "../../domain/quiz/grading";
import { boundedMemo } from "../../lib/memo";

/** D1 binds at most 100 parameters per statement. */
const D1_MAX_PARAMS = 100;

export function chunk<T>(rows: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

export type NewAttempt = Omit<AttemptRow, "attemptNumber">;

/**
 * Writes an attempt and all its responses in one batch (one implicit transaction): either all of
 * it is stored or none. The attempt number is counted inside the same statement, so concurrent
 * submissions cannot both become "attempt 2". Throws the driver's error on a constraint violation.
 *
 * The statements are built by drizzle once per client (and per number of response rows in one
 * statement) with placeholders, then bound to this attempt's values: building the SQL of an insert
 * of 20 rows through the query builder was about a quarter of the Worker's CPU per submission
 * (bench/notes.md). drizzle's own prepared queries cannot go into a batch, so they are bound here
 * with drizzle's `fillPlaceholders`, each value written as its column stores it (db/schema.ts).
 */
export async function insertAttempt(
	db: Database,
	attempt: NewAttempt,
	graded: readonly GradedResponse[],
	maxAttempts: number | null = null,
): Promise<AttemptRows> {
	const rows = graded.map((r) => ({
		attemptId: attempt.id,
		questionId: r.questionId,
		position: r.position,
		answer: r.answer,
		correct: r.correct,
		points: r.points,
	}));
	const head = bind(db, insertAttemptSql(db), {
		id: attempt.id,
		quizId: attempt.quizId,
		quizVersion: attempt.quizVersion,
		classId: attempt.classId,
		studentName: attempt.studentName,
		studentKey: attempt.studentKey,
		cap: maxAttempts,
		startedAt: attempt.startedAt?.getTime() ?? null,
		submittedAt: attempt.submittedAt.getTime(),
		score: attempt.score,
		maxScore: attempt.maxScore,
		requestHash: attempt.requestHash,
	});
	const inserts = chunk(rows, RESPONSES_PER_STATEMENT).map((part) => {
		const values: Record<string, unknown> = {};
		part.forEach((r, i) => {
			values[`q${i}`] = r.questionId;
			values[`n${i}`] = r.position;
			values[`a${i}`] = r.answer === null ? null : JSON.stringify(r.answer);
			values[`c${i}`] = r.correct ? 1 : 0;
			values[`p${i}`] = r.points;
		});
		return bind(db, insertResponsesSql(db, part.length), { attemptId: attempt.id, ...values });
	});
	const [written] = await db.$client.batch<{ attempt_number: unknown }>([head, ...inserts]);
	const number = written?.results[0]?.attempt_number;
	if (number === undefined) throw new Error(`attempt ${attempt.id} was not inserted`);
	return { attempt: { ...attempt, attemptNumber: num(number, "attempts.attempt_number") }, responses: rows };
}

/** A statement drizzle built with placeholders, bound to `values` on the database the client runs on (its request's session). */
function bind(db: Database, query: Query, values: Record<string, unknown>): D1PreparedStatement {
	return db.$client.prepare(query.sql).bind(...fillPlaceholders(query.params, values));
}

const p = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * The attempt's row, its number counted in the same statement (the NOT NULL constraint refuses it
 * once a cap, `cap`, is used up: see isAttemptCapViolation), returning the number. `class_id IS ?`
 * matches a practice attempt's NULL class as well as a class id, and uses the same index.
 */
const insertAttemptSql = preparedOnce((db) =>
	db
		.insert(attempts)
		.values({
			id: p("id"),
			quizId: p("quizId"),
			quizVersion: p("quizVersion"),
			classId: p("classId"),
			studentName: p("studentName"),
			studentKey: p("studentKey"),
			attemptNumber: sql`(SELECT CASE WHEN ${p("cap")} IS NULL OR COUNT(*) < ${p("cap")} THEN COUNT(*) + 1 END FROM ${attempts}
				WHERE ${attempts.classId} IS ${p("classId")} AND ${attempts.quizId} = ${p("quizId")} AND ${attempts.studentKey} = ${p("studentKey")})`,
			startedAt: p("startedAt"),
			submittedAt: p("submittedAt"),
			score: p("score"),
			maxScore: p("maxScore"),
			requestHash: p("requestHash"),
		})
		.returning({ attemptNumber: attempts.attemptNumber })
		.toSQL(),
);

/** Response rows per statement, so that one statement stays within D1's parameter limit. */
const RESPONSES_PER_STATEMENT = Math.floor(D1_MAX_PARAMS / Object.keys(getTableColumns(responses)).length);

/** Per client, the insert of `count` response rows of one attempt (placeholders q0, n0, a0, c0, p0, q1, …), built once per count. */
const responseInserts = preparedOnce(() => boundedMemo<Query>(RESPONSES_PER_STATEMENT));
function insertResponsesSql(db: Database, count: number): Query {
	return responseInserts(db)(String(count), () => {
		const rows = Array.from({ length: count }, (_, i) => ({
			attemptId: p("attemptId"),
			questionId: p(`q${i}`),
			position: p(`n${i}`),
			answer: p(`a${i}`),
			correct: p(`c${i}`),
			points: p(`p${i}`),
		}));
		return db.insert(responses).values(rows).toSQL();
	});
}

/** An attempt and its responses, as written. */
export interface AttemptRows {
	attempt: AttemptRow;
	responses: Omit<ResponseRow, "attemptId">[];
}

/** A stored attempt with its class (null: practice), whose review policy and closing time say what its student sees. */
export interface StoredAttempt extends AttemptRows {
	cls: ClassRow | null;
}

/**
 * An attempt's responses in quiz order, packed by SQLite into one JSON array of
 * [question_id, position, answer (its JSON), correct, points]: one value instead of a row each.
 */
const packedResponses = sql<unknown>`(SELECT json_group_array(json_array(r.question_id, r.position, json(r.answer), r.correct, r.points) ORDER BY r.position)
	FROM ${responses} r WHERE r.attempt_id = ${attempts.id})`;

/** How many attempts the attempt's student has made at its quiz in its class (practice: without a class), as the attempt cap counts them. */
const triesSoFar = sql<unknown>`(SELECT COUNT(*) FROM ${attempts} t
	WHERE t.class_id IS ${attempts.classId} AND t.quiz_id = ${attempts.quizId} AND t.student_key = ${attempts.studentKey})`;

function readResponses(attemptId: string, packed: unknown): ResponseRow[] {
	const list: unknown = JSON.parse(text(packed, "responses"));
	if (!Array.isArray(list)) throw new BrokenRow("responses", "a list", list);
	return list.map((r: unknown): ResponseRow => {
		if (!Array.isArray(r)) throw new BrokenRow("responses", "a list of rows", r);
		return {
			attemptId,
			questionId: text(r[0], "responses.question_id"),
			position: num(r[1], "responses.position"),
			answer: readStoredAnswer(r[2]),
			correct: num(r[3], "responses.correct") !== 0,
			points: num(r[4], "responses.points"),
		};
	});
}

/**
 * One attempt by id with its class (null: practice) and its packed responses, in one statement; with
 * `withTries`, also how many attempts its student has made so far (else that column is NULL, not counted).
 */
async function attemptRow(db: Database, id: string, withTries: boolean) {
	const [row] = await (withTries ? attemptWithTries : attemptWithoutTries)(db).execute({ id });
	return row ? { stored: { attempt: row.attempt, cls: row.cls, responses: readResponses(id, row.responses) }, tries: row.tries } : null;
}

const attemptQuery = (db: Database, tries: SQL<unknown>) =>
	db
		.select({ attempt: attempts, cls: classes, responses: packedResponses, tries })
		.from(attempts)
		.leftJoin(classes, eq(classes.id, attempts.classId))
		.where(eq(attempts.id, sql.placeholder("id")))
		.prepare();
const attemptWithTries = preparedOnce((db) => attemptQuery(db, triesSoFar));
const attemptWithoutTries = preparedOnce((db) => attemptQuery(db, sql<unknown>`NULL`));

/**
 * An attempt with its class (null: practice), its responses in quiz order and how many attempts its
 * student has made so far: one statement, one round trip; null when unknown.
 */
export async function findAttemptWithTries(db: Database, id: string): Promise<{ stored: StoredAttempt; tries: number } | null> {
	const read = await attemptRow(db, id, true);
	return read ? { stored: read.stored, tries: num(read.tries, "tries") } : null;
}

/** An attempt with its class and its responses in quiz order, in one statement (no count of tries); null when unknown. */
export async function findAttempt(db: Database, id: string): Promise<StoredAttempt | null> {
	return (await attemptRow(db, id, false))?.stored ?? null;
}

/** How many attempts one student (by student key) has made at a quiz in a class. */
export async function countTries(db: Database, classId: string, quizId: string, studentKey: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(attempts)
		.where(and(eq(attempts.classId, classId), eq(attempts.quizId, quizId), eq(attempts.studentKey, studentKey)));
	return row?.n ?? 0;
}

/**
 * Records that the roster student with this personal code opened a quiz ("in progress" on the class
 * page), once: a later open keeps the first time. Not sent here: the quiz page sends it in one batch
 * with its code lookup. Written only when the page will be served, so it repeats in SQL what
 * classPolicyRefusal decides (classes/quizzes library.ts `classOffers`): the class is not closed at
 * `now`, and it offers the quiz (its list of open quizzes names it; without a list, the quiz is a
 * built-in one, `teacherId` null, or the class's teacher's). An archived quiz never reaches here.
 */
export function recordQuizOpen(db: Database, personalCode: string, quiz: { id: string; teacherId: string | null }, now: Date) {
	const offered = sql`CASE WHEN ${classes.openQuizIds} IS NULL THEN ${quiz.teacherId} IS NULL OR ${classes.teacherId} = ${quiz.teacherId}
		ELSE EXISTS (SELECT 1 FROM json_each(${classes.openQuizIds}) WHERE json_each.value = ${quiz.id}) END`;
	return db
		.insert(quizOpens)
		.select(
			db
				.select({
					rosterStudentId: rosterStudents.id,
					quizId: sql<string>`${quiz.id}`.as("quiz_id"),
					openedAt: sql<Date>`${now.getTime()}`.as("opened_at"),
				})
				.from(rosterStudents)
				.innerJoin(classes, eq(classes.id, rosterStudents.classId))
				.where(
					and(eq(rosterStudents.code, personalCode), sql`(${classes.closesAt} IS NULL OR ${classes.closesAt} > ${now.getTime()})`, offered),
				),
		)
		.onConflictDoNothing();
}

/** True when err (or what it wraps) is the attempt cap of insertAttempt refusing the row. */
export function isAttemptCapViolation(err: unknown): boolean {
	for (let e: unknown = err; e instanceof Error; e = e.cause) {
		if (/NOT NULL constraint failed: attempts\.attempt_number/i.test(e.message)) return true;
	}
	return false;
}

/** True when err (or what it wraps) is SQLite refusing a duplicate primary or unique key. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e: unknown = err; e instanceof Error; e = e.cause) {
		if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_PRIMARYKEY/i.test(e.message)) return true;
	}
	return false;
}
