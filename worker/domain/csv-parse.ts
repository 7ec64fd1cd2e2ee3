/**
 * An RFC 4180 CSV reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF / LF / CR
 * record ends, a leading BOM stripped. Two modes:
 *
 * - strict (the default), for reading our own exports back in tests: a quote inside an unquoted
 *   field, text after a closing quote and an unterminated quoted field throw a `SyntaxError`;
 * - lenient, for files people bring (an LMS export, a spreadsheet, a paste): a stray quote is
 *   text, text after a closing quote is kept, and a quote that is never closed is read as a
 *   character of an unquoted field. Nothing throws; what looks wrong stays visible in the values.
 *
 * The separator is a comma unless told otherwise; `guessDelimiter` picks between comma, semicolon
 * (spreadsheets in locales with a decimal comma) and tab (a paste from a spreadsheet).
 *
 * Pure module: standard JS only.
 */

const BOM = "\uFEFF";

export type CsvDelimiter = "," | ";" | "\t";

export interface CsvParseOptions {
	/** The field separator; "," by default. */
	delimiter?: CsvDelimiter;
	/** Throw on malformed quoting (true, the default) or read it as text (false). */
	strict?: boolean;
}

/**
 * Parses CSV into rows of strings. A final record terminator does not make an extra empty row;
 * an empty line is a record with one empty field; empty input is no rows.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): string[][] {
	const reader = new Reader(text.startsWith(BOM) ? text.slice(BOM.length) : text, options.delimiter ?? ",", options.strict ?? true);
	return reader.rows();
}

/**
 * The separator a file most likely uses, judged on its first record: a tab if it has one (a
 * spreadsheet paste), else a semicolon if it has more semicolons than commas, else a comma.
 * Separators inside quotes do not count.
 */
export function guessDelimiter(text: string): CsvDelimiter {
	const counts = { ",": 0, ";": 0, "\t": 0 };
	let quoted = false;
	for (const c of text.startsWith(BOM) ? text.slice(BOM.length) : text) {
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === "\n" || c === "\r")) break;
		else if (!quoted && (c === "," || c === ";" || c === "\t")) counts[c] += 1;
	}
	if (counts["\t"] > 0) return "\t";
	return counts[";"] > counts[","] ? ";" : ",";
}

/** One parsed field and the index just after it. */
interface Field {
	value: string;
	end: number;
}

class Reader {
	constructor(
		private readonly source: string,
		private readonly delimiter: CsvDelimiter,
		private readonly strict: boolean,
	) {}

	rows(): string[][] {
		const { source } = this;
		const rows: string[][] = [];
		let row: string[] = [];
		let i = 0;
		while (i < source.length) {
			const field = source[i] === '"' ? this.quoted(i) : this.unquoted(i);
			row.push(field.value);
			i = field.end;
			if (source[i] === this.delimiter) {
				i += 1;
				if (i < source.length) continue;
				row.push("");
			}
			rows.push(row);
			row = [];
			i = skipLineBreak(source, i);
		}
		return rows;
	}

	private endsField(c: string | undefined): boolean {
		return c === undefined || c === this.delimiter || c === "\r" || c === "\n";
	}

	/** An unquoted field, up to the next separator, line break or end of input. */
	private unquoted(start: number): Field {
		const { source } = this;
		let end = start;
		while (!this.endsField(source[end])) {
			if (source[end] === '"' && this.strict) throw new SyntaxError(`CSV: quote inside unquoted field at offset ${end}`);
			end += 1;
		}
		return { value: source.slice(start, end), end };
	}

	/** A quoted field whose opening quote is at `start`. */
	private quoted(start: number): Field {
		const { source } = this;
		let value = "";
		let i = start + 1;
		for (;;) {
			const close = source.indexOf('"', i);
			if (close === -1) {
				if (this.strict) throw new SyntaxError(`CSV: unterminated quoted field at offset ${start}`);
				// Never closed: the quote was a character, and the field an unquoted one.
				return this.unquoted(start);
			}
			value += source.slice(i, close);
			if (source[close + 1] === '"') {
				value += '"';
				i = close + 2;
				continue;
			}
			const end = close + 1;
			if (this.endsField(source[end])) return { value, end };
			if (this.strict) throw new SyntaxError(`CSV: unexpected text after closing quote at offset ${end}`);
			// `"a"b,`: keep what follows the closing quote, as spreadsheets do.
			const rest = this.unquoted(end);
			return { value: value + rest.value, end: rest.end };
		}
	}
}

/** Skips one record terminator (CRLF, LF or CR) at `i`, if present. */
function skipLineBreak(source: string, i: number): number {
	if (source[i] === "\r" && source[i + 1] === "\n") return i + 2;
	if (source[i] === "\r" || source[i] === "\n") return i + 1;
	return i;
}
