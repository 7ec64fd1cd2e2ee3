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
import { attemptPolicy, type ReviewJson, reviewAt, reviewedResult, type ShownQuestionResult } from "../../domain/review";
import { isPersonalCode } from "../../domain/secrets";
import { sha256Hex } from "../../lib/hash";
import { type CodeMatch, codeLookup, codeMatch, rosterNameLookup } from "../classes/queries";
import { classOffers, type FoundQuiz, findQuiz, findQuizAt } from "../quizzes/library";
import {
	type AttemptRows,
	countTries,
	findAttempt,
	findAttemptWithTries,
	insertAttempt,
	isAttemptCapViolation,
	isUniqueViolation,
	recordQuizOpen,
	type StoredAttempt,
} from "./queries";
import type { Submission } from "./schema";

/** Everything about a graded attempt, the answer key included: never sent as it is, only through shownResult. */
function attemptResult(quiz: Quiz, stored: StoredAttempt) {
	const { attempt } = stored;
	return {
		attemptId: attempt.id,
		quizId: attempt.quizId,
		quizTitle: quiz.title,
		quizVersion: attempt.quizVersion,
		studentName: attempt.studentName,
		classCode: stored.cls?.joinCode ?? null,
		attemptNumber: attempt.attemptNumber,
		submittedAt: attempt.submittedAt.toISOString(),
		score: attempt.score,
		maxScore: attempt.maxScore,
		results: describeResults(quiz, stored.responses),
	};
}

/**
 * What a student sees after submitting, what a replay of the same submission gets back and what
 * GET /api/attempts/:id and the result page show: the result as the attempt's review policy allows
 * now (domain/review.ts), withheld fields left out, and a `review` member saying what is withheld.
 */
export type ShownResult = Omit<ReturnType<typeof attemptResult>, "results"> & { results: ShownQuestionResult[]; review: ReviewJson };

export function shownResult(found: FoundQuiz, stored: StoredAttempt, now: Date): ShownResult {
	const review = reviewAt(attemptPolicy(stored.cls, found.teacherId === null), stored.cls?.closesAt ?? null, now);
	return reviewedResult(attemptResult(found.quiz, stored), review);
}

/** Every way a submission can end. */
export type SubmitResult =
	| { kind: "stored"; result: ShownResult }
	| { kind: "replayed"; result: ShownResult }
	/** The attempt id was already used with different answers. */
	| { kind: "conflict"; attemptId: string }
	| { kind: "unknownQuiz"; quizId: string }
	| { kind: "invalidAnswers"; issues: Issue[] }
	/** No class has this code, and no roster student: a join code and a personal code are refused alike. */
	| { kind: "unknownClass"; classCode: string }
	/** A teacher's quiz sent without a class code: only the built-in library can be practised. */
	| { kind: "classRequired"; quizId: string }
	/** A rostered class's join code with a name that is not on its roster, or any typed name when the class has no name picker. */
	| { kind: "notOnRoster"; namePicker: boolean }
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
	/** Counts every class-code lookup (join codes and personal codes alike). */
	join: Limiter;
	/** Counts every new practice (class-less) submission. */
	practice: Limiter;
}

/**
 * SHA-256 of the submission in a canonical form: key order, choice order and case of ids do not
 * matter. With a personal code the name is left out, as it is ignored: the same code and answers
 * replay with or without a name.
 */
export async function submissionHash(s: Submission): Promise<string> {
	const answers = [...s.answers]
		.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
		.map((a) => [a.questionId, a.choiceIds ? [...a.choiceIds].sort() : null, a.text ?? null]);
	const name = isPersonalCode(s.classCode) ? null : (s.studentName ?? null);
	const canonical = JSON.stringify([s.quizId, name, s.classCode, answers]);
	return sha256Hex(canonical);
}

/**
 * Grades and records a submission. Only an id this server issued is taken. A new attempt id is
 * stored; the same id with the same submission again is replayed with the stored result, whenever
 * and however often it arrives; the same id with a different submission is a conflict, except that
 * a class code other than the stored attempt's class's is answered like an unknown code (no oracle).
 * A class code (a join code, or a roster student's personal code, which also names the student)
 * counts against `guards.join`; without one, only a built-in quiz is taken (practice), and a new
 * practice attempt counts against `guards.practice`. Every result is shown as its review policy allows.
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
	let match: CodeMatch | null = null;
	let rosterName: string | null = null;
	if (s.classCode !== null) {
		if (!(await guards.join.allow())) return { kind: "rateLimited" };
		const [classRows, studentRows, [roster]] = await db.batch([
			...codeLookup(db, s.classCode),
			rosterNameLookup(db, s.classCode, studentKey(s.studentName ?? "")),
		]);
		match = codeMatch([classRows, studentRows]);
		if (!match) return { kind: "unknownClass", classCode: s.classCode };
		// A rostered class joined by its join code: the student's name must be one of the roster's (the
		// name picker), recorded as the roster spells it; without the picker, only personal codes.
		if (!match.student && roster && roster.total > 0) {
			if (!match.cls.namePicker || roster.name === null) {
				const refusal = { kind: "notOnRoster", namePicker: match.cls.namePicker } as const;
				return replayOr(db, { s, requestHash, cls: match.cls, now }, refusal);
			}
			rosterName = roster.name;
		}
	}
	const cls = match?.cls ?? null;
	const sent = { s, requestHash, cls, now };
	// A replay of an attempt stored before the quiz was archived or the class closed still gets its result.
	if (found.archived) return replayOr(db, sent, { kind: "quizNotOpen", quizId: quiz.id });
	if (cls) {
		const refusal = classPolicyRefusal(cls, found, now);
		if (refusal) return replayOr(db, sent, refusal);
	} else if (found.teacherId !== null) {
		// Finding 1: a class-less attempt would show a teacher's answer key before the policy of the
		// class that counts it allows. Refused outright, replays included.
		return { kind: "classRequired", quizId: quiz.id };
	} else if (!(await guards.practice.allow())) {
		// Over the practice limit: a replay of an attempt already stored still gets its result. Looking
		// the attempt up only here keeps a normal submission to one D1 round trip (replays count too).
		return replayOr(db, sent, { kind: "practiceLimited" });
	}
	// With a personal code the roster's name is recorded, whatever name came with it.
	const name = match?.student?.name ?? rosterName ?? s.studentName;
	// The schema asks for a name unless the code has the form of a personal code, and only a roster student's code has that form.
	if (name === undefined) return { kind: "unknownClass", classCode: s.classCode ?? "" };
	const graded = grade(quiz, s.answers);
	let rows: AttemptRows;
	try {
		rows = await insertAttempt(
			db,
			{
				id: s.attemptId,
				quizId: quiz.id,
				quizVersion: quiz.version,
				classId: cls?.id ?? null,
				studentName: name,
				studentKey: studentKey(name),
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
			return replayOr(db, sent, { kind: "noAttemptsLeft", maxAttempts: cls.maxAttempts });
		}
		if (!isUniqueViolation(err)) throw err;
		return replay(db, sent, await findAttempt(db, s.attemptId));
	}
	return { kind: "stored", result: shownResult(found, { ...rows, cls }, now) };
}

type Refusal = Extract<SubmitResult, { kind: "classClosed" | "quizNotOpen" | "noAttemptsLeft" | "practiceLimited" | "notOnRoster" }>;

/** Why a class takes no new attempt at this quiz now (closed, or the quiz is not one it offers), or null. */
export function classPolicyRefusal(
	cls: ClassRow,
	found: FoundQuiz,
	now: Date,
): Extract<Refusal, { kind: "classClosed" | "quizNotOpen" }> | null {
	if (cls.closesAt !== null && now.getTime() >= cls.closesAt.getTime()) return { kind: "classClosed", closesAt: cls.closesAt };
	if (!classOffers(cls, found)) return { kind: "quizNotOpen", quizId: found.quiz.id };
	return null;
}

/** A submission as sent, with what was found of it: its hash, its class (null: none) and the time. */
interface Sent {
	s: Submission;
	requestHash: string;
	cls: ClassRow | null;
	now: Date;
}

/** The stored result when this is a replay of an attempt already stored, else the refusal. */
async function replayOr(db: Database, sent: Sent, refusal: Refusal): Promise<SubmitResult> {
	const stored = await findAttempt(db, sent.s.attemptId);
	return stored ? replay(db, sent, stored) : refusal;
}

/**
 * A stored attempt sent again: its stored result, shown against the version it was graded on and as
 * its policy allows now; a different submission is a conflict. Sent with a code that is not its
 * class's (neither the join code nor a personal code of the class), it is refused like an unknown
 * code, so a known attempt id tells nothing about which codes exist.
 */
async function replay(db: Database, sent: Sent, stored: StoredAttempt | null): Promise<SubmitResult> {
	const { attemptId, classCode } = sent.s;
	if (!stored) throw new Error(`attempt ${attemptId} conflicted but is not stored`);
	if (stored.attempt.requestHash !== sent.requestHash) {
		if (classCode !== null && sent.cls?.id !== stored.attempt.classId) return { kind: "unknownClass", classCode };
		return { kind: "conflict", attemptId };
	}
	const found = await findQuizAt(db, stored.attempt.quizId, stored.attempt.quizVersion);
	if (!found)
		throw new Error(`attempt ${attemptId} was graded on quiz ${stored.attempt.quizId} ${stored.attempt.quizVersion}, which is gone`);
	return { kind: "replayed", result: shownResult(found, stored, sent.now) };
}

export type ResultLookup =
	| {
			kind: "found";
			quiz: Quiz;
			result: ShownResult;
			/** Whether this student may take the quiz again now: the class takes attempts at it and has attempts left for them. */
			canRetry: boolean;
	  }
	| { kind: "notFound" };

/** A stored attempt's result, graded against the quiz it was taken on and shown as its policy allows at `now`. */
export async function findResult(db: Database, attemptId: string, now = new Date()): Promise<ResultLookup> {
	const read = await findAttemptWithTries(db, attemptId);
	const found = read ? await findQuizAt(db, read.stored.attempt.quizId, read.stored.attempt.quizVersion) : undefined;
	if (!read || !found) return { kind: "notFound" };
	const { stored, tries } = read;
	const { cls } = stored;
	const canRetry = cls
		? classPolicyRefusal(cls, found, now) === null && (cls.maxAttempts === null || tries < cls.maxAttempts)
		: found.teacherId === null && !found.archived;
	return { kind: "found", quiz: found.quiz, result: shownResult(found, stored, now), canRetry };
}

/** Whether a student may start this quiz now, from the class code they joined with (none: practice). */
export type QuizOpening =
	/** Go ahead; `rosterName` is the roster's name when the code is a personal code. */
	| { kind: "open"; rosterName: string | null }
	| Extract<SubmitResult, { kind: "unknownClass" | "classRequired" | "classClosed" | "quizNotOpen" | "noAttemptsLeft" | "rateLimited" }>;

/**
 * The checks of a submission that need no answers, made when the quiz page opens, so a student is
 * not refused only after answering everything: the code (counted against `join`), the class open and
 * offering the quiz, attempts left for this student. A roster student's open is recorded ("in
 * progress") in the same round trip as the code lookup. Without a code, `classRequired` for a
 * teacher's quiz: the page then asks for the code.
 */
export async function openQuiz(
	db: Database,
	found: FoundQuiz,
	who: { name: string; classCode: string | null } | null,
	join: Limiter,
	now = new Date(),
): Promise<QuizOpening> {
	const code = who?.classCode ?? null;
	if (code === null)
		return found.teacherId === null ? { kind: "open", rosterName: null } : { kind: "classRequired", quizId: found.quiz.id };
	if (!(await join.allow())) return { kind: "rateLimited" };
	const lookup = codeLookup(db, code);
	let read: Parameters<typeof codeMatch>[0];
	if (isPersonalCode(code)) {
		// A roster student: their open is recorded in the same round trip ("in progress" on the class page).
		const [classRows, studentRows] = await db.batch([
			...lookup,
			recordQuizOpen(db, code, { id: found.quiz.id, teacherId: found.teacherId }, now),
		]);
		read = [classRows, studentRows];
	} else read = await db.batch(lookup);
	const match = codeMatch(read);
	if (!match) return { kind: "unknownClass", classCode: code };
	const { cls, student } = match;
	const refusal = classPolicyRefusal(cls, found, now);
	if (refusal) return refusal;
	if (cls.maxAttempts !== null && who) {
		const tries = await countTries(db, cls.id, found.quiz.id, studentKey(student?.name ?? who.name));
		if (tries >= cls.maxAttempts) return { kind: "noAttemptsLeft", maxAttempts: cls.maxAttempts };
	}
	return { kind: "open", rosterName: student?.name ?? null };
}

/** A refused submission in one sentence, as the student should read it. */
export function refusalSentence(result: Exclude<SubmitResult, { kind: "stored" | "replayed" }>): string {
	switch (result.kind) {
		case "conflict":
			return `Attempt ${result.attemptId} was already submitted with different answers. Start a new attempt with a new id.`;
		case "noAttemptsLeft":
			return result.maxAttempts === 1
				? "You have already taken this quiz: your teacher allows one attempt."
				: `You have used all ${result.maxAttempts} attempts your teacher allows for this quiz.`;
		case "unknownQuiz":
			return `There is no quiz "${result.quizId}".`;
		case "invalidAnswers":
			return "These answers do not fit the quiz.";
		case "unknownClass":
			return `No class has the code "${result.classCode}". Check the code your teacher gave you.`;
		case "classRequired":
			return "This quiz can only be taken in a class: ask your teacher for the class code.";
		case "notOnRoster":
			return result.namePicker
				? "That name is not on this class's list. Join the class again and pick your name from the list."
				: "This class uses personal codes: type the code on your card instead of the class code.";
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
