/**
 * Choices, ids and the comparisons behind them. Distractors are compared with the answer and
 * with each other after the same normalisation the grader uses (case, accents, punctuation), and
 * a name is also the same as its surname or acronym, so "Mattis" never sits beside "Jim Mattis".
 */
import { normaliseAnswer } from "../quiz/answers";
import type { Choice } from "../quiz/schema";
import { rank } from "../shuffle";
import { ANSWER_STOP_WORDS } from "./lexicon";
import { wordsOf } from "./text";

/** The key two answers share when they are the same answer written differently. */
export function answerKey(text: string): string {
	return normaliseAnswer(text).replace(/ /gu, "");
}

/** True when two answers name the same thing: equal after normalisation, or one is the other's last word or initials. */
export function sameAnswer(a: string, b: string): boolean {
	const x = normaliseAnswer(a);
	const y = normaliseAnswer(b);
	if (x === "" || y === "") return x === y;
	if (x.replace(/ /gu, "") === y.replace(/ /gu, "")) return true;
	const [short, long] = x.length <= y.length ? [x, y] : [y, x];
	const longWords = long.split(" ");
	if (!short.includes(" ") && longWords.length > 1 && (longWords.at(-1) === short || longWords.map((w) => w.charAt(0)).join("") === short))
		return true;
	return false;
}

/**
 * The answer followed by distractors that are all different from it and from each other; stops
 * at `max` choices. Candidates come in order of preference.
 */
export function pickDistinct(answer: string, candidates: readonly string[], max: number): string[] {
	const out = [answer];
	for (const c of candidates) {
		if (out.length >= max) break;
		if (c.trim() === "" || out.some((o) => sameAnswer(o, c))) continue;
		out.push(c);
	}
	return out;
}

/** A URL-safe id from words: lower-case letters, digits and dashes, at most `max` characters. */
export function slug(text: string, max = 40): string {
	const s = normaliseAnswer(text)
		.replace(/[^a-z0-9 ]+/gu, "")
		.trim()
		.replace(/ +/gu, "-")
		.slice(0, max)
		.replace(/-+$/u, "");
	return /^[a-z0-9]/u.test(s) ? s : `x${s}`.slice(0, max);
}

/** Choices with unique slug ids, sorted so that the right answer's place says nothing. */
export function makeChoices(texts: readonly string[], numeric = false): Choice[] {
	const sorted = [...texts].sort(
		(a, b) => (numeric ? numericOrder(a, b) : 0) || normaliseAnswer(a).localeCompare(normaliseAnswer(b)) || a.localeCompare(b),
	);
	const used = new Set<string>();
	return sorted.map((text) => {
		const base = slug(text, 32) || "choice";
		let id = base;
		for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
		used.add(id);
		return { id, text };
	});
}

/** Orders numeric answers by value ("£3 million" before "£4.2 million"); dates and words fall back to text order. */
function numericOrder(a: string, b: string): number {
	const x = numericValue(a);
	const y = numericValue(b);
	if (x === undefined || y === undefined) return 0;
	return x - y;
}

function numericValue(text: string): number | undefined {
	const m = /(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion)?/u.exec(text);
	if (!m) return undefined;
	const scale = m[2] === "million" ? 1e6 : m[2] === "billion" ? 1e9 : m[2] === "trillion" ? 1e12 : 1;
	return Number((m[1] ?? "").replace(/,/gu, "")) * scale;
}

/** True when every content word of `answer` occurs among the words of `quote` (the literal-answer rule). */
export function answerInQuote(answer: string, quote: string): boolean {
	const have = new Set(wordsOf(quote));
	const need = wordsOf(answer).filter((w) => !ANSWER_STOP_WORDS.has(w));
	return need.length > 0 && need.every((w) => have.has(w));
}

/** True when the prompt gives the answer away (its content words appear in the prompt as a phrase). */
export function leaks(prompt: string, answer: string): boolean {
	const p = ` ${normaliseAnswer(prompt)} `;
	const a = normaliseAnswer(answer);
	return a !== "" && p.includes(` ${a} `);
}

/** FNV-1a over a string: a stable, input-derived salt (never Math.random); the same hash that orders choices per attempt. */
export const hash: (text: string) => number = rank;

/** A quotation shortened to about `words` words at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, words = 16): string {
	const parts = text.trim().split(/\s+/u);
	if (parts.length <= words + 3) return text.trim().replace(/[\s,.;:]+$/u, "");
	let cut = words;
	// Prefer to stop after a comma within the last few words.
	for (let i = words; i >= words - 5 && i > 3; i--) {
		if (/[,;:]$/u.test(parts[i - 1] ?? "")) {
			cut = i;
			break;
		}
	}
	return `${parts
		.slice(0, cut)
		.join(" ")
		.replace(/[\s,.;:]+$/u, "")} …`;
}

/** First letter upper case. */
export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
