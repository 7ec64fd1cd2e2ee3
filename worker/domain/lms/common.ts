/**
 * What the GIFT and QTI exports share: question labels, the article's byline, the feedback text,
 * and the short-answer forms worth exporting.
 *
 * Pure module: standard JS only, so it runs inside workerd.
 */
import type { ArticleFile, Question } from "../quiz/schema";

/** Longest prompt excerpt in a question's name: enough to recognise it in a question bank list. */
const LABEL_PROMPT_LENGTH = 60;

/**
 * A question's name in the LMS ("Q01 Who said North Korea would…"). Zero-padded so that a
 * question bank sorted by name keeps the quiz's order.
 */
export function questionLabel(index: number, total: number, prompt: string): string {
	const width = Math.max(2, String(total).length);
	return `Q${String(index + 1).padStart(width, "0")} ${truncate(oneLine(prompt), LABEL_PROMPT_LENGTH)}`;
}

/** Collapses line breaks and runs of spacing, for one-line places (names, comments). */
export function oneLine(text: string): string {
	return text.replace(/\s+/g, " ").trim();
}

/** Cuts text to at most `max` characters (code points, so an emoji is never split), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
	const chars = [...text];
	return chars.length <= max
		? text
		: `${chars
				.slice(0, max - 1)
				.join("")
				.trimEnd()}…`;
}

/** "Source, date" under the article title; the date is left out when the article has none. */
export function byline(article: ArticleFile): string {
	return article.date ? `${article.source}, ${article.date}` : article.source;
}

/** The evidence line shown after answering: where in the article the answer is, and the words that show it. */
export function evidenceLine(q: Question): string {
	return `Evidence (paragraph ${q.evidence.paragraph}): “${q.evidence.quote}”`;
}

/**
 * The accepted short-answer forms to export: trimmed, blanks dropped, and repeats dropped
 * ignoring case (every target compares without case, so "ABC" and "abc" are one answer there).
 */
export function acceptedForms(q: Question): string[] {
	const seen = new Set<string>();
	const forms: string[] = [];
	for (const raw of q.accepted) {
		const form = raw.trim();
		const key = form.toLowerCase();
		if (form === "" || seen.has(key)) continue;
		seen.add(key);
		forms.push(form);
	}
	return forms;
}
