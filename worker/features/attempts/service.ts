import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import { startedAtFromAttemptId } from "../../domain/attempt-id";
import { NAME_LIMITS, nameLength, normaliseName, studentKey } from "../../domain/names";
import { checkAnswers, describeResults, grade, type StoredAnswer } from "../../domain/quiz/grading";
import type { Quiz } from "../../domain/quiz/schema";
import { Problem } from "../../http/problem";
import { sha256Hex } from "../../lib/hash";
import * as z from "../../lib/z";
import { findClassByCode } from "../classes/queries";
import { findQuiz } from "../quizzes/library";
import { findAttempt, insertAttempt, isAttemptCapViolation, isUniqueViolation, type StoredAttempt } from "./queries";

export const MAX_ANSWERS = 200;

const id = z.string().check(z.minLength(1, "must not be empty"), z.maxLength(100, "is too long"));

/** The attempt id: any UUID, kept in lower case. */
export const attemptIdSchema = z.pipe(
	z.uuid("must be a UUID"),
	z.transform((s) => s.toLowerCase()),
);

/** A submission as the API and the quiz form send it. */
export const submissionSchema = z.object({
	attemptId: attemptIdSchema,
	quizId: id,
	studentName: z.pipe(
		z.string().check(z.maxLength(1000, "is too long")),
		z.transform(normaliseName).check(
			z.refine((n) => nameLength(n) >= 1, "must not be empty"),
			z.refine((n) => nameLength(n) <= NAME_LIMITS.student, `must be at most ${NAME_LIMITS.student} characters`),
		),
	),
	classCode: z.pipe(
		z.nullish(z.string().check(z.maxLength(32, "is too long"))),
		z.transform((s) => (s ? s.replace(/[\s-]+/g, "").toUpperCase() : "") || null),
	),
	answers: z
		.array(
			z
				.object({
					questionId: id,
					choiceIds: z.optional(z.array(id).check(z.maxLength(50, "has too many choices"))),
					text: z.optional(z.string().check(z.maxLength(500, "is too long (500 characters at most)"))),
				})
				.check(z.refine((a) => !(a.choiceIds !== undefined && a.text !== undefined), "send either choiceIds or text, not both")),
		)
		.check(z.maxLength(MAX_ANSWERS, `has more than ${MAX_ANSWERS} answers`)),
});

export type Submission = z.infer<typeof submissionSchema>;

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
		results: describeResults(
			quiz,
			stored.responses.map((r) => ({
				questionId: r.questionId,
				answer: r.answer === null ? null : (JSON.parse(r.answer) as StoredAnswer),
				correct: r.correct,
				points: r.points,
			})),
		),
	};
}

export type AttemptResult = ReturnType<typeof attemptResult>;

/** SHA-256 of the submission in a canonical form: key order, choice order and case of ids do not matter. */
export async function submissionHash(s: Submission): Promise<string> {
	const answers = [...s.answers]
		.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
		.map((a) => [a.questionId, a.choiceIds ? [...a.choiceIds].sort() : null, a.text ?? null]);
	const canonical = JSON.stringify([s.quizId, s.studentName, s.classCode, answers]);
	return sha256Hex(canonical);
}

export async function loadQuizOr404(quizId: string): Promise<Quiz> {
	const quiz = await findQuiz(quizId);
	if (!quiz) throw new Problem(404, "Quiz not found", `There is no quiz "${quizId}".`);
	return quiz;
}

/**
 * Grades and records a submission. A new attempt id is stored (status 201); the same id with the
 * same submission again returns the stored result (200), whenever and however often it arrives;
 * the same id with a different submission is a 409.
 */
export async function recordSubmission(
	db: Database,
	s: Submission,
	now = new Date(),
): Promise<{ status: 200 | 201; result: AttemptResult }> {
	const quiz = await findQuiz(s.quizId);
	if (!quiz)
		throw new Problem(422, "Unknown quiz", `There is no quiz "${s.quizId}".`, { errors: [{ path: "quizId", message: "unknown quiz" }] });
	const problems = checkAnswers(quiz, s.answers);
	if (problems.length > 0) {
		throw new Problem(422, "Answers do not fit the quiz", problems.join("; "), {
			errors: problems.map((message) => ({ path: message.slice(0, message.indexOf(":")), message })),
		});
	}
	const requestHash = await submissionHash(s);
	let classId: string | null = null;
	let maxAttempts: number | null = null;
	if (s.classCode !== null) {
		const cls = await findClassByCode(db, s.classCode);
		if (!cls) {
			throw new Problem(422, "Unknown class code", `No class has the code "${s.classCode}". Check the code your teacher gave you.`, {
				errors: [{ path: "classCode", message: "unknown class code" }],
			});
		}
		classId = cls.id;
		maxAttempts = cls.maxAttempts;
		const refusal = classPolicyRefusal(cls, quiz.id, now);
		// A replay of an attempt stored before the class closed still gets its result.
		if (refusal) return replayOr(db, quiz, s.attemptId, requestHash, refusal);
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
				classId,
				studentName: s.studentName,
				studentKey: studentKey(s.studentName),
				startedAt: startedAtFromAttemptId(s.attemptId, now),
				submittedAt: now,
				score: graded.score,
				maxScore: graded.maxScore,
				requestHash,
			},
			graded.responses,
			maxAttempts,
		);
	} catch (err) {
		if (isAttemptCapViolation(err)) {
			const cap = new Problem(409, "No attempts left", `You have used all ${maxAttempts} attempts your teacher allows for this quiz.`);
			return replayOr(db, quiz, s.attemptId, requestHash, cap);
		}
		if (!isUniqueViolation(err)) throw err;
		return replay(db, quiz, s.attemptId, requestHash);
	}
	return { status: 201, result: attemptResult(quiz, { ...stored, classCode: s.classCode }) };
}

/** Why a class takes no new attempt at this quiz now (not open, closed), or null. */
export function classPolicyRefusal(cls: ClassRow, quizId: string, now: Date): Problem | null {
	if (cls.closesAt !== null && now.getTime() >= cls.closesAt.getTime()) {
		return new Problem(403, "Class closed", `This class stopped taking answers at ${cls.closesAt.toISOString()}.`);
	}
	if (cls.openQuizIds !== null && !(JSON.parse(cls.openQuizIds) as string[]).includes(quizId)) {
		return new Problem(403, "Quiz not open", `Quiz "${quizId}" is not open for this class. Ask your teacher which quiz to take.`);
	}
	return null;
}

/** The stored result when this is a replay of an attempt already stored, else the refusal. */
async function replayOr(db: Database, quiz: Quiz, attemptId: string, requestHash: string, refusal: Problem) {
	if (await findAttempt(db, attemptId)) return replay(db, quiz, attemptId, requestHash);
	throw refusal;
}

async function replay(db: Database, quiz: Quiz, attemptId: string, requestHash: string) {
	const stored = await findAttempt(db, attemptId);
	if (!stored) throw new Error(`attempt ${attemptId} conflicted but is not stored`);
	if (stored.attempt.requestHash !== requestHash) {
		throw new Problem(
			409,
			"Attempt id already used",
			`Attempt ${attemptId} was already submitted with different answers. Start a new attempt with a new id.`,
		);
	}
	return { status: 200 as const, result: attemptResult(quiz, stored) };
}
