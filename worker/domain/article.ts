/**
 * Articles teachers paste: split into paragraphs at line breaks, each trimmed, empty ones dropped.
 * The text is otherwise kept exactly as pasted (typographic quotes and apostrophes included), so
 * every evidence quote can be checked verbatim against it.
 */
import type { Issue } from "./issues";
import { textProblem } from "./text";

export const ARTICLE_LIMITS = { characters: 30_000, paragraphs: 200, title: 200, source: 200, date: 40 } as const;

export function splitParagraphs(text: string): string[] {
	return text
		.split(/\r\n|\r|\n|\u2028|\u2029/)
		.map((p) => p.trim())
		.filter((p) => p !== "");
}

export interface ArticleInput {
	title: string;
	text: string;
	source?: string | null | undefined;
	date?: string | null | undefined;
}

export interface NewArticle {
	title: string;
	source: string | null;
	date: string | null;
	paragraphs: string[];
}

/** An article ready to store, or what to fix: empty, too long, too many paragraphs. */
export function readArticle(input: ArticleInput): { ok: true; article: NewArticle } | { ok: false; issues: Issue[] } {
	const issues: Issue[] = [];
	for (const [path, value] of [
		["title", input.title],
		["text", input.text],
		["source", input.source],
		["date", input.date],
	] as const) {
		const problem = value ? textProblem(value) : null;
		if (problem !== null) issues.push({ path, message: problem });
	}
	const title = input.title.trim();
	if (title === "") issues.push({ path: "title", message: "must not be empty" });
	if ([...title].length > ARTICLE_LIMITS.title)
		issues.push({ path: "title", message: `must be at most ${ARTICLE_LIMITS.title} characters` });
	const length = [...input.text].length;
	if (length > ARTICLE_LIMITS.characters) {
		issues.push({ path: "text", message: `is ${length} characters long; an article can have at most ${ARTICLE_LIMITS.characters}` });
	}
	const paragraphs = splitParagraphs(input.text);
	if (paragraphs.length === 0) issues.push({ path: "text", message: "must not be empty: paste the article's text" });
	if (paragraphs.length > ARTICLE_LIMITS.paragraphs) {
		issues.push({
			path: "text",
			message: `has ${paragraphs.length} paragraphs; an article can have at most ${ARTICLE_LIMITS.paragraphs} (join short lines into paragraphs)`,
		});
	}
	const optional = (value: string | null | undefined, field: "source" | "date") => {
		const v = value?.trim() ?? "";
		if ([...v].length > ARTICLE_LIMITS[field]) issues.push({ path: field, message: `must be at most ${ARTICLE_LIMITS[field]} characters` });
		return v === "" ? null : v;
	};
	const source = optional(input.source, "source");
	const date = optional(input.date, "date");
	return issues.length > 0 ? { ok: false, issues } : { ok: true, article: { title, source, date, paragraphs } };
}
