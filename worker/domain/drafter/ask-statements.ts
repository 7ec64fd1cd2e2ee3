/**
 * True/false statements and "Select all that apply" questions. A true statement is a sentence
 * of the article (tidied: no opening "But", a pronoun subject named); a false one is the same
 * sentence with one detail swapped for another of its kind from the article (a person for a
 * person, a number for a number of the same unit), and its explanation quotes what the text
 * says. The multiple-answer questions ask which people speak in a paragraph, which names share a
 * role in one clause ("Birmingham and London recorded …"), and which names a speaker mentions.
 */
import {
	type Analysis,
	type Candidate,
	capitalise,
	type Frame,
	kindNoun,
	multipleChoice,
	orgKind,
	placeKind,
	sameKind,
	says,
	sentenceSpan,
	shown,
	span,
	styled,
	trueFalse,
	withDistractors,
	withThe,
} from "./candidate";
import { hash } from "./choices";
import { ask, text } from "./clause";
import { type Entity, entityAt } from "./entities";
import { DISCOURSE_OPENERS, DISCOURSE_PAIRS, FUNCTION_WORDS, SPEECH_VERBS, VERB_BASES } from "./lexicon";
import { alternatives, render } from "./numbers";
import type { Sentence, Token } from "./text";

interface Detail {
	start: number;
	end: number;
	written: string;
	swap: string;
	key: string;
}

/** A sentence ready to be judged: its statement, a false version, and what the false one changed. */
interface Judged {
	sentence: Sentence;
	words: number;
	/** The statement as the text has it (an opening "But" or "However," dropped, a pronoun subject named). */
	statement: string;
	/** The same with one detail swapped. */
	falsified: string;
	detail: Detail;
	/** True when the statement is a verbatim part of the sentence (no pronoun was replaced). */
	verbatim: boolean;
	/** How well the sentence suits a statement: narrative beats speech, short beats long. */
	fit: number;
}

/** Every sentence that can be turned into a true statement and a swapped false one. */
function judgeable(a: Analysis): Judged[] {
	const out: Judged[] = [];
	for (const s of a.doc.sentences) {
		const tokens = s.tokens;
		let first = 0;
		while (first < tokens.length && !(tokens[first] as Token).word) first++;
		if ((tokens[first] as Token | undefined)?.quoted) continue;
		const next = tokens[first + 1];
		if (next && DISCOURSE_PAIRS.has(`${(tokens[first] as Token).lower} ${next.lower}`) && tokens[first + 2]?.text === ",") first += 3;
		else if (tokens[first] && DISCOURSE_OPENERS.has((tokens[first] as Token).lower)) first += tokens[first + 1]?.text === "," ? 2 : 1;
		const opening = tokens[first];
		if (!opening) continue;
		// A long sentence is judged up to its first subordinate clause: "Mattis told media … “…,” when asked if …".
		const cut = words30(tokens, first);
		const words = tokens.slice(first, cut.end).filter((t) => t.word).length;
		if (words < 6 || words > 30) continue;
		if (tokens.some((t) => !t.quoted && ["i", "we", "you", "our", "my"].includes(t.lower))) continue;
		if (/^(its|their|this|these|that|those|it|they)$/u.test(opening.lower)) continue;
		const paragraph = a.doc.paragraphs[s.paragraph] ?? "";
		let lead = "";
		let from = opening.start;
		if (["he", "she"].includes(opening.lower)) {
			const who = entityAt(a.ents, s.index, first)?.entity;
			if (!who) continue;
			lead = who.name;
			from = opening.end;
		}
		const stop = cut.end < tokens.length ? (tokens[cut.end] as Token).start : s.end;
		const details = swappable(a, s, first).filter((d) => d.end <= stop);
		if (details.length === 0) continue;
		const detail = details[hash(paragraph.slice(s.start, s.end)) % details.length] as Detail;
		const ending = cut.end < tokens.length ? cut.close : "";
		const build = (swap: boolean) => {
			const body = swap
				? `${paragraph.slice(from, detail.start)}${detail.swap}${paragraph.slice(detail.end, stop)}`
				: paragraph.slice(from, stop);
			return capitalise(`${lead}${body}`.trim().replace(/,$/u, "")) + ending;
		};
		const statement = build(false);
		const falsified = build(true);
		const balanced = (x: string) =>
			(x.match(/"/gu) ?? []).length % 2 === 0 && (x.match(/“/gu) ?? []).length === (x.match(/”/gu) ?? []).length;
		if (!balanced(statement) || !balanced(falsified) || paragraph.includes(falsified)) continue;
		const speech = tokens.some((t) => !t.quoted && SPEECH_VERBS.has(t.lower));
		const quoting = tokens.some((t) => t.quoted);
		const fit = (speech ? -0.3 : 0.3) + (quoting ? -0.4 : 0) + (words > 22 ? -0.3 : 0);
		out.push({ sentence: s, words, statement, falsified, detail, verbatim: lead === "", fit });
	}
	return out;
}

const SUBORDINATE_OPENERS = new Set([
	"when",
	"which",
	"while",
	"because",
	"as",
	"after",
	"before",
	"although",
	"though",
	"where",
	"but",
	"so",
]);

/**
 * Where a long sentence can stop for a statement: at ", when …", ", which …" and the like after
 * eight words or more (the whole sentence when it is short or has no such place), with the
 * ending to add: "." or, when the comma closes a quotation, ".”".
 */
function words30(tokens: readonly Token[], first: number): { end: number; close: string } {
	const all = { end: tokens.length, close: "" };
	if (tokens.slice(first).filter((t) => t.word).length <= 30) return all;
	let words = 0;
	for (let i = first; i < tokens.length - 1; i++) {
		const t = tokens[i] as Token;
		if (t.word) words++;
		if (words < 8 || t.text !== ",") continue;
		const closing = tokens[i + 1]?.text === "”" || (tokens[i + 1]?.text === '"' && t.quoted);
		const next = tokens[i + (closing ? 2 : 1)];
		if (!next || !SUBORDINATE_OPENERS.has(next.lower)) continue;
		if (closing) return { end: i, close: `.${tokens[i + 1]?.text}` };
		return { end: i, close: "." };
	}
	return all;
}

/** One true/false pair (true and swapped-false) per sentence that has a swappable detail. */
export function trueFalseQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const j of judgeable(a)) {
		const s = j.sentence;
		const ev = sentenceSpan(a.doc, s);
		const truth = hash(ev.quote) % 2 === 1;
		const fact = `${s.paragraph}:${s.index}:${j.detail.key}`;
		const judged = { judges: [`${s.paragraph}:${s.index}`], ...(j.detail.key.startsWith("ent:") ? { swaps: j.detail.key } : {}) };
		for (const t of [truth, !truth]) {
			const statement = t ? j.statement : j.falsified;
			const frame: Frame = { kind: "true-false", ev, fact, idHint: `true or false ${statement.split(/\s+/u).slice(0, 5).join(" ")}` };
			const why = t ? `True. ${says(ev)}.` : `False. ${says(ev)}. It says ${j.detail.written}, not ${j.detail.swap}.`;
			out.push({ ...trueFalse(frame, (t === truth ? 4 : 3.6) + j.fit, `True or false: ${statement}`, t, why), ...judged });
		}
	}
	return out;
}

/**
 * "Which of these statements are true according to paragraph 4? Select all that apply.": two
 * neighbouring sentences of a paragraph as true statements, and each with a detail swapped as
 * false ones.
 */
export function statementsQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	const all = judgeable(a).filter((j) => j.verbatim && j.words <= 28);
	for (let i = 0; i + 1 < all.length; i++) {
		const x = all[i] as Judged;
		// The next judgeable sentence of the same paragraph, at most one sentence further on.
		const y = all.slice(i + 1).find((z) => z.sentence.paragraph === x.sentence.paragraph && z.sentence.index - x.sentence.index <= 2);
		if (!y) continue;
		const ev = span(a.doc, x.sentence.paragraph, x.sentence.start, y.sentence.end);
		const texts = [x.statement, y.statement, x.falsified, y.falsified];
		if (new Set(texts).size !== 4) continue;
		const p = x.sentence.paragraph;
		const frame: Frame = {
			kind: "statements",
			ev,
			fact: `${p}:${x.sentence.index}:statements`,
			idHint: `true statements in paragraph ${p + 1}`,
			explanation: `${says(ev)}. The false statements say ${x.detail.swap} instead of ${x.detail.written}, and ${y.detail.swap} instead of ${y.detail.written}.`,
		};
		const prompt = `Which of these statements are true according to paragraph ${p + 1}? Select all that apply.`;
		const judges = [`${p}:${x.sentence.index}`, `${p}:${y.sentence.index}`];
		out.push({ ...multipleChoice(frame, 4.1 + (x.fit + y.fit) / 2, prompt, texts, [x.statement, y.statement]), judges });
	}
	return out;
}

/** The details of a sentence that can be swapped for another of their kind, with the replacement. */
function swappable(a: Analysis, s: Sentence, first: number): Detail[] {
	const paragraph = a.doc.paragraphs[s.paragraph] ?? "";
	const details: Detail[] = [];
	const from = (s.tokens[first] as Token).start;
	// Words inside a quotation are never changed: a false statement must not misquote anyone.
	const quoted = (start: number) => s.tokens.some((t) => t.quoted && t.start === start);
	for (const q of a.quantities) {
		if (q.sentence !== s.index || q.start < from || q.kind === "age" || quoted(q.start)) continue;
		const alt = alternatives(q, a.quantities, hash(q.text))[0];
		if (alt)
			details.push({
				start: q.start,
				end: q.end,
				written: q.text,
				swap: q.kind === "date" || q.kind === "ordinal" ? alt : alt,
				key: `num:${q.first}`,
			});
	}
	const here = new Set(a.ents.mentions.filter((m) => m.sentence === s.index).map((m) => m.entity));
	for (const m of a.ents.mentions) {
		if (m.sentence !== s.index || m.pronoun || m.start < from || quoted(m.start)) continue;
		// A possessive ("the United States’ approach") would need its ending rewritten: leave it.
		if (/^['’]/u.test(paragraph.slice(m.end, m.end + 1))) continue;
		const e = a.ents.list[m.entity] as Entity;
		if (!["person", "org", "place"].includes(e.kind) || e.confidence < 1) continue;
		const written = paragraph.slice(m.start, m.end);
		const style = written === e.name ? "full" : "short";
		// "the consultancy Arcadis" names its kind: only another consultancy may take its place.
		const cue = cueOf(a, e);
		const alts = sameKind(a, e, e.kind, here).filter(
			(x) =>
				(e.kind !== "place" || placeKind(x) === placeKind(e)) &&
				(e.kind !== "org" || orgKind(a, x) === orgKind(a, e)) &&
				(cue === "" || cueOf(a, x) === cue),
		);
		// Which of the closest three comes in varies with the sentence, so one name does not fill every false statement.
		const alt = alts[hash(paragraph.slice(s.start, s.end)) % Math.min(3, Math.max(1, alts.length))];
		if (!alt) continue;
		// "the US" becomes "China", "Russia" becomes "the United Nations": each name keeps its own article.
		const prev = s.tokens[m.first - 1];
		const the = prev?.lower === "the" && prev.start >= from ? prev : undefined;
		const modified =
			!the &&
			prev?.word &&
			!prev.cap &&
			!["in", "at", "to", "from", "by", "with", "for", "of", "on", "and", "or", "said", "told"].includes(prev.lower);
		const start = the ? the.start : m.start;
		const swap = `${withThe(a, alt) && !modified ? "the " : ""}${styled(alt, style)}`;
		details.push({
			start,
			end: m.end,
			written: paragraph.slice(start, m.end),
			swap: the && /^\p{Lu}/u.test(the.text) ? capitalise(swap) : swap,
			key: `ent:${e.id}`,
		});
	}
	return details.sort((x, y) => x.start - y.start);
}

/** The common noun the article puts before a name to say what it is ("consultancy" in "the consultancy Arcadis"), or "". */
function cueOf(a: Analysis, e: Entity): string {
	for (const m of e.mentions) {
		const t = a.doc.sentences[m.sentence]?.tokens[m.first - 1];
		if (
			t?.word &&
			!t.cap &&
			!FUNCTION_WORDS.has(t.lower) &&
			t.lower !== "opposition" &&
			/^[a-z]+$/u.test(t.lower) &&
			ORG_OR_PLACE_CUES.has(t.lower)
		)
			return t.lower;
	}
	return "";
}

const ORG_OR_PLACE_CUES = new Set([
	"journal",
	"newspaper",
	"magazine",
	"company",
	"firm",
	"consultancy",
	"charity",
	"agency",
	"group",
	"club",
	"team",
	"band",
	"broadcaster",
	"website",
	"office",
	"town",
	"city",
	"village",
	"region",
	"province",
	"state",
	"country",
	"island",
	"district",
]);

/** "Which of these people are quoted in paragraph 4, directly or in reported speech? Select all that apply." */
export function speakersQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (let p = 0; p < a.doc.paragraphs.length; p++) {
		const here = a.attributions.filter((x) => x.paragraph === p && x.speaker.entity?.kind === "person");
		const people = [...new Map(here.map((x) => [(x.speaker.entity as Entity).id, x.speaker.entity as Entity])).values()];
		if (people.length < 2) continue;
		const start = Math.min(...here.map((x) => Math.min(x.start, x.speaker.start)));
		const end = Math.max(...here.map((x) => Math.max(x.end, x.speaker.end)));
		const ev = span(a.doc, p, start, end);
		const correct = people.map((e) => shown(e, ev.quote)).filter((x): x is string => x !== undefined);
		if (correct.length !== people.length) continue;
		const style = correct.every((c, i) => c === people[i]?.name) ? "full" : "short";
		const ids = new Set(people.map((e) => e.id));
		const wrong = sameKind(a, undefined, "person", ids).map((e) => styled(e, style));
		const texts = withDistractors(correct, wrong);
		if (texts.length < correct.length + 1) continue;
		const frame: Frame = {
			kind: "speakers",
			ev,
			fact: `${p}:speakers`,
			idHint: `who is quoted in paragraph ${p + 1}`,
			explanation: `Paragraph ${p + 1} reports the words of ${listing(people.map((e) => e.name))}.`,
		};
		const prompt = `Which of these people are quoted in paragraph ${p + 1}, directly or in reported speech? Select all that apply.`;
		out.push(multipleChoice(frame, 4.4, prompt, texts, correct));
	}
	return out;
}

/** "Which of these cities recorded the largest outbreaks? Select all that apply." from a subject "Birmingham and London". */
export function listQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const c of a.clauses) {
		const tokens = c.sentence.tokens;
		if (c.subjLast - c.subjFirst < 3 || SPEECH_VERBS.has((tokens[c.verb] as Token).lower)) continue;
		const members: Entity[] = [];
		let i = c.subjFirst;
		if (tokens[i]?.lower === "the") i++;
		let ok = true;
		while (i < c.subjLast) {
			const at = entityAt(a.ents, c.sentence.index, i);
			if (!at || at.mention.pronoun) {
				ok = false;
				break;
			}
			members.push(at.entity);
			i = at.mention.last;
			if (i < c.subjLast && ![",", "and"].includes((tokens[i] as Token).lower)) {
				ok = false;
				break;
			}
			while (i < c.subjLast && [",", "and"].includes((tokens[i] as Token).lower)) i++;
		}
		const kind = members[0]?.kind;
		if (!ok || members.length < 2 || !kind || !["person", "org", "place"].includes(kind) || members.some((m) => m.kind !== kind)) continue;
		const wrongEntities = sameKind(a, members[0], kind, new Set(members.map((m) => m.id)));
		const sub = (e: Entity) => (kind === "place" ? placeKind(e) : kind);
		const uniform = [...members, ...wrongEntities.slice(0, 2)].every((e) => sub(e) === sub(members[0] as Entity));
		const plural = uniform ? pluralNoun(members[0] as Entity) : kind === "place" ? "places" : pluralNoun(members[0] as Entity);
		const prompt = ask(a.doc, c, { wh: `which of these ${plural}`, first: c.subjFirst, last: c.subjLast, preposition: "keep" });
		if (!prompt) continue;
		const ev = sentenceSpan(a.doc, c.sentence);
		const correct = members.map((m) => m.name);
		const wrong = wrongEntities.map((e) => e.name);
		const texts = withDistractors(correct, wrong);
		if (texts.length < correct.length + 1) continue;
		const frame: Frame = { kind: "list", ev, fact: `${c.sentence.paragraph}:${c.sentence.index}:list`, idHint: prompt };
		out.push(multipleChoice(frame, 4.6, `${prompt} Select all that apply.`, texts, correct));
	}
	return out;
}

/** "Which of these organisations are mentioned in Jim Mattis’s quoted words in paragraph 2? Select all that apply." */
export function quotedNamesQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	const groups = new Map<string, { speaker: Entity; paragraph: number; names: Entity[]; start: number; end: number }>();
	for (const at of a.attributions) {
		const speaker = at.speaker.entity;
		if (at.kind !== "quote" || speaker?.kind !== "person") continue;
		for (const m of a.ents.mentions) {
			const e = a.ents.list[m.entity] as Entity;
			if (m.paragraph !== at.paragraph || m.start < at.contentStart || m.end > at.contentEnd || m.pronoun) continue;
			if (!["org", "place"].includes(e.kind) || e.confidence < 1) continue;
			const key = `${at.paragraph}:${speaker.id}:${e.kind}`;
			const g = groups.get(key) ?? { speaker, paragraph: at.paragraph, names: [], start: at.start, end: at.end };
			if (!g.names.some((x) => x.id === e.id)) g.names.push(e);
			g.start = Math.min(g.start, at.start, at.speaker.start);
			g.end = Math.max(g.end, at.end, at.speaker.end);
			groups.set(key, g);
		}
	}
	for (const [key, g] of [...groups.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
		if (g.names.length < 2) continue;
		const kind = (g.names[0] as Entity).kind;
		const ev = span(a.doc, g.paragraph, g.start, g.end);
		const correct = g.names.map((e) => e.name).filter((n) => ev.quote.includes(n));
		if (correct.length !== g.names.length) continue;
		const wrong = sameKind(a, undefined, kind, new Set(g.names.map((e) => e.id))).map((e) => e.name);
		const texts = withDistractors(correct, wrong);
		if (texts.length < correct.length + 1) continue;
		const plural = pluralNoun(g.names[0] as Entity);
		const speaker = shown(g.speaker, ev.quote) ?? g.speaker.name;
		const frame: Frame = { kind: "quoted-names", ev, fact: `${key}:quoted-names`, idHint: `${plural} in the words of ${speaker}` };
		const prompt = `Which of these ${plural} are named in ${possessive(speaker)} quoted words in paragraph ${g.paragraph + 1}? Select all that apply.`;
		out.push(multipleChoice(frame, 4.2, prompt, texts, correct));
	}
	return out;
}

/**
 * "Which words complete the list in this sentence from paragraph 3? “… stop ____, ____, and ____
 * weapons …” Select all that apply.": a list of three or more single words of one form (-ing
 * words, or plurals) with other words of that form from the article as distractors.
 */
export function listGapQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const s of a.doc.sentences) {
		const t = s.tokens;
		for (let i = 0; i < t.length; i++) {
			const items: Token[] = [];
			let j = i;
			while (j < t.length) {
				const w = t[j] as Token;
				if (!w.word || w.cap || /\p{N}/u.test(w.text)) break;
				items.push(w);
				const sep =
					t[j + 1]?.text === ","
						? t[j + 2]?.lower === "and" || t[j + 2]?.lower === "or"
							? 3
							: 2
						: t[j + 1]?.lower === "and" || t[j + 1]?.lower === "or"
							? 2
							: 0;
				if (sep === 0) break;
				const last = t[j + 1]?.lower === "and" || t[j + 1]?.lower === "or" || t[j + 2]?.lower === "and" || t[j + 2]?.lower === "or";
				j += sep;
				if (last) {
					const w2 = t[j];
					if (w2?.word && !w2.cap && !/\p{N}/u.test(w2.text)) items.push(w2);
					break;
				}
			}
			const form = listForm(items);
			if (items.length < 3 || !form) continue;
			const used = new Set(items.map((x) => x.lower));
			const others = [
				...new Set(
					a.doc.sentences
						.flatMap((x) => x.tokens)
						.filter((x) => x.word && !x.cap && listForm([x]) === form && !used.has(x.lower) && x.lower.length > 4)
						.map((x) => x.lower),
				),
			].sort();
			if (others.length < 2) continue;
			const paragraph = a.doc.paragraphs[s.paragraph] ?? "";
			const first = items[0] as Token;
			const lastItem = items.at(-1) as Token;
			const ev = sentenceSpan(a.doc, s);
			let gapped = paragraph.slice(ev.start, first.start);
			let at = first.start;
			for (const it of items) {
				gapped += `${paragraph.slice(at, it.start)}____`;
				at = it.end;
			}
			gapped = (gapped + paragraph.slice(lastItem.end, ev.end)).replace(/\s+/gu, " ");
			const words = gapped.split(" ");
			const cut = words.findIndex((w) => w.includes("____"));
			const window = words.slice(Math.max(0, cut - 8), cut + items.length + 10);
			const shown = `${cut > 8 ? "… " : ""}${window.join(" ")}${cut + items.length + 10 < words.length ? " …" : ""}`;
			if ((shown.match(/[“”"]/gu) ?? []).length % 2 !== 0) continue;
			const correct = items.map((x) => x.text);
			const texts = withDistractors(correct, others.slice(0, 2));
			if (texts.length < correct.length + 2) continue;
			const frame: Frame = {
				kind: "list",
				ev,
				fact: `${s.paragraph}:${s.index}:list-gap:${first.start}`,
				idHint: `words missing from the list in paragraph ${s.paragraph + 1}`,
			};
			const prompt = `Which words complete the list in this sentence from paragraph ${s.paragraph + 1}? “${shown}” Select all that apply.`;
			out.push(multipleChoice(frame, 3.7, prompt, texts, correct));
			i = j;
		}
	}
	return out;
}

/** An -ing form of a verb we know ("testing", "putting", "making"), not "according" or "morning". */
function isGerund(w: string): boolean {
	if (!/[a-z]{3,}ing$/u.test(w)) return false;
	const stem = w.slice(0, -3);
	return [stem, `${stem}e`, stem.slice(0, -1)].some((b) => VERB_BASES.has(b) && !FUNCTION_WORDS.has(w));
}

/** The shared form of a list's words: all -ing words, or all plurals; undefined when mixed. */
function listForm(items: readonly Token[]): "ing" | "plural" | undefined {
	if (items.length > 0 && items.every((x) => isGerund(x.lower))) return "ing";
	if (items.length > 0 && items.every((x) => /[a-z]{3,}s$/u.test(x.lower) && !/(ss|us|is)$/u.test(x.lower))) return "plural";
	return undefined;
}

function pluralNoun(e: Entity): string {
	const k = kindNoun(e);
	return k === "person"
		? "people"
		: k === "city"
			? "cities"
			: k === "country"
				? "countries"
				: k === "organisation"
					? "organisations"
					: "places";
}

function possessive(name: string): string {
	return name.endsWith("s") ? `${name}’` : `${name}’s`;
}

function listing(names: readonly string[]): string {
	if (names.length <= 1) return names.join("");
	return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export { render, text };
