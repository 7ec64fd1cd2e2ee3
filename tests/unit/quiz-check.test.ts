import { describe, expect, it } from "vitest";
import { articleFiles, quizFiles } from "../../quiz-data";
import { buildCatalog } from "../../worker/domain/quiz/catalog";
import { type ContentFile, checkContent } from "../../worker/domain/quiz/check";
import { choiceQuestion, shortQuestion } from "../fixtures/quiz";

const article = { id: "art", title: "A", source: "S", date: null, paragraphs: ["Alice met Bob in Paris.", "Bob said “no” twice."] };
const good = {
	id: "quiz",
	title: "Q",
	articleId: "art",
	questions: [
		choiceQuestion(
			"single",
			"where",
			"Where?",
			[
				["paris", "Paris"],
				["rome", "Rome"],
			],
			["paris"],
			[1, "met Bob in Paris"],
		),
		shortQuestion("what", "What did Bob say?", ["no"], [2, "Bob said “no”"]),
	],
};
const files = (quiz: unknown): [ContentFile[], ContentFile[]] => [[{ file: "a.json", data: article }], [{ file: "q.json", data: quiz }]];
const check = (quiz: unknown) => checkContent(...files(quiz));
const withQuestion = (i: number, patch: Record<string, unknown>) => ({
	...good,
	questions: good.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)),
});

describe("checkContent", () => {
	it("passes the quizzes in quiz-data/", () => {
		expect(checkContent(articleFiles, quizFiles)).toEqual([]);
	});

	it("passes sound content", () => {
		expect(check(good)).toEqual([]);
	});

	it("fails when an evidence quote is not verbatim in its paragraph, naming file and question", () => {
		expect(check(withQuestion(0, { evidence: { paragraph: 1, quote: "met Bob in Rome" } }))).toEqual([
			'q.json: question "where": evidence quote is not in paragraph 1 of the article: "met Bob in Rome"',
		]);
		expect(check(withQuestion(1, { evidence: { paragraph: 2, quote: 'Bob said "no"' } }))[0]).toContain('question "what": evidence quote');
		expect(check(withQuestion(0, { evidence: { paragraph: 3, quote: "Paris" } }))[0]).toContain("names paragraph 3, but the article has 2");
	});

	it("fails when an id repeats", () => {
		expect(check(withQuestion(1, { id: "where" }))).toContain('q.json: question "where": id repeats');
	});

	it("fails when a correct answer is not among the choices", () => {
		expect(check(withQuestion(0, { answer: { choiceIds: ["london"] } }))).toEqual([
			'q.json: question "where": correct answer "london" is not among the choices',
		]);
	});

	it("fails when a short answer has no accepted form", () => {
		expect(check(withQuestion(1, { answer: { accepted: [] } }))).toEqual([
			'q.json: question "what": a short answer needs at least one non-empty accepted form',
		]);
		expect(check(withQuestion(1, { answer: { accepted: ["  "] } }))).toHaveLength(1);
	});

	it("fails on schema errors, naming the question", () => {
		const problems = check(withQuestion(0, { type: "essay" }));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^q\.json: question "where" type: /);
		expect(check({ ...good, articleId: "missing" })).toEqual(['q.json: quiz "quiz" names article "missing", which does not exist']);
	});

	it("fails when single-answer questions have several answers or true/false has other choices", () => {
		expect(check(withQuestion(0, { answer: { choiceIds: ["paris", "rome"] } }))).toEqual([
			'q.json: question "where": a single question has exactly one correct choice',
		]);
		expect(check(withQuestion(0, { type: "true_false" }))).toEqual([
			'q.json: question "where": a true_false question has exactly the choices "true" and "false"',
		]);
	});
});

describe("versions", () => {
	it("are a content hash: stable for the same content, different for any change", async () => {
		const [a1, q1] = files(good);
		const v1 = (await buildCatalog([...a1], [...q1])).quizzes[0]?.version;
		const v2 = (await buildCatalog([...a1], [...q1])).quizzes[0]?.version;
		const [a3, q3] = files(withQuestion(0, { explanation: "Changed." }));
		const v3 = (await buildCatalog([...a3], [...q3])).quizzes[0]?.version;
		expect(v1).toMatch(/^[0-9a-f]{16}$/);
		expect(v2).toBe(v1);
		expect(v3).not.toBe(v1);
	});

	it("refuses to build a catalog from unsound content", async () => {
		const [a, q] = files(withQuestion(0, { answer: { choiceIds: ["london"] } }));
		await expect(buildCatalog([...a], [...q])).rejects.toThrow(/correct answer "london"/);
	});
});
