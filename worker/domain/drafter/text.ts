/**
 * The article as the drafter reads it: tokens, sentences and quotations, each carrying offsets
 * into its paragraph. The paragraph strings are never changed: every evidence quote is a slice
 * of them, so typographic quotes, apostrophes and odd spacing survive exactly as pasted.
 */

export interface Token {
	/** Exactly as in the paragraph. */
	text: string;
	/** Lower case, with ’ folded to ', for look-ups only. */
	lower: string;
	start: number;
	end: number;
	/** Letters or digits (not punctuation). */
	word: boolean;
	/** Starts with an upper-case letter. */
	cap: boolean;
	/** Inside a quotation. */
	quoted: boolean;
}

export interface Sentence {
	/** 0-based paragraph index. */
	paragraph: number;
	/** Position of the sentence in the whole article, from 0. */
	index: number;
	start: number;
	end: number;
	tokens: Token[];
}

export interface Quotation {
	paragraph: number;
	/** Offset of the opening mark; the closing mark is at `close`. */
	open: number;
	close: number;
}

export interface Doc {
	title: string;
	paragraphs: readonly string[];
	sentences: Sentence[];
	quotations: Quotation[];
	words: number;
	/** Words seen in lower case somewhere in the article ("shoppers"), to tell a common noun from a name. */
	lowerWords: ReadonlySet<string>;
	/** Words seen capitalised other than at the start of a sentence ("City" in "City's captain"). */
	capWords: ReadonlySet<string>;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’\-‑][\p{L}\p{N}]+|[.,]\p{N}+)*|\S/gu;
const TERMINAL = new Set([".", "!", "?", "…"]);
const ABBREVIATIONS = new Set("dr mr mrs ms prof st jr sr gen gov sen rep no vs etc inc ltd co mt lt col capt sgt".split(" "));
const OPENING_QUOTES = new Set(["“", '"', "‘", "(", "["]);
const CLOSING_MARKS = new Set(["”", '"', "’", "'", ")", "]"]);

/** Lower case with typographic apostrophes folded, for comparing words (never for quoting). */
export function fold(text: string): string {
	return text.toLowerCase().replace(/[’‘]/gu, "'");
}

/** Reads an article into sentences and quotations; paragraphs keep their 0-based index. */
export function readArticle(title: string, paragraphs: readonly string[]): Doc {
	const sentences: Sentence[] = [];
	const quotations: Quotation[] = [];
	let words = 0;
	paragraphs.forEach((text, p) => {
		const quotes = findQuotations(text, p);
		quotations.push(...quotes);
		const tokens = tokenise(text, quotes);
		words += tokens.filter((t) => t.word).length;
		for (const s of splitSentences(tokens)) {
			sentences.push({ paragraph: p, index: sentences.length, start: s[0]?.start ?? 0, end: s.at(-1)?.end ?? 0, tokens: s });
		}
	});
	const lowerWords = new Set<string>();
	for (const s of sentences) for (const t of s.tokens) if (t.word && !t.cap) lowerWords.add(t.lower);
	const capWords = new Set<string>();
	for (const s of sentences) {
		s.tokens.forEach((t, i) => {
			const prev = s.tokens[i - 1];
			if (t.word && t.cap && i > 0 && prev !== undefined && !["“", '"', "‘", "("].includes(prev.text))
				capWords.add(t.lower.replace(/'s$/u, ""));
		});
	}
	return { title, paragraphs, sentences, quotations, words, lowerWords, capWords };
}

/** Splits a paragraph into tokens with offsets; `quotes` marks which ones are quoted. */
export function tokenise(text: string, quotes: readonly Quotation[] = []): Token[] {
	const tokens: Token[] = [];
	for (const m of text.matchAll(TOKEN)) {
		const start = m.index;
		const end = start + m[0].length;
		const first = m[0].charAt(0);
		tokens.push({
			text: m[0],
			lower: fold(m[0]),
			start,
			end,
			word: /[\p{L}\p{N}]/u.test(first),
			cap: /\p{Lu}/u.test(first),
			quoted: quotes.some((q) => start > q.open && end <= q.close),
		});
	}
	return tokens;
}

/**
 * Pairs quotation marks: “…” by shape, straight "…" in turn. Single quotes are left alone, since
 * they are far more often apostrophes. An unclosed mark opens nothing.
 */
export function findQuotations(text: string, paragraph: number): Quotation[] {
	const found: Quotation[] = [];
	let open = -1;
	let straight = -1;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === "“") open = i;
		else if (c === "”" && open >= 0) {
			found.push({ paragraph, open, close: i });
			open = -1;
		} else if (c === '"') {
			if (straight < 0) straight = i;
			else {
				found.push({ paragraph, open: straight, close: i });
				straight = -1;
			}
		}
	}
	return found.sort((a, b) => a.open - b.open);
}

/** Sentence boundaries: a full stop (not after an abbreviation or initial) before a capital, digit or quote. */
function splitSentences(tokens: readonly Token[]): Token[][] {
	const sentences: Token[][] = [];
	let current: Token[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i] as Token;
		current.push(t);
		if (!TERMINAL.has(t.text)) continue;
		const before = tokens[i - 1];
		if (t.text === "." && before && (ABBREVIATIONS.has(before.lower) || /^\p{Lu}$/u.test(before.text))) continue;
		let j = i + 1;
		while (j < tokens.length && CLOSING_MARKS.has((tokens[j] as Token).text) && !opensQuote(tokens, j)) {
			current.push(tokens[j] as Token);
			j++;
		}
		const next = tokens[j];
		if (next === undefined || next.cap || /^\p{N}/u.test(next.text) || OPENING_QUOTES.has(next.text)) {
			sentences.push(current);
			current = [];
		}
		i = j - 1;
	}
	if (current.length > 0) sentences.push(current);
	return sentences;
}

/** A straight quote opens when a word follows it with no space. */
function opensQuote(tokens: readonly Token[], j: number): boolean {
	const t = tokens[j] as Token;
	const next = tokens[j + 1];
	return t.text === '"' && next !== undefined && next.start === t.end && next.word;
}

/** The text between two offsets of a paragraph, trimmed of spaces only (never of quotes). */
export function slice(doc: Doc, paragraph: number, start: number, end: number): string {
	return (doc.paragraphs[paragraph] ?? "").slice(start, end).trim();
}

/** Words of a text, folded, for overlap and containment checks. */
export function wordsOf(text: string): string[] {
	return (
		text
			.normalize("NFKD")
			.replace(/\p{M}+/gu, "")
			.toLowerCase()
			.match(/[\p{L}\p{N}]+/gu) ?? []
	);
}
