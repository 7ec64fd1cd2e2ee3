import { describe, expect, it } from "vitest";
import { allQuestions, draftQuiz } from "../../../worker/domain/drafter/index";
import { article, correctAnswers, distractors } from "./helpers";

const opening = "“We cannot keep patching it up,” said council leader Martin Okonkwo on Tuesday.";
const people = [
	"Librarian Grace Whitfield told reporters that 1,200 people used the library every week.",
	"“It is a sad day for the town,” said Dennis Hale, who has borrowed books there since 1961.",
	"Builder Joan Archer said the work would take six months.",
];

describe("the drafter is deterministic", () => {
	it("drafts the same article twice to the same JSON, byte for byte", () => {
		const a = article(opening, ...people);
		const first = JSON.stringify(draftQuiz(a));
		const second = JSON.stringify(draftQuiz(article(opening, ...[...people])));
		expect(second).toBe(first);
		expect(first.length).toBeGreaterThan(100);
	});

	it("picks the same distractors whatever the order of the paragraphs that supply them", () => {
		const who = (paragraphs: string[]) => {
			const q = allQuestions(article(opening, ...paragraphs))
				.map((d) => d.question)
				.find((x) => x.type === "single" && x.prompt === "Who said “We cannot keep patching it up”?");
			if (!q) throw new Error("no attribution question");
			return { right: correctAnswers(q), wrong: distractors(q).sort() };
		};
		const forward = who(people);
		expect(forward.right).toEqual(["Martin Okonkwo"]);
		expect(forward.wrong).toHaveLength(3);
		expect(who([...people].reverse())).toEqual(forward);
		expect(who([people[1] as string, people[2] as string, people[0] as string])).toEqual(forward);
	});

	it("keeps the right answer's position independent of where it appears in the text", () => {
		const q = draftQuiz(article(opening, ...people)).find((x) => x.type === "single" && x.choices !== undefined);
		const texts = q?.choices?.map((c) => c.text) ?? [];
		// Choices are ordered by their own text, not by the article.
		expect(texts).toEqual([...texts].sort((x, y) => x.localeCompare(y)));
	});
});
