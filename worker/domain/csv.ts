/**
 * CSV export helpers: RFC 4180 cells and rows, spreadsheet formula-injection
 * defence and safe download file names.
 *
 * Pure module: standard JS / Web APIs only, so it runs inside workerd.
 */

/** A value that can be written as one CSV cell. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * UTF-8 byte order mark. Excel needs it to read non-Latin names (김민준, Иван)
 * correctly. Write it once, at the very start of a stream, never per row.
 */
export const CSV_BOM = "\uFEFF";

/** Characters that make a spreadsheet treat a cell as a formula (or strip/shift it), as the cell's very first character. */
const DANGEROUS_LEAD = new Set(["=", "+", "-", "@", "\t", "\r", "\n", "\0"]);

/** What starts a formula once a spreadsheet has skipped what it skips and folded what it folds. */
const FORMULA_START = new Set(["=", "+", "-", "@"]);

/** What a spreadsheet may skip before it looks for a formula: white space, controls and invisible format characters (Cf). */
const SKIPPED_LEAD = /^[\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]+/u;

/** Signs NFKC does not fold to ASCII but a spreadsheet may read as one: the minus sign and its look-alikes. */
const LOOK_ALIKES: Record<string, string> = { "\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2796": "-", "\u2795": "+", "\u2A72": "+" };

/** Characters that force a cell to be quoted (RFC 4180, section 2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** Longest slug kept for one part of a file name. */
const MAX_PART_LENGTH = 40;

/**
 * Defends against spreadsheet formula injection (CSV injection) by meaning, not by the first byte:
 * text that starts with `=`, `+`, `-`, `@`, tab, CR, LF or NUL, or that does once leading white
 * space and invisible format characters (U+200B, U+200E, U+2060, the BOM…) are skipped and
 * fullwidth and compatibility forms folded (`＝`, `＋`, `－`, `＠`, `﹦`…), gets a leading `'`, which
 * spreadsheets treat as "this is text". Other text is returned unchanged.
 *
 * Only apply this to strings; numbers are data and are never neutralised.
 */
export function neutralise(text: string): string {
	// Fast path, most cells: a visible ASCII character that is not a formula sign is what a spreadsheet sees first.
	const code = text.charCodeAt(0);
	if (code > 0x20 && code < 0x7f && code !== 0x3d && code !== 0x2b && code !== 0x2d && code !== 0x40) return text;
	if (DANGEROUS_LEAD.has(text.charAt(0))) return `'${text}`;
	const first = [...text.replace(SKIPPED_LEAD, "").slice(0, 2)][0] ?? "";
	// Fold compatibility forms first, then the look-alikes (U+FE32, a vertical en dash, folds to an en dash, which reads as a minus).
	const compatible = first.normalize("NFKC").charAt(0);
	const folded = LOOK_ALIKES[first] ?? LOOK_ALIKES[compatible] ?? compatible;
	return FORMULA_START.has(folded) ? `'${text}` : text;
}

/**
 * Formats one CSV cell.
 *
 * - `null` / `undefined` → empty cell
 * - booleans → `true` / `false`
 * - finite numbers → `String(n)`; `NaN` and ±Infinity → empty cell
 * - strings → {@link neutralise}d, then quoted (inner `"` doubled) when they
 *   contain `"`, `,`, CR or LF, or start or end with a space (so that
 *   trimming readers keep the spaces).
 */
export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "boolean") return value ? "true" : "false";
	if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
	return quoteIfNeeded(neutralise(value));
}

/** Wraps text in double quotes (doubling inner quotes) when RFC 4180 needs it. */
function quoteIfNeeded(text: string): string {
	const padded = text.startsWith(" ") || text.endsWith(" ");
	if (!padded && !NEEDS_QUOTES.test(text)) return text;
	return `"${text.replaceAll('"', '""')}"`;
}

/** "00"…"99" and "000"…"999": the two- and three-digit fields of an ISO time. */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from here on `toISOString` writes a six-digit year with a sign. */
const YEAR_10000_MS = 253_402_300_800_000;

/**
 * A formatter of millisecond times as their CSV cell: exactly `csvCell(new Date(ms).toISOString())`
 * (which throws for an invalid time, as that does). Exports write two times a row, most of them on
 * a few days, so the date part is kept per day and only the time of day is written per call; a time
 * before 1970 or after 9999 takes the long way.
 */
export function isoCells(): (ms: number) => string {
	let day = Number.NaN;
	let prefix = "";
	return (ms) => {
		if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) return csvCell(new Date(ms).toISOString());
		const d = Math.floor(ms / DAY_MS);
		if (d !== day) {
			day = d;
			prefix = new Date(d * DAY_MS).toISOString().slice(0, 11);
		}
		const t = ms - d * DAY_MS;
		const seconds = Math.floor(t / 1000);
		return `${prefix}${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}.${THREE[t % 1000]}Z`;
	};
}

/** Formats one CSV record: cells joined by `,`, terminated by CRLF. */
export function csvRow(cells: readonly CsvValue[]): string {
	return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * Builds a safe download file name from parts, e.g.
 * `["class-7b", "nk-diplomacy-2017", "scores", "2026-11-28"]` →
 * `class-7b_nk-diplomacy-2017_scores_2026-11-28.csv`.
 *
 * Each part becomes a lower-case ASCII slug (`[a-z0-9-]`; accents are
 * stripped, every other run of characters becomes one `-`, leading/trailing
 * `-` trimmed, at most 40 characters). Empty slugs are dropped; if nothing is
 * left the base name is `export`. The extension is reduced to `[a-z0-9]`;
 * an empty extension means no extension.
 */
export function csvFileName(parts: readonly string[], ext = "csv"): string {
	const slugs = parts.map(slugPart).filter((slug) => slug !== "");
	const base = slugs.length > 0 ? slugs.join("_") : "export";
	const suffix = ext.toLowerCase().replace(/[^a-z0-9]/g, "");
	return suffix === "" ? base : `${base}.${suffix}`;
}

/** One file-name part as a lower-case ASCII slug of at most 40 characters. */
function slugPart(part: string): string {
	return part
		.normalize("NFKD")
		.replace(/\p{M}/gu, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, MAX_PART_LENGTH)
		.replace(/-+$/, "");
}

/**
 * A `Content-Disposition` header value for downloading `fileName`
 * (RFC 6266): an ASCII `filename` fallback (anything outside printable ASCII,
 * and `"`, `\`, `/`, `%`, becomes `_`) plus an RFC 5987 `filename*` with the
 * UTF-8 name percent-encoded.
 */
export function contentDisposition(fileName: string): string {
	return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** The file name restricted to characters safe inside a quoted header parameter. */
function asciiFallback(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\/%]/gu, "_");
	return ascii === "" ? "download" : ascii;
}

/** Percent-encodes for an RFC 5987 `ext-value` (attr-char only left bare). */
function encodeRfc5987(text: string): string {
	return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
