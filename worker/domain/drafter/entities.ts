/**
 * Named people, places, organisations and named things, found as runs of capitalised words and
 * typed by small cues: titles and role nouns ("US Defense Secretary Jim Mattis", "lawmaker Vitaly
 * Pashin"), organisation and place words ("Socialist Party", "River Wey"), a gazetteer of
 * countries and capitals, and the words around a name ("the town of Varnavas", "the journal
 * Nature Astronomy"). Later mentions by surname, acronym or pronoun are linked to the entity
 * introduced earlier, so a quote after "Chepa said" or "He added" has a full name.
 */
import {
	CITIES,
	COUNTRIES,
	DATE_WORDS,
	DISCOURSE_OPENERS,
	FUNCTION_WORDS,
	KNOWN_ORG_ACRONYMS,
	KNOWN_PLACE_ACRONYMS,
	NAME_TITLES,
	ORG_CUES,
	ORG_WORDS,
	PEOPLE_NOUNS,
	PERSON_PRONOUNS,
	PLACE_CUES,
	PLACE_WORDS,
	ROLE_NOUNS,
	SPEECH_VERBS,
} from "./lexicon";
import { type Doc, fold, type Sentence, type Token } from "./text";

export type EntityKind = "person" | "org" | "place" | "thing" | "unknown";

export interface Mention {
	entity: number;
	paragraph: number;
	sentence: number;
	/** Token range of the name within its sentence, [first, last). */
	first: number;
	last: number;
	/** Offsets of the name in its paragraph (no title, no possessive ending). */
	start: number;
	end: number;
	/** True when a pronoun ("he", "she") stands for the entity here. */
	pronoun: boolean;
}

/** A phrase that describes an entity in the text: "US Defense Secretary", "a member of …". */
export interface Role {
	entity: number;
	/** The phrase as written ("Russian lawmaker", "a member of the …", "leads the largest teachers’ union"). */
	text: string;
	paragraph: number;
	sentence: number;
	/** Offsets covering the role and the name together: a verbatim evidence span. */
	start: number;
	end: number;
	/** Before the name, in apposition, or in a who-clause. */
	form: "title" | "apposition" | "relative";
}

export interface Entity {
	id: number;
	kind: EntityKind;
	/** The fullest form of the name as written. */
	name: string;
	/** Surname (people) or a shorter form the text uses ("Chepa", "UN"); "" when none. */
	short: string;
	/** True when the text itself uses `short` alone (not only our guess of a surname). */
	shortSeen: boolean;
	mentions: Mention[];
	roles: Role[];
	/** A common noun the name was used with ("missile" in "Hwasong-15 missile"). */
	head: string;
	/** How sure the kind is: 0 guess, 1 context, 2 explicit cue. */
	confidence: number;
}

export interface Demonym {
	text: string;
	country: string;
	paragraph: number;
	sentence: number;
	start: number;
	end: number;
}

export interface Entities {
	list: Entity[];
	/** Every mention, in reading order. */
	mentions: Mention[];
	/** The mentions of each sentence, by sentence index (for quick look-ups). */
	bySentence: ReadonlyMap<number, readonly Mention[]>;
	/** Nationality adjectives seen ("Japanese", "Russian"). */
	demonyms: Demonym[];
}

const CONNECTORS = new Set(["of", "for", "de", "du", "da", "del", "van", "von", "der", "la", "le", "al", "bin", "&"]);
const DEMONYMS = new Map<string, string>(COUNTRIES.map(([country, adj]) => [fold(adj), country]));
const COUNTRY_NAMES = new Set(COUNTRIES.map(([country]) => fold(country)));
const HONORIFICS = new Set(["dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady", "rev"]);
const MALE_TITLES = new Set(["mr", "sir", "lord", "king", "prince"]);
const FEMALE_TITLES = new Set(["mrs", "ms", "miss", "dame", "lady", "queen", "princess"]);
const PLACE_PREPOSITIONS = new Set([
	"in",
	"at",
	"from",
	"near",
	"into",
	"across",
	"towards",
	"toward",
	"around",
	"outside",
	"through",
	"to",
]);
const EVENT_WORDS = new Set([
	"cup",
	"festival",
	"championship",
	"championships",
	"games",
	"olympics",
	"summit",
	"conference",
	"league",
	"award",
	"awards",
	"prize",
]);
const APPOSITION_OPENERS = new Set(["a", "an", "the", "its", "his", "her", "their"]);
const BOUNDARY_MARKS = new Set([",", ";", ".", "—", "–", "“", "”", '"', ":", "(", ")", "!", "?"]);

type Votes = Record<EntityKind, number>;
type Gender = "m" | "f" | "";

interface Draft {
	name: string;
	key: string;
	votes: Votes;
	mentions: Mention[];
	roles: Role[];
	head: string;
	gender: Gender;
}

/** Everything one call builds; nothing is kept between calls. */
interface Ctx {
	doc: Doc;
	drafts: Draft[];
	byKey: Map<string, number>;
}

/** Finds and types every named entity of the article and links later mentions to it. */
export function findEntities(doc: Doc): Entities {
	const ctx: Ctx = { doc, drafts: [], byKey: new Map() };
	const midCaps = capitalisedMidSentence(doc);
	const lower = doc.lowerWords;
	const demonyms: Demonym[] = [];
	for (const sentence of doc.sentences) {
		for (const [runFirst, runLast] of capitalisedRuns(sentence)) {
			const tokens = sentence.tokens;
			let first = runFirst;
			while (first < runLast && isOpener(tokens[first] as Token)) first++;
			if (first >= runLast) continue;
			const t0 = tokens[first] as Token;
			const single = runLast - first === 1;
			if (single && DEMONYMS.has(t0.lower) && !COUNTRY_NAMES.has(t0.lower)) {
				const country = DEMONYMS.get(t0.lower) ?? "";
				demonyms.push({ text: t0.text, country, paragraph: sentence.paragraph, sentence: sentence.index, start: t0.start, end: t0.end });
				continue;
			}
			if (single && isSentenceInitial(sentence, first) && !keepsInitialWord(t0, tokens[first + 1], midCaps, lower)) continue;
			splitRun(ctx, sentence, first, runLast);
		}
	}
	const { list, genders } = mergeAliases(ctx.drafts);
	typeByCoordination(doc, list);
	resolvePronouns(doc, list, genders);
	const mentions = list.flatMap((e) => e.mentions).sort(compareMentions);
	const bySentence = new Map<number, Mention[]>();
	for (const m of mentions) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m]);
	return { list, mentions, demonyms, bySentence };
}

/** Reading order: paragraph, sentence, offset. */
export function compareMentions(a: Mention, b: Mention): number {
	return a.paragraph - b.paragraph || a.sentence - b.sentence || a.start - b.start;
}

/** Records a mention of the name at tokens [first, last) with votes for its kind. */
function addMention(ctx: Ctx, sentence: Sentence, first: number, last: number, votes: Partial<Votes>, gender: Gender = ""): Draft {
	const toks = sentence.tokens.slice(first, last);
	const start = toks[0]?.start ?? 0;
	const end = nameEnd(toks.at(-1));
	const name = (ctx.doc.paragraphs[sentence.paragraph] ?? "").slice(start, end);
	const key = fold(name);
	let id = ctx.byKey.get(key);
	if (id === undefined) {
		id = ctx.drafts.length;
		ctx.byKey.set(key, id);
		ctx.drafts.push({
			name,
			key,
			votes: { person: 0, org: 0, place: 0, thing: 0, unknown: 0 },
			mentions: [],
			roles: [],
			head: "",
			gender: "",
		});
	}
	const d = ctx.drafts[id] as Draft;
	for (const [k, v] of Object.entries(votes) as [EntityKind, number][]) d.votes[k] += v;
	if (gender && !d.gender) d.gender = gender;
	if (!d.mentions.some((m) => m.paragraph === sentence.paragraph && m.start === start)) {
		d.mentions.push({ entity: id, paragraph: sentence.paragraph, sentence: sentence.index, first, last, start, end, pronoun: false });
	}
	return d;
}

function addRole(ctx: Ctx, d: Draft, sentence: Sentence, text: string, start: number, end: number, form: Role["form"]): void {
	const id = ctx.drafts.indexOf(d);
	if (text.trim() === "" || d.roles.some((r) => r.paragraph === sentence.paragraph && r.start === start)) return;
	d.roles.push({ entity: id, text, paragraph: sentence.paragraph, sentence: sentence.index, start, end, form });
}

/** Records the words of `phrase`, as the paragraph writes them, as a role of the entity. */
function addPhraseRole(
	ctx: Ctx,
	d: Draft,
	sentence: Sentence,
	phrase: readonly Token[],
	start: number,
	end: number,
	form: Role["form"],
): void {
	const p = ctx.doc.paragraphs[sentence.paragraph] ?? "";
	addRole(ctx, d, sentence, p.slice((phrase[0] as Token).start, (phrase.at(-1) as Token).end), start, end, form);
}

/**
 * Splits one capitalised run into a title or role ("US Ambassador to the UN") and the name it
 * introduces, types a plain name from its words and context, and records roles in apposition.
 */
function splitRun(ctx: Ctx, sentence: Sentence, first: number, last: number): void {
	const tokens = sentence.tokens;
	let titleEnd = -1;
	for (let i = first; i < last; i++) {
		const w = bare(tokens[i] as Token);
		const afterConnector = i > first && !(tokens[i - 1] as Token).cap;
		if ((NAME_TITLES.has(w) || (ROLE_NOUNS.has(w) && i > first)) && !afterConnector) titleEnd = i;
	}
	// "Librarian Grace Whitfield" at the start of a sentence: a job word (-er, -or, -ist, -ian, -ant, -ent) before a two-word name.
	const opener = tokens[first] as Token;
	if (
		titleEnd < 0 &&
		last - first >= 3 &&
		isSentenceInitial(sentence, first) &&
		/(er|or|ist|ian|ant|ent)$/u.test(opener.lower) &&
		isPlainNameWord(tokens[first + 1] as Token)
	) {
		if (!ORG_WORDS.has(opener.lower) && !PLACE_WORDS.has(opener.lower)) titleEnd = first;
	}
	if (titleEnd >= 0 && titleEnd < last - 1) {
		let nameFirst = titleEnd + 1;
		let nameLast = last;
		const afterTitle = tokens[nameFirst] as Token;
		if (CONNECTORS.has(afterTitle.lower) || afterTitle.lower === "to" || afterTitle.lower === "the") {
			// "Ambassador to the UN Nikki Haley": the name is the plain words at the end.
			nameFirst = last;
			while (nameFirst > titleEnd + 1 && isPlainNameWord(tokens[nameFirst - 1] as Token) && last - nameFirst < 3) nameFirst--;
		} else {
			// "Professor Mark Ellison of the University of Leeds": the name stops at a connector.
			const stop = tokens.slice(nameFirst, last).findIndex((t) => !isPlainNameWord(t));
			if (stop >= 0) nameLast = nameFirst + stop;
		}
		if (nameFirst < nameLast) {
			const titleWord = bare(tokens[first] as Token);
			const gender: Gender = MALE_TITLES.has(titleWord) ? "m" : FEMALE_TITLES.has(titleWord) ? "f" : "";
			const d = addMention(ctx, sentence, nameFirst, nameLast, { person: 3 }, gender);
			const roleFirst = extendRoleLeft(tokens, first);
			const roleToks = tokens.slice(roleFirst, nameFirst);
			if (!(roleToks.length === 1 && HONORIFICS.has(bare(roleToks[0] as Token)))) {
				const roleStart = (roleToks[0] as Token).start;
				const honorific = HONORIFICS.has(bare(roleToks[0] as Token)) ? 1 : 0;
				const shown = roleToks.slice(honorific);
				if (shown.length > 0) addPhraseRole(ctx, d, sentence, shown, roleStart, nameEnd(tokens[nameLast - 1]), "title");
			}
			describe(ctx, sentence, d, nameFirst, nameLast, "person");
			let rest = nameLast;
			while (rest < last && !isNameWord(tokens[rest])) rest++;
			if (rest < last) typeName(ctx, sentence, rest, last);
			return;
		}
	}
	typeName(ctx, sentence, first, last);
}

/** Types a plain name from its own words and the words around it, then records it. */
function typeName(ctx: Ctx, sentence: Sentence, first: number, last: number): void {
	const tokens = sentence.tokens;
	const toks = tokens.slice(first, last);
	const words = toks.map(bare);
	const joined = words.join(" ");
	const votes: Partial<Votes> = {};
	const vote = (k: EntityKind, n: number) => {
		votes[k] = (votes[k] ?? 0) + n;
	};
	const lastWord = words.at(-1) ?? "";
	const det = tokens[first - 1]?.lower === "the" ? 1 : 0;
	const before = tokens[first - 1 - det];
	const before2 = tokens[first - 2 - det];
	const after = tokens[last];
	const cue = before?.word && !before.cap ? before.lower : "";
	if (
		after?.word &&
		!after.cap &&
		(ROLE_NOUNS.has(after.lower) || ROLE_NOUNS.has(after.lower.replace(/s$/u, ""))) &&
		!words.some((w) => ORG_WORDS.has(w) || PLACE_WORDS.has(w))
	) {
		// "Liberal Democrat councillors", "Rovers manager": a modifier of a role, not a name on its own.
		if (!words.some((w) => COUNTRY_NAMES.has(w))) return;
	}
	if (words.some((w) => ORG_WORDS.has(w)) || KNOWN_ORG_ACRONYMS.has(joined)) vote("org", 3);
	if (PLACE_WORDS.has(lastWord) || (words.length > 1 && PLACE_WORDS.has(words[0] ?? ""))) vote("place", 3);
	if (COUNTRY_NAMES.has(joined) || CITIES.has(joined) || KNOWN_PLACE_ACRONYMS.has(joined)) vote("place", 4);
	if (DEMONYMS.has(joined) && !COUNTRY_NAMES.has(joined)) return;
	if (/\p{N}/u.test(joined) || words.some((w) => EVENT_WORDS.has(w))) vote("thing", 2);
	if (ORG_CUES.has(cue)) vote("org", 2);
	if (PLACE_CUES.has(cue) || (cue === "of" && before2 !== undefined && PLACE_CUES.has(before2.lower))) vote("place", 2);
	if (cue === "called" || cue === "named") vote("thing", 3);
	if (ROLE_NOUNS.has(cue) || /^\d+-year-old$/u.test(cue)) vote("person", 3);
	if (PLACE_PREPOSITIONS.has(cue)) vote("place", 1);
	if (toks.length >= 2 && toks.length <= 3 && toks.every(isPlainNameWord)) vote("person", 0.5);
	if (toks.length === 1 && /^\p{Lu}{2,}$/u.test(toks[0]?.text ?? "") && !votes.org && !votes.place) vote("thing", 1);
	if (after?.word && !after.cap && SPEECH_VERBS.has(after.lower) && !votes.org && !votes.place) vote("person", 1);
	const d = addMention(ctx, sentence, first, last, votes);
	const possessive = /'s$/u.test(toks.at(-1)?.lower ?? "");
	const coded = /\p{N}/u.test(joined) || (toks.length === 1 && /^\p{Lu}{2,}$/u.test(toks[0]?.text ?? ""));
	if (coded && !d.head && after?.word && !after.cap && !possessive && !FUNCTION_WORDS.has(after.lower) && !SPEECH_VERBS.has(after.lower)) {
		d.head = after.lower;
	}
	if (ROLE_NOUNS.has(cue)) {
		// A role noun in lower case just before the name: "Russian lawmaker Vitaly Pashin".
		const roleFirst = extendRoleLeft(tokens, first - 1);
		const p = ctx.doc.paragraphs[sentence.paragraph] ?? "";
		const roleStart = (tokens[roleFirst] as Token).start;
		addRole(ctx, d, sentence, p.slice(roleStart, (before as Token).end), roleStart, nameEnd(toks.at(-1)), "title");
	}
	describe(ctx, sentence, d, first, last, votes.org || votes.place ? "org" : "person");
}

/**
 * Apposition ("Alexei Chepa, a member of …", "Its leader, Rui Marques,"), who-clauses ("Ana
 * Pereira, who leads the largest teachers’ union,") and ages ("Maria Antonopoulou, 72,"): each
 * describes the entity and, for people, confirms it is a person.
 */
function describe(ctx: Ctx, sentence: Sentence, d: Draft, first: number, last: number, as: "person" | "org"): void {
	const tokens = sentence.tokens;
	const nameStart = (tokens[first] as Token).start;
	if (tokens[last]?.text === ",") {
		const next = tokens[last + 1];
		if (next && APPOSITION_OPENERS.has(next.lower)) {
			const end = phraseEnd(tokens, last + 1);
			const phrase = tokens.slice(last + 1, end);
			const cues = as === "org" ? ORG_CUES : ROLE_NOUNS;
			if (phrase.length >= 2 && phrase.length <= 16 && phrase.some((t) => cues.has(t.lower))) {
				d.votes[as] += 2;
				addPhraseRole(ctx, d, sentence, phrase, nameStart, (phrase.at(-1) as Token).end, "apposition");
			}
		} else if (next?.lower === "who" && as === "person") {
			const end = phraseEnd(tokens, last + 2);
			const phrase = tokens.slice(last + 2, end);
			if (phrase.length >= 2) {
				d.votes.person += 2;
				addPhraseRole(ctx, d, sentence, phrase, nameStart, (phrase.at(-1) as Token).end, "relative");
			}
		} else if (next && /^\d{1,3}$/u.test(next.text) && tokens[last + 2]?.text === "," && as === "person") {
			d.votes.person += 2;
		}
	}
	// Apposition before the name: "Its leader, Rui Marques," / "City's manager, Rosa Lindqvist,".
	if (as === "person" && tokens[first - 1]?.text === "," && tokens[last]?.text === ",") {
		let start = first - 1;
		while (
			start > 0 &&
			(tokens[start - 1] as Token).word &&
			!["said", "and", "but", "when", "while"].includes((tokens[start - 1] as Token).lower)
		)
			start--;
		const phrase = tokens.slice(start, first - 1);
		if (phrase.length >= 1 && phrase.length <= 7 && phrase.some((t) => ROLE_NOUNS.has(bare(t)))) {
			d.votes.person += 2;
			addPhraseRole(ctx, d, sentence, phrase, (phrase[0] as Token).start, nameEnd(tokens[last - 1]), "apposition");
		}
	}
}

/** Where a phrase in apposition ends: the next comma, semicolon, dash, quote, who-clause or sentence end. */
function phraseEnd(tokens: readonly Token[], from: number): number {
	let i = from;
	while (i < tokens.length) {
		const t = tokens[i] as Token;
		if (BOUNDARY_MARKS.has(t.text) || (t.lower === "who" && i > from)) break;
		i++;
	}
	return i;
}

/** Extends a role to the left over up to three modifiers ("Russian lawmaker", "fire service spokesman"). */
function extendRoleLeft(tokens: readonly Token[], from: number): number {
	let i = from;
	while (i > 0 && from - i < 3) {
		const t = tokens[i - 1] as Token;
		if (!t.word || FUNCTION_WORDS.has(t.lower) || SPEECH_VERBS.has(t.lower) || DATE_WORDS.has(t.lower) || /\p{N}/u.test(t.text)) break;
		if (/(ed|ing|ly)$/u.test(t.lower) || t.quoted !== (tokens[from] as Token).quoted) break;
		i--;
	}
	return i;
}

/** Runs of capitalised words as token ranges, joined over connectors ("Bank of Canada") and ended by a possessive. */
function capitalisedRuns(sentence: Sentence): [number, number][] {
	const runs: [number, number][] = [];
	const tokens = sentence.tokens;
	let i = 0;
	while (i < tokens.length) {
		if (!isNameWord(tokens[i])) {
			i++;
			continue;
		}
		const first = i;
		let j = i + 1;
		if (!isPossessive(tokens[i] as Token) || continuesName(tokens[j])) {
			while (j < tokens.length) {
				const t = tokens[j] as Token;
				if (t.quoted !== (tokens[first] as Token).quoted) break;
				if (isNameWord(t) && t.start <= (tokens[j - 1] as Token).end + 1) {
					j++;
					if (isPossessive(t) && !continuesName(tokens[j])) break;
					continue;
				}
				const gap = connectorGap(tokens, j);
				if (gap > 0 && isNameWord(tokens[j + gap])) {
					j += gap;
					continue;
				}
				break;
			}
		}
		runs.push([first, j]);
		i = j;
	}
	return runs;
}

/** How many connector tokens start at j inside a name ("of", "of the", "to the" after a title), or 0. */
function connectorGap(tokens: readonly Token[], j: number): number {
	const a = tokens[j];
	const b = tokens[j + 1];
	if (!a || a.cap) return 0;
	const prev = tokens[j - 1] as Token;
	if (a.lower === "to") return b?.lower === "the" && NAME_TITLES.has(bare(prev)) ? 2 : 0;
	if ((a.lower === "of" || a.lower === "for") && b?.lower === "the") return 2;
	return CONNECTORS.has(a.lower) ? 1 : 0;
}

/** A capitalised word that can be part of a name: not a month, weekday or the pronoun "I". */
function isNameWord(t: Token | undefined): boolean {
	if (!t?.word || !t.cap) return false;
	return t.text !== "I" && !/^I['’]/u.test(t.text) && !DATE_WORDS.has(t.lower);
}

/** A name word that is no organisation, place, title or nationality word and no acronym: part of a person's name. */
function isPlainNameWord(t: Token): boolean {
	if (!isNameWord(t) || /^\p{Lu}{2,}$/u.test(t.text) || /\p{N}/u.test(t.text)) return false;
	const w = bare(t);
	return !ORG_WORDS.has(w) && !PLACE_WORDS.has(w) && !NAME_TITLES.has(w) && !COUNTRY_NAMES.has(w) && !DEMONYMS.has(w) && !CITIES.has(w);
}

/** A word folded, without a trailing possessive or full stop. */
function bare(t: Token): string {
	return t.lower.replace(/'s$/u, "").replace(/\.$/u, "");
}

/** After a possessive, a name goes on only into an organisation or place word ("King’s College London"). */
function continuesName(t: Token | undefined): boolean {
	return t !== undefined && isNameWord(t) && (ORG_WORDS.has(bare(t)) || PLACE_WORDS.has(bare(t)));
}

function isPossessive(t: Token): boolean {
	return /['’]s$/u.test(t.text);
}

function nameEnd(t: Token | undefined): number {
	if (!t) return 0;
	return isPossessive(t) ? t.end - 2 : t.end;
}

function isOpener(t: Token): boolean {
	if (/^\p{Lu}{2,}$/u.test(t.text)) return false;
	return FUNCTION_WORDS.has(t.lower) || DISCOURSE_OPENERS.has(t.lower) || t.lower === "according" || t.lower === "not";
}

/** First word of the sentence, or first word after an opening quotation mark. */
function isSentenceInitial(sentence: Sentence, i: number): boolean {
	if (i === 0) return true;
	const before = sentence.tokens[i - 1] as Token;
	return ["“", '"', "(", "‘"].includes(before.text);
}

/** A capitalised first word is a name when it is a known place, capitalised mid-sentence elsewhere, or a speaker. */
function keepsInitialWord(t: Token, next: Token | undefined, midCaps: ReadonlySet<string>, lower: ReadonlySet<string>): boolean {
	const w = bare(t);
	if (COUNTRY_NAMES.has(w) || CITIES.has(w) || KNOWN_ORG_ACRONYMS.has(w) || KNOWN_PLACE_ACRONYMS.has(w)) return true;
	if (lower.has(w) || FUNCTION_WORDS.has(w) || ROLE_NOUNS.has(w.replace(/s$/u, "")) || PEOPLE_NOUNS.has(w)) return false;
	if (midCaps.has(w)) return true;
	return next !== undefined && SPEECH_VERBS.has(next.lower);
}

function capitalisedMidSentence(doc: Doc): Set<string> {
	const seen = new Set<string>();
	for (const s of doc.sentences) {
		s.tokens.forEach((t, i) => {
			if (isNameWord(t) && !isSentenceInitial(s, i)) seen.add(bare(t));
		});
	}
	return seen;
}

/**
 * An untyped name joined by "and" or "or" to a typed one takes its kind: "the suburbs of
 * Marathon and Dionysos" makes Dionysos a place.
 */
function typeByCoordination(doc: Doc, list: Entity[]): void {
	const all = list.flatMap((e) => e.mentions.map((m) => ({ e, m })));
	for (const e of list) {
		if (e.kind !== "unknown") continue;
		for (const m of e.mentions) {
			const tokens = doc.sentences[m.sentence]?.tokens ?? [];
			const link = tokens[m.first - 1];
			const neighbour =
				link && (link.lower === "and" || link.lower === "or")
					? all.find((x) => x.m.sentence === m.sentence && x.m.last === m.first - 1 && x.e.kind !== "unknown")
					: all.find(
							(x) =>
								x.m.sentence === m.sentence &&
								x.m.first === m.last + 1 &&
								["and", "or"].includes(tokens[m.last]?.lower ?? "") &&
								x.e.kind !== "unknown",
						);
			if (neighbour) {
				e.kind = neighbour.e.kind;
				e.confidence = 1;
				break;
			}
		}
	}
}

/** Initials of the capitalised words of a name: "United Nations" -> "UN". */
export function acronym(name: string): string {
	return name
		.split(/\s+/u)
		.filter((w) => /^\p{Lu}/u.test(w))
		.map((w) => w.charAt(0))
		.join("");
}

/**
 * Merges a surname ("Chepa") into the one person named in full with it ("Alexei Chepa"), an
 * acronym ("UN") into the organisation it abbreviates, and a last word ("Rovers") into the one
 * name that ends with it; then settles each entity's kind by its votes.
 */
function mergeAliases(drafts: readonly Draft[]): { list: Entity[]; genders: Gender[] } {
	const target = drafts.map((d, i) => {
		if (d.key.includes(" ")) return i;
		const multi = drafts.filter((m) => m.key.includes(" "));
		const byLast = multi.filter((m) => m.key.split(" ").at(-1) === d.key);
		const byAcronym = multi.filter((m) => acronym(m.name) === d.name && d.name.length >= 2);
		const pick = byLast.length === 1 ? byLast[0] : byAcronym.length === 1 ? byAcronym[0] : undefined;
		return pick ? drafts.indexOf(pick) : i;
	});
	const list: Entity[] = [];
	const newId = new Map<number, number>();
	const votes: Votes[] = [];
	const genders: Gender[] = [];
	drafts.forEach((d, i) => {
		if (target[i] !== i) return;
		newId.set(i, list.length);
		list.push({
			id: list.length,
			kind: "unknown",
			name: d.name,
			short: "",
			shortSeen: false,
			mentions: [],
			roles: [],
			head: d.head,
			confidence: 0,
		});
		votes.push({ ...d.votes });
		genders.push(d.gender);
	});
	drafts.forEach((d, i) => {
		const id = newId.get(target[i] as number) as number;
		const e = list[id] as Entity;
		if (target[i] !== i) {
			const v = votes[id] as Votes;
			for (const k of Object.keys(v) as EntityKind[]) v[k] += d.votes[k];
			e.short = d.name;
			e.shortSeen = true;
			if (!genders[id]) genders[id] = d.gender;
			if (!e.head) e.head = d.head;
		}
		for (const m of d.mentions) e.mentions.push({ ...m, entity: id });
		for (const r of d.roles)
			if (!e.roles.some((x) => x.paragraph === r.paragraph && x.start === r.start)) e.roles.push({ ...r, entity: id });
	});
	for (const e of list) {
		const ranked = (Object.entries(votes[e.id] as Votes) as [EntityKind, number][]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
		const best = ranked[0];
		e.kind = best ? best[0] : "unknown";
		e.confidence = best ? (best[1] >= 2 ? 2 : 1) : 0;
		if (!e.short && e.kind === "person" && e.name.includes(" ")) e.short = e.name.split(" ").at(-1) ?? "";
		e.mentions.sort(compareMentions);
		e.roles.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
	}
	return { list, genders };
}

/**
 * Links "he" and "she" to a person: the last person named earlier in the same sentence outside
 * a quotation, or else the first person (the subject) of the nearest earlier sentence that names
 * one; a person already linked to the other pronoun, or titled Mr or Ms, is skipped.
 */
function resolvePronouns(doc: Doc, list: readonly Entity[], genders: readonly Gender[]): void {
	const people = list.filter((e) => e.kind === "person");
	if (people.length === 0) return;
	const gender = new Map<number, Gender>(people.map((e) => [e.id, genders[e.id] ?? ""]));
	const named = (sentenceIndex: number) =>
		people
			.flatMap((e) => e.mentions.filter((m) => m.sentence === sentenceIndex && !m.pronoun).map((m) => ({ e, m })))
			.sort((a, b) => a.m.start - b.m.start);
	for (const sentence of doc.sentences) {
		sentence.tokens.forEach((t, i) => {
			if (!PERSON_PRONOUNS.has(t.lower)) return;
			const g: Gender = t.lower === "he" ? "m" : "f";
			const fits = (e: Entity) => {
				const known = gender.get(e.id);
				return !known || known === g;
			};
			const same = named(sentence.index).filter((x) => x.m.start < t.start && !sentence.tokens[x.m.first]?.quoted && fits(x.e));
			let pick = same.at(-1)?.e;
			for (let s = sentence.index - 1; !pick && s >= 0 && sentence.index - s <= 4; s--) {
				const earlier = named(s).filter((x) => fits(x.e));
				const unquoted = earlier.filter((x) => !doc.sentences[s]?.tokens[x.m.first]?.quoted);
				pick = (unquoted[0] ?? earlier[0])?.e;
			}
			if (!pick) return;
			if (!gender.get(pick.id)) gender.set(pick.id, g);
			pick.mentions.push({
				entity: pick.id,
				paragraph: sentence.paragraph,
				sentence: sentence.index,
				first: i,
				last: i + 1,
				start: t.start,
				end: t.end,
				pronoun: true,
			});
		});
	}
	for (const e of people) e.mentions.sort(compareMentions);
}

/** The entity mentioned at a token of a sentence (names and resolved pronouns), if any. */
export function entityAt(ents: Entities, sentence: number, token: number): { entity: Entity; mention: Mention } | undefined {
	for (const m of ents.bySentence.get(sentence) ?? []) {
		if (token >= m.first && token < m.last) {
			const entity = ents.list[m.entity];
			if (entity) return { entity, mention: m };
		}
	}
	return undefined;
}
