/**
 * Item analysis (per-question statistics, as in Moodle's quiz statistics
 * report), computed in a single streaming pass with bounded memory.
 *
 * Attempts are fed one at a time to {@link ItemAnalysis.add}; no per-attempt
 * rows are kept. Instead the accumulator keeps histograms of values that are
 * few in number in practice (marks and scores lie on a small grid of points):
 *
 * - the total score of every attempt: `Map<total, count>`;
 * - per item, the joint histogram `Map<itemMark, Map<restScore, count>>`
 *   where restScore = total − itemMark;
 * - per choice question, one counter per choice.
 *
 * Every statistic is then computed exactly (two-pass, centred sums) from these
 * histograms in {@link ItemAnalysis.result}. Memory is
 * O(distinct totals + Σ items (distinct item marks × distinct rest scores)),
 * independent of the number of attempts.
 *
 * Variance convention: SAMPLE variance (divisor n − 1) everywhere, as Moodle
 * does for the quiz and question standard deviations. Correlation,
 * discriminative efficiency and Cronbach's alpha are ratios whose divisors
 * cancel, so they do not depend on that choice.
 *
 * `null` means "not defined for this data" (too few attempts, or a
 * variance of zero), never "zero". See docs/item-analysis.md.
 *
 * Pure module: standard JS only, so it runs inside workerd.
 */

/** One question of the quiz, in quiz order. */
export interface ItemSpec {
	/** Question id; the key used in {@link AttemptMarks.marks}. */
	id: string;
	/** Maximum mark for the question (finite, ≥ 0). */
	maxPoints: number;
	/** For choice questions: the choice ids, in quiz order. */
	choiceIds?: readonly string[];
}

/** The marks (and picked choices) of one attempt. */
export interface AttemptMarks {
	/** Mark per question id; a missing question counts as 0. Unknown ids are ignored. */
	marks: ReadonlyMap<string, number> | Record<string, number>;
	/** Choice ids picked, per question id. Unknown questions and choice ids are ignored. */
	choices?: Record<string, readonly string[]>;
}

/** How often one choice was picked. */
export interface ChoiceCount {
	choiceId: string;
	/** Number of attempts that picked this choice (each attempt counts at most once). */
	count: number;
	/** `count ÷ attempts`; `null` when there are no attempts. */
	fraction: number | null;
}

/** Statistics of one question. */
export interface ItemStats {
	id: string;
	maxPoints: number;
	/** Number of attempts analysed (a missing mark counts as 0, so this is every attempt). */
	n: number;
	/** Mean mark; `null` when n = 0. */
	mean: number | null;
	/** Mean mark ÷ maxPoints (0..1); `null` when n = 0 or maxPoints = 0. */
	facility: number | null;
	/** Sample standard deviation of the mark; `null` when n < 2. */
	sd: number | null;
	/**
	 * Pearson correlation of the mark with the rest of the test (total minus
	 * this question); `null` when n < 2 or either variance is zero.
	 */
	discrimination: number | null;
	/**
	 * cov(mark, rest) ÷ the largest covariance attainable with the same two
	 * marginal distributions (sorted marks paired with sorted rest scores);
	 * `null` exactly when discrimination is `null`. At most 1; can be negative.
	 */
	discriminativeEfficiency: number | null;
	/** Per choice, in quiz order; empty for questions without `choiceIds`. */
	choiceCounts: ChoiceCount[];
}

/** Statistics of the whole quiz. */
export interface QuizStats {
	attempts: number;
	/** Sum of the items' maxPoints. */
	maxScore: number;
	/** Mean total score; `null` when there are no attempts. */
	mean: number | null;
	/** Median total score (mean of the two middle ones when even); `null` when there are no attempts. */
	median: number | null;
	/** Sample standard deviation (n − 1) of the total score; `null` when n < 2. */
	sd: number | null;
	min: number | null;
	max: number | null;
	/**
	 * k/(k−1) · (1 − Σ item variances ÷ total variance); `null` when there are
	 * fewer than 2 items, fewer than 2 attempts, or every total is the same.
	 */
	cronbachAlpha: number | null;
}

/** Everything {@link ItemAnalysis.result} reports. */
export interface ItemAnalysisResult {
	quiz: QuizStats;
	/** In the order of the constructor's items. */
	items: ItemStats[];
}

/** One bar of a score histogram. */
export interface HistogramBin {
	/** Lower bound, percent of maxScore, inclusive. */
	fromPercent: number;
	/** Upper bound, percent of maxScore; exclusive except for the last bin (which includes 100 %). */
	toPercent: number;
	count: number;
}

/** Histogram keys are snapped to 10⁻⁶ point so that e.g. 0.1 + 0.2 and 0.3 share a key. */
const KEY_SCALE = 1e6;

/** Count per value. */
type Counts = Map<number, number>;

/** Accumulated state of one question. */
interface ItemState {
	spec: ItemSpec;
	/** item mark → rest score → count. */
	joint: Map<number, Counts>;
	/** choice id → index into `choiceCounts`. */
	choiceIndex: Map<string, number>;
	choiceCounts: number[];
}

/** n, mean and centred sum of squares of a histogram. */
interface Moments {
	n: number;
	mean: number;
	/** Σ count · (value − mean)². */
	ss: number;
	/** Number of distinct values; variance is exactly 0 when this is < 2. */
	distinct: number;
}

/**
 * Streaming item-analysis accumulator: `add` each attempt once, then read
 * `result()` (which may be called at any time, any number of times).
 */
export class ItemAnalysis {
	readonly #items: ItemState[];
	readonly #totals: Counts = new Map();
	#attempts = 0;

	/**
	 * @param items the questions, in quiz order.
	 * @throws {RangeError} on a duplicate question id, a non-finite or negative
	 *   maxPoints, or a duplicate choice id within a question.
	 */
	constructor(items: readonly ItemSpec[]) {
		assertUniqueIds(
			items.map((item) => item.id),
			"question id",
		);
		this.#items = items.map(initialItemState);
	}

	/**
	 * Adds one attempt. Atomic: all marks are validated before anything is
	 * counted.
	 *
	 * @throws {RangeError} when a mark for a known question is not a finite number.
	 */
	add(attempt: AttemptMarks): void {
		const marks = this.#items.map((item) => snap(markFor(attempt.marks, item.spec.id)));
		const total = snap(marks.reduce((sum, mark) => sum + mark, 0));
		this.#attempts += 1;
		increment(this.#totals, total);
		this.#items.forEach((item, i) => {
			const mark = marks[i] ?? 0;
			addJoint(item.joint, mark, snap(total - mark));
			countChoices(item, picksFor(attempt.choices, item.spec.id));
		});
	}

	/** An independent copy: adding to one leaves the other as it was. */
	clone(): ItemAnalysis {
		const copy = new ItemAnalysis(this.#items.map((item) => item.spec));
		copy.#attempts = this.#attempts;
		for (const [total, count] of this.#totals) copy.#totals.set(total, count);
		this.#items.forEach((item, i) => {
			const target = copy.#items[i];
			if (!target) return;
			for (const [mark, row] of item.joint) target.joint.set(mark, new Map(row));
			target.choiceCounts = [...item.choiceCounts];
		});
		return copy;
	}

	/** Total score → number of attempts, in ascending score order (input for {@link histogram}). */
	scoreCounts(): Map<number, number> {
		return new Map(sortedEntries(this.#totals));
	}

	/** Computes the quiz and per-question statistics from what has been added so far. */
	result(): ItemAnalysisResult {
		const analysed = this.#items.map((item) => analyseItem(item, this.#attempts));
		const itemSs = analysed.reduce((sum, a) => sum + a.ss, 0);
		return { quiz: quizStats(this.#totals, this.#items, itemSs), items: analysed.map((a) => a.stats) };
	}
}

/**
 * Score histogram for the dashboard: counts per bin of percent of `maxScore`
 * (with 10 bins: 0–10, 10–20, …, 90–100; a score of exactly 100 % goes into
 * the last bin). Scores below 0 % or above 100 % are clamped into the first or
 * last bin. When `maxScore` is not positive, no score can be placed on a
 * percent scale and every count is 0.
 *
 * @param totals total score → number of attempts (e.g. {@link ItemAnalysis.scoreCounts}).
 * @throws {RangeError} when `bins` is not a positive integer.
 */
export function histogram(totals: ReadonlyMap<number, number>, maxScore: number, bins = 10): HistogramBin[] {
	if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
	const counts = new Array<number>(bins).fill(0);
	if (maxScore > 0 && Number.isFinite(maxScore)) {
		for (const [score, count] of totals) {
			const bin = binIndex(score, maxScore, bins);
			counts[bin] = (counts[bin] ?? 0) + count;
		}
	}
	return counts.map((count, i) => ({ fromPercent: (i * 100) / bins, toPercent: ((i + 1) * 100) / bins, count }));
}

/** Bin of `score`, clamped to 0..bins−1 (a tiny epsilon absorbs rounding at bin edges). */
function binIndex(score: number, maxScore: number, bins: number): number {
	const raw = Math.floor((score * bins) / maxScore + 1e-9);
	return Math.min(bins - 1, Math.max(0, raw));
}

// ---------------------------------------------------------------- set-up

/** Validates a spec and creates its empty accumulator. */
function initialItemState(spec: ItemSpec): ItemState {
	if (!Number.isFinite(spec.maxPoints) || spec.maxPoints < 0) {
		throw new RangeError(`maxPoints of question ${spec.id} must be finite and ≥ 0, got ${spec.maxPoints}`);
	}
	const choiceIds = spec.choiceIds ?? [];
	assertUniqueIds(choiceIds, `choice id of question ${spec.id}`);
	return {
		spec,
		joint: new Map(),
		choiceIndex: new Map(choiceIds.map((choiceId, i) => [choiceId, i])),
		choiceCounts: choiceIds.map(() => 0),
	};
}

/** Throws when an id occurs twice. */
function assertUniqueIds(ids: readonly string[], what: string): void {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new RangeError(`duplicate ${what}: ${id}`);
		seen.add(id);
	}
}

// ---------------------------------------------------------------- accumulating

/** The mark of question `id` (0 when missing). Own properties only, so ids like "constructor" are safe. */
function markFor(marks: AttemptMarks["marks"], id: string): number {
	const value = isMap(marks) ? marks.get(id) : Object.hasOwn(marks, id) ? marks[id] : undefined;
	if (value === undefined) return 0;
	if (typeof value !== "number" || !Number.isFinite(value)) {
		throw new RangeError(`mark for question ${id} must be a finite number, got ${String(value)}`);
	}
	return value;
}

/** Distinguishes the Map form of the marks from the record form. */
function isMap(marks: AttemptMarks["marks"]): marks is ReadonlyMap<string, number> {
	return marks instanceof Map;
}

/** Rounds to the histogram key grid (10⁻⁶ point); also turns −0 into 0. */
function snap(value: number): number {
	return Math.round(value * KEY_SCALE) / KEY_SCALE + 0;
}

/** Adds 1 (or `by`) to the count of `key`. */
function increment(counts: Counts, key: number, by = 1): void {
	counts.set(key, (counts.get(key) ?? 0) + by);
}

/** Counts one (mark, rest) pair in a joint histogram. */
function addJoint(joint: Map<number, Counts>, mark: number, rest: number): void {
	let row = joint.get(mark);
	if (row === undefined) {
		row = new Map();
		joint.set(mark, row);
	}
	increment(row, rest);
}

/** The choices picked for question `id`, if given as an array (own properties only). */
function picksFor(choices: AttemptMarks["choices"], id: string): readonly string[] | undefined {
	if (choices === undefined || !Object.hasOwn(choices, id)) return undefined;
	const picked = choices[id];
	return Array.isArray(picked) ? picked : undefined;
}

/** Counts the distinct known choices an attempt picked for a question. */
function countChoices(item: ItemState, picked: readonly string[] | undefined): void {
	if (picked === undefined || item.choiceCounts.length === 0) return;
	for (const choiceId of picked.length > 1 ? new Set(picked) : picked) {
		const index = item.choiceIndex.get(choiceId);
		if (index !== undefined) item.choiceCounts[index] = (item.choiceCounts[index] ?? 0) + 1;
	}
}

// ---------------------------------------------------------------- results

/** Statistics of one question, plus its mark's centred sum of squares (for alpha). */
function analyseItem(item: ItemState, n: number): { stats: ItemStats; ss: number } {
	const { id, maxPoints } = item.spec;
	const marks = marginalOfItem(item.joint);
	const rest = marginalOfRest(item.joint);
	const x = moments(marks);
	const y = moments(rest);
	const defined = n >= 2 && x.distinct >= 2 && y.distinct >= 2;
	const sp = defined ? jointProducts(item.joint, x.mean, y.mean) : 0;
	const spMax = defined ? comonotonicProducts(marks, rest, x.mean, y.mean) : 0;
	const stats: ItemStats = {
		id,
		maxPoints,
		n,
		mean: n > 0 ? x.mean : null,
		facility: n > 0 && maxPoints > 0 ? x.mean / maxPoints : null,
		sd: sampleSd(x),
		discrimination: defined ? clamp(sp / Math.sqrt(x.ss * y.ss), -1, 1) : null,
		discriminativeEfficiency: defined && spMax > 0 ? Math.min(1, sp / spMax) : null,
		choiceCounts: choiceCounts(item, n),
	};
	return { stats, ss: x.ss };
}

/** Quiz-level statistics from the totals histogram and the items' sums of squares. */
function quizStats(totals: Counts, items: readonly ItemState[], itemSs: number): QuizStats {
	const t = moments(totals);
	const k = items.length;
	const sorted = sortedEntries(totals);
	const alphaDefined = k >= 2 && t.n >= 2 && t.distinct >= 2;
	return {
		attempts: t.n,
		maxScore: items.reduce((sum, item) => sum + item.spec.maxPoints, 0),
		mean: t.n > 0 ? t.mean : null,
		median: median(sorted, t.n),
		sd: sampleSd(t),
		min: sorted[0]?.[0] ?? null,
		max: sorted[sorted.length - 1]?.[0] ?? null,
		// The (n − 1) divisors of the item and total variances cancel: ratio of sums of squares.
		cronbachAlpha: alphaDefined ? (k / (k - 1)) * (1 - itemSs / t.ss) : null,
	};
}

/** Choice counts in quiz order. */
function choiceCounts(item: ItemState, n: number): ChoiceCount[] {
	return (item.spec.choiceIds ?? []).map((choiceId, i) => {
		const count = item.choiceCounts[i] ?? 0;
		return { choiceId, count, fraction: n > 0 ? count / n : null };
	});
}

/** n, mean, centred sum of squares (two-pass) and number of distinct values. */
function moments(counts: Counts): Moments {
	let n = 0;
	let sum = 0;
	for (const [value, count] of counts) {
		n += count;
		sum += value * count;
	}
	const mean = n > 0 ? sum / n : 0;
	let ss = 0;
	for (const [value, count] of counts) ss += count * (value - mean) ** 2;
	return { n, mean, ss, distinct: counts.size };
}

/** Sample standard deviation √(ss ÷ (n − 1)); `null` when n < 2. */
function sampleSd(m: Moments): number | null {
	return m.n >= 2 ? Math.sqrt(m.ss / (m.n - 1)) : null;
}

/** Histogram of the item mark (row sums of the joint histogram). */
function marginalOfItem(joint: Map<number, Counts>): Counts {
	const out: Counts = new Map();
	for (const [mark, row] of joint) {
		for (const count of row.values()) increment(out, mark, count);
	}
	return out;
}

/** Histogram of the rest score (column sums of the joint histogram). */
function marginalOfRest(joint: Map<number, Counts>): Counts {
	const out: Counts = new Map();
	for (const row of joint.values()) {
		for (const [rest, count] of row) increment(out, rest, count);
	}
	return out;
}

/** Σ count · (x − x̄)(y − ȳ) over the joint histogram: the centred sum of products. */
function jointProducts(joint: Map<number, Counts>, xMean: number, yMean: number): number {
	let sp = 0;
	for (const [x, row] of joint) {
		for (const [y, count] of row) sp += count * (x - xMean) * (y - yMean);
	}
	return sp;
}

/**
 * The largest centred sum of products attainable with these two marginals:
 * both histograms are walked in ascending order and the i-th smallest x is
 * paired with the i-th smallest y (comonotonic pairing, rearrangement
 * inequality), a run of equal pairs at a time.
 */
function comonotonicProducts(xs: Counts, ys: Counts, xMean: number, yMean: number): number {
	const xRuns = sortedEntries(xs);
	const yRuns = sortedEntries(ys);
	let sp = 0;
	let i = 0;
	let j = 0;
	let xLeft = xRuns[0]?.[1] ?? 0;
	let yLeft = yRuns[0]?.[1] ?? 0;
	while (i < xRuns.length && j < yRuns.length) {
		const take = Math.min(xLeft, yLeft);
		sp += take * ((xRuns[i]?.[0] ?? 0) - xMean) * ((yRuns[j]?.[0] ?? 0) - yMean);
		xLeft -= take;
		yLeft -= take;
		if (xLeft === 0) xLeft = xRuns[++i]?.[1] ?? 0;
		if (yLeft === 0) yLeft = yRuns[++j]?.[1] ?? 0;
	}
	return sp;
}

/** Median of a sorted histogram holding n values; `null` when n = 0. */
function median(sorted: readonly (readonly [number, number])[], n: number): number | null {
	if (n === 0) return null;
	const lower = valueAtRank(sorted, Math.floor((n - 1) / 2));
	const upper = valueAtRank(sorted, Math.floor(n / 2));
	return (lower + upper) / 2;
}

/** The value at 0-based `rank` in a sorted histogram. */
function valueAtRank(sorted: readonly (readonly [number, number])[], rank: number): number {
	let seen = 0;
	for (const [value, count] of sorted) {
		seen += count;
		if (rank < seen) return value;
	}
	throw new RangeError(`rank ${rank} is beyond the histogram`);
}

/** Histogram entries in ascending value order. */
function sortedEntries(counts: Counts): [number, number][] {
	return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

/** Clamps rounding overshoot of a correlation into [lo, hi]. */
function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}

// ---------------------------------------------------------------- in plain words

/** How reliably a quiz ranks students, in a word (from Cronbach's alpha). */
export type Reliability = "good" | "fair" | "low";

/** Alpha of 0.7 or more is good, 0.5 to 0.7 fair, below 0.5 low; `null` when alpha is not defined. */
export function reliabilityOf(alpha: number | null): Reliability | null {
	if (alpha === null) return null;
	return alpha >= 0.7 ? "good" : alpha >= 0.5 ? "fair" : "low";
}

/** How hard a question was, in words (from its facility). */
export type Difficulty = "very easy" | "easy" | "moderate" | "hard" | "very hard";

/** Facility of 90 % or more is very easy, 70 % easy, 40 % moderate, 20 % hard, below that very hard. */
export function difficultyOf(facility: number | null): Difficulty | null {
	if (facility === null) return null;
	if (facility >= 0.9) return "very easy";
	if (facility >= 0.7) return "easy";
	if (facility >= 0.4) return "moderate";
	return facility >= 0.2 ? "hard" : "very hard";
}

/** How well a question tells stronger students from weaker ones, in a word (from its discrimination). */
export type Discrimination = "good" | "fair" | "weak" | "negative";

/** 0.3 or more is good, 0.2 to 0.3 fair, 0 to 0.2 weak, below 0 negative (check the answer key); `null` when not defined. */
export function discriminationOf(d: number | null): Discrimination | null {
	if (d === null) return null;
	if (d >= 0.3) return "good";
	if (d >= 0.2) return "fair";
	return d >= 0 ? "weak" : "negative";
}
