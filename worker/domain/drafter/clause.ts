/**
 * Clauses and the questions made from them. A clause here is a subject, a finite verb and the
 * rest of the predicate; a question replaces one part with a wh-phrase: the subject ("Who said
 * …?"), or a part of the predicate, which then moves to the front with the auxiliary inverted
 * ("How many trees will the council plant …?") or with do-support ("Where did Nadia Okoro grow
 * up?"). Where a step is uncertain (an unknown verb, a comma in the way, a name used as a
 * modifier) no question is made: a gap-fill prompt is the fallback, never a broken question.
 */
import {
	AUXILIARIES,
	CITIES,
	DISCOURSE_OPENERS,
	DISCOURSE_PAIRS,
	FINITE_AUXILIARIES,
	FUNCTION_WORDS,
	IRREGULAR_PAST,
	PEOPLE_NOUNS,
	ROLE_NOUNS,
	SPEECH_VERBS,
	TELL_VERBS,
	VERB_ADVERBS,
	VERB_BASES,
} from "./lexicon";
import type { Doc, Sentence, Token } from "./text";

export interface Clause {
	sentence: Sentence;
	/** Token range of the subject, [subjFirst, subjLast); for a who-clause the subject is `subjectText` alone. */
	subjFirst: number;
	subjLast: number;
	/** The subject as a question shows it (first letter lowered when it only opened the sentence). */
	subjectText: string;
	/** Token index of the finite verb, and where its verb group starts (adverbs like "also" before it). */
	verb: number;
	verbStart: number;
	/** Token index where the clause ends (exclusive). */
	end: number;
	/** Who the clause is attributed to ("Greek officials", "Alexei Chepa"), or "". */
	source: string;
	/** A fronted phrase ("In Birmingham") to repeat at the end of a question, or "". */
	moved: string;
	/** True when the clause is a subject-less who-clause or reported speech whose subject we made. */
	synthetic: boolean;
}

export interface Verb {
	base: string;
	/** "past", "3sg" (present, third person), "plain" (present, other persons), or "aux". */
	tense: "past" | "3sg" | "plain" | "aux";
}

const PREPOSITIONS = new Set([
	"in",
	"on",
	"at",
	"by",
	"for",
	"since",
	"until",
	"within",
	"from",
	"to",
	"into",
	"during",
	"after",
	"before",
	"over",
	"under",
	"with",
	"near",
	"through",
	"across",
	"between",
	"of",
	"about",
	"towards",
	"toward",
	"along",
	"around",
	"beside",
	"behind",
	"past",
	"per",
	"throughout",
	"without",
	"against",
	"among",
	"off",
	"onto",
	"via",
	"like",
	"outside",
	"inside",
	"beyond",
	"despite",
	"upon",
	"below",
	"above",
]);
const CLAUSE_BREAKS = new Set([",", ";", ":", "—", "–", "(", ")", "“", "”", '"', "!", "?"]);
const SUBORDINATORS = new Set([
	"after",
	"before",
	"when",
	"while",
	"although",
	"though",
	"because",
	"since",
	"if",
	"as",
	"once",
	"until",
	"in",
	"on",
	"at",
	"during",
	"for",
	"with",
	"despite",
	"following",
	"over",
	"under",
	"by",
	"from",
	"asked",
	"according",
]);
const PLURAL_PRONOUNS = new Set(["they", "we", "i", "you"]);
/** Verbs that report a finding with a that-clause: "A survey found that 41% of households …". */
const REPORT_VERBS = new Set([
	"found",
	"finds",
	"showed",
	"shows",
	"suggests",
	"suggested",
	"revealed",
	"reveals",
	"concluded",
	"estimates",
	"expects",
	"expected",
	"believes",
	"warned",
]);
/** Words that open a subordinate clause: a question must not reach into one. */
const SUBORDINATE = new Set([
	"that",
	"which",
	"who",
	"because",
	"although",
	"though",
	"while",
	"whereas",
	"unless",
	"if",
	"when",
	"where",
	"so",
	"until",
	"before",
	"after",
	"since",
	"as",
]);
const SUBJECT_PRONOUNS = new Set(["he", "she", "it", "they", "we", "i", "you"]);

/** Reads a word as a verb form: its base and tense, or undefined when it is not a verb we know. */
export function verbForm(word: string): Verb | undefined {
	const w = word.toLowerCase();
	if (FINITE_AUXILIARIES.has(w)) return { base: w, tense: "aux" };
	const irregular = IRREGULAR_PAST.get(w);
	if (irregular) return { base: irregular, tense: "past" };
	if (w.endsWith("ed")) {
		const candidates = [w.slice(0, -2), w.slice(0, -1), w.slice(0, -3), `${w.slice(0, -3)}y`];
		const base = candidates.find((c) => c.length >= 2 && VERB_BASES.has(c));
		if (base && (base !== w.slice(0, -3) || /(.)\1ed$/u.test(w))) return { base, tense: "past" };
		if (base) return { base, tense: "past" };
		return undefined;
	}
	if (w.endsWith("s") && !w.endsWith("ss")) {
		const candidates = [w.slice(0, -1), w.slice(0, -2), `${w.slice(0, -3)}y`];
		const base = candidates.find((c) => c.length >= 2 && VERB_BASES.has(c) && (c !== w.slice(0, -2) || /(sh|ch|ss|x|o|z)es$/u.test(w)));
		if (base) return { base, tense: "3sg" };
		return undefined;
	}
	if (VERB_BASES.has(w)) return { base: w, tense: "plain" };
	return undefined;
}

/** Part of a sentence to read as its own text: a quotation, with the speaker it is attributed to. */
export interface Scope {
	first: number;
	end: number;
	source: string;
}

/**
 * Finds the clauses of a sentence (or of a quotation in it): the main one, a reported one after
 * a speech verb ("Pashin said North Korea would …" gives "North Korea would …" attributed to
 * Pashin), and a second verb phrase joined by "and" ("… and had burned about 10,000 hectares").
 */
export function findClauses(
	doc: Doc,
	sentence: Sentence,
	speakerName: (sentence: Sentence, token: number) => string | undefined,
	scope?: Scope,
): Clause[] {
	const tokens = sentence.tokens;
	const quoted = scope !== undefined;
	const clauses: Clause[] = [];
	let first = scope?.first ?? 0;
	let end = scope?.end ?? tokens.length;
	let moved = "";
	let source = scope?.source ?? "";
	while (end > first && [".", "!", "?", "”", '"', "’", ","].includes((tokens[end - 1] as Token).text)) end--;
	while (first < end && !(tokens[first] as Token).word) first++;
	if (!quoted && tokens.slice(first, end).some((t) => t.quoted) && tokens[first]?.quoted) return clauses;
	// A trailing attribution: ", according to the fire service." / ", Greek officials said." / ", said X."
	const trail = quoted ? undefined : trailingAttribution(doc, sentence, end, speakerName);
	if (trail) {
		source = trail.source;
		end = trail.at;
	}
	// Openers: "But", "However,", "In addition,", "According to ABC News,", "In Birmingham,".
	for (;;) {
		const t = tokens[first];
		const next = tokens[first + 1];
		if (!t) break;
		if (next && DISCOURSE_PAIRS.has(`${t.lower} ${next.lower}`) && tokens[first + 2]?.text === ",") {
			first += 3;
			continue;
		}
		if (DISCOURSE_OPENERS.has(t.lower) && (t.cap || first === 0)) {
			first += next?.text === "," ? 2 : 1;
			continue;
		}
		if ((t.cap && SUBORDINATORS.has(t.lower)) || (t.lower === "according" && next?.lower === "to")) {
			const comma = tokens.findIndex((x, i) => i > first && x.text === ",");
			if (comma < 0 || comma - first > 25 || comma >= end) break;
			const phrase = tokens.slice(first, comma);
			if (!quoted && phrase.some((x) => x.quoted)) break;
			if (t.lower === "according") {
				source = text(doc, sentence, first + 2, comma);
			} else if (PREPOSITIONS.has(t.lower) && comma - first <= 6 && !phrase.some((x) => verbForm(x.text)?.tense === "past")) {
				moved = lowerFirst(text(doc, sentence, first, comma), phrase[0], doc);
			}
			first = comma + 1;
			continue;
		}
		break;
	}
	const main = clauseAt(doc, sentence, first, end, source, moved, quoted);
	if (!main) return clauses;
	clauses.push(main);
	// Reported speech: "X said (that) CLAUSE", "X told Y (that) CLAUSE".
	const v = tokens[main.verb] as Token;
	let inner = main;
	if (SPEECH_VERBS.has(v.lower) || (REPORT_VERBS.has(v.lower) && tokens[main.verb + 1]?.lower === "that")) {
		let from = main.verb + 1;
		// "told the BBC that …", "warned in February that …": skip a short phrase up to "that".
		const that = tokens.findIndex((t, i) => i > main.verb && i <= main.verb + 5 && t.lower === "that");
		if (that > 0 && tokens.slice(main.verb + 1, that).every((t) => t.word && !t.quoted)) from = that;
		else if (TELL_VERBS.has(v.lower)) {
			while (from < end && (tokens[from] as Token).word && !verbForm((tokens[from] as Token).text)) from++;
			if (from - main.verb > 5) from = end;
		}
		if (tokens[from]?.lower === "that") from++;
		const who = speakerName(sentence, main.subjFirst) ?? main.subjectText;
		const reported = clauseAt(doc, sentence, from, end, who, "", quoted);
		if (reported && (quoted || !tokens[from]?.quoted)) {
			inner = { ...reported, synthetic: true };
			clauses.push(inner);
		}
	}
	// A second verb phrase of the innermost clause: "… and had burned about 10,000 hectares", "… and would publish details".
	for (let i = inner.verb + 2; i < end; i++) {
		const t = tokens[i] as Token;
		if (t.lower !== "and" && t.lower !== "but") continue;
		let j = i + 1;
		while (j < end && VERB_ADVERBS.has((tokens[j] as Token).lower)) j++;
		const f = tokens[j] ? verbForm((tokens[j] as Token).text) : undefined;
		if (f && (f.tense === "past" || f.tense === "aux" || f.tense === "3sg") && (quoted || !(tokens[j] as Token).quoted)) {
			clauses.push({ ...inner, verb: j, verbStart: i + 1, end, synthetic: true });
			break;
		}
	}
	return clauses;
}

/**
 * A clause over tokens [first, end): a subject, then its finite verb, or undefined. One aside
 * in commas may follow the subject ("Its chief executive, Maya Lindgren, said", "Headliner Nadia
 * Okoro, who grew up in Lagos …, closed"); a name in the aside becomes the subject shown.
 */
export function clauseAt(
	doc: Doc,
	sentence: Sentence,
	first: number,
	end: number,
	source: string,
	moved: string,
	quoted = false,
): Clause | undefined {
	const tokens = sentence.tokens;
	let shown: string | undefined;
	let coreLast = -1;
	let v = first + 1;
	while (v < end && v - first <= 18) {
		const t = tokens[v] as Token;
		if (t.text === ",") {
			if (coreLast >= 0) return undefined;
			const close = tokens.findIndex((x, i) => i > v && i < end && x.text === ",");
			if (close < 0 || close - v > 16) return undefined;
			const inner = tokens.slice(v + 1, close);
			if (inner.some((x) => (x.quoted && !quoted) || ["“", "”", '"', ";", ":"].includes(x.text))) return undefined;
			const isName = inner.length <= 4 && inner.every((x) => x.cap || ["of", "du", "de", "van", "von"].includes(x.lower));
			coreLast = v;
			shown = isName ? text(doc, sentence, v + 1, close) : undefined;
			v = close + 1;
			continue;
		}
		if (!t.word || (t.quoted && !quoted)) {
			v++;
			continue;
		}
		const f = verbForm(t.text);
		const prev = tokens[v - 1] as Token;
		const isVerb =
			f !== undefined &&
			!t.cap &&
			!["to", "the", "a", "an", "its", "their", "his", "her", "of", "this", "that", "these", "those", "my", "our", "your"].includes(
				prev.lower,
			) &&
			!(f.tense === "plain" && !(PLURAL_PRONOUNS.has(prev.lower) || /[a-z]s$/u.test(prev.lower) || prev.lower === "people")) &&
			!(f.tense === "3sg" && /s$/u.test(prev.lower) && !prev.cap && prev.lower !== "this" && prev.lower !== "it") &&
			!(f.tense === "past" && AUXILIARIES.has(prev.lower)) &&
			!((f.tense === "3sg" || f.tense === "plain") && FINITE_AUXILIARIES.has(tokens[v + 1]?.lower ?? ""));
		if (!isVerb) {
			if (coreLast >= 0) return undefined;
			v++;
			continue;
		}
		let subjLast = v;
		while (subjLast > first && VERB_ADVERBS.has((tokens[subjLast - 1] as Token).lower)) subjLast--;
		const core = coreLast >= 0 ? coreLast : subjLast;
		if (!validSubject(tokens, first, core, quoted)) return undefined;
		const subject = shown ?? text(doc, sentence, first, core);
		return {
			sentence,
			subjFirst: first,
			subjLast,
			subjectText: shown ? subject : lowerFirst(subject, tokens[first], doc),
			verb: v,
			verbStart: subjLast,
			end,
			source,
			moved,
			synthetic: false,
		};
	}
	return undefined;
}

function validSubject(tokens: readonly Token[], first: number, last: number, quoted: boolean): boolean {
	if (last <= first || last - first > 10) return false;
	const toks = tokens.slice(first, last);
	const head = toks.filter((t) => t.word).at(-1);
	if (!head) return false;
	if (FUNCTION_WORDS.has(head.lower) && !SUBJECT_PRONOUNS.has(head.lower)) return false;
	if (toks.some((t, i) => i > 0 && (SUBJECT_PRONOUNS.has(t.lower) || ["that", "which", "who", "whose", "where"].includes(t.lower))))
		return false;
	if (
		toks.some(
			(t, i) =>
				i > 0 && !t.cap && !t.quoted && (verbForm(t.text)?.tense === "past" || verbForm(t.text)?.tense === "aux") && !/ing$/u.test(t.lower),
		)
	)
		return false;
	if (toks.some((t) => (t.quoted && !quoted) || ["“", "”", '"', ";", ":", "(", ")", ","].includes(t.text))) return false;
	if (toks.some((t, i) => i > 0 && verbForm(t.text)?.tense === "past" && !t.cap && AUXILIARIES.has(toks[i - 1]?.lower ?? ""))) return false;
	return true;
}

/** ", according to X." / ", X said." / ", said X." at the end of a sentence: where it starts and who X is. */
function trailingAttribution(
	doc: Doc,
	sentence: Sentence,
	end: number,
	speakerName: (sentence: Sentence, token: number) => string | undefined,
): { at: number; source: string } | undefined {
	const tokens = sentence.tokens;
	for (let c = end - 1; c > 0; c--) {
		if ((tokens[c] as Token).text !== ",") continue;
		if (end - c > 14) return undefined;
		const rest = tokens.slice(c + 1, end);
		if ((tokens[c - 1] as Token).quoted || rest.some((t) => t.quoted)) return undefined;
		const words = rest.map((t) => t.lower);
		if (words[0] === "according" && words[1] === "to") return { at: c, source: text(doc, sentence, c + 3, end) };
		if ((words[0] === "said" || words[0] === "says") && rest.length <= 12 && !rest.slice(1).some((t) => verbForm(t.text) && !t.cap)) {
			return { at: c, source: speakerName(sentence, c + 2) ?? text(doc, sentence, c + 2, end) };
		}
		// ", the borough council said." or ", the borough council said on Tuesday."
		const verbAt = words.findIndex((w) => w === "said" || w === "says" || w === "announced");
		const after = words.slice(verbAt + 1);
		const timed = after.length === 0 || (after.length <= 3 && ["on", "in", "last", "yesterday", "today", "this"].includes(after[0] ?? ""));
		if (verbAt > 0 && verbAt <= 6 && timed) {
			return { at: c, source: speakerName(sentence, c + 1) ?? text(doc, sentence, c + 1, c + 1 + verbAt) };
		}
		return undefined;
	}
	return undefined;
}

/** The text of tokens [first, last) as written in the paragraph. */
export function text(doc: Doc, sentence: Sentence, first: number, last: number): string {
	const a = sentence.tokens[first];
	const b = sentence.tokens[last - 1];
	if (!a || !b || last <= first) return "";
	return (doc.paragraphs[sentence.paragraph] ?? "").slice(a.start, b.end);
}

/**
 * A capitalised first word that is a common word: a function word, a word the article also
 * writes in lower case, or a plural noun ("Prices", "Officials") that is no known place.
 */
export function isCommonWord(doc: Doc, lower: string): boolean {
	if (doc.capWords.has(lower)) return false;
	if (FUNCTION_WORDS.has(lower) || DISCOURSE_OPENERS.has(lower) || doc.lowerWords.has(lower)) return true;
	// A plural that opens a sentence is far more often a common noun ("Prices", "Officials") than a name; a name
	// the article also writes mid-sentence ("Rovers") is kept by the check above.
	const singular = lower.replace(/s$/u, "");
	if (PEOPLE_NOUNS.has(lower) || (singular !== lower && (ROLE_NOUNS.has(singular) || doc.lowerWords.has(singular)))) return true;
	return /[a-z]{3,}s$/u.test(lower) && !CITIES.has(lower) && !/(ss|us|is)$/u.test(lower);
}

/** Lowers the first letter of a phrase that opens a sentence when its first word is a common word, not a name. */
function lowerFirst(phrase: string, t: Token | undefined, doc: Doc): string {
	if (!t?.cap || /^\p{Lu}{2,}/u.test(t.text)) return phrase;
	return isCommonWord(doc, t.lower) ? phrase.charAt(0).toLowerCase() + phrase.slice(1) : phrase;
}

export interface Ask {
	/** The wh-phrase, lower case: "who", "how many trees", "what year", "where". */
	wh: string;
	/** Token range of the part asked about (including an approximator like "about"). */
	first: number;
	last: number;
	/** A preposition before the asked part goes to the front with it ("In what year"), or is dropped ("Where", "How long"). */
	preposition: "keep" | "drop";
	/** Allow a speech verb as the main verb, for an order ("told Xi to cut off …"), never for reported words. */
	order?: boolean;
	/** The word before the asked part is a particle of the verb ("cut off"), not a preposition: it stays. */
	particle?: boolean;
}

const FOLLOWERS = new Set([
	"and",
	"or",
	"but",
	"while",
	"when",
	"as",
	"because",
	"than",
	"each",
	"a",
	"an",
	"the",
	"last",
	"next",
	"this",
	"ago",
	"earlier",
	"later",
	"alone",
	"so",
	"if",
]);

/**
 * Turns a clause into a question about one of its parts, or undefined when the result would
 * not be safe English. `rename` replaces a pronoun subject with a name.
 */
export function ask(doc: Doc, clause: Clause, q: Ask, rename?: string): string | undefined {
	const tokens = clause.sentence.tokens;
	const subject = rename ?? subjectFor(clause);
	if (!subject) return undefined;
	// The subject itself: "Who said …?", "How many people were ordered …?".
	if (q.first <= clause.subjFirst && q.last >= clause.subjFirst && q.last <= clause.verb) {
		if (clause.subjFirst === clause.subjLast) return undefined;
		const restOfSubject = q.last < clause.subjLast ? text(doc, clause.sentence, q.last, clause.subjLast) : "";
		if (restOfSubject && !/^of\b/u.test(restOfSubject)) return undefined;
		const predicate = predicateText(doc, clause, clause.verb, clause.end, -1, -1);
		if (predicate === undefined) return undefined;
		return finish(clause, [q.wh, restOfSubject, predicate]);
	}
	if (q.first <= clause.verb || q.last > clause.end) return undefined;
	if ((SPEECH_VERBS.has((tokens[clause.verb] as Token).lower) && !q.order) || REPORT_VERBS.has((tokens[clause.verb] as Token).lower))
		return undefined;
	if (/^(not|no|none|nobody|nothing)\b/iu.test(subject)) return undefined;
	// Never reach into a subordinate clause, a phrase hanging off a noun ("a sword found in 1987") or a second verb phrase.
	for (let i = clause.verb + 1; i < q.first - 1; i++) {
		const t = tokens[i] as Token;
		if (t.quoted) continue;
		const prev = tokens[i - 1] as Token;
		const participle = verbForm(t.text)?.tense === "past" && /(ed|en|wn|nd|ght|lt|un)$/u.test(t.lower);
		if (
			participle &&
			i > clause.verb + 1 &&
			prev.word &&
			!AUXILIARIES.has(prev.lower) &&
			!VERB_ADVERBS.has(prev.lower) &&
			prev.lower !== "to" &&
			!verbForm(prev.text)
		)
			return undefined;
		if (SUBORDINATE.has(t.lower) && i !== q.first - 1 && opensClause(tokens, i)) return undefined;
		if ((t.lower === "and" || t.lower === "or" || t.lower === "but") && startsVerbPhrase(tokens, i + 1)) return undefined;
	}
	let from = q.first;
	let fronted = q.wh;
	const before = tokens[q.first - 1];
	if (before?.lower === "of") return undefined;
	if (before?.word && !before.cap && PREPOSITIONS.has(before.lower) && !q.particle) {
		if (q.preposition === "keep") fronted = `${before.lower} ${q.wh}`;
		from = q.first - 1;
	} else if (q.wh === "where") {
		return undefined;
	}
	if (from <= clause.verb) return undefined;
	// The asked part must not be a modifier of what follows ("a £300 million loan").
	const after = tokens[q.last];
	if (after?.word && !after.cap && !PREPOSITIONS.has(after.lower) && !FOLLOWERS.has(after.lower) && !VERB_ADVERBS.has(after.lower))
		return undefined;
	const v = tokens[clause.verb] as Token;
	const form = verbForm(v.text);
	if (!form) return undefined;
	const rest = predicateText(doc, clause, clause.verb + 1, clause.end, from, q.last);
	if (rest === undefined) return undefined;
	const adverbs = text(doc, clause.sentence, clause.verbStart, clause.verb);
	if (form.tense === "aux") return finish(clause, [fronted, v.lower, subject, adverbs, rest]);
	const plural = PLURAL_PRONOUNS.has(subject.toLowerCase()) || (/[a-z]s$/u.test(subject) && !/ss$/u.test(subject));
	const does = form.tense === "past" ? "did" : form.tense === "3sg" ? "does" : plural ? "do" : "does";
	return finish(clause, [fronted, does, subject, adverbs, form.base, rest]);
}

/** The subject as a question shows it, or undefined for a first- or second-person subject. */
function subjectFor(clause: Clause): string | undefined {
	const first = (clause.subjectText.split(/\s+/u)[0] ?? "").toLowerCase();
	if (["i", "we", "you", "me", "us"].includes(first)) return undefined;
	return clause.subjectText;
}

/** The predicate from token `from` to `to`, without the asked part [skipFirst, skipLast); undefined if a break or an odd quote is in the way. */
function predicateText(doc: Doc, clause: Clause, from: number, to: number, skipFirst: number, skipLast: number): string | undefined {
	const tokens = clause.sentence.tokens;
	let end = to;
	// A question stops at the first break after the asked part (a comma, semicolon, dash or quote), or at a second verb phrase.
	for (let i = Math.max(from, skipLast); i < to; i++) {
		const t = tokens[i] as Token;
		const coordinated = ["and", "but", "or"].includes(t.lower) && startsVerbPhrase(tokens, i + 1);
		if (
			CLAUSE_BREAKS.has(t.text) ||
			coordinated ||
			(skipFirst >= 0 && ["so", "because", "while", "whereas", "although"].includes(t.lower))
		) {
			end = i;
			break;
		}
	}
	if (skipFirst >= 0) {
		for (let i = from; i < skipFirst; i++) if (CLAUSE_BREAKS.has((tokens[i] as Token).text)) return undefined;
	}
	const parts =
		skipFirst >= 0
			? [text(doc, clause.sentence, from, skipFirst), text(doc, clause.sentence, skipLast, end)]
			: [text(doc, clause.sentence, from, end)];
	const joined = parts.filter((p) => p !== "").join(" ");
	if ((joined.match(/[“”"]/gu) ?? []).length % 2 !== 0) return undefined;
	return joined;
}

/** "after", "before", "since", "until", "as" open a clause only when a finite verb follows soon; otherwise they are prepositions. */
function opensClause(tokens: readonly Token[], i: number): boolean {
	const w = (tokens[i] as Token).lower;
	if (!["after", "before", "since", "until", "as"].includes(w)) return true;
	for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
		const f = verbForm((tokens[j] as Token).text);
		if (f && f.tense !== "plain" && !(tokens[j] as Token).cap) return true;
	}
	return false;
}

/** True when a verb (after any adverbs like "now") starts at token i: "… and now lives in Glasgow". */
function startsVerbPhrase(tokens: readonly Token[], i: number): boolean {
	let j = i;
	while (j < tokens.length && VERB_ADVERBS.has((tokens[j] as Token).lower)) j++;
	const t = tokens[j];
	return t !== undefined && !t.cap && t.word && verbForm(t.text) !== undefined && !["to", "a", "an", "the"].includes(t.lower);
}

/** Joins the parts, repeats a fronted phrase at the end, names the source, and makes it a question. */
function finish(clause: Clause, parts: readonly string[]): string | undefined {
	let body = parts.filter((p) => p.trim() !== "").join(" ");
	if (clause.moved) body = `${body} ${clause.moved}`;
	body = body
		.replace(/\s+([,.;:!?])/gu, "$1")
		.replace(/[\s,.;:]+$/u, "")
		.replace(/\s+/gu, " ");
	if (body.split(" ").length < 3) return undefined;
	const question = clause.source ? `According to ${clause.source}, ${body}` : body.charAt(0).toUpperCase() + body.slice(1);
	return `${question}?`;
}
