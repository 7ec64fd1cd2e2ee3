/**
 * What a student sees of a graded attempt: the class's review policy (how much, and from when)
 * applied to the result. Pure: no Hono, no D1.
 *
 * - `score`: the score only. Per question, the student's own answer and the question's points, and
 *   nothing that tells right from wrong (no `correct`, no `points` earned).
 * - `marks`: which questions were right, and the points each earned; not the right answers.
 * - `full`: the right answers (`correctChoiceIds` or `acceptedAnswers`), the explanation and the
 *   evidence quote.
 *
 * `reviewAfter: "close"` holds the review back until the class closes: before then the student sees
 * the score only, told when the rest comes (`answersFrom`). A teacher who chose "score" shows nothing
 * more at close either. Withheld fields are left out of the result, never sent as nulls.
 */
import type { QuestionResult, StoredAnswer } from "./quiz/grading";

/** How much of the review students see (classes.review). */
export type ReviewLevel = "score" | "marks" | "full";
/** When they see it (classes.reviewAfter). */
export type ReviewTime = "submit" | "close";

export interface ReviewPolicy {
	review: ReviewLevel;
	reviewAfter: ReviewTime;
}

/** Practice on the built-in library (public quizzes, nothing to protect): everything, at once. */
export const PRACTICE_REVIEW: ReviewPolicy = { review: "full", reviewAfter: "submit" };

/**
 * A class-less attempt at a teacher's quiz: such attempts are refused now, but some were stored
 * before. Their quiz's answer key is for the teacher's classes to show, under their policies; with
 * no class to say when, the score only.
 */
export const CLASSLESS_TEACHER_QUIZ_REVIEW: ReviewPolicy = { review: "score", reviewAfter: "submit" };

/** The review policy of an attempt: its class's; without a class, practice's on the library and the score only on a teacher's quiz. */
export function attemptPolicy(cls: ReviewPolicy | null, libraryQuiz: boolean): ReviewPolicy {
	if (cls) return { review: cls.review, reviewAfter: cls.reviewAfter };
	return libraryQuiz ? PRACTICE_REVIEW : CLASSLESS_TEACHER_QUIZ_REVIEW;
}

/** A field of a question's result that a level may withhold. */
export type WithheldField = "correct" | "points" | "correctChoiceIds" | "acceptedAnswers" | "explanation" | "evidence";

/** What each level leaves out of every question's result. */
export const WITHHELD: Readonly<Record<ReviewLevel, readonly WithheldField[]>> = {
	score: ["correct", "points", "correctChoiceIds", "acceptedAnswers", "explanation", "evidence"],
	marks: ["correctChoiceIds", "acceptedAnswers", "explanation", "evidence"],
	full: [],
};

/** What a student may see of an attempt now. */
export interface Review {
	/** The level shown now. */
	shown: ReviewLevel;
	/** The fields of each question's result left out now. */
	withheld: readonly WithheldField[];
	/** While the policy holds the review back until the class closes: the level shown once it has. */
	afterClose?: ReviewLevel;
	/** When that is (the class's closing time); absent while the class has no closing time. */
	answersFrom?: Date;
}

/** The review of an attempt under `policy` at `now`, in a class closing at `closesAt` (null: not set). */
export function reviewAt(policy: ReviewPolicy, closesAt: Date | null, now: Date): Review {
	const closed = closesAt !== null && now.getTime() >= closesAt.getTime();
	if (policy.reviewAfter === "submit" || closed || policy.review === "score") {
		return { shown: policy.review, withheld: WITHHELD[policy.review] };
	}
	return { shown: "score", withheld: WITHHELD.score, afterClose: policy.review, ...(closesAt ? { answersFrom: closesAt } : {}) };
}

/** Whether a policy keeps anything from a student who has just submitted (all but the full review at once). */
export const withholdsAnything = (policy: ReviewPolicy): boolean => policy.review !== "full" || policy.reviewAfter === "close";

/** One question's result as a student may see it: withheld fields are absent. */
export interface ShownQuestionResult {
	questionId: string;
	maxPoints: number;
	/** The student's own answer: always theirs to see. */
	answer: StoredAnswer;
	correct?: boolean;
	points?: number;
	correctChoiceIds?: string[];
	acceptedAnswers?: string[];
	explanation?: string;
	evidence?: { paragraph: number; quote: string };
}

/** A question's result with only what `level` shows, copied field by field (nothing withheld can slip through). */
export function showQuestion(r: QuestionResult, level: ReviewLevel): ShownQuestionResult {
	if (level === "score") return { questionId: r.questionId, maxPoints: r.maxPoints, answer: r.answer };
	const marks = { questionId: r.questionId, correct: r.correct, points: r.points, maxPoints: r.maxPoints, answer: r.answer };
	if (level === "marks") return marks;
	return {
		...marks,
		...(r.correctChoiceIds ? { correctChoiceIds: [...r.correctChoiceIds] } : {}),
		...(r.acceptedAnswers ? { acceptedAnswers: [...r.acceptedAnswers] } : {}),
		explanation: r.explanation,
		evidence: { paragraph: r.evidence.paragraph, quote: r.evidence.quote },
	};
}

/** The `review` member of a result's JSON: what is shown, what is withheld and, while held back, from when more is shown. */
export interface ReviewJson {
	shown: ReviewLevel;
	withheld: WithheldField[];
	afterClose?: ReviewLevel;
	answersFrom?: string;
}

export function reviewJson(review: Review): ReviewJson {
	return {
		shown: review.shown,
		withheld: [...review.withheld],
		...(review.afterClose ? { afterClose: review.afterClose } : {}),
		...(review.answersFrom ? { answersFrom: review.answersFrom.toISOString() } : {}),
	};
}

/** A result with every question shown as `review` allows, and a `review` member saying what is withheld. */
export function reviewedResult<T extends { results: readonly QuestionResult[] }>(
	result: T,
	review: Review,
): Omit<T, "results"> & { results: ShownQuestionResult[]; review: ReviewJson } {
	const { results, ...rest } = result;
	return { ...rest, results: results.map((r) => showQuestion(r, review.shown)), review: reviewJson(review) };
}
