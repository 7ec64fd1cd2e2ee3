/**
 * Text people type (names, answers, class names, articles): one rule for what may be stored. Refused:
 * a lone surrogate (not text at all; stored, it would turn into U+FFFD), control characters (Cc)
 * other than tab and line breaks, and format characters (Cf: zero-width spaces, direction marks,
 * word joiners, the BOM…), which are invisible and let text look like something it is not (a
 * formula in a spreadsheet, a classmate's name). The zero-width joiner and non-joiner (U+200D,
 * U+200C) stay allowed: Persian, Indic scripts and emoji need them inside words.
 */

/** Characters never allowed in text: Cc but tab, LF and CR; Cf but ZWNJ and ZWJ. */
const FORBIDDEN = /(?![\t\n\r\u200c\u200d])[\p{Cc}\p{Cf}]/u;

/** Why `text` cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
	if (!text.isWellFormed()) return "contains a broken character (a lone surrogate); type it again";
	const found = FORBIDDEN.exec(text);
	if (found) {
		const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
		return `contains an invisible or control character (U+${code}); remove it`;
	}
	return null;
}
