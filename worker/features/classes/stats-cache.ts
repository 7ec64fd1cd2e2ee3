/**
 * The class page's statistics, kept per isolate so that a view never walks every response again.
 *
 * Key: (class, quiz, quiz version, which attempts count). Each entry holds the item-analysis
 * accumulator (histograms, not attempts: a few kilobytes whatever the class size), the stamp of the
 * class's attempts at the quiz when it was counted, and the newest attempt it includes. The stamp
 * (count, newest time, sum of times) comes from the covering index (class_id, quiz_id,
 * submitted_at, id) in the same batch as the page's other reads, so checking it costs no extra
 * round trip:
 *
 * - same stamp: the entry is used as it is;
 * - new attempts only (the count grew by exactly the attempts after the newest one counted, and the
 *   sum of times by exactly theirs): a copy of the entry takes the new attempts alone, read from
 *   the index range after that attempt and up to the stamp (one range of the index, not all of it).
 *   (For each student's latest attempt, which a new one replaces, everything is counted again);
 * - anything else (a student's attempts deleted, a late write): counted again.
 *
 * Counting reads each attempt's marks as one short text (its responses' points, through their
 * primary key), in pages of PAGE_ATTEMPTS, so memory stays flat and a student's submission waits
 * for one page at most, never for the whole count.
 *
 * At most MAX_ENTRIES entries, least recently used first out. Concurrent views of the same key
 * share one computation. Every isolate keeps its own; none is ever older than the stamp a view
 * has just read.
 */
import type { Database } from "../../db/client";
import { readStoredAnswer } from "../../domain/quiz/grading";
import type { Quiz } from "../../domain/quiz/schema";
import { ItemAnalysis, type ItemSpec } from "../../domain/stats";
import {
	type AnalysisScope,
	type AttemptCursor,
	type AttemptMarksRow,
	type AttemptSet,
	attemptMarks,
	newestAttempt,
	quizStamp,
	type StampRow,
	sendBatch,
} from "./dashboard-queries";

/**
 * This isolate's logical clock of reads from D1: a stamp is numbered when its read comes back, an
 * entry by the reads it is made of. D1 answers from one primary, so what is read after a stamp came
 * back is at least as new as that stamp. Views that run side by side read stamps a moment apart:
 * an entry counted after a view's stamp serves that view too, rather than being counted again.
 */
let clock = 0;

/** What changes whenever the attempts at a quiz in a class change. */
export interface Stamp {
	n: number;
	last: number | null;
	/** Sum of the submission times, as exact decimal text (it outgrows a double's integers). */
	sum: string;
	/** When it was read, on this isolate's clock. */
	seenAt: number;
}

/** A stamp read from D1 (call it as the read comes back). */
export const stampOf = (row: StampRow | undefined): Stamp => ({
	n: row?.n ?? 0,
	last: row?.last ?? null,
	sum: row?.sum ?? "0",
	seenAt: ++clock,
});
const sameStamp = (a: Stamp, b: Stamp) => a.n === b.n && a.last === b.last && a.sum === b.sum;

/** A value counted as of `asOf` (on the clock) for the attempts of `stamp`: good for a view that read `seen` then. */
const goodFor = (kept: { stamp: Stamp; asOf: number }, seen: Stamp) => sameStamp(kept.stamp, seen) || kept.asOf >= seen.seenAt;

interface Entry {
	stamp: Stamp;
	/** The state it counts is at least as new as every stamp read before this (on the clock). */
	asOf: number;
	/** The newest attempt of the class at the quiz when counted; null: there was none. */
	cursor: AttemptCursor | null;
	analysis: ItemAnalysis;
}

/** How a view got its statistics: from the cache, by adding the new attempts to it, or counted afresh. */
export type CacheOutcome = "hit" | "incremental" | "full";

const MAX_ENTRIES = 128;
/** Attempts read per query when counting (one short row each). */
const PAGE_ATTEMPTS = 2000;
const entries = new Map<string, Promise<Entry>>();

/** The questions of a quiz as the item analysis takes them (the same as the item-analysis export). */
export function itemSpecs(quiz: Quiz): ItemSpec[] {
	return quiz.questions.map((q) => ({
		id: q.id,
		maxPoints: q.points,
		...(q.type === "short" ? {} : { choiceIds: q.choices.map((c) => c.id) }),
	}));
}

/** A stored answer's JSON read back, its shape checked (valid JSON by the table's CHECK; anything else is no answer). */
export function parseStoredAnswer(raw: string | null) {
	if (raw === null) return null;
	try {
		return readStoredAnswer(JSON.parse(raw));
	} catch {
		return null;
	}
}

/** One attempt's marks by question id, from attemptMarks' text (`#position:points` or `questionId:points`, joined by `|`). */
export function marksOf(quiz: Quiz, text: string | null): Map<string, number> {
	const marks = new Map<string, number>();
	if (text === null) return marks;
	for (const part of text.split("|")) {
		const colon = part.lastIndexOf(":");
		const key = part.slice(0, colon);
		const points = Number(part.slice(colon + 1));
		const id = key.startsWith("#") ? quiz.questions[Number(key.slice(1))]?.id : key;
		if (id !== undefined && Number.isFinite(points)) marks.set(id, points);
	}
	return marks;
}

const cursorOf = (row: { submitted_at: number; id: string } | undefined): AttemptCursor | null =>
	row ? { submittedAt: row.submitted_at, id: row.id } : null;

/**
 * Adds to `analysis` the attempts of the set after `after` up to `upTo`, the first page already
 * read (in the batch that read the stamp), the rest a page at a time.
 */
async function addPages(
	db: Database,
	quiz: Quiz,
	scope: AnalysisScope,
	analysis: ItemAnalysis,
	first: readonly AttemptMarksRow[],
	upTo: AttemptCursor | null,
): Promise<void> {
	let rows = first;
	for (;;) {
		for (const row of rows) analysis.add({ marks: marksOf(quiz, row.marks) });
		const last = rows.at(-1);
		if (rows.length < PAGE_ATTEMPTS || !last) return;
		[rows] = await sendBatch(db, [attemptMarks(scope, quiz.version, { after: cursorOf(last), upTo, limit: PAGE_ATTEMPTS })]);
	}
}

/** Counts every attempt of the set afresh. */
async function countAfresh(db: Database, quiz: Quiz, scope: AnalysisScope): Promise<Entry> {
	const asOf = clock;
	const [stamp, newest, first] = await sendBatch(db, [
		quizStamp(scope.classId, scope.quizId),
		newestAttempt(scope.classId, scope.quizId),
		attemptMarks(scope, quiz.version, { after: null, upTo: null, limit: PAGE_ATTEMPTS }),
	]);
	const cursor = cursorOf(newest[0]);
	const analysis = new ItemAnalysis(itemSpecs(quiz));
	await addPages(db, quiz, scope, analysis, first, cursor);
	return { stamp: stampOf(stamp[0]), asOf, cursor, analysis };
}

/**
 * Adds to a copy of the entry the attempts after its newest one, up to the stamp the page read;
 * null when more than that changed. Only the index range of the new attempts is read: the count and
 * sum of times of that range must make up exactly the difference between the two stamps.
 */
async function addNew(db: Database, quiz: Quiz, scope: AnalysisScope, base: Entry, stamp: Stamp): Promise<Entry | null> {
	const [added, newest, first] = await sendBatch(db, [
		quizStamp(scope.classId, scope.quizId, base.cursor, stamp.last),
		newestAttempt(scope.classId, scope.quizId, stamp.last),
		attemptMarks(scope, quiz.version, { after: base.cursor, upTo: null, until: stamp.last, limit: PAGE_ATTEMPTS }),
	]);
	const more = stampOf(added[0]);
	if (stamp.n !== base.stamp.n + more.n || BigInt(stamp.sum) !== BigInt(base.stamp.sum) + BigInt(more.sum)) return null;
	const cursor = cursorOf(newest[0]) ?? base.cursor;
	const analysis = base.analysis.clone();
	await addPages(db, quiz, scope, analysis, first, cursor);
	// It counts exactly the attempts of the page's stamp, so it is as new as that stamp.
	return { stamp, asOf: stamp.seenAt, cursor, analysis };
}

/**
 * A bounded cache (least recently used out) of values that hold while a class's attempts at a quiz
 * keep the same stamp: a drill-down's spread of answers, say. Concurrent reads of one key share
 * one computation.
 */
export class StampedCache<T> {
	readonly #entries = new Map<string, { stamp: Stamp; asOf: number; value: Promise<T> }>();
	constructor(readonly max: number) {}

	get(key: string, stamp: Stamp, compute: () => Promise<T>): Promise<T> {
		const found = this.#entries.get(key);
		if (found && goodFor(found, stamp)) {
			this.#entries.delete(key);
			this.#entries.set(key, found);
			return found.value;
		}
		const entry = { stamp, asOf: clock, value: compute() };
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		while (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value ?? "");
		entry.value.catch(() => {
			if (this.#entries.get(key) === entry) this.#entries.delete(key);
		});
		return entry.value;
	}
}

function remember(key: string, entry: Promise<Entry>): void {
	entries.delete(key);
	entries.set(key, entry);
	while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value ?? "");
	entry.catch(() => {
		if (entries.get(key) === entry) entries.delete(key);
	});
}

/**
 * The item analysis of `set` attempts at `quiz` (its current version) in a class, given the stamp the
 * page has just read: never older than that stamp.
 */
export async function classQuizAnalysis(
	db: Database,
	classId: string,
	quiz: Quiz,
	set: AttemptSet,
	stamp: Stamp,
): Promise<{ analysis: ItemAnalysis; outcome: CacheOutcome }> {
	const key = [classId, quiz.id, quiz.version, set].join("\u0000");
	const pending = entries.get(key);
	const cached = pending ? await pending.catch(() => null) : null;
	if (cached && goodFor(cached, stamp)) {
		if (pending && entries.get(key) === pending) remember(key, pending);
		return { analysis: cached.analysis, outcome: "hit" };
	}
	// Another view may have counted it meanwhile.
	const latest = entries.get(key);
	if (latest && latest !== pending) {
		const fresh = await latest.catch(() => null);
		if (fresh && goodFor(fresh, stamp)) return { analysis: fresh.analysis, outcome: "hit" };
	}
	const scope: AnalysisScope = { classId, quizId: quiz.id, set };
	let outcome: CacheOutcome = "full";
	const next = (async () => {
		if (cached && set !== "latest" && stamp.n >= cached.stamp.n) {
			const updated = await addNew(db, quiz, scope, cached, stamp);
			if (updated) {
				outcome = "incremental";
				return updated;
			}
		}
		return countAfresh(db, quiz, scope);
	})();
	remember(key, next);
	return { analysis: (await next).analysis, outcome };
}
