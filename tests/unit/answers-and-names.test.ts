import { describe, expect, it } from "vitest";
import { nameLength, normaliseName, studentKey } from "../../worker/domain/names";
import { matchesShortAnswer, normaliseAnswer, withinOneEdit } from "../../worker/domain/quiz/answers";

describe("normaliseAnswer", () => {
	it("folds case, diacritics, punctuation and spacing", () => {
		const folded = {
			"  Hwasong-15! ": "hwasong 15",
			"Vitály   PASHIN": "vitaly pashin",
			"“Xi Jinping”": "xi jinping",
			"ｆｕｌｌ　ｗｉｄｔｈ": "full width",
			"...": "",
		};
		for (const [given, expected] of Object.entries(folded)) expect(normaliseAnswer(given), given).toBe(expected);
	});
});

describe("matchesShortAnswer", () => {
	const missile = ["Hwasong-15", "Hwasong 15"];
	it("accepts every written form of the same answer", () => {
		for (const given of ["Hwasong-15", "hwasong 15", "HWASONG15", "Hwasong–15", " hwasong - 15 "]) {
			expect(matchesShortAnswer(given, missile), given).toBe(true);
		}
		expect(matchesShortAnswer("pashin", ["Pashin", "Vitaly Pashin"])).toBe(true);
		expect(matchesShortAnswer("Vitaly Páshin", ["Pashin", "Vitaly Pashin"])).toBe(true);
	});

	it("tolerates one typo in answers of six letters or more", () => {
		expect(matchesShortAnswer("Hwasomg-15", missile)).toBe(true); // substitution
		expect(matchesShortAnswer("Hwsong 15", missile)).toBe(true); // deletion
		expect(matchesShortAnswer("Hwasoong 15", missile)).toBe(true); // insertion
		expect(matchesShortAnswer("Hawsong 15", missile)).toBe(true); // transposition
		expect(matchesShortAnswer("Pashni", ["Pashin"])).toBe(true); // six letters, transposed
	});

	it("tolerates no typo in shorter answers and no second typo anywhere", () => {
		expect(matchesShortAnswer("oli", ["oil"])).toBe(false);
		expect(matchesShortAnswer("Pashn", ["Pashin"])).toBe(false); // the answer has five letters
		expect(matchesShortAnswer("Hwasomg-16", missile)).toBe(false);
		expect(matchesShortAnswer("Hwasong 14", missile)).toBe(false); // one edit, but a different number
		expect(matchesShortAnswer("Hwasong 115", missile)).toBe(false);
	});

	it("rejects empty and wrong answers", () => {
		expect(matchesShortAnswer("", missile)).toBe(false);
		expect(matchesShortAnswer("   ", missile)).toBe(false);
		expect(matchesShortAnswer("!!!", ["!!!"])).toBe(false);
		expect(matchesShortAnswer("Chepa", ["Pashin"])).toBe(false);
		expect(matchesShortAnswer("anything", [])).toBe(false);
	});
});

describe("withinOneEdit", () => {
	it.each([
		["abcdef", "abcdef", true],
		["abcdef", "abcxef", true],
		["abcdef", "abdcef", true],
		["abcdef", "abcdefg", true],
		["abcdef", "bcdef", true],
		["abcdef", "abxyef", false],
		["abcdef", "abcd", false],
		["abcdef", "badcef", false],
	])("%s ~ %s → %s", (a, b, expected) => {
		expect(withinOneEdit(a, b)).toBe(expected);
		expect(withinOneEdit(b, a)).toBe(expected);
	});
});

describe("names", () => {
	it("trims, collapses white space and composes to NFC", () => {
		expect(normaliseName("  Jo\u0308rg \n\t Müller ")).toBe("Jörg Müller");
		expect(normaliseName("\u00a0Kim\u2003Lee\u00a0")).toBe("Kim Lee");
	});
	it("counts characters as a person does", () => {
		expect(nameLength("김민준")).toBe(3);
		expect(nameLength("😀😀")).toBe(2);
	});
	it("groups one student's attempts regardless of case and spacing", () => {
		expect(studentKey("  KIM   lee")).toBe(studentKey("Kim Lee"));
		expect(studentKey("Иван")).toBe("иван");
	});
});
