import { describe, expect, it } from "vitest";
import { allQuestions } from "../../../worker/domain/drafter/index";
import { article, correctAnswers, distractors, must, problems } from "./helpers";

const story = article(
	"Rovers beat United 3-1 in front of 41,000 fans at Westgate Stadium on Saturday. Captain Liam Brennan scored twice in the first half, and Tomasz Nowak added a third in the 80th minute.",
	"Coach Rosa Lindqvist said the team had trained in Seville for two weeks before the match.",
	"The club said ticket prices would rise by 5% next season. Supporters’ groups criticised the decision.",
);
const all = allQuestions(story).map((d) => d.question);
const truth = (q: (typeof all)[number]) => ("choiceIds" in q.answer ? q.answer.choiceIds[0] : undefined);

describe("true/false statements", () => {
	it("are sound", () => {
		expect(problems(story, all)).toEqual([]);
	});

	it("include a true statement taken from the text, quoted in the explanation", () => {
		const q = all.find(
			(x) =>
				x.type === "true_false" &&
				x.prompt === "True or false: Coach Rosa Lindqvist said the team had trained in Seville for two weeks before the match.",
		);
		expect(q).toBeDefined();
		expect(truth(must(q))).toBe("true");
		expect(must(q).explanation).toContain(must(q).evidence.quote);
		expect(
			must(q)
				.choices?.map((c) => c.id)
				.sort(),
		).toEqual(["false", "true"]);
	});

	it("include a false one with one detail swapped for another of its kind, and say what the text says", () => {
		const q = all.find(
			(x) => x.type === "true_false" && truth(x) === "false" && /^True or false: Rovers beat United 3-1 in front of/u.test(x.prompt),
		);
		expect(q).toBeDefined();
		// The swapped detail is a number of fans, so the statement keeps "fans" and changes the figure.
		expect(must(q).prompt).toMatch(/in front of [\d,]+ fans at Westgate Stadium on Saturday\.$/u);
		expect(must(q).prompt).not.toContain("41,000");
		expect(must(q).explanation).toMatch(/^False\. Paragraph 1 says: “.*41,000.*”\. It says 41,000, not [\d,]+\.$/u);
	});

	it("name the person when a sentence opens with a pronoun, and never change words inside a quotation", () => {
		const quoted = article("Mayor Ann Holt opened the bridge on Monday. She said: “The bridge cost £4 million and took two years.”");
		const tf = allQuestions(quoted)
			.map((d) => d.question)
			.filter((q) => q.type === "true_false");
		for (const q of tf) expect(q.prompt).not.toMatch(/“The bridge cost £(?!4 million)/u);
	});
});

describe("select-all-that-apply questions", () => {
	it("ask which statements about a paragraph are true: two from the text, two with a detail swapped", () => {
		const q = all.find(
			(x) =>
				x.type === "multiple" && /^Which of these statements are true according to paragraph \d\? Select all that apply\.$/u.test(x.prompt),
		);
		expect(q).toBeDefined();
		const right = correctAnswers(must(q));
		expect(right).toHaveLength(2);
		for (const r of right) expect(must(q).evidence.quote).toContain(r.replace(/^\p{Ll}/u, (c) => c.toUpperCase()));
		expect(distractors(must(q))).toHaveLength(2);
	});

	it("ask which people are quoted in a paragraph, with people from elsewhere as distractors", () => {
		const talk = article(
			"Mayor Ann Holt said the bridge would open in May. Engineer Tom Reyes told reporters that the steel had arrived.",
			"Councillor Jo Park welcomed the news.",
			"Resident Sam Oduya said the old crossing was dangerous.",
		);
		const q = allQuestions(talk)
			.map((d) => d.question)
			.find((x) => x.type === "multiple" && /quoted in paragraph 1/u.test(x.prompt));
		expect(q).toBeDefined();
		expect(correctAnswers(must(q)).sort()).toEqual(["Ann Holt", "Tom Reyes"]);
		expect(distractors(must(q))).toEqual(expect.arrayContaining(["Sam Oduya"]));
	});

	it("ask which places share a role when a clause lists them", () => {
		const list = article("Birmingham and London recorded the largest outbreaks this year, while cases fell in Leeds.");
		const q = allQuestions(list)
			.map((d) => d.question)
			.find((x) => x.type === "multiple" && /recorded the largest outbreaks/u.test(x.prompt));
		expect(q).toBeDefined();
		expect(correctAnswers(must(q)).sort()).toEqual(["Birmingham", "London"]);
		expect(distractors(must(q))).toEqual(["Leeds"]);
	});
});
