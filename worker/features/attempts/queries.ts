import { and, asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import { type AttemptRow, attempts, classes, type ResponseRow, responses } from "../../db/schema";
import type { GradedResponse } from "../../domain/quiz/grading";

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
 */
export async function insertAttempt(
	db: Database,
	attempt: NewAttempt,
	graded: readonly GradedResponse[],
	maxAttempts: number | null = null,
): Promise<StoredAttempt> {
	const sameStudent = and(
		attempt.classId === null ? sql`${attempts.classId} IS NULL` : eq(attempts.classId, attempt.classId),
		eq(attempts.quizId, attempt.quizId),
		eq(attempts.studentKey, attempt.studentKey),
	);
	// With a cap, the count yields NULL once the student has used every attempt: the NOT NULL
	// constraint then refuses the row inside this one statement, so two concurrent submissions
	// cannot both take the last attempt (see isAttemptCapViolation).
	const attemptNumber =
		maxAttempts === null
			? sql`(SELECT COUNT(*) + 1 FROM ${attempts} WHERE ${sameStudent})`
			: sql`(SELECT CASE WHEN COUNT(*) < ${maxAttempts} THEN COUNT(*) + 1 END FROM ${attempts} WHERE ${sameStudent})`;
	const insertHead = db
		.insert(attempts)
		.values({ ...attempt, attemptNumber })
		.returning();
	const rows = graded.map((r) => ({
		attemptId: attempt.id,
		questionId: r.questionId,
		position: r.position,
		answer: r.answer,
		correct: r.correct,
		points: r.points,
	}));
	const perStatement = Math.floor(D1_MAX_PARAMS / Object.keys(rows[0] ?? { x: 1 }).length);
	const inserts: BatchItem<"sqlite">[] = chunk(rows, perStatement).map((part) => db.insert(responses).values(part));
	const [heads] = await db.batch([insertHead, ...inserts]);
	const head = heads[0];
	if (!head) throw new Error(`attempt ${attempt.id} was not inserted`);
	return { attempt: head, responses: rows, classCode: null };
}

export interface StoredAttempt {
	attempt: AttemptRow;
	responses: ResponseRow[];
	classCode: string | null;
}

/** An attempt with its responses in quiz order, in one round trip; null when unknown. */
export async function findAttempt(db: Database, id: string): Promise<StoredAttempt | null> {
	const [heads, rows] = await db.batch([
		db
			.select({ attempt: attempts, classCode: classes.joinCode })
			.from(attempts)
			.leftJoin(classes, eq(classes.id, attempts.classId))
			.where(eq(attempts.id, id)),
		db.select().from(responses).where(eq(responses.attemptId, id)).orderBy(asc(responses.position)),
	]);
	const head = heads[0];
	if (!head) return null;
	return { attempt: head.attempt, classCode: head.classCode, responses: rows };
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
