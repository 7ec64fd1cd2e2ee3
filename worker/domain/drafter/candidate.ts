/**
 * What every question builder shares: the analysed article, the shape of a candidate question,
 * evidence spans cut from the paragraph exactly as pasted, how a name is shown, and pools of
 * distractors of the same kind as the answer.
 */
import type { QuestionFile } from "../quiz/schema";
import { answerInQuote, capitalise, makeChoices, pickDistinct } from "./choices";
import { type Clause, findClauses, isCommonWord, verbForm } from "./clause";
import type { Entities, Entity, EntityKind } from "./entities";
import { CITIES, COUNTRIES, VERB_ADVERBS } from "./lexicon";
import type { Quantity } from "./numbers";
import { type Attribution, speakerName } from "./speech";
import { type Doc, fold, type Sentence } from "./text";

export type { Entities };

export interface Analysis {
	doc: Doc;
	ents: Entities;
	quantities: Quantity[];
	attributions: Attribution[];
	/** Clauses of every sentence, and of every attributed quotation (with its speaker as source). */
	clauses: Clause[];
}

/** Kinds of question, for variety in the selection and for the evaluation's table. */
export type Kind =
	| "attribution"
	| "quote-speaker"
	| "number"
	| "entity"
	| "role"
	| "named-thing"
	| "true-false"
	| "speakers"
	| "list"
	| "quoted-names"
	| "statements"
	| "object"
	| "gap";

export interface Candidate {
	kind: Kind;
	question: Omit<QuestionFile, "id">;
	/** 0-based paragraph and offsets of the evidence quote. */
	paragraph: number;
	start: number;
	end: number;
	/** Questions with the same fact key ask the same thing; only one is kept. */
	fact: string;
	/** Higher is drafted first. */
	score: number;
	/** Words for the question's id. */
	idHint: string;
	/** What the answer is, when it is a named entity ("ent:3"), so one person does not answer half the draft. */
	about?: string;
	/** For a true/false statement: the entity whose name it swaps ("ent:3"). */
	swaps?: string;
	/** Sentences ("paragraph:index") whose statements this question judges, so a sentence is not judged twice. */
	judges?: string[];
}

/** An evidence span: the paragraph's own text between two offsets, trimmed of spaces only. */
export interface Span {
	paragraph: number;
	start: number;
	end: number;
	quote: string;
}

export function span(doc: Doc, paragraph: number, start: number, end: number): Span {
	const raw = (doc.paragraphs[paragraph] ?? "").slice(start, end);
	const lead = raw.length - raw.trimStart().length;
	const quote = raw.trim();
	return { paragraph, start: start + lead, end: start + lead + quote.length, quote };
}

/** The span of a whole sentence. */
export function sentenceSpan(doc: Doc, s: Sentence): Span {
	return span(doc, s.paragraph, s.start, s.end);
}

/** "Paragraph 3 says: “…”." — the explanation every literal question starts from. */
export function says(ev: Span): string {
	return `Paragraph ${ev.paragraph + 1} says: “${ev.quote}”`;
}

/** The evidence as a question file cites it: the paragraph counted from 1, and the quote. */
function evidenceOf(ev: Span): { paragraph: number; quote: string } {
	return { paragraph: ev.paragraph + 1, quote: ev.quote };
}

/**
 * What the questions on one fact share, whatever their type: the kind, the evidence, the fact
 * key, the words for the id, the entity that answers them, the explanation (by default what the
 * evidence says) and the skill (literal by default).
 */
export interface Frame {
	kind: Kind;
	ev: Span;
	fact: string;
	idHint: string;
	about?: string;
	explanation?: string;
	skill?: "literal" | "inference";
}

/** A candidate of the frame's fact: `question` with the frame's explanation, skill and evidence. */
function framed(
	f: Frame,
	score: number,
	question: Pick<QuestionFile, "type" | "prompt" | "choices" | "answer">,
	explanation = f.explanation ?? `${says(f.ev)}.`,
): Candidate {
	const { kind, ev, fact, idHint, about } = f;
	return {
		kind,
		paragraph: ev.paragraph,
		start: ev.start,
		end: ev.end,
		fact,
		score,
		idHint,
		...(about === undefined ? {} : { about }),
		question: { ...question, explanation, skill: f.skill ?? "literal", evidence: evidenceOf(ev) },
	};
}

/**
 * A single-choice question whose choices are `texts` (the answer among them, distinct, as
 * `pickDistinct` gives them); undefined with fewer than three choices. `numeric` orders the
 * choices by value.
 */
export function singleChoice(
	f: Frame,
	score: number,
	prompt: string,
	texts: readonly string[],
	answer: string,
	numeric = false,
): Candidate | undefined {
	if (texts.length < 3) return undefined;
	const choices = makeChoices(texts, numeric);
	const right = choices.find((c) => c.text === answer);
	return right && framed(f, score, { type: "single", prompt, choices, answer: { choiceIds: [right.id] } });
}

/** A short-answer question that accepts each of `accepted`. */
export function shortAnswer(f: Frame, score: number, prompt: string, accepted: string[]): Candidate {
	return framed(f, score, { type: "short", prompt, answer: { accepted } });
}

/** A "Select all that apply" question whose choices are `texts`; those in `correct` are right. */
export function multipleChoice(f: Frame, score: number, prompt: string, texts: readonly string[], correct: readonly string[]): Candidate {
	const choices = makeChoices(texts);
	return framed(f, score, {
		type: "multiple",
		prompt,
		choices,
		answer: { choiceIds: choices.filter((c) => correct.includes(c.text)).map((c) => c.id) },
	});
}

/** The texts of a multiple-answer question: the right answers, then distractors, two more choices at most. */
export function withDistractors(correct: readonly string[], wrong: readonly string[]): string[] {
	return pickDistinct(correct[0] as string, [...correct.slice(1), ...wrong], correct.length + 2);
}

/** A true/false statement (`prompt` starts "True or false:") that is `truth`; `explanation` says why. */
export function trueFalse(f: Frame, score: number, prompt: string, truth: boolean, explanation: string): Candidate {
	const choices = [
		{ id: "true", text: "True" },
		{ id: "false", text: "False" },
	];
	return framed(f, score, { type: "true_false", prompt, choices, answer: { choiceIds: [truth ? "true" : "false"] } }, explanation);
}

/** How to show an entity in a choice so that it can be found in the evidence: full name, or the surname alone. */
export function shown(e: Entity, evidence: string): string | undefined {
	if (evidence.includes(e.name)) return e.name;
	if (e.short && new RegExp(`(^|[^\\p{L}])${escapeRegExp(e.short)}([^\\p{L}]|$)`, "u").test(evidence)) return e.short;
	return undefined;
}

/**
 * The form to use for a distractor beside an answer shown as `style`: a surname beside a surname
 * (the one the text uses, else the last word of a person's name), so no choice stands out by form.
 */
export function styled(e: Entity, style: "full" | "short"): string {
	if (style !== "short") return e.name;
	if (e.short && (e.shortSeen || e.kind === "person")) return e.short;
	return e.name;
}

/** True when the article writes the entity with "the" before it ("the United Nations", "the Pentagon"). */
export function withThe(a: Analysis, e: Entity): boolean {
	return e.mentions.some((m) => !m.pronoun && a.doc.sentences[m.sentence]?.tokens[m.first - 1]?.lower === "the");
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** Sub-kinds of places, so a country is offered beside countries and a city beside cities. */
export function placeKind(e: Entity): "country" | "city" | "place" {
	const key = fold(e.name);
	if (COUNTRIES.some(([c]) => fold(c) === key)) return "country";
	if (CITIES.has(key)) return "city";
	return "place";
}

const MEDIA_WORDS = new Set([
	"news",
	"times",
	"post",
	"journal",
	"herald",
	"guardian",
	"advertiser",
	"telegraph",
	"gazette",
	"tribune",
	"courier",
	"chronicle",
	"mirror",
	"observer",
	"express",
	"echo",
	"daily",
	"weekly",
	"press",
	"radio",
	"television",
	"tv",
	"channel",
	"bbc",
	"cnn",
	"abc",
	"nbc",
	"cbs",
	"itv",
	"magazine",
]);

/** Sub-kinds of organisations: news media apart from the rest, so a newspaper is not offered beside a ministry. */
export function orgKind(a: Analysis, e: Entity): "media" | "org" {
	const words = fold(e.name).split(/\s+/u);
	if (words.some((w) => MEDIA_WORDS.has(w))) return "media";
	const cued = e.mentions.some((m) => {
		const s = a.doc.sentences[m.sentence];
		const before = s?.tokens[m.first - 1]?.lower === "the" ? s.tokens[m.first - 2] : s?.tokens[m.first - 1];
		return before !== undefined && ["journal", "newspaper", "magazine", "broadcaster", "website", "channel"].includes(before.lower);
	});
	return cued ? "media" : "org";
}

/** The word for an entity's kind in a prompt: "person", "organisation", "country", "city", "place". */
export function kindNoun(e: Entity): string {
	if (e.kind === "person") return "person";
	if (e.kind === "org") return "organisation";
	if (e.kind === "place") return placeKind(e);
	return "name";
}

/** Speakers first: entities with an attribution somewhere in the article. */
export function speakers(a: Analysis): Set<number> {
	return new Set(a.attributions.map((x) => x.speaker.entity?.id).filter((id): id is number => id !== undefined));
}

/**
 * Entities of the same kind as `e` (for a place, the same sub-kind first), best first: named
 * with confidence, speakers before others, then alphabetical, so the order of the article does
 * not decide which distractors appear.
 */
export function sameKind(a: Analysis, e: Entity | undefined, kind: EntityKind, exclude: ReadonlySet<number> = new Set()): Entity[] {
	const talk = speakers(a);
	const subOf = (x: Entity) => (kind === "place" ? placeKind(x) : kind === "org" ? orgKind(a, x) : "");
	const sub = e ? subOf(e) : "";
	return a.ents.list
		.filter((x) => x.kind === kind && x.id !== e?.id && !exclude.has(x.id) && x.confidence >= 1)
		.sort(
			(x, y) =>
				Number(sub !== "" && subOf(y) === sub) - Number(sub !== "" && subOf(x) === sub) ||
				Number(talk.has(y.id)) - Number(talk.has(x.id)) ||
				y.confidence - x.confidence ||
				x.name.localeCompare(y.name),
		);
}

/** Skill of a question: literal when every accepted answer word is in the evidence, else inference. */
export function skillFor(answer: string, ev: Span): "literal" | "inference" {
	return answerInQuote(answer, ev.quote) ? "literal" : "inference";
}

/** Reads the article's clauses once: every sentence, plus every attributed quotation read as its speaker's words. */
export function allClauses(doc: Doc, ents: Entities, attributions: readonly Attribution[]): Clause[] {
	const name = (s: Sentence, i: number) => speakerName(doc, ents, s, i);
	const out: Clause[] = [];
	for (const s of doc.sentences) out.push(...findClauses(doc, s, name));
	for (const at of attributions) {
		if (at.kind !== "quote" || !at.speaker.entity) continue;
		for (const s of doc.sentences) {
			if (s.paragraph !== at.paragraph || s.end <= at.contentStart || s.start >= at.contentEnd) continue;
			const first = s.tokens.findIndex((t) => t.start >= at.contentStart);
			let end = s.tokens.findIndex((t) => t.end > at.contentEnd);
			if (end < 0) end = s.tokens.length;
			if (first < 0 || end - first < 4) continue;
			out.push(...findClauses(doc, s, name, { first, end, source: at.speaker.entity.name }));
		}
	}
	out.push(...whoClauses(doc, ents));
	return out.map((c) => ({
		...c,
		subjectText: lowerCommon(doc, ents, c.sentence, c.subjFirst, c.subjectText),
		source: lowerSource(doc, ents, c),
	}));
}

/**
 * A who-clause read as a clause of its own with the person as subject: "Nadia Okoro, who grew
 * up in Lagos and now lives in Glasgow" gives "Nadia Okoro grew up in Lagos" and "Nadia Okoro
 * now lives in Glasgow", so "Where did Nadia Okoro grow up?" can be asked.
 */
function whoClauses(doc: Doc, ents: Entities): Clause[] {
	const out: Clause[] = [];
	for (const e of ents.list) {
		for (const r of e.roles) {
			if (r.form !== "relative") continue;
			const s = doc.sentences[r.sentence];
			if (!s) continue;
			const who = s.tokens.findIndex((t) => t.lower === "who" && t.start >= r.start && t.end <= r.end);
			let end = s.tokens.findIndex((t) => t.start >= r.end);
			if (end < 0) end = s.tokens.length;
			if (who < 0) continue;
			const base = { sentence: s, subjFirst: who, subjLast: who, subjectText: e.name, end, source: "", moved: "", synthetic: true };
			let verb = who + 1;
			while (verb < end && VERB_ADVERBS.has(s.tokens[verb]?.lower ?? "")) verb++;
			if (!verbForm(s.tokens[verb]?.text ?? "")) continue;
			out.push({ ...base, verb, verbStart: who + 1 });
			for (let i = verb + 1; i < end; i++) {
				if (s.tokens[i]?.lower !== "and") continue;
				let v = i + 1;
				while (v < end && VERB_ADVERBS.has(s.tokens[v]?.lower ?? "")) v++;
				if (verbForm(s.tokens[v]?.text ?? "")) out.push({ ...base, verb: v, verbStart: i + 1 });
				break;
			}
		}
	}
	return out;
}

/** "Shoppers are …" -> "shoppers are …" inside a question: a capital that only opened the sentence goes. */
function lowerCommon(doc: Doc, ents: Entities, s: Sentence, first: number, phrase: string): string {
	const t = s.tokens[first];
	if (!t?.cap || /^\p{Lu}{2,}/u.test(t.text) || !phrase.startsWith(t.text)) return phrase;
	const initial = s.tokens.findIndex((x) => x.word) === first || ["“", '"'].includes(s.tokens[first - 1]?.text ?? "");
	if (!initial || ents.mentions.some((m) => m.sentence === s.index && m.first <= first && m.last > first) || !isCommonWord(doc, t.lower))
		return phrase;
	return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}

/** A source phrase that opened its sentence ("Officials said …") reads in lower case after "According to". */
function lowerSource(doc: Doc, ents: Entities, c: Clause): string {
	const src = c.source;
	if (!src || /^\p{Lu}{2,}/u.test(src) || ents.list.some((e) => src.startsWith(e.name) || (e.short !== "" && src.startsWith(e.short))))
		return src;
	const first = src.split(/\s+/u)[0] ?? "";
	if (!/^\p{Lu}/u.test(first) || !isCommonWord(doc, first.toLowerCase())) return src;
	return src.charAt(0).toLowerCase() + src.slice(1);
}

/** The clauses that contain tokens [first, last) of a sentence, innermost (latest start) first. */
export function clausesAround(a: Analysis, sentence: number, first: number, last: number): Clause[] {
	// Innermost first: the clause whose verb comes last before the part asked about.
	const key = (c: Clause) => (c.verb < first ? c.verb : c.subjFirst);
	return a.clauses
		.filter((c) => c.sentence.index === sentence && first >= Math.min(c.subjFirst, c.verb) && last <= c.end)
		.sort((x, y) => key(y) - key(x) || y.subjFirst - x.subjFirst || Number(x.synthetic) - Number(y.synthetic));
}

export { capitalise };
