import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, contentDisposition, csvCell, csvFileName, csvRow, isoCells, neutralise } from "../../worker/domain/csv";
import { parseCsv } from "../fixtures/csv";

/** Every lead character a spreadsheet may treat as a formula, with an example cell. */
const DANGEROUS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "\0x"];

describe("neutralise", () => {
	it.each(DANGEROUS)("prefixes %j with an apostrophe", (text) => {
		expect(neutralise(text)).toBe(`'${text}`);
	});

	it.each(["", "Alice", "1", "a=b", "'=1", "김민준", "Иван"])("leaves %j unchanged", (text) => {
		expect(neutralise(text)).toBe(text);
	});
});

describe("csvCell", () => {
	/** Expects csvCell to write each text as the cell given for it, naming the text when one fails. */
	const expectCells = (cells: Record<string, string>) => {
		for (const [text, cell] of Object.entries(cells)) expect(csvCell(text), JSON.stringify(text)).toBe(cell);
	};

	it("writes null and undefined as empty cells", () => {
		expect(csvCell(null)).toBe("");
		expect(csvCell(undefined)).toBe("");
	});

	it("writes booleans as true/false", () => {
		expect(csvCell(true)).toBe("true");
		expect(csvCell(false)).toBe("false");
	});

	it("writes finite numbers as they are, without neutralising negatives", () => {
		expect(csvCell(0)).toBe("0");
		expect(csvCell(7.5)).toBe("7.5");
		expect(csvCell(-2)).toBe("-2");
	});

	it("writes non-finite numbers as empty cells", () => {
		expect(csvCell(Number.NaN)).toBe("");
		expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
		expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("");
	});

	it("neutralises dangerous strings, then quotes them when needed", () => {
		expectCells({
			"=1+1": "'=1+1",
			"-2": "'-2",
			'=HYPERLINK("http://x")': `"'=HYPERLINK(""http://x"")"`,
			"\nx": `"'\nx"`,
			"\rx": `"'\rx"`,
			"\tx": "'\tx",
			"\0x": "'\0x",
		});
	});

	it("quotes commas, quotes and newlines, doubling inner quotes", () => {
		expectCells({
			"Smith, Jo": '"Smith, Jo"',
			'say "hi"': '"say ""hi"""',
			"line 1\nline 2": '"line 1\nline 2"',
			"line 1\r\nline 2": '"line 1\r\nline 2"',
		});
	});

	it("quotes leading and trailing spaces so they survive trimming readers", () => {
		expectCells({ " padded": '" padded"', "padded ": '"padded "', "in side": "in side" });
	});

	it("passes Korean and Cyrillic names through untouched", () => {
		for (const name of ["김민준", "Иван Петров"]) expect(csvCell(name), name).toBe(name);
	});
});

describe("csvRow", () => {
	it("joins cells with commas and ends with CRLF", () => {
		expect(csvRow(["a", 1, true, null, "b,c"])).toBe('a,1,true,,"b,c"\r\n');
	});

	it("writes an empty row as a bare CRLF", () => {
		expect(csvRow([])).toBe("\r\n");
	});

	it("ends every line of a file with CRLF", () => {
		const file = csvRow(["name", "score"]) + csvRow(["김민준", 7]) + csvRow(["Иван", 9]);
		expect(file).toBe("name,score\r\n김민준,7\r\nИван,9\r\n");
		expect(file.split("\r\n")).toHaveLength(4);
		expect(file.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
	});
});

describe("parseCsv", () => {
	it("round-trips every awkward string as its neutralised form", () => {
		const rows = [
			["name", "answer", "score"],
			["김민준", '=HYPERLINK("http://x")', "+1"],
			["Иван", "-2", "@SUM(A1)"],
			["Smith, Jo", "\tx", "\rx"],
			['say "hi"', "\nx", "\0x"],
			["line 1\r\nline 2", "lf\nonly", ""],
			[" padded ", "'already", "plain"],
		];
		const text = CSV_BOM + rows.map(csvRow).join("");
		expect(parseCsv(text)).toEqual(rows.map((row) => row.map(neutralise)));
	});

	it("strips a leading BOM", () => {
		expect(parseCsv(`${CSV_BOM}a,b\r\n`)).toEqual([["a", "b"]]);
	});

	it("accepts LF and CRLF, with or without a final line break", () => {
		expect(parseCsv("a,b\nc,d")).toEqual([
			["a", "b"],
			["c", "d"],
		]);
		expect(parseCsv("a,b\r\nc,d\r\n")).toEqual([
			["a", "b"],
			["c", "d"],
		]);
	});

	it("keeps empty fields, including a trailing one", () => {
		expect(parseCsv(",a,,\r\n")).toEqual([["", "a", "", ""]]);
		expect(parseCsv("a,")).toEqual([["a", ""]]);
		expect(parseCsv('""\r\n')).toEqual([[""]]);
	});

	it("reads an empty line as one empty field and empty input as no rows", () => {
		expect(parseCsv("a\r\n\r\nb\r\n")).toEqual([["a"], [""], ["b"]]);
		expect(parseCsv("")).toEqual([]);
		expect(parseCsv(CSV_BOM)).toEqual([]);
	});

	it("rejects malformed quoting", () => {
		expect(() => parseCsv('"open')).toThrow(SyntaxError);
		expect(() => parseCsv('a"b')).toThrow(SyntaxError);
		expect(() => parseCsv('"a"b')).toThrow(SyntaxError);
	});
});

describe("csvFileName", () => {
	it("joins slugged parts with underscores and adds .csv", () => {
		expect(csvFileName(["class-7b", "nk-diplomacy-2017", "scores", "2026-11-28"])).toBe("class-7b_nk-diplomacy-2017_scores_2026-11-28.csv");
	});

	it("lower-cases, strips accents and collapses other runs into one hyphen", () => {
		expect(csvFileName(["Class 7B", "Élodie's  Quiz!!", "--a--b--"])).toBe("class-7b_elodie-s-quiz_a-b.csv");
	});

	it("drops parts that slug to nothing and never leaves path characters", () => {
		expect(csvFileName(["김민준", "scores", "../../etc/passwd", ""])).toBe("scores_etc-passwd.csv");
	});

	it("cuts each part to 40 characters without a trailing hyphen", () => {
		const name = csvFileName([`${"a".repeat(39)}-bbbb`, "x"]);
		expect(name).toBe(`${"a".repeat(39)}_x.csv`);
		expect(csvFileName(["z".repeat(100)])).toBe(`${"z".repeat(40)}.csv`);
	});

	it("falls back to 'export' and honours the extension", () => {
		expect(csvFileName([])).toBe("export.csv");
		expect(csvFileName(["Иван"])).toBe("export.csv");
		expect(csvFileName(["scores"], "TSV")).toBe("scores.tsv");
		expect(csvFileName(["scores"], "")).toBe("scores");
	});
});

describe("contentDisposition", () => {
	it("gives an attachment with ASCII and UTF-8 file names", () => {
		expect(contentDisposition("class-7b_scores.csv")).toBe(
			`attachment; filename="class-7b_scores.csv"; filename*=UTF-8''class-7b_scores.csv`,
		);
	});

	it("replaces non-ASCII and unsafe characters in the fallback and percent-encodes the UTF-8 name", () => {
		expect(contentDisposition('김민준 "x"\r\n(1).csv')).toBe(
			`attachment; filename="___ _x___(1).csv"; filename*=UTF-8''%EA%B9%80%EB%AF%BC%EC%A4%80%20%22x%22%0D%0A%281%29.csv`,
		);
	});

	it("never lets the header value contain CR or LF", () => {
		expect(contentDisposition("a\r\nSet-Cookie: x=1")).not.toMatch(/[\r\n]/);
	});
});

describe("isoCells", () => {
	const MAX = 8.64e15;
	it("writes exactly csvCell(new Date(ms).toISOString()) for any valid time, in any order", () => {
		const iso = isoCells();
		const time = fc.oneof(
			fc.integer({ min: -MAX, max: MAX }),
			fc.integer({ min: 0, max: 2_000_000_000_000 }),
			fc.integer({ min: 253_402_300_799_000, max: 253_402_300_801_000 }),
			fc.integer({ min: -1000, max: 1000 }),
			fc.double({ min: -MAX, max: MAX, noNaN: true }),
		);
		fc.assert(
			fc.property(fc.array(time, { maxLength: 20 }), (times) => {
				for (const ms of times) expect(iso(ms)).toBe(csvCell(new Date(ms).toISOString()));
			}),
			{ numRuns: 2000 },
		);
		// Day boundaries, leap days, the edges of the fast path.
		for (const ms of [0, 86_399_999, 86_400_000, Date.parse("2024-02-29T23:59:59.999Z"), 253_402_300_799_999, 253_402_300_800_000, -1]) {
			expect(iso(ms)).toBe(csvCell(new Date(ms).toISOString()));
		}
	});

	it("throws for an invalid time, as toISOString does", () => {
		expect(() => isoCells()(Number.NaN)).toThrow(RangeError);
		expect(() => isoCells()(MAX + 1)).toThrow(RangeError);
	});
});
