/**
 * Submissions: checked, graded on the server, stored once per attempt id, replayed with the stored
 * result. Returns a typed result for every outcome; the JSON API and the quiz form each map it to
 * their own response.
 */
import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import { type AttemptSecrets, isIssuedAttemptId, startedAtFromIssuedId } from "../../domain/attempt-id";
import type { Issue } from "../../domain/issues";
import type { Limiter } from "../../domain/limiter";
import { studentKey } from "../../domain/names";
import { checkAnswers, describeResults, grade } from "../../domain/quiz/grading";
import type { Quiz } from "../../domain/quiz/schema";
import { sha256Hex } from "../../lib/hash";
import { findClassByCode } from "../classes/queries";
import { classOffers, type FoundQuiz, findQuiz, findQuizAt } from "../quizzes/library";
import { findAttempt, insertAttempt, isAttemptCapViolation, isUniqueViolation, type StoredAttempt } from "./queries";
import type { Submission } from "./schema";

/** What a student sees after submitting, and what a replay of the same submission gets back. */
export function attemptResult(quiz: Quiz, stored: StoredAttempt) {
	const { attempt } = stored;
	return {
		attemptId: attempt.id,
		quizId: attempt.quizId,
		quizTitle: quiz.title,
		quizVersion: attempt.quizVersion,
		studentName: attempt.studentName,
		classCode: stored.classCode,
		attemptNumber: attempt.attemptNumber,
		submittedAt: attempt.submittedAt.toISOString(),
		score: attempt.score,
		maxScore: attempt.maxScore,
		results: describeResults(quiz, stored.responses),
	};
}

export type AttemptResult = ReturnType<typeof attemptResult>;

/** Every way a submission can end. */
export type SubmitResult =
	| { kind: "stored"; result: AttemptResult }
	| { kind: "replayed"; result: AttemptResult }
	/** The attempt id was already used with different answers. */
	| { kind: "conflict"; attemptId: string }
	| { kind: "unknownQuiz"; quizId: string }
	| { kind: "invalidAnswers"; issues: Issue[] }
	| { kind: "unknownClass"; classCode: string }
	| { kind: "classClosed"; closesAt: Date }
	| { kind: "quizNotOpen"; quizId: string }
	| { kind: "noAttemptsLeft"; maxAttempts: number }
	/** The attempt id was not issued by this server (made up, or signed with a retired secret). */
	| { kind: "unissuedId"; attemptId: string }
	/** This client has looked up too many class codes. */
	| { kind: "rateLimited" }
	/** This client has made too many practice (class-less) submissions. */
	| { kind: "practiceLimited" };

/** What a submission is checked against besides its content: the id secrets and this client's limiters. */
export interface SubmitGuards {
	secrets: AttemptSecrets;
	/** Counts every class-code lookup. */
	join: Limiter;
	/** Counts every new practice (class-less) submission. */
	practice: Limiter;
}

/** SHA-256 of the submission in a canonical form: key order, choice order and case of ids do not matter. */
export async function submissionHash(s: Submission): Promise<string> {
	const answers = [...s.answers]
		.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
		.map((a) => [a.questionId, a.choiceIds ? [...a.choiceIds].sort() : null, a.text ?? null]);
	const canonical = JSON.stringify([s.quizId, s.studentName, s.classCode, answers]);
	return sha256Hex(canonical);
}

/**
 * Grades and records a submission. Only an id this server issued is taken. A new attempt id is
 * stored; the same id with the same submission again is replayed with the stored result, whenever
 * and however often it arrives; the same id with a different submission is a conflict, except that
 * a class code other than the stored attempt's is answered like an unknown code (no oracle). A class
 * code counts against `guards.join`, a new practice attempt against `guards.practice`.
 */
export async function recordSubmission(db: Database, s: Submission, guards: SubmitGuards, now = new Date()): Promise<SubmitResult> {
	if (!(await isIssuedAttemptId(s.attemptId, guards.secrets))) return { kind: "unissuedId", attemptId: s.attemptId };
	const current = await findQuiz(db, s.quizId);
	if (!current) return { kind: "unknownQuiz", quizId: s.quizId };
	// Graded against the version the student was shown, when the page says which and it is stored (a
	// teacher may have published another since the quiz was opened); otherwise against the current one.
	const shown = s.quizVersion && s.quizVersion !== current.quiz.version ? await findQuizAt(db, s.quizId, s.quizVersion) : undefined;
	const found = shown ? { ...shown, archived: current.archived } : current;
	const { quiz } = found;
	const issues = checkAnswers(quiz, s.answers);
	if (issues.length > 0) return { kind: "invalidAnswers", issues };
	const requestHash = await submissionHash(s);
	// A replay of an attempt stored before the quiz was archived or the class closed still gets its result.
	if (found.archived) return replayOr(db, s, requestHash, { kind: "quizNotOpen", quizId: quiz.id });
	let cls: ClassRow | null = null;
	if (s.classCode !== null) {
		if (!(await guards.join.allow())) return { kind: "rateLimited" };
		cls = await findClassByCode(db, s.classCode);
		if (!cls) return { kind: "unknownClass", classCode: s.classCode };
		const refusal = classPolicyRefusal(cls, found, now);
		if (refusal) return replayOr(db, s, requestHash, refusal);
	} else if (!(await guards.practice.allow())) {
		// Over the practice limit: a replay of an attempt already stored still gets its result. Looking
		// the attempt up only here keeps a normal submission to one D1 round trip (replays count too).
		return replayOr(db, s, requestHash, { kind: "practiceLimited" });
	}
	const graded = grade(quiz, s.answers);
	let stored: StoredAttempt;
	try {
		stored = await insertAttempt(
			db,
			{
				id: s.attemptId,
				quizId: quiz.id,
				quizVersion: quiz.version,
				classId: cls?.id ?? null,
				studentName: s.studentName,
				studentKey: studentKey(s.studentName),
				startedAt: startedAtFromIssuedId(s.attemptId, now),
				submittedAt: now,
				score: graded.score,
				maxScore: graded.maxScore,
				requestHash,
			},
			graded.responses,
			cls?.maxAttempts ?? null,
		);
	} catch (err) {
		if (cls?.maxAttempts != null && isAttemptCapViolation(err)) {
			return replayOr(db, s, requestHash, { kind: "noAttemptsLeft", maxAttempts: cls.maxAttempts });
		}
		if (!isUniqueViolation(err)) throw err;
		return replay(db, s.attemptId, requestHash, s.classCode);
	}
	return { kind: "stored", result: attemptResult(quiz, { ...stored, classCode: s.classCode }) };
}

type Refusal = Extract<SubmitResult, { kind: "classClosed" | "quizNotOpen" | "noAttemptsLeft" | "practiceLimited" }>;

/** Why a class takes no new attempt at this quiz now (closed, or the quiz is not one it offers), or null. */
export function classPolicyRefusal(cls: ClassRow, found: FoundQuiz, now: Date): Refusal | null {
	if (cls.closesAt !== null && now.getTime() >= cls.closesAt.getTime()) return { kind: "classClosed", closesAt: cls.closesAt };
	if (!classOffers(cls, found)) return { kind: "quizNotOpen", quizId: found.quiz.id };
	return null;
}

/** The stored result when this is a replay of an attempt already stored, else the refusal. */
async function replayOr(db: Database, s: Submission, requestHash: string, refusal: Refusal): Promise<SubmitResult> {
	if (await findAttempt(db, s.attemptId)) return replay(db, s.attemptId, requestHash, s.classCode);
	return refusal;
}

/**
 * A stored attempt sent again: its stored result, shown against the version it was graded on; a
 * different submission is a conflict. Sent with a class code that is not the stored attempt's, it
 * is refused like an unknown code, so a known attempt id tells nothing about which codes exist.
 */
async function replay(db: Database, attemptId: string, requestHash: string, classCode: string | null): Promise<SubmitResult> {
	const stored = await findAttempt(db, attemptId);
	if (!stored) throw new Error(`attempt ${attemptId} conflicted but is not stored`);
	if (stored.attempt.requestHash !== requestHash) {
		if (classCode !== null && classCode !== stored.classCode) return { kind: "unknownClass", classCode };
		return { kind: "conflict", attemptId };
	}
	const found = await findQuizAt(db, stored.attempt.quizId, stored.attempt.quizVersion);
	if (!found)
		throw new Error(`attempt ${attemptId} was graded on quiz ${stored.attempt.quizId} ${stored.attempt.quizVersion}, which is gone`);
	return { kind: "replayed", result: attemptResult(found.quiz, stored) };
}

export type ResultLookup = { kind: "found"; quiz: Quiz; result: AttemptResult } | { kind: "notFound" };

/** A stored attempt's result, graded against the quiz it was taken on. */
export async function findResult(db: Database, attemptId: string): Promise<ResultLookup> {
	const stored = await findAttempt(db, attemptId);
	const found = stored ? await findQuizAt(db, stored.attempt.quizId, stored.attempt.quizVersion) : undefined;
	if (!stored || !found) return { kind: "notFound" };
	return { kind: "found", quiz: found.quiz, result: attemptResult(found.quiz, stored) };
}

/** A refused submission in one sentence, as the student should read it. */
export function refusalSentence(result: Exclude<SubmitResult, { kind: "stored" | "replayed" }>): string {
	switch (result.kind) {
		case "conflict":
			return `Attempt ${result.attemptId} was already submitted with different answers. Start a new attempt with a new id.`;
		case "noAttemptsLeft":
			return `You have used all ${result.maxAttempts} attempts your teacher allows for this quiz.`;
		case "unknownQuiz":
			return `There is no quiz "${result.quizId}".`;
		case "invalidAnswers":
			return "These answers do not fit the quiz.";
		case "unknownClass":
			return `No class has the code "${result.classCode}". Check the code your teacher gave you.`;
		case "classClosed":
			return `This class stopped taking answers at ${result.closesAt.toISOString()}.`;
		case "quizNotOpen":
			return `Quiz "${result.quizId}" is not open for this class. Ask your teacher which quiz to take.`;
		case "unissuedId":
			return `Attempt id ${result.attemptId} was not issued by Quizline. Open the quiz again to get a new one, then submit.`;
		case "rateLimited":
			return "Too many class codes tried from this network. Wait a minute, then try again.";
		case "practiceLimited":
			return "Too many practice attempts from this network. Wait a minute, then try again.";
	}
}
