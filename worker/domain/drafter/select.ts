/**
 * From all candidate questions to a draft: drop any that fail grounding, keep one question per
 * fact, cover all four question types, spread the questions over the paragraphs and the kinds,
 * then order them as the article reads and give each a unique id.
 */
import { normaliseAnswer } from "../quiz/answers";
import type { QuestionFile } from "../quiz/schema";
import type { Candidate, Kind } from "./candidate";
import { answerInQuote, slug } from "./choices";
import { ANSWER_STOP_WORDS } from "./lexicon";
import type { Doc } from "./text";

export interface Drafted {
	question: QuestionFile;
	kind: Kind;
}

const TYPES = ["multiple", "true_false", "short", "single"] as const;
/** The share of the draft each type should reach before it stops getting a nudge. */
const TYPE_SHARE: Record<string, number> = { single: 0.5, true_false: 0.2, short: 0.15, multiple: 0.1 };

const COVERAGE_KINDS: Record<(typeof TYPES)[number], readonly Kind[]> = {
	multiple: ["statements", "list", "speakers", "quoted-names"],
	true_false: ["true-false", "role"],
	short: ["named-thing", "number", "entity"],
	single: ["attribution", "number", "entity"],
};

/** The correct answer of a choice or short question, normalised, to keep one answer from filling the draft. */
function correctKey(c: Candidate): string {
	const q = c.question;
	if ("accepted" in q.answer) return normaliseAnswer(q.answer.accepted[0] ?? "");
	const ids = q.answer.choiceIds;
	return (q.choices ?? [])
		.filter((x) => ids.includes(x.id))
		.map((x) => normaliseAnswer(x.text))
		.sort()
		.join("+");
}

/** How many questions an article of this length gets: one per 20 words (a teacher's hand-written density), between `min` and `max`. */
export function targetCount(words: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, Math.round(words / 20)));
}

/**
 * True when a candidate is sound: its evidence is verbatim in its paragraph, its choices and
 * answer fit its type, and a literal question's answer words are in the evidence.
 */
export function isSound(doc: Doc, c: Candidate): boolean {
	const q = c.question;
	const paragraph = doc.paragraphs[q.evidence.paragraph - 1];
	if (paragraph === undefined || q.evidence.quote.trim() === "" || !paragraph.includes(q.evidence.quote)) return false;
	if (q.prompt.trim() === "" || q.explanation.trim() === "") return false;
	const choices = q.choices ?? [];
	if (
		new Set(choices.map((x) => x.id)).size !== choices.length ||
		choices.some((x) => x.text.trim() === "" || !/^[a-z0-9][a-z0-9-]*$/u.test(x.id))
	)
		return false;
	if (q.type === "short") {
		if (choices.length > 0 || !("accepted" in q.answer)) return false;
		const accepted = q.answer.accepted.filter((x) => x.trim() !== "");
		if (accepted.length === 0) return false;
		return q.skill !== "literal" || accepted.some((x) => answerInQuote(x, q.evidence.quote));
	}
	if (!("choiceIds" in q.answer) || choices.length < 2) return false;
	const ids = q.answer.choiceIds;
	const right = choices.filter((x) => ids.includes(x.id));
	if (right.length !== ids.length || ids.length === 0 || new Set(ids).size !== ids.length) return false;
	if (q.type !== "multiple" && ids.length !== 1) return false;
	if (q.type === "multiple" && ids.length === choices.length) return false;
	if (q.type === "true_false") return choices.length === 2 && choices.some((x) => x.id === "true") && choices.some((x) => x.id === "false");
	const texts = choices.map((x) => normaliseAnswer(x.text));
	if (new Set(texts).size !== texts.length) return false;
	return q.skill !== "literal" || right.every((x) => answerInQuote(x.text, q.evidence.quote));
}

/** Picks up to `n` candidates: every type first, then the best remaining with a spread over paragraphs and kinds. */
export function select(candidates: readonly Candidate[], n: number, paragraphWords: readonly number[] = []): Candidate[] {
	const sorted = [...candidates].sort(
		(x, y) =>
			y.score - x.score ||
			x.paragraph - y.paragraph ||
			x.start - y.start ||
			x.kind.localeCompare(y.kind) ||
			x.question.prompt.localeCompare(y.question.prompt),
	);
	const chosen: Candidate[] = [];
	let relaxed = false;
	const facts = new Set<string>();
	const prompts = new Set<string>();
	const count = (f: (c: Candidate) => boolean) => chosen.filter(f).length;
	const typeCap: Record<string, number> = {
		true_false: Math.ceil(n * 0.3),
		short: Math.ceil(n * 0.25),
		multiple: Math.max(1, Math.ceil(n * 0.15)),
		single: n,
	};
	const kindCap: Partial<Record<Kind, number>> = {
		gap: Math.ceil(n * 0.1),
		attribution: Math.ceil(n * 0.4),
		"quote-speaker": 2,
		"named-thing": 2,
		number: Math.ceil(n * 0.35),
		entity: Math.ceil(n * 0.3),
		role: Math.ceil(n * 0.2),
		"true-false": Math.ceil(n * 0.2),
	};
	// What each candidate's checks need, worked out once (the selection loop looks at every candidate many times).
	const describe = (c: Candidate) => ({
		sentence: c.fact.split(":").slice(0, 2).join(":"),
		answer: c.question.type === "true_false" ? "" : (c.about ?? correctKey(c)),
		prompt: ` ${normaliseAnswer(c.question.prompt)} `,
		giveaway:
			c.question.type === "true_false" || c.about !== undefined
				? []
				: correctTexts(c)
						.map((t) => ` ${normaliseAnswer(t)} `)
						.filter((t) => t.length >= 5 || /\d/u.test(t)),
		long: c.question.evidence.quote.split(/\s+/u).length >= 30,
	});
	const meta = new Map(sorted.map((c) => [c, describe(c)]));
	const info = (c: Candidate) => {
		let m = meta.get(c);
		if (!m) {
			m = describe(c);
			meta.set(c, m);
		}
		return m;
	};
	const sentenceOf = (c: Candidate) => info(c).sentence;
	// A long paragraph deserves more questions than a short one: the spread is by words, not by paragraphs.
	const mean = paragraphWords.length > 0 ? paragraphWords.reduce((x, y) => x + y, 0) / paragraphWords.length : 1;
	const weight = (p: number) => Math.max(0.5, (paragraphWords[p] ?? mean) / (mean || 1));
	const answerOf = (c: Candidate) => info(c).answer;
	// One "Who said …?" per speaker; their other words are asked as statements or "Which of these did X say?".
	const whoSaid = (c: Candidate) => c.kind === "attribution" && c.question.type !== "true_false";
	// Likewise one statement about whose words they were, per speaker.
	const saidStatement = (c: Candidate) => c.kind === "attribution" && c.question.type === "true_false";
	// A question must not answer another about the same sentence: a number, a phrase or quoted words in one prompt that
	// is the other's answer. A name may appear ("Nikki Haley’s statement" beside "Who said …?"), as teachers write.
	const fits = (c: Candidate) =>
		!facts.has(c.fact) &&
		(answerOf(c) === "" || count((x) => answerOf(x) === answerOf(c)) < 2) &&
		!(whoSaid(c) && chosen.some((x) => whoSaid(x) && answerOf(x) === answerOf(c))) &&
		!(saidStatement(c) && chosen.some((x) => saidStatement(x) && x.about === c.about)) &&
		!prompts.has(info(c).prompt) &&
		count((x) => x.question.type === c.question.type) < (typeCap[c.question.type] ?? n) &&
		count((x) => x.kind === c.kind) < (kindCap[c.kind] ?? n) * (relaxed ? 1.5 : 1) &&
		count((x) => sentenceOf(x) === sentenceOf(c)) < (longSentence(c) || relaxed ? 3 : 2) &&
		plan(c) !== undefined &&
		!chosen.some((x) => sentenceOf(x) === sentenceOf(c) && answerOf(x) !== "" && answerOf(x) === answerOf(c)) &&
		!(c.judges ?? []).some((j) => chosen.some((x) => (x.judges ?? []).includes(j))) &&
		// A statement that swaps a name tests the same fact as a question whose answer is that name on the same sentence.
		!chosen.some(
			(x) =>
				sentenceOf(x) === sentenceOf(c) &&
				((c.swaps !== undefined && x.about === c.swaps) || (x.swaps !== undefined && c.about === x.swaps)),
		);
	// A sentence of thirty words or more often holds three facts; a shorter one two at most.
	const longSentence = (c: Candidate) => info(c).long;
	// The give-away rule, with one way out: a "Who said that …?" question already chosen whose prompt carries the
	// answer of a question about what was said is cut before those words ("Who said that the mayor asked the council
	// to …?"), so both facts can be asked. The other way round the newcomer is refused: a speaker has other words and
	// a vaguer form to be asked about, a fact has one question. Undefined while a give-away remains; otherwise the
	// chosen questions to cut.
	const plan = (c: Candidate): [Candidate, Candidate][] | undefined => {
		const cuts: [Candidate, Candidate][] = [];
		for (const x of chosen) {
			if (sentenceOf(x) !== sentenceOf(c)) continue;
			if (info(x).giveaway.some((a) => info(c).prompt.includes(a))) return undefined;
			const theirs = info(c).giveaway.filter((a) => info(x).prompt.includes(a));
			if (theirs.length === 0) continue;
			const cut = cutPrompt(x, theirs);
			if (!cut) return undefined;
			cuts.push([x, cut]);
		}
		// A cut is worth making only if it hides the answer: not when another question offers the same words as a choice.
		if (cuts.length > 0 && chosen.some((x) => info(c).giveaway.some((a) => offered(x).includes(a)))) return undefined;
		return cuts;
	};
	const offered = (x: Candidate) =>
		x.question.type === "true_false" ? "" : ` ${(x.question.choices ?? []).map((y) => normaliseAnswer(y.text)).join(" | ")} `;
	const take = (c: Candidate) => {
		for (const [x, cut] of plan(c) ?? []) {
			chosen[chosen.indexOf(x)] = cut;
			cutFor.set(cut, [...(cutFor.get(x) ?? []), ...info(c).giveaway.filter((a) => info(x).prompt.includes(a))]);
			prompts.add(info(cut).prompt);
		}
		chosen.push(c);
		facts.add(c.fact);
		prompts.add(info(c).prompt);
	};
	// The phrases each cut prompt had to leave out, so that its short-answer form is cut the same way.
	const cutFor = new Map<Candidate, string[]>();
	// One of each type first, from the kinds that suit the type best (a statement for true/false, a name or number for short).
	for (const type of TYPES) {
		const preferred = COVERAGE_KINDS[type];
		const best =
			sorted.find((c) => c.question.type === type && preferred.includes(c.kind) && fits(c)) ??
			sorted.find((c) => c.question.type === type && fits(c));
		if (best && chosen.length < n) take(best);
	}
	while (chosen.length < n) {
		let best: Candidate | undefined;
		let bestValue = Number.NEGATIVE_INFINITY;
		for (const c of sorted) {
			if (!fits(c)) continue;
			const short = count((x) => x.question.type === c.question.type) < (TYPE_SHARE[c.question.type] ?? 0) * n ? 0.4 : 0;
			const sameSentence = count((x) => sentenceOf(x) === sentenceOf(c));
			const value =
				c.score +
				short -
				(0.5 * count((x) => x.paragraph === c.paragraph)) / weight(c.paragraph) -
				0.25 * count((x) => x.kind === c.kind) -
				1.0 * sameSentence;
			if (value > bestValue) {
				best = c;
				bestValue = value;
			}
		}
		if (!best) {
			// Slots left and nothing fits: allow a third question on a sentence and more of one kind, never a repeat or a give-away.
			if (relaxed) break;
			relaxed = true;
			continue;
		}
		take(best);
	}
	return balanceShort(balanceTruth(chosen, sorted), sorted, n, cutFor);
}

/** Words a cut prompt does not end on ("… on Tuesday" is cut to "…", not to "… on …"). */
const CUT_BEFORE = new Set([...ANSWER_STOP_WORDS, "and", "or", "but", "than", "as", "about"]);

/**
 * A "Who said that …?" question (or "Which organisation …?", "According to X, who said that …?") whose prompt is cut
 * before the first of `phrases` (normalised, as the give-away rule compares them), ending in an ellipsis as a shortened
 * quotation does. Undefined for any other kind of question (a quotation, a true/false statement), when fewer than six
 * of the reported words would be left, or when a phrase would still be in the prompt.
 */
export function cutPrompt(c: Candidate, phrases: readonly string[]): Candidate | undefined {
	const q = c.question;
	if (c.kind !== "attribution" || q.type === "true_false") return undefined;
	const words = [...q.prompt.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => ({ start: m.index, key: normaliseAnswer(m[0]) }));
	const that = words.findIndex((w) => w.key === "that");
	const mark = q.prompt.indexOf("?");
	// Reported words only: a "that" inside a quotation ("Who said “I am not willing to say that …”?") is not the place.
	if (that < 0 || mark < 0 || /[“"]/u.test(q.prompt.slice(0, words[that]?.start ?? 0))) return undefined;
	let cut = -1;
	for (const phrase of phrases) {
		const need = phrase.trim().split(" ");
		for (let i = that + 1; i + need.length <= words.length; i++) {
			if ((words[i]?.start ?? 0) > mark) break;
			if (need.every((k, j) => words[i + j]?.key === k)) {
				if (cut < 0 || i < cut) cut = i;
				break;
			}
		}
	}
	// No dangling "for …" or "to …": the cut moves back over articles, prepositions and conjunctions.
	while (cut > that + 1 && CUT_BEFORE.has(words[cut - 1]?.key ?? "")) cut--;
	if (cut < 0 || cut - that - 1 < 6) return undefined;
	const head = q.prompt.slice(0, words[cut]?.start ?? 0).replace(/[\s,;:“"(]+$/u, "");
	if (phrases.some((p) => ` ${normaliseAnswer(head)} `.includes(p))) return undefined;
	return { ...c, question: { ...q, prompt: `${head} …?${q.prompt.slice(mark + 1)}` } };
}

/**
 * At least one short answer in seven: when too few were chosen, a single-choice question about a
 * number or a name becomes its short-answer form (same fact, same evidence), numbers first.
 */
function balanceShort(
	chosen: Candidate[],
	all: readonly Candidate[],
	n: number,
	cutFor: ReadonlyMap<Candidate, readonly string[]> = new Map(),
): Candidate[] {
	const want = Math.ceil(Math.min(n, chosen.length) * 0.15);
	let have = chosen.filter((c) => c.question.type === "short").length;
	if (have >= want) return chosen;
	const out = [...chosen];
	const order: Kind[] = ["number", "entity", "attribution", "role"];
	for (const kind of order) {
		for (let i = 0; i < out.length && have < want; i++) {
			const c = out[i] as Candidate;
			if (c.kind !== kind || c.question.type !== "single") continue;
			const found = all.find((x) => x.fact === c.fact && x.question.type === "short");
			// A prompt that was cut so as not to give away another answer stays cut in its short form.
			const cut = cutFor.get(c);
			const short = found && cut ? cutPrompt(found, cut) : found;
			if (short) {
				out[i] = short;
				have++;
			}
		}
	}
	return out;
}

function correctTexts(c: Candidate): string[] {
	const q = c.question;
	if ("accepted" in q.answer) return q.answer.accepted.slice(0, 1);
	const ids = q.answer.choiceIds;
	return (q.choices ?? []).filter((x) => ids.includes(x.id)).map((x) => x.text);
}

/** With two or more true/false questions, at least one is true and one false: swap in the other version of one. */
function balanceTruth(chosen: Candidate[], all: readonly Candidate[]): Candidate[] {
	const tf = chosen.filter((c) => c.question.type === "true_false");
	if (tf.length < 2) return chosen;
	const truth = (c: Candidate) => "choiceIds" in c.question.answer && c.question.answer.choiceIds[0] === "true";
	const trues = tf.filter(truth).length;
	if (trues > 0 && trues < tf.length) return chosen;
	for (const c of [...tf].reverse()) {
		const other = all.find((x) => x.fact === c.fact && x.question.type === "true_false" && truth(x) !== truth(c));
		if (other) return chosen.map((x) => (x === c ? other : x));
	}
	return chosen;
}

/** Reading order, then unique slug ids from each question's words. */
export function finalise(chosen: readonly Candidate[]): Drafted[] {
	const ordered = [...chosen].sort(
		(x, y) => x.paragraph - y.paragraph || x.start - y.start || x.question.prompt.localeCompare(y.question.prompt),
	);
	const used = new Set<string>();
	return ordered.map((c) => {
		const base = `q-${slug(c.idHint, 48)}`;
		let id = base;
		for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
		used.add(id);
		return { question: { id, ...c.question }, kind: c.kind };
	});
}
