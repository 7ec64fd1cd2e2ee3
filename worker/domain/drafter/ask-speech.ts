/**
 * Questions about who said what: "Who said “…”?", "Who said North Korea would …?", "Which
 * organisation is given as the source …?", "According to Chepa, who said …?", each also as a
 * short answer and as a true/false statement with the speaker swapped, plus "Which of these did
 * X say?" with other speakers' words as distractors.
 */
import {
	type Analysis,
	type Candidate,
	capitalise,
	type Frame,
	type Span,
	sameKind,
	says,
	shortAnswer,
	shown,
	singleChoice,
	span,
	styled,
	trueFalse,
	withThe,
} from "./candidate";
import { answerKey, excerpt, hash, leaks, pickDistinct } from "./choices";
import { isCommonWord, verbForm } from "./clause";
import type { Entity } from "./entities";
import type { Attribution } from "./speech";
import type { Doc } from "./text";

const MAX_CONTENT_WORDS = 32;

/** All attribution candidates of the article. */
export function speechQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const at of a.attributions) {
		if (at.speaker.entity && (at.speaker.entity.kind === "person" || at.speaker.entity.kind === "org"))
			out.push(...entitySpeaker(a, at, at.speaker.entity));
		else if (at.kind === "nested" && at.within?.entity) out.push(...nestedSpeaker(a, at, at.within.entity));
	}
	out.push(...whichDidTheySay(a));
	return out;
}

/** The evidence for an attribution: from the speaker's words to the end of what was said (and back to the speaker if needed). */
function evidence(doc: Doc, at: Attribution): Span {
	return span(doc, at.paragraph, Math.min(at.start, at.speaker.start), Math.max(at.end, at.speaker.end));
}

/** "Who said “…”?" / "Who said …?" / "Which organisation is given as the source …?" with the speaker as answer. */
function entitySpeaker(a: Analysis, at: Attribution, e: Entity): Candidate[] {
	const plain = entitySpeakerFor(a, at, e, at.content, 0);
	const loose = at.kind === "quote" ? undefined : vague(a, at);
	return loose ? [...plain, ...entitySpeakerFor(a, at, e, loose, 0.3)] : plain;
}

/**
 * Reported words with their counts and durations made vague ("1,200 people" -> "many people",
 * "for a century" -> "for a long time"), as a teacher writes a prompt that must not give away
 * the answer to a number question on the same sentence. Undefined when there is nothing to blur.
 */
function vague(a: Analysis, at: Attribution): string | undefined {
	const paragraph = a.doc.paragraphs[at.paragraph] ?? "";
	const inside = a.quantities
		.filter(
			(q) =>
				q.paragraph === at.paragraph &&
				q.start >= at.contentStart &&
				q.end <= at.contentEnd &&
				(q.kind === "count" || q.kind === "duration"),
		)
		.sort((x, y) => y.start - x.start);
	if (inside.length === 0) return undefined;
	let text = paragraph.slice(at.contentStart, at.contentEnd);
	for (const q of inside) {
		const sentence = a.doc.sentences[q.sentence];
		const lead = sentence?.tokens[q.lead]?.start ?? q.start;
		const from = Math.max(lead, at.contentStart) - at.contentStart;
		const to = q.end - at.contentStart;
		const blur = q.kind === "duration" ? "a long time" : q.value >= 10 ? "many" : "several";
		text = `${text.slice(0, from)}${blur}${text.slice(to)}`;
	}
	return text.replace(/[\s,.;:]+$/u, "");
}

function entitySpeakerFor(a: Analysis, at: Attribution, e: Entity, content: string, penalty: number): Candidate[] {
	const ev = evidence(a.doc, at);
	const words = content.split(/\s+/u).length;
	if (at.kind !== "quote" && words > MAX_CONTENT_WORDS) return [];
	if (words < 3) return [];
	const display = shown(e, ev.quote) ?? e.name;
	const literal = shown(e, ev.quote) !== undefined;
	const style = display === e.name ? "full" : "short";
	const what = lowerFirst(a.doc, content);
	const org = e.kind === "org";
	let prompt: string;
	if (at.kind === "quote") prompt = `${org ? "Which organisation" : "Who"} said “${excerpt(at.content)}”?`;
	else if (at.kind === "according")
		prompt = `${org ? "Which organisation" : "Who"} does the article give as the source for the report that ${what}?`;
	else prompt = `${org ? "Which organisation" : "Who"} said that ${what}?`;
	if ([e.name, e.short, display].some((n) => n && leaks(prompt, n))) return [];
	const pool = sameKind(a, e, e.kind).map((x) => styled(x, style));
	const texts = pickDistinct(display, pool, 4);
	const pronounNote = literal ? "" : ` “${at.speaker.text}” is ${e.name}, named earlier in the text.`;
	const frame: Frame = {
		kind: "attribution",
		ev,
		fact: `${at.paragraph}:${at.sentence}:who:${at.contentStart}`,
		idHint: `who ${at.kind === "quote" ? "said" : "reported"} ${firstWords(at.content)}`,
		about: `ent:${e.id}`,
		explanation: `${says(ev)}.${pronounNote}`,
		skill: literal ? "literal" : "inference",
	};
	const out: Candidate[] = [];
	// A quotation that is only a phrase ("protection, defense of our country") makes a weaker question than a full sentence.
	const fragment = at.kind === "quote" && (words < 6 || isFragment(at.content));
	const score = (at.kind === "quote" ? 5 : 5.2) - (fragment ? 0.7 : 0) - penalty;
	const single = singleChoice(frame, score, prompt, texts, display);
	if (single) out.push(single);
	const accepted = [...new Set([e.name, ...(e.kind === "person" && e.short ? [e.short] : []), ...(org && e.short ? [e.short] : [])])];
	out.push(shortAnswer(frame, score - 0.6, `${prompt} Answer with a name.`, accepted));
	// The swapped-in speaker varies with the words, so one name does not appear in every false statement.
	const other = texts.length > 1 ? texts[1 + (hash(at.content) % (texts.length - 1))] : undefined;
	if (at.kind !== "according" && other) {
		const truth = hash(at.content) % 2 === 0;
		const said = at.kind === "quote" ? `said “${excerpt(at.content)}”` : `said that ${what}`;
		for (const t of [truth, !truth]) {
			const statement = `True or false: ${capitalise(t ? named(a, e, display) : namedText(a, other))} ${said}.`;
			const why = t ? `True. ${says(ev)}.${pronounNote}` : `False. ${says(ev)}.${pronounNote} It was ${e.name}, not ${other}.`;
			out.push(trueFalse(frame, score - (t === truth ? 0.5 : 0.9), statement, t, why));
		}
	}
	return out;
}

/** "According to Chepa, who said they are ready …?" — a speaker named inside someone's quotation. */
function nestedSpeaker(a: Analysis, at: Attribution, within: Entity): Candidate[] {
	const loose = vague(a, at);
	return [...nestedSpeakerFor(a, at, within, at.content, 0), ...(loose ? nestedSpeakerFor(a, at, within, loose, 0.3) : [])];
}

function nestedSpeakerFor(a: Analysis, at: Attribution, within: Entity, content: string, penalty: number): Candidate[] {
	const ev = evidence(a.doc, at);
	const words = content.split(/\s+/u).length;
	if (words < 3 || words > MAX_CONTENT_WORDS) return [];
	const answer = capitalise(at.speaker.text);
	const prompt = `According to ${within.name}, who said that ${lowerFirst(a.doc, content)}?`;
	if (leaks(prompt, at.speaker.text)) return [];
	const pool = sameKind(a, undefined, "person", new Set([within.id])).map((x) => x.name);
	const texts = pickDistinct(answer, pool, 4);
	const frame: Frame = {
		kind: "attribution",
		ev,
		fact: `${at.paragraph}:${at.sentence}:who:${at.contentStart}`,
		idHint: `who told ${firstWords(at.content)}`,
		explanation: `${says(ev)}. ${within.name} is repeating what ${at.speaker.text} said.`,
	};
	const single = singleChoice(frame, 5 - penalty, prompt, texts, answer);
	const bare = at.speaker.text.replace(/^(the|a|an)\s+/iu, "");
	const short = shortAnswer(frame, 4.4 - penalty, `${prompt} Answer in a few words.`, [...new Set([at.speaker.text, bare])]);
	return single ? [single, short] : [short];
}

/**
 * "Which of these did X say?": one of X's quotations among other speakers' words (their
 * quotations, the opening clause of a long one, or what they are reported to have said).
 */
function whichDidTheySay(a: Analysis): Candidate[] {
	const short = (x: Attribution) => wordCount(x.content) >= 4 && wordCount(x.content) <= 22;
	// The right answer is a whole statement with a verb, not a phrase like "protection, defense of our country".
	const quotes = a.attributions.filter(
		(x) => x.kind === "quote" && x.speaker.entity?.kind === "person" && short(x) && !isFragment(x.content),
	);
	const words = (x: Attribution): string | undefined => {
		if (short(x)) return x.content;
		const clause = x.content.split(/[,;.]\s/u)[0] ?? "";
		return wordCount(clause) >= 4 && wordCount(clause) <= 22 ? clause : undefined;
	};
	const out: Candidate[] = [];
	for (const at of quotes) {
		const e = at.speaker.entity as Entity;
		// A speaker quoted more than once gets "Which of these did X say?" beside "Who said …?": variety over repetition.
		const quotedOften = a.attributions.filter((x) => x.kind === "quote" && x.speaker.entity?.id === e.id).length >= 3;
		const others = a.attributions
			.filter((x) => x.speaker.entity?.kind === "person" && x.speaker.entity.id !== e.id && (x.kind === "quote" || x.kind === "reported"))
			.map(words)
			.filter((x): x is string => x !== undefined)
			.sort((x, y) => Math.abs(x.length - at.content.length) - Math.abs(y.length - at.content.length) || x.localeCompare(y));
		const texts = pickDistinct(at.content, others, 4).map(capitalise);
		const frame: Frame = {
			kind: "quote-speaker",
			ev: evidence(a.doc, at),
			fact: `${at.paragraph}:${at.sentence}:who:${at.contentStart}`,
			idHint: `what did ${e.short || e.name} say`,
			about: `ent:${e.id}`,
		};
		const single = singleChoice(frame, quotedOften ? 4.6 : 4.2, `Which of these did ${e.name} say?`, texts, capitalise(at.content));
		if (single) out.push(single);
	}
	return out;
}

/** A quotation without a finite verb we know: a phrase, not a statement. */
function isFragment(words: string): boolean {
	return !words.split(/\s+/u).some((w) => {
		const f = verbForm(w.replace(/[^\p{L}'’-]/gu, ""));
		return f !== undefined && f.tense !== "plain";
	});
}

/** A name as the start of a statement: "the European Space Agency", "Jim Mattis". */
function named(a: Analysis, e: Entity, display: string): string {
	return withThe(a, e) ? `the ${display}` : display;
}

/** The same for a distractor known only by its text. */
function namedText(a: Analysis, text: string): string {
	const e = a.ents.list.find((x) => x.name === text || x.short === text);
	return e ? named(a, e, text) : text;
}

function lowerFirst(doc: Doc, text: string): string {
	const word = text.split(/\s+/u)[0] ?? "";
	if (/^\p{Lu}{2,}/u.test(word) || !/^\p{Lu}/u.test(word)) return text;
	return isCommonWord(doc, word.toLowerCase()) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function firstWords(text: string): string {
	return text.split(/\s+/u).slice(0, 5).join(" ");
}

function wordCount(text: string): number {
	return text.split(/\s+/u).length;
}

export { answerKey };
