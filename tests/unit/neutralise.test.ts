/** Finding 8: formula neutralisation by meaning, not by the first byte; and the text rule of finding 11. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, neutralise } from "../../worker/domain/csv";
import { nameField } from "../../worker/domain/names";
import { textProblem } from "../../worker/domain/text";

/** What a spreadsheet may do before reading a cell: skip white space, controls and invisible characters, fold compatibility forms. */
function asSpreadsheetReadsIt(cell: string): string {
	const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
	return unquoted
		.replace(/^[\s\p{Cc}\p{Cf}\p{Z}]+/u, "")
		.normalize("NFKC")
		.replace(/^[\u2212\u2012\u2013\u2796]/u, "-")
		.replace(/^[\u2795\u2a72]/u, "+");
}

const startsFormula = (text: string) => /^[=+\-@]/.test(text);

/** Lead characters an attacker would try: white space of every kind, invisible format characters, fullwidth and small forms. */
const LEAD = [
	" ",
	"\u00a0",
	"\u3000",
	"\u2003",
	"\u200b",
	"\u200c",
	"\u200d",
	"\u200e",
	"\u200f",
	"\u2060",
	"\ufeff",
	"\u00ad",
	"\u202e",
	"\u180e",
];
const FORMULA = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b", "\u2212"];

describe("neutralise", () => {
	it.each([
		"\u200b=1+1",
		"\u200e=1+1",
		"\u2060=1+1",
		"\uff1d1+1",
		"\uff0b1+1",
		"\uff0d1+1",
		"\uff201+1",
		" =1",
		"\u3000\uff1dA1",
		"\ufeff@SUM(A1)",
		"\ufe32",
		"\ufe321+1",
		"\u208b1",
	])("finding 8: neutralises %j", (text) => {
		expect(neutralise(text)).toBe(`'${text}`);
	});

	it("finding 8: no exported cell can start a formula after a spreadsheet trims it (property)", () => {
		const lead = fc.array(fc.constantFrom(...LEAD), { maxLength: 4 }).map((xs) => xs.join(""));
		const cell = fc.oneof(
			fc.tuple(lead, fc.constantFrom(...FORMULA), fc.string({ maxLength: 20 })).map(([a, b, c]) => a + b + c),
			fc.string({ maxLength: 30, unit: "binary" }),
			fc.string({ maxLength: 30, unit: "grapheme" }),
		);
		fc.assert(
			fc.property(cell, (text) => {
				const written = csvCell(text);
				const read = written.startsWith('"') ? written.slice(1) : written;
				expect(read.startsWith("'") || !startsFormula(asSpreadsheetReadsIt(written)), JSON.stringify(text)).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});

	it("leaves text that only contains a formula sign later on, or plain names, alone", () => {
		for (const text of ["a=b", "Jo-Ann", "김민준", "\u200dx", "1+1"]) expect(neutralise(text)).toBe(text);
	});
});

describe("text people type", () => {
	it("finding 11: a lone surrogate, a control or an invisible format character is refused, in names too", () => {
		for (const bad of ["Ada\ud800", "\udc00", "A\u200bda", "\u202eAda", "Ada\u0007", "\ufeffAda", "Ada\u2060"]) {
			expect(textProblem(bad), JSON.stringify(bad)).not.toBeNull();
			expect(nameField("student").safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
		for (const good of ["Ada Lovelace", "김민준", "می\u200cخواهم", "👩\u200d🔬 Ada", "line one\nline two\ttabbed"]) {
			expect(textProblem(good), JSON.stringify(good)).toBeNull();
		}
		expect(nameField("student").safeParse("  Ada \t Lovelace ").data).toBe("Ada Lovelace");
	});
});
