import { describe, expect, it } from "vitest";
import type { QuestionResult } from "../../worker/domain/quiz/grading";
import {
	attemptPolicy,
	CLASSLESS_TEACHER_QUIZ_REVIEW,
	PRACTICE_REVIEW,
	type ReviewLevel,
	type ReviewTime,
	reviewAt,
	reviewedResult,
	WITHHELD,
	type WithheldField,
	withholdsAnything,
} from "../../worker/domain/review";
import { keysOf } from "../fixtures/json-keys";

const LEVELS: ReviewLevel[] = ["score", "marks", "full"];
const TIMES: ReviewTime[] = ["submit", "close"];
const CLOSES = new Date("2026-12-24T16:00:00Z");
const BEFORE = new Date("2026-12-24T15:59:59.999Z");

const choice: QuestionResult = {
	questionId: "q1",
	correct: true,
	points: 2,
	maxPoints: 2,
	answer: { choiceIds: ["a"] },
	correctChoiceIds: ["a"],
	explanation: "Because paragraph 1 says so.",
	evidence: { paragraph: 1, quote: "the quote" },
};
const short: QuestionResult = {
	questionId: "q2",
	correct: false,
	points: 0,
	maxPoints: 1,
	answer: null,
	acceptedAnswers: ["forty", "40"],
	explanation: "Paragraph 2 gives the number.",
	evidence: { paragraph: 2, quote: "40 people" },
};
const result = { attemptId: "a", score: 2, maxScore: 3, results: [choice, short] };

describe("reviewAt: what a student sees, by policy and time", () => {
	for (const review of LEVELS) {
		it(`${review} at submit: ${review}, whenever it is, closing time or not`, () => {
			for (const closesAt of [null, CLOSES]) {
				for (const now of [BEFORE, CLOSES]) {
					expect(reviewAt({ review, reviewAfter: "submit" }, closesAt, now)).toEqual({ shown: review, withheld: WITHHELD[review] });
				}
			}
		});
	}

	for (const review of ["marks", "full"] as const) {
		it(`${review} at close: the score only before the class closes, with when the rest comes; ${review} from the closing time on`, () => {
			expect(reviewAt({ review, reviewAfter: "close" }, CLOSES, BEFORE)).toEqual({
				shown: "score",
				withheld: WITHHELD.score,
				afterClose: review,
				answersFrom: CLOSES,
			});
			expect(reviewAt({ review, reviewAfter: "close" }, CLOSES, CLOSES)).toEqual({ shown: review, withheld: WITHHELD[review] });
			expect(reviewAt({ review, reviewAfter: "close" }, CLOSES, new Date("2027-01-01"))).toEqual({
				shown: review,
				withheld: WITHHELD[review],
			});
		});

		it(`${review} at close in a class with no closing time: the score only, with no date promised`, () => {
			const r = reviewAt({ review, reviewAfter: "close" }, null, BEFORE);
			expect(r).toEqual({ shown: "score", withheld: WITHHELD.score, afterClose: review });
			expect("answersFrom" in r).toBe(false);
		});
	}

	it("score at close: the score only, before and after, with nothing promised", () => {
		for (const now of [BEFORE, CLOSES])
			expect(reviewAt({ review: "score", reviewAfter: "close" }, CLOSES, now)).toEqual({ shown: "score", withheld: WITHHELD.score });
	});
});

describe("reviewedResult: withheld fields are left out, never sent empty", () => {
	const expectedKeys: Record<ReviewLevel, string[]> = {
		score: ["questionId", "maxPoints", "answer"],
		marks: ["questionId", "correct", "points", "maxPoints", "answer"],
		full: ["questionId", "correct", "points", "maxPoints", "answer", "correctChoiceIds", "explanation", "evidence"],
	};
	for (const level of LEVELS) {
		it(`${level}: each question holds exactly what the level shows, and review says what is withheld`, () => {
			const shown = reviewedResult(result, { shown: level, withheld: WITHHELD[level] });
			expect(Object.keys(shown.results[0] ?? {})).toEqual(expectedKeys[level]);
			const all = keysOf(shown.results);
			for (const field of WITHHELD[level]) expect(all.has(field), field).toBe(false);
			// No withheld field sent as null: the only null is an unanswered question's answer.
			for (const r of shown.results) for (const [k, v] of Object.entries(r)) if (k !== "answer") expect(v, k).not.toBeNull();
			expect(shown.review).toEqual({ shown: level, withheld: [...WITHHELD[level]] });
			// Everything but the results is kept as it was.
			expect({ ...shown, results: undefined, review: undefined }).toEqual({ ...result, results: undefined });
		});
	}

	it("full: a short answer's accepted answers instead of choice ids; copies, not the quiz's own arrays", () => {
		const shown = reviewedResult(result, { shown: "full", withheld: [] });
		expect(shown.results[1]).toEqual(short);
		expect("correctChoiceIds" in (shown.results[1] ?? {})).toBe(false);
		expect(shown.results[0]?.correctChoiceIds).not.toBe(choice.correctChoiceIds);
	});

	it("score: no trace of the answer key anywhere in the JSON, the evidence quote and explanation included", () => {
		const text = JSON.stringify(reviewedResult(result, reviewAt({ review: "full", reviewAfter: "close" }, CLOSES, BEFORE)));
		for (const secret of ["Because paragraph 1", "the quote", "forty", "40 people", '"correct":', '"points":'])
			expect(text).not.toContain(secret);
		expect(text).toContain('"answersFrom":"2026-12-24T16:00:00.000Z"');
		expect(text).toContain('"afterClose":"full"');
	});

	it("the withheld lists grow with strictness: score withholds all that marks does, and correctness", () => {
		const marks = new Set<WithheldField>(WITHHELD.marks);
		expect(WITHHELD.full).toEqual([]);
		expect(WITHHELD.score.filter((f) => !marks.has(f))).toEqual(["correct", "points"]);
	});
});

describe("which policy an attempt falls under", () => {
	it("a class's own; practice on the library: everything at once; a class-less attempt at a teacher's quiz: the score only", () => {
		expect(attemptPolicy({ review: "marks", reviewAfter: "close" }, true)).toEqual({ review: "marks", reviewAfter: "close" });
		expect(attemptPolicy(null, true)).toEqual(PRACTICE_REVIEW);
		expect(PRACTICE_REVIEW).toEqual({ review: "full", reviewAfter: "submit" });
		expect(attemptPolicy(null, false)).toEqual(CLASSLESS_TEACHER_QUIZ_REVIEW);
		expect(reviewAt(CLASSLESS_TEACHER_QUIZ_REVIEW, null, BEFORE).shown).toBe("score");
	});

	it("withholdsAnything: every policy but the full review at once", () => {
		for (const review of LEVELS) {
			for (const reviewAfter of TIMES) {
				expect(withholdsAnything({ review, reviewAfter }), `${review}/${reviewAfter}`).toBe(
					!(review === "full" && reviewAfter === "submit"),
				);
			}
		}
	});
});
