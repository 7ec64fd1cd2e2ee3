import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { difficultyOf, discriminationOf, ItemAnalysis, type ItemSpec, reliabilityOf } from "../../worker/domain/stats";
import { marksOf } from "../../worker/features/classes/stats-cache";
import { theQuiz } from "../fixtures/quiz";

const ITEMS: ItemSpec[] = [
	{ id: "q1", maxPoints: 1, choiceIds: ["a", "b", "c"] },
	{ id: "q2", maxPoints: 2 },
	{ id: "q3", maxPoints: 1, choiceIds: ["x", "y"] },
];

const attempt = fc.record({
	marks: fc.record({ q1: fc.constantFrom(0, 1), q2: fc.constantFrom(0, 0.5, 1, 2), q3: fc.constantFrom(0, 1) }, { requiredKeys: [] }),
	choices: fc.record({ q1: fc.subarray(["a", "b", "c", "nope"]), q3: fc.subarray(["x", "y"]) }),
});

describe("ItemAnalysis.clone (the stats cache adds new attempts to a copy)", () => {
	it("a copy that takes the later attempts equals one analysis of them all, and the original is unchanged", () => {
		fc.assert(
			fc.property(fc.array(attempt, { maxLength: 40 }), fc.nat(40), (attempts, cut) => {
				const whole = new ItemAnalysis(ITEMS);
				for (const a of attempts) whole.add(a);
				const base = new ItemAnalysis(ITEMS);
				for (const a of attempts.slice(0, cut)) base.add(a);
				const before = base.result();
				const copy = base.clone();
				for (const a of attempts.slice(cut)) copy.add(a);
				expect(copy.result()).toEqual(whole.result());
				expect([...copy.scoreCounts()]).toEqual([...whole.scoreCounts()]);
				expect(base.result()).toEqual(before);
			}),
			{ numRuns: 150 },
		);
	});
});

describe("an attempt's marks as the class page reads them", () => {
	it("maps positions on the current version, and question ids on older ones, to the quiz's questions", async () => {
		const quiz = await theQuiz();
		const [q0, q1, q2] = quiz.questions;
		expect(marksOf(quiz, `#0:1.0|#2:0.0|#1:1`)).toEqual(
			new Map([
				[q0?.id, 1],
				[q2?.id, 0],
				[q1?.id, 1],
			]),
		);
		expect(marksOf(quiz, `${q1?.id}:1.0|q-gone:1.0`)).toEqual(
			new Map([
				[q1?.id, 1],
				["q-gone", 1],
			]),
		);
		expect(marksOf(quiz, null)).toEqual(new Map());
		expect(marksOf(quiz, "#99:1.0")).toEqual(new Map());
	});
});

describe("statistics in plain words", () => {
	it("names reliability from Cronbach's alpha", () => {
		expect([null, 0.9, 0.7, 0.69, 0.5, 0.2, -0.3].map(reliabilityOf)).toEqual([null, "good", "good", "fair", "fair", "low", "low"]);
	});
	it("names difficulty from facility", () => {
		expect([null, 1, 0.9, 0.75, 0.5, 0.25, 0.1].map(difficultyOf)).toEqual([
			null,
			"very easy",
			"very easy",
			"easy",
			"moderate",
			"hard",
			"very hard",
		]);
	});
	it("names discrimination", () => {
		expect([null, 0.5, 0.3, 0.25, 0.1, 0, -0.2].map(discriminationOf)).toEqual([null, "good", "good", "fair", "weak", "weak", "negative"]);
	});
});
