import { describe, expect, it } from "vitest";
import { groundingIssues } from "../../worker/domain/quiz/check";
import { errorSlot } from "../../worker/domain/quiz/error-slot";
import type { QuestionFile } from "../../worker/domain/quiz/schema";
import {
	actionValue,
	applyAction,
	blankQuestion,
	conform,
	fromQuestionFiles,
	landingAfter,
	placeErrors,
	plainMessage,
	type QuestionDraft,
	type ReviewAction,
	type ReviewDraft,
	readAction,
	readReview,
	toQuestionInput,
} from "../../worker/features/authoring/form";
import type { FormBody } from "../../worker/http/form";
import { checkScript, keptNamesHelper, standaloneScript } from "../../worker/views/check-script";
import { seedArticle, seedQuestions } from "../fixtures/drafter-articles";

/** The form a browser posts for a draft, as hono's parseBody({ all: true }) hands it over: repeated names as arrays. */
function posted(draft: ReviewDraft, extra: Record<string, string> = {}): FormBody {
	const body: FormBody = { title: draft.title, ...extra };
	const add = (name: string, value: string) => {
		const had = body[name];
		body[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
	};
	draft.questions.forEach((q, n) => {
		const p = `questions[${n}].`;
		add(`${p}id`, q.id);
		add(`${p}type`, q.type);
		add(`${p}prompt`, q.prompt);
		q.choices.forEach((c, k) => {
			add(`${p}choices[${k}].id`, c.id);
			add(`${p}choices[${k}].text`, c.text);
		});
		for (const id of q.correct) add(`${p}answer.choiceIds`, id);
		if (q.type === "short") add(`${p}answer.accepted`, q.accepted);
		add(`${p}explanation`, q.explanation);
		add(`${p}skill`, q.skill);
		add(`${p}points`, q.points);
		add(`${p}evidence.paragraph`, q.paragraph);
		add(`${p}evidence.quote`, q.quote);
	});
	return body;
}

const seedDraft = (): ReviewDraft => ({ title: "North Korea", questions: fromQuestionFiles(seedQuestions) });
const ids = (draft: ReviewDraft) => draft.questions.map((q) => q.id);

describe("the review form, read and written", () => {
	it("reads back exactly what it shows, and turns it into the questions it came from", () => {
		const draft = seedDraft();
		const { draft: read, action } = readReview(posted(draft, { action: "publish" }));
		expect(read).toEqual(draft);
		expect(action).toEqual({ kind: "publish" });
		const input = toQuestionInput(read, seedArticle.paragraphs.length);
		expect(input.issues).toEqual([]);
		expect(input.title).toBe("North Korea");
		expect(input.questions).toEqual(seedQuestions);
	});

	it("orders questions by their index in the form, not by the order of the fields, and ignores anything else", () => {
		const [a, b] = seedDraft().questions as [QuestionDraft, QuestionDraft];
		const body = posted({ title: "t", questions: [a] });
		const second = posted({ title: "t", questions: [b] });
		// b posted as question 10 first, a as question 2: the order is 2, 10 (numeric, not textual).
		const renamed: FormBody = {};
		for (const [k, v] of Object.entries(second)) if (k.startsWith("questions[0]")) renamed[k.replace("questions[0]", "questions[10]")] = v;
		for (const [k, v] of Object.entries(body)) if (k.startsWith("questions[0]")) renamed[k.replace("questions[0]", "questions[2]")] = v;
		renamed["questions[3].prompt"] = "a question with no id is no question";
		renamed["questions.x"] = "noise";
		expect(ids(readReview(renamed).draft)).toEqual([a.id, b.id]);
	});

	it("reads every button, and anything unknown as a check (Enter presses the first button, Check)", () => {
		const actions: ReviewAction[] = [
			{ kind: "check" },
			{ kind: "publish" },
			{ kind: "move", index: 3, by: -1 },
			{ kind: "move", index: 0, by: 1 },
			{ kind: "delete", index: 7 },
			{ kind: "add", type: "true_false" },
			{ kind: "addChoice", index: 2 },
			{ kind: "removeChoice", index: 2, choice: 4 },
			{ kind: "changeType", index: 1 },
		];
		for (const action of actions) expect(readAction(actionValue(action), action.kind === "add" ? action.type : "")).toEqual(action);
		for (const junk of ["", "up", "up:x", "down:-1", "delete:12345", "remove-choice:1", "drop table"]) {
			expect(readAction(junk, ""), junk).toEqual({ kind: "check" });
		}
		expect(readAction("add", "essay")).toEqual({ kind: "add", type: "single" });
	});

	it("moves, deletes and adds questions; out-of-range buttons change nothing", () => {
		const draft = seedDraft();
		const [q0, q1, q2] = ids(draft);
		expect(ids(applyAction(draft, { kind: "move", index: 0, by: 1 })).slice(0, 3)).toEqual([q1, q0, q2]);
		expect(ids(applyAction(draft, { kind: "move", index: 2, by: -1 })).slice(0, 3)).toEqual([q0, q2, q1]);
		expect(applyAction(draft, { kind: "move", index: 0, by: -1 })).toEqual(draft);
		expect(applyAction(draft, { kind: "move", index: draft.questions.length - 1, by: 1 })).toEqual(draft);
		expect(ids(applyAction(draft, { kind: "delete", index: 1 }))).toEqual(ids(draft).filter((id) => id !== q1));
		expect(applyAction(draft, { kind: "delete", index: 99 })).toEqual(draft);
		const added = applyAction(applyAction(draft, { kind: "add", type: "single" }), { kind: "add", type: "short" });
		expect(ids(added).slice(-2)).toEqual(["q-new-1", "q-new-2"]);
		expect(added.questions.at(-2)).toMatchObject({
			type: "single",
			choices: [
				{ id: "c1", text: "" },
				{ id: "c2", text: "" },
			],
			correct: [],
			paragraph: "",
		});
		expect(added.questions.at(-1)).toMatchObject({ type: "short", choices: [], accepted: "" });
		// The draft itself is never changed.
		expect(draft).toEqual(seedDraft());
	});

	it("adds and removes choices, keeping at least two, and never on a true/false question", () => {
		let q = blankQuestion("multiple", []);
		const d = (question: QuestionDraft): ReviewDraft => ({ title: "t", questions: [question] });
		q = applyAction(d(q), { kind: "addChoice", index: 0 }).questions[0] as QuestionDraft;
		expect(q.choices.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
		q = { ...q, correct: ["c2", "c3"] };
		q = applyAction(d(q), { kind: "removeChoice", index: 0, choice: 1 }).questions[0] as QuestionDraft;
		expect(q.choices.map((c) => c.id)).toEqual(["c1", "c3"]);
		expect(q.correct).toEqual(["c3"]);
		expect(applyAction(d(q), { kind: "removeChoice", index: 0, choice: 0 }).questions[0]).toEqual(q);
		q = applyAction(d(q), { kind: "addChoice", index: 0 }).questions[0] as QuestionDraft;
		expect(q.choices.map((c) => c.id)).toEqual(["c1", "c3", "c2"]);
		const tf = blankQuestion("true_false", []);
		expect(applyAction(d(tf), { kind: "addChoice", index: 0 }).questions[0]).toEqual(tf);
	});

	it("makes a question fit its type when the type changes", () => {
		const multiple: QuestionDraft = {
			...blankQuestion("multiple", []),
			choices: [
				{ id: "a", text: "A" },
				{ id: "b", text: "B" },
				{ id: "c", text: "C" },
			],
			correct: ["b", "c", "b", "gone"],
		};
		expect(conform(multiple).correct).toEqual(["b", "c"]);
		expect(conform({ ...multiple, type: "single" })).toMatchObject({ choices: multiple.choices, correct: ["b"] });
		expect(conform({ ...multiple, type: "short" })).toMatchObject({ choices: [], correct: [] });
		expect(conform({ ...multiple, type: "true_false" })).toMatchObject({
			choices: [
				{ id: "true", text: "True" },
				{ id: "false", text: "False" },
			],
			correct: [],
		});
		const tf = conform({ ...multiple, type: "true_false", correct: ["false"] });
		expect(conform({ ...tf, type: "single" })).toMatchObject({ choices: tf.choices, correct: ["false"] });
		expect(conform({ ...multiple, type: "single", choices: [{ id: "c1", text: "x" }] }).choices).toEqual([
			{ id: "c1", text: "x" },
			{ id: "c2", text: "" },
		]);
	});

	it("says what the form itself can tell: an empty or long title, a paragraph or points that are not whole numbers", () => {
		const [first, second] = seedDraft().questions as [QuestionDraft, QuestionDraft];
		const draft: ReviewDraft = {
			title: "x".repeat(201),
			questions: [
				{ ...first, paragraph: "two", points: "" },
				{ ...second, paragraph: " 3 ", points: "1.5", prompt: "  spaced  ", quote: `  ${second.quote}  ` },
			],
		};
		const input = toQuestionInput(draft, 9);
		expect(input.issues).toEqual([
			{ path: "title", message: "must be at most 200 characters" },
			{ path: "questions[0].evidence.paragraph", message: "must be a paragraph number, from 1 to 9" },
			{ path: "questions[1].points", message: "must be a whole number from 1 to 10" },
		]);
		expect(input.questions[1]).toMatchObject({ prompt: "spaced", evidence: { paragraph: 3, quote: second.quote } });
		expect(input.questions[1]).not.toHaveProperty("points");
		expect(toQuestionInput({ ...draft, title: "   " }, 9).issues[0]).toEqual({ path: "title", message: "must not be empty" });
		const short = toQuestionInput({ title: "t", questions: [{ ...blankQuestion("short", []), accepted: " one \r\n\n two\n " }] }, 9);
		expect(short.questions[0]).toMatchObject({ answer: { accepted: ["one", "two"] } });
		expect(short.questions[0]).not.toHaveProperty("choices");
	});
});

describe("problems beside their fields", () => {
	it("places every path the grounding check can name on a field of the form, by question type", () => {
		const single = ["single"];
		const short = ["short"];
		expect(errorSlot("questions[0].evidence.quote", single)).toBe("questions-0-evidence-quote");
		expect(errorSlot("questions[0].evidence.paragraph", single)).toBe("questions-0-evidence-paragraph");
		for (const path of ["questions[0].choices", "questions[0].choices[2].id", "questions[0].answer", "questions[0].answer.choiceIds"]) {
			expect(errorSlot(path, single), path).toBe("questions-0-choices");
		}
		expect(errorSlot("questions[0].answer.accepted", short)).toBe("questions-0-answer-accepted");
		expect(errorSlot("questions[0].answer", short)).toBe("questions-0-answer-accepted");
		expect(errorSlot("questions[0].choices", short)).toBe("questions-0");
		expect(errorSlot("questions[0].id", single)).toBe("questions-0");
		expect(errorSlot("questions[0].choices[1].text", single)).toBe("questions-0-choices-1-text");
		expect(errorSlot("questions[0].prompt", single)).toBe("questions-0-prompt");
		expect(errorSlot("questions[0].points", single)).toBe("questions-0-points");
		expect(errorSlot("questions[5].prompt", single)).toBe("questions");
		expect(errorSlot("questions", single)).toBe("questions");
		expect(errorSlot("title", single)).toBe("title");
		expect(errorSlot("articleId", single)).toBe("form");
	});

	it("finds a field for every problem the grounding check reports on a broken draft", () => {
		const draft = seedDraft();
		const broken = draft.questions.map((q, n) =>
			n % 3 === 0
				? { ...q, quote: "not there", paragraph: "99" }
				: n % 3 === 1
					? { ...q, id: draft.questions[0]?.id ?? "", correct: [] }
					: { ...q, accepted: "", choices: q.choices.slice(0, 1) },
		);
		const input = toQuestionInput({ title: "t", questions: broken }, seedArticle.paragraphs.length);
		const issues = groundingIssues({ questions: input.questions as QuestionFile[] }, seedArticle);
		expect(issues.length).toBeGreaterThan(draft.questions.length / 2);
		const { bySlot, summary } = placeErrors(
			issues.map((i) => ({ ...i, live: true })),
			{ title: "t", questions: broken },
		);
		expect(summary).toHaveLength(issues.length);
		for (const slot of bySlot.keys())
			expect(slot).toMatch(/^questions-\d+(-(evidence-quote|evidence-paragraph|choices|answer-accepted))?$/);
		for (const line of summary) expect(line.text).toMatch(/^Question \d+(, [a-z ]+)?: /);
	});

	it("words the schema's messages for the form, and links the summary to the control to fix", () => {
		expect(plainMessage({ path: "questions[0].prompt", message: "Too small: expected string to have >=1 characters" })).toBe(
			"must not be empty",
		);
		expect(plainMessage({ path: "questions[0].answer.choiceIds", message: "Too small: expected array to have >=1 items" })).toBe(
			"mark the correct answer",
		);
		expect(plainMessage({ path: "questions", message: "Too small: expected array to have >=1 items" })).toBe("add at least one question");
		expect(plainMessage({ path: "questions", message: "Too big: expected array to have <=100 items" })).toBe(
			"a quiz has at most 100 questions",
		);
		expect(plainMessage({ path: "questions[0].points", message: "Too big: expected number to be <=10" })).toBe("must be at most 10");
		expect(plainMessage({ path: "questions[0].evidence.quote", message: "evidence quote is not in paragraph 2" })).toBe(
			"evidence quote is not in paragraph 2",
		);
		const draft: ReviewDraft = { title: "", questions: [blankQuestion("single", [])] };
		const { summary, bySlot } = placeErrors(
			[
				{ path: "title", message: "must not be empty" },
				{ path: "questions[0].answer.choiceIds", message: "Too small: expected array to have >=1 items" },
				{ path: "questions[0].evidence.quote", message: "evidence quote is not in paragraph 1", live: true },
			],
			draft,
		);
		expect(summary).toEqual([
			{ slot: "title", target: "title", text: "Quiz title: must not be empty" },
			{ slot: "questions-0-choices", target: "questions-0-choices-0-correct", text: "Question 1, choices: mark the correct answer" },
			{
				slot: "questions-0-evidence-quote",
				target: "questions-0-evidence-quote",
				text: "Question 1, evidence quote: evidence quote is not in paragraph 1",
			},
		]);
		expect(bySlot.get("questions-0-evidence-quote")).toEqual([{ message: "evidence quote is not in paragraph 1", live: true }]);
	});

	it("lands each button's page on what it changed", () => {
		expect(landingAfter({ kind: "move", index: 2, by: -1 }, 5)).toBe("questions-1");
		expect(landingAfter({ kind: "move", index: 2, by: 1 }, 5)).toBe("questions-3");
		expect(landingAfter({ kind: "delete", index: 4 }, 5)).toBe("questions-3");
		expect(landingAfter({ kind: "delete", index: 0 }, 1)).toBe("questions-h");
		expect(landingAfter({ kind: "add", type: "single" }, 5)).toBe("questions-5");
		expect(landingAfter({ kind: "addChoice", index: 1 }, 5)).toBe("questions-1-choices");
		expect(landingAfter({ kind: "publish" }, 5)).toBeNull();
	});
});

describe("the grounding check served to the browser", () => {
	it("finds the bundler's name-keeping helper in a probe's source, minified or not, and none when there is none", () => {
		expect(keptNamesHelper('function c(){let r=t(()=>r,"named");return r}')).toBe("t");
		expect(
			keptNamesHelper('function keptNamesProbe() {\n  const named = /* @__PURE__ */ __name(() => named, "named");\n  return named;\n}'),
		).toBe("__name");
		expect(keptNamesHelper('function c(){let r=$e(()=>r,"named");return r}')).toBe("$e");
		expect(keptNamesHelper("function keptNamesProbe() {\n  const named = () => named;\n  return named;\n}")).toBeNull();
	});

	it("defines the functions from their source, with a stand-in for the helper under its name", () => {
		const script = standaloneScript("check", { f: 'function f(x){let a=t(y=>y,"a");return a(x)}', g: "(s) => s.length" }, "t");
		expect(script).toBe(
			'const check = (() => {\n\tconst t = (fn) => fn;\n\treturn {\n\t\tf: (function f(x){let a=t(y=>y,"a");return a(x)}),\n\t\tg: ((s) => s.length),\n\t};\n})();\n',
		);
		expect(standaloneScript("check", { g: "(s) => s" }, null)).not.toContain("const null");
	});

	it("serves the Worker's own groundingIssues and errorSlot", () => {
		const script = checkScript();
		expect(script.startsWith("const quizlineCheck = (() => {\n")).toBe(true);
		expect(script).toContain(`groundingIssues: (${groundingIssues.toString()}),`);
		expect(script).toContain(`errorSlot: (${errorSlot.toString()}),`);
	});
});
