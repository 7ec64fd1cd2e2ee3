/**
 * Who said what. Three shapes are read: a quotation with its speaker before or after it (“…,”
 * said X / X said: “…” / “…,” he told reporters), reported speech (X said North Korea would …;
 * …, said X; …, according to X), and a speaker cited inside someone else's quotation ("As the
 * head of parliament told us, …"). A pronoun or surname speaker is resolved to the entity named
 * earlier, so questions can name the person in full.
 */
import { type Clause, findClauses, text } from "./clause";
import { type Entities, type Entity, entityAt } from "./entities";
import { ORG_WORDS, SPEECH_VERBS } from "./lexicon";
import type { Doc, Quotation, Sentence, Token } from "./text";

export interface Speaker {
	/** The entity, when the speaker is a named person or organisation. */
	entity: Entity | undefined;
	/** The speaker as the text calls them at this point ("Chepa", "he", "the head of parliament", "Greek officials"). */
	text: string;
	/** True when the text names the speaker only by a pronoun here. */
	pronoun: boolean;
	/** Offsets of the speaker's words in the paragraph. */
	start: number;
	end: number;
}

export interface Attribution {
	speaker: Speaker;
	kind: "quote" | "reported" | "according" | "nested";
	paragraph: number;
	sentence: number;
	/** What was said, as written: the words inside a quotation, or the reported clause. */
	content: string;
	contentStart: number;
	contentEnd: number;
	/** A verbatim span holding the speaker's words and what was said. */
	start: number;
	end: number;
	/** For a nested attribution: the person whose quotation it sits in. */
	within?: Speaker;
}

/** Verbs that introduce a quotation but not a reported clause ("called the result “a betrayal”"). */
const QUOTE_ONLY_VERBS = new Set(["called", "calls", "described", "describes"]);
const OBJECT_PRONOUNS = new Set(["us", "me", "reporters", "journalists"]);

/** Every attribution in the article, in reading order. */
export function findAttributions(doc: Doc, ents: Entities): Attribution[] {
	const found: Attribution[] = [];
	for (let p = 0; p < doc.paragraphs.length; p++) {
		const quotes = doc.quotations.filter((q) => q.paragraph === p);
		let previous: Attribution | undefined;
		for (const q of quotes) {
			const a = quoteAttribution(doc, ents, q, previous);
			if (a) {
				found.push(a);
				previous = a;
			}
			found.push(...nestedAttributions(doc, ents, q, a?.speaker));
		}
	}
	for (const sentence of doc.sentences) found.push(...reportedAttributions(doc, ents, sentence));
	return found.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start || a.kind.localeCompare(b.kind));
}

/** The sentence holding a paragraph offset. */
function sentenceAt(doc: Doc, paragraph: number, offset: number): Sentence | undefined {
	return doc.sentences.find((s) => s.paragraph === paragraph && offset >= s.start && offset < Math.max(s.end, s.start + 1));
}

/**
 * The speaker of one quotation: a speech verb and speaker right after it, or a speech verb
 * before it in the same sentence (its subject speaks), or else the speaker of the quotation just
 * before it in the paragraph when nothing comes between but the sentence break.
 */
function quoteAttribution(doc: Doc, ents: Entities, q: Quotation, previous: Attribution | undefined): Attribution | undefined {
	const paragraph = doc.paragraphs[q.paragraph] ?? "";
	const inner = paragraph.slice(q.open + 1, q.close);
	const content = inner.replace(/[\s,.;:]+$/u, "").trim();
	if (content.split(/\s+/u).length < 2) return undefined;
	const base = {
		kind: "quote" as const,
		paragraph: q.paragraph,
		content,
		contentStart: q.open + 1,
		contentEnd: q.open + 1 + content.length,
	};
	const endSentence = sentenceAt(doc, q.paragraph, q.close);
	// After: “…,” said X / “…,” X said / “…,” he told reporters.
	if (endSentence) {
		const toks = endSentence.tokens;
		const i = toks.findIndex((t) => t.start > q.close);
		if (i >= 0 && toks[i - 1]?.start === q.close) {
			const after = speakerAfter(doc, ents, endSentence, i);
			if (after) return { ...base, sentence: endSentence.index, speaker: after, start: q.open, end: Math.max(after.end, q.close + 1) };
		}
	}
	// Before: X said: “…” / X told media at the Pentagon “…” / X said the change was “…”.
	const startSentence = sentenceAt(doc, q.paragraph, q.open);
	if (startSentence) {
		const toks = startSentence.tokens;
		const openIndex = toks.findIndex((t) => t.start === q.open);
		for (let v = openIndex - 1; v >= 0 && openIndex - v <= 32; v--) {
			const t = toks[v] as Token;
			if (t.quoted && v < openIndex - 1 && !t.word) continue;
			if (t.word && !t.quoted && (SPEECH_VERBS.has(t.lower) || QUOTE_ONLY_VERBS.has(t.lower))) {
				const who = subjectSpeaker(doc, ents, startSentence, v);
				if (who) return { ...base, sentence: startSentence.index, speaker: who, start: who.start, end: q.close + 1 };
				break;
			}
			if ([".", "!", "?"].includes(t.text) && !t.quoted) break;
		}
	}
	// Straight on from the last quotation of the same speaker: “…,” she said. “…”
	if (previous && previous.kind === "quote" && startSentence) {
		const between = paragraph.slice(previous.end, q.open);
		const opensNext = startSentence.index === previous.sentence + 1 && startSentence.start === q.open;
		if (/^[\s.”"’]*$/u.test(between) || opensNext)
			return { ...base, sentence: startSentence.index, speaker: previous.speaker, start: q.open, end: q.close + 1 };
	}
	return undefined;
}

/** A speaker right after a quotation: "said X", "X said", "he told …". */
function speakerAfter(doc: Doc, ents: Entities, sentence: Sentence, i: number): Speaker | undefined {
	const toks = sentence.tokens;
	const first = toks[i];
	if (!first) return undefined;
	if (SPEECH_VERBS.has(first.lower)) {
		for (let j = i + 1; j < toks.length && j <= i + 5; j++) {
			const at = entityAt(ents, sentence.index, j);
			if (at && (at.entity.kind === "person" || at.entity.kind === "org"))
				return speakerFromMention(doc, sentence, at.entity, at.mention.first, at.mention.last, at.mention.pronoun);
			if ([",", ".", "“", '"'].includes((toks[j] as Token).text)) break;
		}
		return undefined;
	}
	for (let v = i + 1; v < toks.length && v <= i + 8; v++) {
		const t = toks[v] as Token;
		if (SPEECH_VERBS.has(t.lower)) return subjectSpeaker(doc, ents, sentence, v);
		if ([",", ".", "“", '"', ";"].includes(t.text)) break;
	}
	return undefined;
}

/** The speaker who is the subject of the speech verb at token v: a name, a pronoun, or a short noun phrase. */
function subjectSpeaker(doc: Doc, ents: Entities, sentence: Sentence, v: number): Speaker | undefined {
	const toks = sentence.tokens;
	// The clause's subject: its first person ("Professor Mark Ellison of the University of Leeds told …").
	const clause = findClauses(doc, sentence, () => undefined).find((c) => c.verb === v);
	if (clause) {
		const named: Speaker[] = [];
		for (let i = clause.subjFirst; i < clause.subjLast; i++) {
			const e = entityAt(ents, sentence.index, i);
			if (e && (e.entity.kind === "person" || e.entity.kind === "org"))
				named.push(speakerFromMention(doc, sentence, e.entity, e.mention.first, e.mention.last, e.mention.pronoun));
		}
		const person = named.find((n) => n.entity?.kind === "person");
		if (person) return person;
		const last = named.at(-1);
		if (last && last.end === (toks[clause.subjLast - 1] as Token).end) return last;
		return nounPhraseSpeaker(doc, ents, sentence, clause.subjFirst, clause.subjLast);
	}
	let end = v;
	while (
		end > 0 &&
		["also", "previously", "later", "then", "again", "recently", "once", "had", "has", "have"].includes((toks[end - 1] as Token).lower)
	)
		end--;
	const at = entityAt(ents, sentence.index, end - 1);
	if (at && (at.entity.kind === "person" || at.entity.kind === "org") && at.mention.last === end) {
		return speakerFromMention(doc, sentence, at.entity, at.mention.first, at.mention.last, at.mention.pronoun);
	}
	let start = end;
	while (start > 0 && (toks[start - 1] as Token).word && !(toks[start - 1] as Token).quoted && end - start < 5) start--;
	if (start === end) return undefined;
	return nounPhraseSpeaker(doc, ents, sentence, start, end);
}

/** A speaker named by a common noun phrase: "Greek officials", "the council" (linked to an organisation when one fits). */
function nounPhraseSpeaker(doc: Doc, ents: Entities, sentence: Sentence, first: number, last: number, quoted = false): Speaker | undefined {
	const toks = sentence.tokens.slice(first, last);
	if (toks.length === 0 || toks.length > 6 || toks.some((t) => !t.word || (t.quoted && !quoted))) return undefined;
	const head = (toks.at(-1) as Token).lower;
	if (["it", "they", "this", "that", "which", "who", "we", "i", "you", "there"].includes(head)) return undefined;
	const phrase = text(doc, sentence, first, last);
	const start = (toks[0] as Token).start;
	const end = (toks.at(-1) as Token).end;
	// "the agency", "the institute": the organisation of that kind named last before here.
	if (toks.length === 2 && toks[0]?.lower === "the" && ORG_WORDS.has(head)) {
		const org = [...ents.mentions]
			.reverse()
			.map((m) => ({ m, e: ents.list[m.entity] }))
			.find(
				({ m, e }) =>
					e?.kind === "org" &&
					(m.paragraph < sentence.paragraph || (m.paragraph === sentence.paragraph && m.start < start)) &&
					e.name.toLowerCase().split(" ").includes(head),
			);
		if (org?.e) return { entity: org.e, text: phrase, pronoun: true, start, end };
	}
	return { entity: undefined, text: phrase, pronoun: false, start, end };
}

function speakerFromMention(doc: Doc, sentence: Sentence, entity: Entity, first: number, last: number, pronoun: boolean): Speaker {
	return {
		entity,
		text: text(doc, sentence, first, last),
		pronoun,
		start: (sentence.tokens[first] as Token).start,
		end: (sentence.tokens[last - 1] as Token).end,
	};
}

/** "As the head of parliament told us, …" inside a quotation: a speaker quoted by the speaker. */
function nestedAttributions(doc: Doc, ents: Entities, q: Quotation, within: Speaker | undefined): Attribution[] {
	if (!within) return [];
	const found: Attribution[] = [];
	for (const sentence of doc.sentences) {
		if (sentence.paragraph !== q.paragraph || sentence.end <= q.open || sentence.start >= q.close) continue;
		const toks = sentence.tokens;
		for (let i = 0; i < toks.length; i++) {
			const t = toks[i] as Token;
			if (t.lower !== "as" || !t.quoted || t.start <= q.open || t.end > q.close) continue;
			const v = toks.findIndex((x, j) => j > i + 1 && j <= i + 7 && SPEECH_VERBS.has(x.lower));
			if (v < 0) continue;
			let comma = v + 1;
			while (comma < toks.length && OBJECT_PRONOUNS.has((toks[comma] as Token).lower)) comma++;
			if (toks[comma]?.text !== ",") continue;
			const who = nounPhraseSpeaker(doc, ents, sentence, i + 1, v, true);
			if (!who) continue;
			const rest = toks.slice(comma + 1).filter((x) => x.quoted && x.end <= q.close);
			const last = [...rest].reverse().findIndex((x) => x.word);
			if (rest.length < 3 || last < 0) continue;
			const contentEnd = (rest[rest.length - 1 - last] as Token).end;
			const contentStart = (rest[0] as Token).start;
			const paragraph = doc.paragraphs[q.paragraph] ?? "";
			found.push({
				speaker: who,
				kind: "nested",
				paragraph: q.paragraph,
				sentence: sentence.index,
				content: paragraph.slice(contentStart, contentEnd),
				contentStart,
				contentEnd,
				start: t.start,
				end: contentEnd,
				within,
			});
		}
	}
	return found;
}

/** Reported speech and "according to" in one sentence, outside quotations. */
function reportedAttributions(doc: Doc, ents: Entities, sentence: Sentence): Attribution[] {
	const found: Attribution[] = [];
	const paragraph = doc.paragraphs[sentence.paragraph] ?? "";
	const clauses = findClauses(doc, sentence, (s, i) => speakerName(doc, ents, s, i));
	for (const c of clauses) {
		if (!c.synthetic || !c.source || c.sentence !== sentence) continue;
		const main = clauses.find((m) => !m.synthetic);
		if (!main || !SPEECH_VERBS.has((sentence.tokens[main.verb] as Token).lower)) continue;
		const who = subjectSpeaker(doc, ents, sentence, main.verb);
		if (!who) continue;
		const content = clauseText(doc, c);
		if (!content || content.includes("“") || content.includes('"')) continue;
		const contentStart = (sentence.tokens[c.subjFirst] as Token).start;
		found.push({
			speaker: who,
			kind: "reported",
			paragraph: sentence.paragraph,
			sentence: sentence.index,
			content,
			contentStart,
			contentEnd: contentStart + content.length,
			start: who.start,
			end: contentStart + content.length,
		});
	}
	// "…, said X." / "…, X said." / "According to X, …" / "…, according to X."
	const main = clauses.find((m) => !m.synthetic);
	if (main?.source && !clauses.some((c) => c.synthetic && c.source === main.source)) {
		const src = sourceSpeaker(doc, ents, sentence, main);
		const content = clauseText(doc, main);
		if (src && content && !content.includes("“") && !content.includes('"')) {
			const contentStart = (sentence.tokens[main.subjFirst] as Token).start;
			const according = paragraph.slice(sentence.start, sentence.end).search(/\baccording to\b/iu);
			const kind = according >= 0 ? "according" : "reported";
			const from = according >= 0 && sentence.start + according < src.start ? sentence.start + according : src.start;
			const start = Math.min(from, contentStart);
			const end = Math.max(src.end, contentStart + content.length);
			found.push({
				speaker: src,
				kind,
				paragraph: sentence.paragraph,
				sentence: sentence.index,
				content,
				contentStart,
				contentEnd: contentStart + content.length,
				start,
				end,
			});
		}
	}
	return found;
}

/** The speaker named in a clause's source phrase ("the fire service", "figures released … by Statistics Canada"). */
function sourceSpeaker(doc: Doc, ents: Entities, sentence: Sentence, clause: Clause): Speaker | undefined {
	const paragraph = doc.paragraphs[sentence.paragraph] ?? "";
	const at = paragraph.indexOf(clause.source, sentence.start);
	if (at < 0) return undefined;
	const toks = sentence.tokens;
	const first = toks.findIndex((t) => t.start >= at);
	const last = toks.findIndex((t) => t.end > at + clause.source.length);
	const end = last < 0 ? toks.length : last;
	for (let i = first; i < end; i++) {
		const e = entityAt(ents, sentence.index, i);
		if (e && (e.entity.kind === "org" || e.entity.kind === "person"))
			return speakerFromMention(doc, sentence, e.entity, e.mention.first, e.mention.last, e.mention.pronoun);
	}
	return nounPhraseSpeaker(doc, ents, sentence, first, end);
}

/** The words of a clause from its subject to its end, trimmed of trailing punctuation. */
function clauseText(doc: Doc, c: Clause): string {
	return text(doc, c.sentence, c.subjFirst, c.end).replace(/[\s,.;:]+$/u, "");
}

/** True when the article writes this organisation with "the" before it. */
function withArticle(doc: Doc, ents: Entities, e: Entity): boolean {
	void ents;
	return e.mentions.some((m) => !m.pronoun && doc.sentences[m.sentence]?.tokens[m.first - 1]?.lower === "the");
}

/** The name a question should use for the speaker at a token (a resolved pronoun becomes the name). */
export function speakerName(doc: Doc, ents: Entities, sentence: Sentence, token: number): string | undefined {
	// A person in a short subject ("Festival director Tom Ashworth"), or an organisation that is the whole subject ("the agency"), not "a survey by the …".
	for (let i = token; i < sentence.tokens.length && i < token + 6; i++) {
		const at = entityAt(ents, sentence.index, i);
		const t = sentence.tokens[i] as Token;
		if (at?.entity.kind === "person") return at.entity.name;
		if (at?.entity.kind === "org") {
			const lead = sentence.tokens.slice(token, at.mention.first).map((x) => x.lower);
			const whole = lead.every((w) => w === "the") && !sentence.tokens[at.mention.last]?.word === false;
			if (!whole) return undefined;
			return lead.length > 0 || withArticle(doc, ents, at.entity) ? `the ${at.entity.name}` : at.entity.name;
		}
		if (!t.word || SPEECH_VERBS.has(t.lower) || ["by", "of", "from"].includes(t.lower)) break;
	}
	return undefined;
}
