/**
 * Questions about facts: numbers with their context ("How many trees …?", "In what year …?"),
 * names in their role ("Where did Nadia Okoro grow up?", "Which organisation has kept …?",
 * "How does the article describe Jim Mattis?"), named things ("What is the name of North Korea’s
 * missile …?"). A fact that no safe question can be formed about becomes a gap-fill question.
 */
import {
	type Analysis,
	type Candidate,
	capitalise,
	clausesAround,
	type Frame,
	kindNoun,
	placeKind,
	sameKind,
	says,
	sentenceSpan,
	shortAnswer,
	shown,
	singleChoice,
	skillFor,
	span,
	styled,
	trueFalse,
} from "./candidate";
import { answerKey, hash, leaks, pickDistinct } from "./choices";
import { type Ask, ask, type Clause, isCommonWord, text, verbForm } from "./clause";
import { type Entity, entityAt, type Mention } from "./entities";
import { FUNCTION_WORDS, NUMBER_WORDS, ROLE_NOUNS, SPEECH_VERBS, VERB_ADVERBS } from "./lexicon";
import { acceptedForms, alternatives, type Quantity, render, UNIT_NAMES } from "./numbers";
import type { Doc, Sentence, Token } from "./text";

const CHANGE_VERBS = new Set([
	"rose",
	"rise",
	"rises",
	"fell",
	"fall",
	"falls",
	"grew",
	"grow",
	"grows",
	"increased",
	"increase",
	"dropped",
	"climbed",
	"jumped",
	"declined",
	"cut",
	"raised",
	"doubled",
	"shrank",
]);
const MAX_PROMPT = 240;

/** Number questions: a wh-question when one can be formed safely, else a gap-fill. */
export function numberQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const q of a.quantities) {
		const sentence = a.doc.sentences[q.sentence] as Sentence;
		const ev = sentenceSpan(a.doc, sentence);
		const answer = q.kind === "age" ? String(q.value) : render(q, q.value);
		const alts = alternatives(q, a.quantities, hash(ev.quote));
		const fact = `${q.paragraph}:${q.sentence}:num:${q.first}`;
		const prompt = q.kind === "age" ? agePrompt(a, q) : numberPrompt(a, q);
		const interest = q.kind === "date" ? -0.4 : q.kind === "count" || q.kind === "percent" || q.kind === "money" ? 0.2 : 0;
		if (prompt && !leaks(prompt, answer)) {
			const frame: Frame = { kind: "number", ev, fact, idHint: prompt, skill: skillFor(answer, ev) };
			const single = singleChoice(frame, 4.5 + interest, prompt, pickDistinct(answer, alts, 4), answer, true);
			if (single) out.push(single);
			const hint =
				q.kind === "year"
					? "Answer with a year."
					: q.kind === "date"
						? q.unit === "weekday"
							? "Answer with a day of the week."
							: q.unit === "month"
								? "Answer with a month."
								: "Answer with a date."
						: q.kind === "duration"
							? "Answer with a length of time, like “two weeks”."
							: "Answer with a number.";
			out.push(shortAnswer(frame, 4.2 + interest, `${prompt} ${hint}`, q.kind === "age" ? [answer] : acceptedForms(q)));
		} else if (q.kind !== "age") {
			const noun =
				q.kind === "year" ? "year" : q.kind === "date" ? (q.unit === "weekday" ? "day" : q.unit === "month" ? "month" : "date") : "number";
			const gap = gapQuestion(a, sentence, q.start, q.end, q.text, alts, noun, true);
			if (gap) out.push({ ...gap, fact, score: 2.6 + interest });
		}
	}
	return out;
}

/** The wh-question for a quantity in its clause, or undefined. */
function numberPrompt(a: Analysis, q: Quantity): string | undefined {
	const tokens = (a.doc.sentences[q.sentence] as Sentence).tokens;
	const before = tokens[q.lead - 1]?.lower ?? "";
	let asked: Ask | undefined;
	const last = Math.max(q.last, q.nounLast);
	// "8.1 million tonnes of wheat", "120 km of the comet": the of-phrase goes with the number.
	const of = ofPhrase(tokens, last);
	const ofText = of > last ? ` ${text(a.doc, a.doc.sentences[q.sentence] as Sentence, last, of)}` : "";
	switch (q.kind) {
		case "count":
			asked = { wh: `how many ${q.noun}${ofText}`, first: q.lead, last: of, preposition: "keep" };
			break;
		case "percent": {
			const ofFollows = tokens[q.last]?.lower === "of";
			const change = CHANGE_VERBS.has(before) && !ofFollows;
			if (!change && before !== "by" && PREPOSITION_WORDS.has(before)) return undefined;
			asked = { wh: change ? "by what percentage" : "what percentage", first: q.lead, last: q.last, preposition: "keep" };
			break;
		}
		case "money":
			asked = { wh: "how much", first: q.lead, last: q.last, preposition: "keep" };
			break;
		case "year":
			if (!["in", "since", "by", "until", "from", "before", "after"].includes(before)) return undefined;
			asked = { wh: "what year", first: q.lead, last: q.last, preposition: "keep" };
			break;
		case "date": {
			if (!["on", "in", "by", "until", "since", "from"].includes(before)) return undefined;
			const wh = q.unit === "weekday" ? "what day" : q.unit === "month" ? "what month" : "what date";
			asked = { wh, first: q.lead, last: q.last, preposition: "keep" };
			break;
		}
		case "measure": {
			const unit = q.unit.startsWith("sq ") ? `square ${UNIT_NAMES[q.unit.slice(3)] ?? q.unit.slice(3)}` : UNIT_NAMES[q.unit];
			if (!unit || q.format.suffix.startsWith("-")) return undefined;
			asked = { wh: `how many ${unit}${ofText}`, first: q.lead, last: of, preposition: "keep" };
			break;
		}
		case "duration":
			// "for the first time in 31 years" is not a duration to ask about.
			if (tokens[q.lead - 2]?.lower === "time") return undefined;
			if (q.text.toLowerCase().startsWith("a ") || before === "for")
				asked = { wh: "how long", first: q.lead, last: q.last, preposition: "drop" };
			else
				asked = { wh: `how many ${q.unit === "century" ? "centuries" : `${q.unit}s`}`, first: q.lead, last: q.last, preposition: "keep" };
			break;
		case "ordinal": {
			const the = tokens[q.first - 1]?.lower === "the" ? 1 : 0;
			asked = { wh: `which ${q.unit}`, first: q.first - the, last: q.last + 1, preposition: "keep" };
			break;
		}
		default:
			return undefined;
	}
	return askInClauses(a, q.sentence, asked);
}

const PREPOSITION_WORDS = new Set(["to", "of", "at", "in", "on", "from", "with", "for", "than", "about", "under", "over", "within"]);

/** Where an of-phrase after a number ends ("of wheat", "of the comet"), or `from` when there is none. */
function ofPhrase(tokens: readonly Token[], from: number): number {
	if (tokens[from]?.lower !== "of") return from;
	let i = from + 1;
	if (tokens[i]?.lower === "the") i++;
	const start = i;
	while (
		i < tokens.length &&
		i - start < 3 &&
		(tokens[i] as Token).word &&
		!(tokens[i] as Token).cap &&
		!PREPOSITION_WORDS.has((tokens[i] as Token).lower) &&
		!verbForm((tokens[i] as Token).text)
	)
		i++;
	return i > start ? i : from;
}

/** Tries the innermost clause first; renames a pronoun subject. */
function askInClauses(a: Analysis, sentence: number, asked: Ask): string | undefined {
	for (const c of clausesAround(a, sentence, asked.first, asked.last)) {
		const question = ask(a.doc, c, asked, renameSubject(a, c));
		if (question && question.length <= MAX_PROMPT && question.split(" ").length >= 4) return question;
	}
	return undefined;
}

/** A pronoun subject ("he", "she") replaced by the person it stands for, unless that person is the clause's source already. */
function renameSubject(a: Analysis, c: Clause): string | undefined {
	if (c.subjLast - c.subjFirst !== 1) return undefined;
	const t = c.sentence.tokens[c.subjFirst] as Token;
	if (!["he", "she"].includes(t.lower)) return undefined;
	const name = entityAt(a.ents, c.sentence.index, c.subjFirst)?.entity.name;
	return name && c.source.endsWith(name) ? undefined : name;
}

/** "How old is Maria Antonopoulou?" from "Maria Antonopoulou, 72," or "19-year-old Kai Adeyemi". */
function agePrompt(a: Analysis, q: Quantity): string | undefined {
	const tokens = (a.doc.sentences[q.sentence] as Sentence).tokens;
	const after = entityAt(a.ents, q.sentence, q.last);
	if (after && after.entity.kind === "person" && q.text.endsWith("year-old")) return `How old is ${after.entity.name}?`;
	if (tokens[q.first - 1]?.text === "," && tokens[q.last]?.text === ",") {
		const before = entityAt(a.ents, q.sentence, q.first - 2);
		if (before && before.entity.kind === "person") return `How old is ${before.entity.name}?`;
	}
	return undefined;
}

/** Questions about names in the predicate or as the subject: who, which organisation, where, which country. */
export function entityQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	const seen = new Set<string>();
	for (const m of a.ents.mentions) {
		const e = a.ents.list[m.entity] as Entity;
		if (m.pronoun || !["person", "org", "place"].includes(e.kind) || e.confidence < 1) continue;
		const sentence = a.doc.sentences[m.sentence] as Sentence;
		if (inCoordination(a, sentence, m)) continue;
		const key = `${m.sentence}:${m.first}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const ev = sentenceSpan(a.doc, sentence);
		const display = shown(e, ev.quote);
		if (!display) continue;
		const style = display === e.name ? "full" : "short";
		const prompt = entityPrompt(a, sentence, m, e);
		if (!prompt || [e.name, e.short, display].some((n) => n && leaks(prompt, n))) continue;
		const pool = sameKind(a, e, e.kind).map((x) => styled(x, style));
		const frame: Frame = { kind: "entity", ev, fact: `${m.paragraph}:${m.sentence}:ent:${e.id}`, idHint: prompt, about: `ent:${e.id}` };
		const single = singleChoice(frame, 4, prompt, pickDistinct(display, pool, 4), display);
		if (single) out.push(single);
		out.push(shortAnswer(frame, 3.7, `${prompt} Answer with a name.`, [...new Set([e.name, ...(e.short ? [e.short] : [])])]));
	}
	return out;
}

/** A name joined by "and" or a comma to another name of its kind belongs to a list question instead. */
function inCoordination(a: Analysis, sentence: Sentence, m: Mention): boolean {
	const t = sentence.tokens;
	const prev = t[m.first - 1]?.lower ?? "";
	const next = t[m.last]?.lower ?? "";
	const near = (i: number) => entityAt(a.ents, sentence.index, i);
	return (
		((prev === "and" || prev === "or" || prev === ",") && near(m.first - 2) !== undefined) ||
		((next === "and" || next === "or" || next === ",") && near(m.last + 1) !== undefined)
	);
}

function entityPrompt(a: Analysis, sentence: Sentence, m: Mention, e: Entity): string | undefined {
	const tokens = sentence.tokens;
	const the = tokens[m.first - 1]?.lower === "the" ? 1 : 0;
	for (const c of clausesAround(a, sentence.index, m.first - the, m.last)) {
		const verb = (tokens[c.verb] as Token).lower;
		const inSubject = m.first >= c.subjFirst && m.last <= c.subjLast;
		if (inSubject) {
			if (SPEECH_VERBS.has(verb) || e.kind === "place" || m.last !== c.subjLast) continue;
			// "A survey by the Retail Council of Canada found …": the organisation is not the subject itself.
			if (tokens.slice(c.subjFirst, m.first).some((t) => ["by", "of", "from", "for", "in", "at", "with"].includes(t.lower))) continue;
			const wh = e.kind === "person" ? "who" : "which organisation";
			const question = ask(a.doc, c, { wh, first: c.subjFirst, last: c.subjLast, preposition: "keep" });
			if (question) return question;
			continue;
		}
		if (SPEECH_VERBS.has(verb) && !c.synthetic) continue;
		const before = tokens[m.first - the - 1]?.lower ?? "";
		// "in/at/on/near a place" asks "Where …?"; a country or city without a preposition (or after "to"/"from") asks "Which country …?".
		const where = e.kind === "place" && ["in", "at", "near", "on", "along", "beside", "inside", "outside"].includes(before);
		if (!where && !attachesToVerb(tokens, c.verb, m.first - the)) continue;
		if (
			e.kind === "place" &&
			!where &&
			(placeKind(e) === "place" || !["", "to", "from", "into"].includes(PREPOSITION_WORDS.has(before) || before === "into" ? before : ""))
		)
			continue;
		let asked: Ask;
		if (where) asked = { wh: "where", first: m.first - the, last: m.last, preposition: "drop" };
		else if (e.kind === "place") asked = { wh: `which ${placeKind(e)}`, first: m.first - the, last: m.last, preposition: "keep" };
		else if (e.kind === "org") asked = { wh: "which organisation", first: m.first - the, last: m.last, preposition: "keep" };
		else asked = { wh: "who", first: m.first, last: m.last, preposition: "keep" };
		const question = ask(a.doc, c, asked, renameSubject(a, c));
		if (question && question.length <= MAX_PROMPT) return question;
	}
	return undefined;
}

/**
 * True when the name at `focus` is the verb's own object or the object of a preposition that
 * follows the verb ("persuade China", "backed by a loan from …" is not): only verbs, adverbs,
 * "to", and at most a two-word object may stand between them. A name inside a noun phrase
 * ("approach to North Korea") is not asked about.
 */
function attachesToVerb(tokens: readonly Token[], verb: number, focus: number): boolean {
	const prep = tokens[focus - 1] && PREPOSITIONS_BEFORE.has((tokens[focus - 1] as Token).lower) ? focus - 1 : focus;
	let objectWords = 0;
	for (let i = verb + 1; i < prep; i++) {
		const t = tokens[i] as Token;
		const verbal = verbForm(t.text) !== undefined || /(ing|ed)$/u.test(t.lower);
		// A verb after the object ("a café run by …") starts a phrase of its own.
		if (verbal && objectWords > 0) return false;
		if (verbal || VERB_ADVERBS.has(t.lower) || t.lower === "to" || t.lower === "not") continue;
		if (
			prep === focus ||
			!t.word ||
			PREPOSITIONS_BEFORE.has(t.lower) ||
			["in", "at", "on", "near", "under", "after", "before", "during"].includes(t.lower)
		)
			return false;
		objectWords++;
	}
	return objectWords <= 2;
}

const PREPOSITIONS_BEFORE = new Set(["to", "by", "from", "with", "for", "on", "into", "against", "of", "about", "over", "through"]);

const PARTICLES = new Set(["off", "up", "down", "out", "away", "back"]);
/** Verbs whose complement is no object ("became the first woman", "seemed calm"). */
const LINKING = new Set(["be", "become", "seem", "remain", "appear", "look", "sound", "feel", "stay", "want", "get"]);
const ORDER_VERBS = new Set(["told", "asked", "urged", "ordered", "persuaded", "tells", "asks", "urges"]);
const DETERMINERS = new Set(["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "more", "some"]);

/**
 * "What did drought cut?", "What did President Trump tell Xi Jinping to cut off?": the object of
 * a verb, asked as a short answer (the noun phrase, or its main words, are accepted). Only a
 * plain noun phrase of up to four words after a verb we know, followed by a preposition, a
 * comma or the end, is asked about.
 */
export function objectQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	const seen = new Set<string>();
	for (const c of a.clauses) {
		const tokens = c.sentence.tokens;
		for (let v = c.verb; v < c.end; v++) {
			const t = tokens[v] as Token;
			const f = verbForm(t.text);
			if (!f || f.tense === "aux" || t.cap || LINKING.has(f.base) || (v !== c.verb && tokens[v - 1]?.lower !== "to")) continue;
			let i = v + 1;
			const particle = PARTICLES.has(tokens[i]?.lower ?? "");
			if (particle) i++;
			const np = nounPhrase(a, tokens, i);
			if (!np) continue;
			const order = v !== c.verb && ORDER_VERBS.has((tokens[c.verb] as Token).lower);
			if (v !== c.verb && !order) continue;
			const key = `${c.sentence.index}:${np.first}`;
			if (seen.has(key)) continue;
			const prompt = ask(
				a.doc,
				c,
				{ wh: "what", first: np.first, last: np.last, preposition: "keep", order, particle },
				renameSubject(a, c),
			);
			if (!prompt || prompt.length > MAX_PROMPT) continue;
			seen.add(key);
			const ev = sentenceSpan(a.doc, c.sentence);
			const phrase = text(a.doc, c.sentence, np.first, np.last);
			const bare = text(a.doc, c.sentence, np.content, np.last);
			const words = bare.split(/\s+/u);
			const accepted = [...new Set([bare, phrase, ...(words.length === 2 ? words : [words.at(-1) ?? bare])])];
			const frame: Frame = { kind: "object", ev, fact: `${c.sentence.paragraph}:${c.sentence.index}:object:${np.first}`, idHint: prompt };
			out.push(shortAnswer(frame, 3.9, `${prompt} Answer in a few words.`, accepted));
		}
	}
	return out;
}

/** A plain noun phrase at token i: an optional determiner, then one to three lower-case content words, then a boundary. */
function nounPhrase(a: Analysis, tokens: readonly Token[], i: number): { first: number; content: number; last: number } | undefined {
	let j = i;
	if (DETERMINERS.has(tokens[j]?.lower ?? "")) j++;
	const content = j;
	while (j < tokens.length && j - content < 3) {
		const t = tokens[j] as Token;
		if (!t.word || t.cap || t.quoted || /\p{N}/u.test(t.text) || FUNCTION_WORDS_OR_NUMBERS(t.lower) || verbForm(t.text)?.tense === "aux")
			break;
		j++;
	}
	if (j === content) return undefined;
	const after = tokens[j];
	// The phrase must end where the object ends: not before "of" ("an average of"), "to" + verb, a possessive or a quotation.
	if (
		after &&
		(after.lower === "of" ||
			["’", "'", "“", '"'].includes(after.text) ||
			(after.lower === "to" && verbForm(tokens[j + 1]?.text ?? "") !== undefined))
	)
		return undefined;
	const boundary =
		after === undefined ||
		[",", ".", ";", ":", "!", "?"].includes(after.text) ||
		PREPOSITION_WORDS.has(after.lower) ||
		["and", "but", "or", "because", "when", "before", "after", "during", "by", "along", "across", "through", "into"].includes(after.lower);
	const head = (tokens[j - 1] as Token).lower;
	if (!boundary || /(ly|ing|ed)$/u.test(head) || verbForm(head)?.tense === "past") return undefined;
	void a;
	return { first: i, content, last: j };
}

function FUNCTION_WORDS_OR_NUMBERS(w: string): boolean {
	return (
		FUNCTION_WORDS.has(w) || NUMBER_WORDS.includes(w) || ["one", "no", "none", "everyone", "anyone", "something", "nothing"].includes(w)
	);
}

/** Questions from the phrases that describe a person: role ("How does the article describe …?"), who-clause ("Who leads …?"). */
export function roleQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	const people = a.ents.list.filter((e) => e.kind === "person");
	const roleText = (t: string) => capitalise(t.replace(/^(a|an)\s+/iu, ""));
	const describable = (t: string) => !/^(its|their|his|her)\b/iu.test(t) && t.split(/\s+/u).length <= 14;
	for (const e of people) {
		for (const r of e.roles) {
			const ev = span(a.doc, r.paragraph, r.start, r.end);
			const display = shown(e, ev.quote);
			if (!display) continue;
			const frame = (idHint: string): Frame => ({
				kind: "role",
				ev,
				fact: `${r.paragraph}:${r.sentence}:role:${e.id}`,
				idHint,
				about: `ent:${e.id}`,
			});
			// The person and up to three others, each written as the evidence writes the person (full name or surname).
			const people3 = pickDistinct(
				display,
				sameKind(a, e, "person").map((x) => styled(x, display === e.name ? "full" : "short")),
				4,
			);
			if (r.form === "relative") {
				const vp = r.text.replace(/[\s,.;:]+$/u, "");
				if (vp.split(/\s+/u).length > 14 || /\b(he|she|his|her)\b/iu.test(vp)) continue;
				const prompt = `Who ${vp}?`;
				const single = singleChoice(frame(prompt), 4.3, prompt, people3, display);
				if (single) out.push(single);
				out.push(shortAnswer(frame(prompt), 3.9, `${prompt} Answer with a name.`, [...new Set([e.name, e.short].filter((x) => x !== ""))]));
				continue;
			}
			if (!describable(r.text)) continue;
			// A title ("US Defense Secretary") makes a good choice; a longer description makes a good statement.
			const descriptive = r.form === "apposition" && r.text.split(/\s+/u).length > 4;
			const role = roleText(r.text);
			const otherRoles = people
				.filter((p) => p.id !== e.id)
				.flatMap((p) => p.roles.filter((x) => x.form !== "relative" && describable(x.text)).map((x) => roleText(x.text)))
				.filter((x) => !e.roles.some((own) => answerKey(roleText(own.text)) === answerKey(x)))
				.sort((x, y) => x.localeCompare(y));
			const roles = pickDistinct(role, otherRoles, 4);
			if (!descriptive) {
				const single = singleChoice(
					{ ...frame(`describe ${e.name}`), skill: skillFor(role, ev) },
					3.9,
					`How does the article describe ${e.name}?`,
					roles,
					role,
				);
				if (single) out.push(single);
			}
			// Nobody else may fit the description: "Russian lawmaker" for two people makes no question.
			const sameRole = (p: Entity) => p.roles.some((x) => answerKey(roleText(x.text)) === answerKey(role));
			if (people.some((p) => p.id !== e.id && sameRole(p))) continue;
			const prompt = `Who is described in the article as ${lowerRole(r.text, a.doc)}?`;
			if (!leaks(prompt, e.name) && !(e.short && leaks(prompt, e.short))) {
				const single = singleChoice(frame(prompt), 4, prompt, people3, display);
				if (single) out.push(single);
			}
			const other = people3.length > 1 ? people3[1 + (hash(r.text) % (people3.length - 1))] : undefined;
			if (other) {
				const truth = hash(r.text) % 2 === 0;
				for (const t of [truth, !truth]) {
					const score = (t === truth ? 3.9 : 3.5) + (descriptive ? 0.3 : -0.3);
					const statement = `True or false: The article describes ${t ? display : other} as ${lowerRole(r.text, a.doc)}.`;
					const why = t ? `True. ${says(ev)}.` : `False. ${says(ev)}. That describes ${e.name}, not ${other}.`;
					out.push(trueFalse(frame(`described as ${r.text}`), score, statement, t, why));
				}
			}
		}
	}
	for (const e of a.ents.list.filter((x) => x.kind === "org")) {
		for (const r of e.roles) {
			const m = /\bbased in\s+(.+)$/u.exec(r.text);
			const place = m ? a.ents.list.find((p) => p.kind === "place" && p.name === (m[1] ?? "").replace(/[\s,.]+$/u, "")) : undefined;
			if (!place) continue;
			const ev = span(a.doc, r.paragraph, r.start, r.end);
			const texts = pickDistinct(
				place.name,
				sameKind(a, place, "place").map((x) => x.name),
				4,
			);
			const prompt = `Where is ${e.name} based?`;
			const single = singleChoice(
				{ kind: "role", ev, fact: `${r.paragraph}:${r.sentence}:ent:${place.id}`, idHint: prompt },
				4,
				prompt,
				texts,
				place.name,
			);
			if (single) out.push(single);
		}
	}
	return out;
}

/** A role as it reads after "as": a capital kept only where it is not just the start of a sentence ("Headliner" -> "headliner"). */
function lowerRole(role: string, doc?: Doc): string {
	const first = role.split(/\s+/u)[0] ?? "";
	const common =
		/^(A|An|The)$/u.test(first) ||
		(doc !== undefined && !/^\p{Lu}{2,}/u.test(first) && (ROLE_NOUNS.has(first.toLowerCase()) || isCommonWord(doc, first.toLowerCase())));
	return common ? role.charAt(0).toLowerCase() + role.slice(1) : role;
}

/** "What is the name of North Korea’s missile mentioned in paragraph 2?" for a coded name ("Hwasong-15 missile"). */
export function namedThingQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const e of a.ents.list) {
		if (e.kind !== "thing" || !e.head || !/\p{N}/u.test(e.name)) continue;
		const m = e.mentions[0];
		if (!m) continue;
		const sentence = a.doc.sentences[m.sentence] as Sentence;
		const tokens = sentence.tokens;
		const possessor =
			tokens[m.first - 1] && /['’]s$/u.test((tokens[m.first - 1] as Token).text) ? possessorText(a, sentence, m.first - 1) : "the";
		const prompt = `What is the name of ${possessor} ${e.head} in paragraph ${m.paragraph + 1}?`;
		const ev = sentenceSpan(a.doc, sentence);
		const forms = [e.name, e.name.replace(/[-‑]/gu, " "), e.name.replace(/[-‑]/gu, "")];
		const frame: Frame = { kind: "named-thing", ev, fact: `${m.paragraph}:${m.sentence}:ent:${e.id}`, idHint: `name of the ${e.head}` };
		out.push(shortAnswer(frame, 4.3, `${prompt} Write it as the article does.`, [...new Set(forms)]));
	}
	return out;
}

/** "North Korea’s" written before a name: the possessor phrase as the text has it. */
function possessorText(a: Analysis, sentence: Sentence, i: number): string {
	let first = i;
	while (first > 0 && (sentence.tokens[first - 1] as Token).cap && (sentence.tokens[first - 1] as Token).word) first--;
	return text(a.doc, sentence, first, i + 1);
}

/**
 * "Which number is missing from this sentence in paragraph 3? “… ____ …”": the fallback when no
 * wh-question is safe. The sentence is cut to a window around the gap when it is long.
 */
export function gapQuestion(
	a: Analysis,
	sentence: Sentence,
	start: number,
	end: number,
	answer: string,
	alts: readonly string[],
	noun: string,
	numeric: boolean,
): Candidate | undefined {
	const ev = sentenceSpan(a.doc, sentence);
	const paragraph = a.doc.paragraphs[sentence.paragraph] ?? "";
	const left = paragraph.slice(ev.start, start).split(/\s+/u);
	const right = paragraph.slice(end, ev.end).split(/\s+/u);
	const shownLeft = left.length > 14 ? `… ${left.slice(-13).join(" ")}` : left.join(" ");
	const shownRight = right.length > 14 ? `${right.slice(0, 13).join(" ")} …` : right.join(" ");
	const gapped = `${shownLeft}____${shownRight}`.replace(/\s+/gu, " ").trim();
	if ((gapped.match(/[“”"]/gu) ?? []).length % 2 !== 0) return undefined;
	const prompt = `Which ${noun} is missing from this sentence in paragraph ${sentence.paragraph + 1}? “${gapped}”`;
	const frame: Frame = {
		kind: "gap",
		ev,
		fact: `${sentence.paragraph}:${sentence.index}:gap:${start}`,
		idHint: `missing ${noun} ${answer}`,
		skill: skillFor(answer, ev),
	};
	return singleChoice(frame, 2.5, prompt, pickDistinct(answer, alts, 4), answer, numeric);
}

/** Gap-fill questions for names and nationality words that no other question asks about. */
export function nameGapQuestions(a: Analysis): Candidate[] {
	const out: Candidate[] = [];
	for (const d of a.ents.demonyms) {
		const sentence = a.doc.sentences[d.sentence] as Sentence;
		const others = [...new Set(a.ents.demonyms.filter((x) => x.text !== d.text).map((x) => x.text))].sort();
		const gap = gapQuestion(a, sentence, d.start, d.end, d.text, others, "word", false);
		if (gap) out.push({ ...gap, fact: `${d.paragraph}:${d.sentence}:demonym:${d.start}`, score: 2.3 });
	}
	for (const m of a.ents.mentions) {
		const e = a.ents.list[m.entity] as Entity;
		if (m.pronoun || !["person", "org", "place"].includes(e.kind) || e.confidence < 1) continue;
		const sentence = a.doc.sentences[m.sentence] as Sentence;
		if (inCoordination(a, sentence, m)) continue;
		const written = text(a.doc, sentence, m.first, m.last).replace(/['’]s$/u, "");
		const style = written === e.name ? "full" : "short";
		const pool = sameKind(a, e, e.kind).map((x) => styled(x, style));
		const gap = gapQuestion(a, sentence, m.start, m.end, written, pool, kindNoun(e) === "person" ? "name" : kindNoun(e), false);
		// A name the article repeats in every paragraph is no test of reading: prefer rarer ones.
		const named = e.mentions.filter((x) => !x.pronoun).length;
		if (gap)
			out.push({
				...gap,
				fact: `${m.paragraph}:${m.sentence}:ent:${e.id}`,
				about: `ent:${e.id}`,
				score: 2.2 - 0.15 * Math.min(named - 1, 6),
			});
	}
	return out;
}

export type { Entity };
