import { describe, expect, it } from "vitest";
import { describeIssue } from "../../worker/domain/issues";
import { checkAnswers, describeResults, grade, isCorrect } from "../../worker/domain/quiz/grading";
import type { Question, Quiz } from "../../worker/domain/quiz/schema";

const q = (over: Partial<Question> & Pick<Question, "id" | "type">): Question => ({
	prompt: "?",
	choices: [],
	correctChoiceIds: [],
	accepted: [],
	explanation: "Because.",
	skill: "literal",
	evidence: { paragraph: 1, quote: "x" },
	points: 1,
	...over,
});

const abc = [
	{ id: "a", text: "A" },
	{ id: "b", text: "B" },
	{ id: "c", text: "C" },
];

const quiz: Quiz = {
	id: "t",
	title: "T",
	version: "v",
	article: { id: "t", title: "T", source: "s", date: null, paragraphs: ["x"] },
	questions: [
		q({ id: "single", type: "single", choices: abc, correctChoiceIds: ["b"] }),
		q({ id: "multi", type: "multiple", choices: abc, correctChoiceIds: ["a", "c"], points: 2 }),
		q({
			id: "tf",
			type: "true_false",
			choices: [
				{ id: "true", text: "True" },
				{ id: "false", text: "False" },
			],
			correctChoiceIds: ["false"],
		}),
		q({ id: "short", type: "short", accepted: ["Pashin", "Vitaly Pashin"] }),
	],
	maxScore: 5,
};
const [single, multi, , short] = quiz.questions as [Question, Question, Question, Question];

describe("isCorrect", () => {
	it("single choice: only the correct id", () => {
		expect(isCorrect(single, { choiceIds: ["b"] })).toBe(true);
		expect(isCorrect(single, { choiceIds: ["a"] })).toBe(false);
		expect(isCorrect(single, null)).toBe(false);
	});
	it("select all that apply: exactly the correct set, in any order", () => {
		expect(isCorrect(multi, { choiceIds: ["c", "a"] })).toBe(true);
		expect(isCorrect(multi, { choiceIds: ["a"] })).toBe(false);
		expect(isCorrect(multi, { choiceIds: ["a", "b", "c"] })).toBe(false);
	});
	it("short answers through normalised matching; text never answers a choice question", () => {
		expect(isCorrect(short, { text: "vitaly  pashin" })).toBe(true);
		expect(isCorrect(short, { choiceIds: ["a"] })).toBe(false);
		expect(isCorrect(single, { text: "b" })).toBe(false);
	});
});

describe("grade", () => {
	it("scores accuracy only, counts unanswered questions as wrong, keeps quiz order", () => {
		const g = grade(quiz, [
			{ questionId: "short", text: "Pashin" },
			{ questionId: "multi", choiceIds: ["a", "c"] },
			{ questionId: "single", choiceIds: [] },
		]);
		expect(g.maxScore).toBe(5);
		expect(g.score).toBe(3);
		expect(g.responses.map((r) => [r.questionId, r.position, r.correct, r.points])).toEqual([
			["single", 0, false, 0],
			["multi", 1, true, 2],
			["tf", 2, false, 0],
			["short", 3, true, 1],
		]);
		expect(g.responses[0]?.answer).toBeNull();
		expect(g.responses[2]?.answer).toBeNull();
		expect(g.responses[3]?.answer).toEqual({ text: "Pashin" });
	});
	it("stores a blank short answer as unanswered", () => {
		expect(grade(quiz, [{ questionId: "short", text: "   " }]).responses[3]?.answer).toBeNull();
	});
});

describe("checkAnswers", () => {
	it("accepts a well-formed submission", () => {
		expect(
			checkAnswers(quiz, [{ questionId: "single", choiceIds: ["a"] }, { questionId: "short", text: "x" }, { questionId: "tf" }]),
		).toEqual([]);
	});
	it("names every problem", () => {
		const problems = checkAnswers(quiz, [
			{ questionId: "nope", choiceIds: ["a"] },
			{ questionId: "single", choiceIds: ["a", "b"] },
			{ questionId: "single", choiceIds: ["z"] },
			{ questionId: "multi", choiceIds: ["a", "a"] },
			{ questionId: "short", choiceIds: ["a"] },
			{ questionId: "tf", text: "false" },
		]);
		expect(problems.map(describeIssue)).toEqual([
			'answers[0]: quiz "t" has no question "nope"',
			'answers[1]: question "single" takes one choice, not 2',
			'answers[2]: question "single" is answered twice',
			'answers[2]: question "single" has no choice "z"',
			"answers[3]: a choice is picked twice",
			'answers[4]: question "short" is a short answer: send "text", not "choiceIds"',
			'answers[5]: question "tf" is a true_false question: send "choiceIds", not "text"',
		]);
	});
});

describe("describeResults", () => {
	it("shows the right answer, the explanation and the evidence for every question", () => {
		const results = describeResults(quiz, grade(quiz, [{ questionId: "single", choiceIds: ["b"] }]).responses);
		expect(results).toHaveLength(4);
		expect(results[0]).toMatchObject({ questionId: "single", correct: true, points: 1, maxPoints: 1, correctChoiceIds: ["b"] });
		expect(results[3]).toMatchObject({ questionId: "short", correct: false, answer: null, acceptedAnswers: ["Pashin", "Vitaly Pashin"] });
		expect(results[3]).not.toHaveProperty("correctChoiceIds");
		expect(results.every((r) => r.explanation === "Because." && r.evidence.paragraph === 1)).toBe(true);
	});
});
