import { describe, expect, it } from "vitest";
import { allQuestions } from "../../../worker/domain/drafter/index";
import { acceptedForms, alternatives, findQuantities, type Quantity } from "../../../worker/domain/drafter/numbers";
import { readArticle } from "../../../worker/domain/drafter/text";
import { correctAnswers, distractors, find, must, problems } from "./helpers";

function quantities(...paragraphs: string[]): Quantity[] {
	return findQuantities(readArticle("T", paragraphs));
}

function only(qs: readonly Quantity[], text: string): Quantity {
	const q = qs.find((x) => x.text === text);
	if (!q) throw new Error(`no quantity "${text}" in ${qs.map((x) => x.text).join(", ")}`);
	return q;
}

describe("reading numbers with their units", () => {
	const qs = quantities(
		"Sales fell 40% in 2019, and the firm cut 1,200 jobs over six months.",
		"The new bridge cost £4.2 million and is 95 metres long; about 2,000 cyclists use it each day, and the old one stood for a century.",
		"The stadium held 62,000 fans while 20,000 supporters watched at home on 14 March.",
	);

	it("types each number by what it counts", () => {
		expect(only(qs, "40%")).toMatchObject({ kind: "percent", value: 40 });
		expect(only(qs, "2019")).toMatchObject({ kind: "year", value: 2019 });
		expect(only(qs, "1,200")).toMatchObject({ kind: "count", unit: "jobs", value: 1200, noun: "jobs" });
		expect(only(qs, "six months")).toMatchObject({ kind: "duration", unit: "month", value: 6 });
		expect(only(qs, "£4.2 million")).toMatchObject({ kind: "money", unit: "£", value: 4_200_000 });
		expect(only(qs, "95 metres")).toMatchObject({ kind: "measure", unit: "m", value: 95 });
		expect(only(qs, "2,000")).toMatchObject({ kind: "count", unit: "people" });
		expect(only(qs, "a century")).toMatchObject({ kind: "duration", unit: "century" });
		expect(only(qs, "14 March")).toMatchObject({ kind: "date" });
		// "about" is kept as an approximator, not as part of the number.
		const about = only(qs, "2,000");
		expect(about.lead).toBeLessThan(about.first);
	});

	it("shifts a percentage by points, a count by a quarter or half, a year by one to three", () => {
		for (let salt = 0; salt < 6; salt++) {
			const pct = alternatives(only(qs, "40%"), [], salt);
			expect(pct.length).toBeGreaterThanOrEqual(3);
			for (const p of pct) expect([10, 20, 30, 50, 60, 70]).toContain(Number(p.replace("%", "")));
			const jobs = alternatives(only(qs, "1,200"), [], salt);
			for (const j of jobs) expect(["600", "900", "1,500", "1,800", "2,400"]).toContain(j);
			const years = alternatives(only(qs, "2019"), [], salt);
			for (const y of years) {
				expect(Math.abs(Number(y) - 2019)).toBeGreaterThanOrEqual(1);
				expect(Math.abs(Number(y) - 2019)).toBeLessThanOrEqual(3);
			}
		}
		expect(alternatives(only(qs, "six months"), [], 0).every((x) => / months?$/u.test(x) && /^[a-z]+ /u.test(x))).toBe(true);
		expect(alternatives(only(qs, "£4.2 million"), [], 0).every((x) => /^£[\d.]+ million$/u.test(x))).toBe(true);
		expect(alternatives(only(qs, "a century"), [], 0)).toEqual(["a decade", "a year", "a month"]);
	});

	it("prefers other numbers of the same unit from the article as distractors", () => {
		const fans = only(qs, "62,000");
		expect(fans.unit).toBe("people");
		expect(alternatives(fans, qs, 0)[0]).toBe("20,000");
		// Different units never mix: the tickets are not offered for the jobs.
		expect(alternatives(only(qs, "1,200"), qs, 0)).not.toContain("62,000");
	});

	it("accepts digits or words, with or without the unit", () => {
		expect(acceptedForms(only(quantities("The team scored 15 goals."), "15"))).toEqual(expect.arrayContaining(["15", "fifteen"]));
		expect(acceptedForms(only(qs, "six months"))).toEqual(expect.arrayContaining(["six months", "6", "six", "6 months"]));
		expect(acceptedForms(only(qs, "40%"))).toEqual(expect.arrayContaining(["40%", "40", "40 percent", "40 per cent"]));
		expect(acceptedForms(only(qs, "a century"))).toEqual(expect.arrayContaining(["a century", "century", "100 years"]));
	});
});

describe("number and date questions", () => {
	const town = {
		title: "Town plants trees",
		paragraphs: [
			"The council will plant 1,200 trees along the river this winter, the mayor said on Monday.",
			"The festival was first held in 1975 and drew 28,000 visitors last year.",
			"Prices rose 12% in the year to June, while wages grew by 4% over the same period.",
		],
	};
	const all = allQuestions(town).map((d) => d.question);

	it("are sound", () => {
		expect(problems(town, all)).toEqual([]);
	});

	it("ask “How many …” with distractors of the same unit", () => {
		const q = find(all, /^According to the mayor, how many trees will the council plant along the river this winter\?$/u, "single");
		expect(q).toBeDefined();
		expect(correctAnswers(must(q))).toEqual(["1,200"]);
		for (const d of distractors(must(q))) expect(d).toMatch(/^\d{1,3}(,\d{3})*$/u);
	});

	it("ask “In what year …” from “in 1975” with nearby years", () => {
		const q = find(all, /^In what year was the festival first held\?$/u, "single");
		expect(correctAnswers(must(q))).toEqual(["1975"]);
		for (const d of distractors(must(q))) expect(Math.abs(Number(d) - 1975)).toBeLessThanOrEqual(3);
	});

	it("ask “By what percentage …” after a verb of change, offering the article's other percentage", () => {
		const q = find(all, /^By what percentage did prices rise in the year to June\?$/u, "single");
		expect(correctAnswers(must(q))).toEqual(["12%"]);
		expect(distractors(must(q))).toContain("4%");
	});

	it("offer the same question as a short answer that accepts the number as digits", () => {
		const q = find(all, /^In what year was the festival first held\? Answer with a year\.$/u, "short");
		expect(correctAnswers(must(q))).toContain("1975");
	});
});
