import type { Database } from "../../db/client";
import type { AttemptRow, ResponseRow } from "../../db/schema";
import { type GradedResponse, readStoredAnswer } from "../../domain/quiz/grading";

export type NewAttempt = Omit<AttemptRow, "attemptNumber">;

/**
 * The attempt's row, its number counted in the same statement. With a cap (?12), the count yields
 * NULL once the student has used every attempt: the NOT NULL constraint then refuses the row inside
 * this one statement, so two concurrent submissions cannot both take the last attempt (see
 * isAttemptCapViolation). `class_id IS ?4` also matches a practice attempt's NULL, on the same
 * (class_id, quiz_id, student_key) index.
 */
const INSERT_ATTEMPT = `INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number,
	started_at, submitted_at, score, max_score, request_hash)
VALUES (?1, ?2, ?3, ?4, ?5, ?6,
	(SELECT CASE WHEN ?12 IS NULL OR COUNT(*) < ?12 THEN COUNT(*) + 1 END FROM attempts WHERE class_id IS ?4 AND quiz_id = ?2 AND student_key = ?6),
	?7, ?8, ?9, ?10, ?11)
RETURNING attempt_number`;

/** Every response of an attempt (?1) from one JSON array (?2) of [question_id, position, answer JSON text or null, correct 1/0, points]. */
const INSERT_RESPONSES = `INSERT INTO responses (attempt_id, question_id, position, answer, correct, points)
SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?2)`;

/**
 * Writes an attempt and all its responses in one batch (one implicit transaction): either all of
 * it is stored or none. The attempt number is counted inside the same statement, so concurrent
 * submissions cannot both become "attempt 2". Throws the driver's error on a constraint violation.
 *
 * Two prepared statements with a handful of parameters, sent straight to D1: the responses travel
 * as one JSON array that SQLite unpacks (json_each), so any number of them is one statement, and
 * no query is built per submission (drizzle's insert builder took about 0.3 ms of CPU for one).
 */
export async function insertAttempt(
	db: Database,
	attempt: NewAttempt,
	graded: readonly GradedResponse[],
	maxAttempts: number | null = null,
): Promise<StoredAttempt> {
	const rows: ResponseRow[] = graded.map((r) => ({
		attemptId: attempt.id,
		questionId: r.questionId,
		position: r.position,
		answer: r.answer,
		correct: r.correct,
		points: r.points,
	}));
	// Stored as drizzle stores these columns: the answer as JSON text (or NULL), correct as 1 or 0.
	const packed = JSON.stringify(
		rows.map((r) => [r.questionId, r.position, r.answer === null ? null : JSON.stringify(r.answer), r.correct ? 1 : 0, r.points]),
	);
	const d1 = db.$client;
	const [head] = await d1.batch<Record<string, unknown>>([
		d1
			.prepare(INSERT_ATTEMPT)
			.bind(
				attempt.id,
				attempt.quizId,
				attempt.quizVersion,
				attempt.classId,
				attempt.studentName,
				attempt.studentKey,
				attempt.startedAt?.getTime() ?? null,
				attempt.submittedAt.getTime(),
				attempt.score,
				attempt.maxScore,
				attempt.requestHash,
				maxAttempts,
			),
		d1.prepare(INSERT_RESPONSES).bind(attempt.id, packed),
	]);
	const attemptNumber = head?.results[0]?.attempt_number;
	if (typeof attemptNumber !== "number") throw new Error(`attempt ${attempt.id} was not inserted`);
	return { attempt: { ...attempt, attemptNumber }, responses: rows, classCode: null };
}

export interface StoredAttempt {
	attempt: AttemptRow;
	responses: ResponseRow[];
	classCode: string | null;
}

/** A column read back from D1, its type checked (a wrong type is a broken row, never a cast). */
function column<T>(row: readonly unknown[], i: number, name: string, is: (v: unknown) => v is T): T {
	const v = row[i];
	if (!is(v)) throw new Error(`attempts: column ${name} holds ${typeof v}`);
	return v;
}
const isText = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";
const isNumberOrNull = (v: unknown): v is number | null => v === null || typeof v === "number";

/** One response as findAttempt packs it: [question_id, position, answer JSON text or null, correct, points]. */
function readResponse(attemptId: string, packed: unknown): ResponseRow {
	if (!Array.isArray(packed)) throw new Error(`attempt ${attemptId}: a response is not a row`);
	const answer = column(packed, 2, "responses.answer", isTextOrNull);
	return {
		attemptId,
		questionId: column(packed, 0, "responses.question_id", isText),
		position: column(packed, 1, "responses.position", isNumber),
		answer: answer === null ? null : readStoredAnswer(JSON.parse(answer)),
		correct: column(packed, 3, "responses.correct", isNumber) !== 0,
		points: column(packed, 4, "responses.points", isNumber),
	};
}

const FIND_ATTEMPT = `SELECT a.id, a.quiz_id, a.quiz_version, a.class_id, a.student_name, a.student_key, a.attempt_number, a.started_at,
	a.submitted_at, a.score, a.max_score, a.request_hash, c.join_code,
	(SELECT json_group_array(json_array(r.question_id, r.position, r.answer, r.correct, r.points) ORDER BY r.position)
	 FROM responses r WHERE r.attempt_id = a.id)
FROM attempts a LEFT JOIN classes c ON c.id = a.class_id
WHERE a.id = ?1`;

/**
 * An attempt with its responses in quiz order, in one round trip and one statement (the responses
 * packed as one JSON array); null when unknown.
 */
export async function findAttempt(db: Database, id: string): Promise<StoredAttempt | null> {
	const [row] = await db.$client.prepare(FIND_ATTEMPT).bind(id).raw();
	if (!row) return null;
	const startedAt = column(row, 7, "started_at", isNumberOrNull);
	const attempt: AttemptRow = {
		id: column(row, 0, "id", isText),
		quizId: column(row, 1, "quiz_id", isText),
		quizVersion: column(row, 2, "quiz_version", isText),
		classId: column(row, 3, "class_id", isTextOrNull),
		studentName: column(row, 4, "student_name", isText),
		studentKey: column(row, 5, "student_key", isText),
		attemptNumber: column(row, 6, "attempt_number", isNumber),
		startedAt: startedAt === null ? null : new Date(startedAt),
		submittedAt: new Date(column(row, 8, "submitted_at", isNumber)),
		score: column(row, 9, "score", isNumber),
		maxScore: column(row, 10, "max_score", isNumber),
		requestHash: column(row, 11, "request_hash", isText),
	};
	const packed: unknown = JSON.parse(column(row, 13, "responses", isText));
	if (!Array.isArray(packed)) throw new Error(`attempt ${id}: its responses are not a list`);
	return { attempt, classCode: column(row, 12, "join_code", isTextOrNull), responses: packed.map((r) => readResponse(attempt.id, r)) };
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
