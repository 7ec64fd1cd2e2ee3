import { describe, expect, it } from "vitest";
import { type AttemptMarks, histogram, ItemAnalysis, type ItemSpec } from "../../worker/domain/stats";

/**
 * The hand-worked example of docs/item-analysis.md: 5 attempts, Q1–Q3 worth
 * 1 point, Q4 worth 2. Every expected number below was worked out by hand
 * (see the doc) and is a literal, not a value read back from the code.
 */
const ITEMS: ItemSpec[] = [
	{ id: "q1", maxPoints: 1, choiceIds: ["a", "b", "c"] },
	{ id: "q2", maxPoints: 1 },
	{ id: "q3", maxPoints: 1 },
	{ id: "q4", maxPoints: 2 },
];

const ATTEMPTS: AttemptMarks[] = [
	{ marks: { q1: 1, q2: 1, q3: 1, q4: 2 }, choices: { q1: ["a"] } }, // A: total 5
	{ marks: { q1: 1, q2: 1, q3: 0, q4: 2 }, choices: { q1: ["a"] } }, // B: total 4
	{
		marks: new Map([
			["q1", 1],
			["q2", 1],
			["q4", 1],
		]),
		choices: { q1: ["a"] },
	}, // C: total 3 (q3 missing = 0)
	{ marks: { q1: 0, q2: 0, q3: 1, q4: 1 }, choices: { q1: ["b"] } }, // D: total 2
	{ marks: { q1: 1, q2: 0, q3: 0, q4: 0 }, choices: { q1: ["a"] } }, // E: total 1
];

function analyse(items: readonly ItemSpec[], attempts: readonly AttemptMarks[], times = 1): ItemAnalysis {
	const analysis = new ItemAnalysis(items);
	for (let i = 0; i < times; i++) for (const attempt of attempts) analysis.add(attempt);
	return analysis;
}

function item(analysis: ItemAnalysis, id: string) {
	const found = analysis.result().items.find((it) => it.id === id);
	if (found === undefined) throw new Error(`no item ${id}`);
	return found;
}

describe("ItemAnalysis — hand-worked example", () => {
	const analysis = analyse(ITEMS, ATTEMPTS);
	const { quiz, items } = analysis.result();

	it("reports the quiz statistics", () => {
		expect(quiz.attempts).toBe(5);
		expect(quiz.maxScore).toBe(5);
		expect(quiz.mean).toBeCloseTo(3, 3);
		expect(quiz.median).toBeCloseTo(3, 3);
		expect(quiz.sd).toBeCloseTo(1.5811, 3); // √2.5
		expect(quiz.min).toBe(1);
		expect(quiz.max).toBe(5);
		expect(quiz.cronbachAlpha).toBeCloseTo(0.5333, 3); // 4/3 · (1 − 1.5/2.5)
	});

	it("keeps the items in quiz order", () => {
		expect(items.map((it) => it.id)).toEqual(["q1", "q2", "q3", "q4"]);
		expect(items.map((it) => it.n)).toEqual([5, 5, 5, 5]);
		expect(items.map((it) => it.maxPoints)).toEqual([1, 1, 1, 2]);
	});

	it.each([
		// id, mean, facility, sd, discrimination, discriminative efficiency
		["q1", 0.8, 0.8, 0.4472, 0.0754, 0.0909],
		["q2", 0.6, 0.6, 0.5477, 0.7206, 1.0],
		["q3", 0.4, 0.4, 0.5477, -0.0602, -0.0714],
		["q4", 1.2, 0.6, 0.8367, 0.7857, 1.0],
	] as const)("reports %s", (id, mean, facility, sd, discrimination, efficiency) => {
		const stats = item(analysis, id);
		expect(stats.mean).toBeCloseTo(mean, 3);
		expect(stats.facility).toBeCloseTo(facility, 3);
		expect(stats.sd).toBeCloseTo(sd, 3);
		expect(stats.discrimination).toBeCloseTo(discrimination, 3);
		expect(stats.discriminativeEfficiency).toBeCloseTo(efficiency, 3);
	});

	it("counts the choices of a choice question in quiz order", () => {
		expect(item(analysis, "q1").choiceCounts).toEqual([
			{ choiceId: "a", count: 4, fraction: 0.8 },
			{ choiceId: "b", count: 1, fraction: 0.2 },
			{ choiceId: "c", count: 0, fraction: 0 },
		]);
		expect(item(analysis, "q2").choiceCounts).toEqual([]);
	});

	it("exposes the total-score counts in ascending order", () => {
		expect([...analysis.scoreCounts()]).toEqual([
			[1, 1],
			[2, 1],
			[3, 1],
			[4, 1],
			[5, 1],
		]);
	});

	it("gives the same ratios when the data are replicated 1000 times", () => {
		const big = analyse(ITEMS, ATTEMPTS, 1000).result();
		expect(big.quiz.attempts).toBe(5000);
		expect(big.quiz.mean).toBeCloseTo(3, 3);
		expect(big.quiz.median).toBeCloseTo(3, 3);
		// Sample SD of the replicated totals: √(10 000 / 4999).
		expect(big.quiz.sd).toBeCloseTo(Math.sqrt(10_000 / 4_999), 3);
		// Alpha, correlations and efficiencies are ratios: unchanged by replication.
		expect(big.quiz.cronbachAlpha).toBeCloseTo(0.5333, 3);
		expect(big.items.map((it) => it.discrimination)).toEqual(items.map((it) => expect.closeTo(it.discrimination ?? Number.NaN, 9)));
		expect(big.items.map((it) => it.discriminativeEfficiency)).toEqual(
			items.map((it) => expect.closeTo(it.discriminativeEfficiency ?? Number.NaN, 9)),
		);
	});
});

describe("ItemAnalysis — edge cases", () => {
	it("reports nulls for zero attempts", () => {
		const { quiz, items } = analyse(ITEMS, []).result();
		expect(quiz).toEqual({
			attempts: 0,
			maxScore: 5,
			mean: null,
			median: null,
			sd: null,
			min: null,
			max: null,
			cronbachAlpha: null,
		});
		expect(items[0]).toEqual({
			id: "q1",
			maxPoints: 1,
			n: 0,
			mean: null,
			facility: null,
			sd: null,
			discrimination: null,
			discriminativeEfficiency: null,
			choiceCounts: [
				{ choiceId: "a", count: 0, fraction: null },
				{ choiceId: "b", count: 0, fraction: null },
				{ choiceId: "c", count: 0, fraction: null },
			],
		});
	});

	it("reports location but no spread for a single attempt", () => {
		const first = ATTEMPTS[0];
		if (first === undefined) throw new Error("no attempt");
		const { quiz, items } = analyse(ITEMS, [first]).result();
		expect(quiz).toMatchObject({ attempts: 1, mean: 5, median: 5, min: 5, max: 5, sd: null, cronbachAlpha: null });
		expect(items[3]).toMatchObject({ n: 1, mean: 2, facility: 1, sd: null, discrimination: null });
		expect(items[3]?.discriminativeEfficiency).toBeNull();
	});

	it("gives null discrimination for an item everybody got right", () => {
		const analysis = analyse(
			[
				{ id: "easy", maxPoints: 1 },
				{ id: "q", maxPoints: 1 },
			],
			[{ marks: { easy: 1, q: 1 } }, { marks: { easy: 1, q: 0 } }, { marks: { easy: 1, q: 1 } }],
		);
		const easy = item(analysis, "easy");
		expect(easy.facility).toBe(1);
		expect(easy.sd).toBe(0);
		expect(easy.discrimination).toBeNull();
		expect(easy.discriminativeEfficiency).toBeNull();
		// Its rest score is q alone, which does vary; q's rest score (easy) does not.
		expect(item(analysis, "q").discrimination).toBeNull();
	});

	it("gives null alpha for one item, and when every total is equal", () => {
		const one = analyse([{ id: "q", maxPoints: 1 }], [{ marks: { q: 1 } }, { marks: { q: 0 } }]).result();
		expect(one.quiz.cronbachAlpha).toBeNull();
		expect(one.quiz.sd).toBeCloseTo(Math.SQRT1_2, 3); // √(0.5 / 1)

		const flat = analyse(
			[
				{ id: "a", maxPoints: 1 },
				{ id: "b", maxPoints: 1 },
			],
			[{ marks: { a: 1, b: 0 } }, { marks: { a: 0, b: 1 } }],
		).result();
		expect(flat.quiz.sd).toBe(0);
		expect(flat.quiz.cronbachAlpha).toBeNull();
	});

	it("takes the mean of the two middle totals as the median of an even count", () => {
		const { quiz } = analyse(
			[{ id: "q", maxPoints: 10 }],
			[1, 2, 6, 9].map((q) => ({ marks: { q } })),
		).result();
		expect(quiz.median).toBe(4);
		expect(quiz.mean).toBe(4.5);
	});

	it("counts each choice at most once per attempt, for multi-answer questions too", () => {
		const analysis = analyse(
			[{ id: "m", maxPoints: 2, choiceIds: ["x", "y", "z"] }],
			[
				{ marks: { m: 2 }, choices: { m: ["x", "y"] } },
				{ marks: { m: 1 }, choices: { m: ["y", "y", "unknown"] } },
				{ marks: { m: 0 }, choices: { other: ["x"] } },
				{ marks: { m: 0 } },
			],
		);
		expect(item(analysis, "m").choiceCounts).toEqual([
			{ choiceId: "x", count: 1, fraction: 0.25 },
			{ choiceId: "y", count: 2, fraction: 0.5 },
			{ choiceId: "z", count: 0, fraction: 0 },
		]);
	});

	it("treats missing marks as 0, ignores unknown ids and prototype keys", () => {
		const analysis = analyse(
			[
				{ id: "constructor", maxPoints: 1 },
				{ id: "q", maxPoints: 1 },
			],
			[{ marks: { q: 1, extra: 99 } }, { marks: { constructor: 1 } as Record<string, number> }],
		);
		const { quiz } = analysis.result();
		expect(quiz.mean).toBe(1);
		expect(item(analysis, "constructor").mean).toBe(0.5);
	});

	it("rejects a non-finite mark without counting the attempt", () => {
		const analysis = new ItemAnalysis(ITEMS);
		expect(() => analysis.add({ marks: { q1: 1, q4: Number.NaN } })).toThrow(RangeError);
		expect(analysis.result().quiz.attempts).toBe(0);
	});

	it("rejects invalid item specs", () => {
		expect(
			() =>
				new ItemAnalysis([
					{ id: "a", maxPoints: 1 },
					{ id: "a", maxPoints: 1 },
				]),
		).toThrow(RangeError);
		expect(() => new ItemAnalysis([{ id: "a", maxPoints: -1 }])).toThrow(RangeError);
		expect(() => new ItemAnalysis([{ id: "a", maxPoints: 1, choiceIds: ["x", "x"] }])).toThrow(RangeError);
	});

	it("keeps fractional totals on one key (0.1 + 0.2 = 0.3)", () => {
		const analysis = analyse(
			[
				{ id: "a", maxPoints: 1 },
				{ id: "b", maxPoints: 1 },
			],
			[{ marks: { a: 0.1, b: 0.2 } }, { marks: { a: 0.3, b: 0 } }],
		);
		expect([...analysis.scoreCounts()]).toEqual([[0.3, 2]]);
	});
});

describe("histogram", () => {
	it("bins percent of max score in tenths, with 100 % in the last bin", () => {
		const totals = new Map([
			[0, 2],
			[9, 1],
			[10, 3],
			[55, 1],
			[99, 1],
			[100, 4],
		]);
		const bins = histogram(totals, 100);
		expect(bins).toHaveLength(10);
		expect(bins.map((b) => b.count)).toEqual([3, 3, 0, 0, 0, 1, 0, 0, 0, 5]);
		expect(bins[0]).toEqual({ fromPercent: 0, toPercent: 10, count: 3 });
		expect(bins[9]).toEqual({ fromPercent: 90, toPercent: 100, count: 5 });
	});

	it("works on small integer scales and bin edges", () => {
		// maxScore 5: 1 → 20 %, 2 → 40 %, 3 → 60 %, 5 → 100 %.
		const bins = histogram(
			new Map([
				[1, 1],
				[2, 1],
				[3, 2],
				[5, 1],
			]),
			5,
			5,
		);
		expect(bins.map((b) => b.count)).toEqual([0, 1, 1, 2, 1]);
		expect(bins.map((b) => b.fromPercent)).toEqual([0, 20, 40, 60, 80]);
	});

	it("feeds from ItemAnalysis.scoreCounts", () => {
		const analysis = analyse(ITEMS, ATTEMPTS);
		const bins = histogram(analysis.scoreCounts(), analysis.result().quiz.maxScore);
		expect(bins.map((b) => b.count)).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1, 1]);
	});

	it("clamps out-of-range scores, handles a zero max score, and rejects bad bin counts", () => {
		expect(
			histogram(
				new Map([
					[-1, 1],
					[12, 2],
				]),
				10,
				2,
			).map((b) => b.count),
		).toEqual([1, 2]);
		expect(histogram(new Map([[0, 3]]), 0).every((b) => b.count === 0)).toBe(true);
		expect(() => histogram(new Map(), 10, 0)).toThrow(RangeError);
		expect(() => histogram(new Map(), 10, 2.5)).toThrow(RangeError);
	});
});
