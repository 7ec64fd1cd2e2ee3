import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFUSABLES_VERSION, nameSkeleton, skeleton } from "../../worker/domain/confusables";
import { CONFUSABLE_PROTOTYPES } from "../../worker/domain/confusables-table";
import { nameProblem, normaliseName, studentKey } from "../../worker/domain/names";

/** The key as it was before look-alikes were folded: what rows stored until now hold. */
const oldKey = (name: string) => normaliseName(name).toLowerCase();

describe("skeleton (UTS #39, over look-alikes of ASCII letters and digits)", () => {
	it("is built from Unicode 17.0.0's confusables.txt", () => {
		expect(CONFUSABLES_VERSION).toBe("17.0.0");
		// A few entries of the published file, as they are there.
		const line = (prototype: string) => CONFUSABLE_PROTOTYPES.split("\n").find((l) => l.startsWith(`${prototype} `)) ?? "";
		expect(line("a").split(" ")).toEqual(expect.arrayContaining(["430", "3b1", "251"])); // Cyrillic а, Greek α, Latin ɑ
		expect(line("A").split(" ")).toEqual(expect.arrayContaining(["410", "391", "ff21"])); // Cyrillic А, Greek Α, fullwidth Ａ
		expect(line("rn").split(" ")).toEqual(expect.arrayContaining(["1d426"])); // mathematical bold m
	});

	it("maps each character to its prototype, as the standard does", () => {
		expect(skeleton("раураl")).toBe(skeleton("paypal")); // Cyrillic р, а, у
		expect(skeleton("Аda")).toBe("Ada");
		expect(skeleton("ΑDA")).toBe("ADA");
		expect(skeleton("𝐀𝐝𝐚")).toBe("Ada"); // mathematical bold
		expect(skeleton("m")).toBe("rn"); // ASCII too, unless told to keep it
		expect(skeleton("Emma")).toBe(skeleton("Ernrna"));
	});

	it("drops default-ignorable code points and returns NFD", () => {
		expect(skeleton("Ada\u200b")).toBe("Ada");
		expect(skeleton("A\u200dd\u2060a\ufe0f")).toBe("Ada");
		expect(skeleton("é")).toBe("e\u0301");
		expect(skeleton("e\u0301")).toBe("e\u0301");
	});

	it("leaves alone what has no ASCII prototype, and what it is told to keep", () => {
		expect(skeleton("в")).toBe("в"); // its prototype is ʙ, not an ASCII letter
		expect(skeleton("ł")).toBe("ł"); // l̸
		expect(skeleton("Иван")).toBe("Ивaн"); // и, в and н have no ASCII prototype
		expect(skeleton("Emma", { fold: (c) => c !== "m" })).toBe("Emma");
	});

	it("folds only inside a name with a Latin letter, and never ASCII or Latin letters", () => {
		expect(nameSkeleton("аda")).toBe("ada");
		expect(nameSkeleton("иван")).toBe("иван");
		expect(nameSkeleton("σοφία")).toBe("σοφι\u0301α"); // NFD, nothing folded
		expect(nameSkeleton("ernma")).toBe("ernma");
		expect(nameSkeleton("cæcilie")).toBe("cæcilie");
		expect(nameSkeleton("ışık")).toBe("ıs\u0327ık");
		expect(nameSkeleton("ivan\u200d")).toBe("ivan");
		expect(nameSkeleton("иван\u200d")).toBe("иван");
	});
});

describe("studentKey", () => {
	it("gives one key to Ada written with Cyrillic, Greek and fullwidth letters", () => {
		const keys = ["Ada", "\u0410da", "\u0391DA", "Ａｄａ", "ada", " ADA ", "\u0430d\u0430"].map(studentKey);
		expect(new Set(keys)).toEqual(new Set(["ada"]));
	});

	it("never stores a name with an invisible character in the first place", () => {
		expect(nameProblem("Ada\u200b", "student")).toMatch(/U\+200B/);
		expect(nameProblem("Ada", "student")).toBeNull();
	});

	it("refuses a name that only looks like letters and would group under an empty key (Hangul fillers)", () => {
		expect(studentKey("\u3164\u3164")).toBe("");
		expect(nameProblem("\u3164\u3164", "student")).toBe("must not be empty");
		expect(nameProblem("\u3164Ada", "student")).toBeNull();
	});

	it("keeps different names apart", () => {
		const names = [
			"Ada",
			"Ana",
			"Emma",
			"Ernma",
			"Al",
			"A1",
			"AI",
			"José",
			"Jose",
			"Zoë",
			"Zoe",
			"Иван",
			"Ivan",
			"Łukasz",
			"Lukasz",
			"Cæcilie",
			"Caecilie",
			"Σοφία",
			"Sofia",
			"김민준",
			"Ada Lovelace",
			"Ada  Lovelace2",
		];
		const keys = names.map(studentKey);
		expect(new Set(keys).size).toBe(names.length);
	});

	it("keeps the key of names in one script that needs no folding", () => {
		for (const name of ["Иван", "Σοφία", "Łukasz", "Cæcilie", "Işık", "Nguyễn Văn An", "Þóra", "김민준", "José", "Zoë"]) {
			expect(studentKey(name), name).toBe(oldKey(name));
		}
	});

	it("is idempotent", () => {
		const lookAlikes = [
			"\u0410",
			"\u0430",
			"\u0391",
			"\u03b1",
			"\u03bf",
			"\u0440",
			"\u0455",
			"\u0456",
			"\u13aa",
			"\ua4ee",
			"\u2223",
			"\u00d7",
			"ı",
			"İ",
			"ß",
			"ﬁ",
			"ｄ",
			"\u0301",
			"\u0345",
			"\u200b",
			"\u200d",
			"\u3164",
			"\u00a0",
			" ",
			"Σ",
			"ς",
		];
		const unit = fc.oneof(
			fc.constantFrom(...lookAlikes),
			fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
			fc.constantFrom("a", "D", "m", "1"),
		);
		fc.assert(
			fc.property(fc.string({ unit, maxLength: 24 }), (name) => {
				const key = studentKey(name);
				expect(studentKey(key)).toBe(key);
			}),
			{ numRuns: 2000 },
		);
	});

	it("gives every ASCII name the key it had before", () => {
		fc.assert(
			fc.property(fc.string({ unit: "binary-ascii", maxLength: 40 }), (name) => {
				expect(studentKey(name)).toBe(oldKey(name));
			}),
			{ numRuns: 2000 },
		);
	});
});
