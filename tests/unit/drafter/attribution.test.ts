import { describe, expect, it } from "vitest";
import { allQuestions } from "../../../worker/domain/drafter/index";
import { cutPrompt } from "../../../worker/domain/drafter/select";
import { article, correctAnswers, distractors, draft as draftQuestions, find, must, problems } from "./helpers";

const library = article(
	"The town of Northbridge will close its central library for six months from 3 June, the borough council said on Tuesday.",
	"Council leader Martin Okonkwo said the building needed a new roof and safer wiring. “We cannot keep patching it up,” Okonkwo said.",
	"Librarian Grace Whitfield told reporters that 1,200 people used the library every week. She added, “Our readers will be sent to the two branch libraries.”",
	"According to the Northbridge Gazette, the repairs will cost £2.4 million.",
	"“It is a sad day for the town,” said Dennis Hale, who has borrowed books there since 1961.",
);
const all = allQuestions(library).map((d) => d.question);

describe("attribution questions", () => {
	it("are all sound", () => {
		expect(problems(library, all)).toEqual([]);
	});

	it("ask who said a quotation with the speaker after it (“…,” said X), with other people as distractors", () => {
		const q = find(all, /^Who said “It is a sad day for the town”\?$/u, "single");
		expect(q).toBeDefined();
		expect(correctAnswers(must(q))).toEqual(["Dennis Hale"]);
		expect(distractors(must(q)).sort()).toEqual(expect.arrayContaining(["Grace Whitfield", "Martin Okonkwo"]));
		expect(distractors(must(q))).not.toContain("Northbridge Gazette");
		expect(must(q).skill).toBe("literal");
		expect(must(q).evidence.quote).toContain("Dennis Hale");
	});

	it("ask who reported something from “X told reporters that …”", () => {
		const q = find(all, /^Who said that 1,200 people used the library every week\?$/u, "single");
		expect(correctAnswers(must(q))).toEqual(["Grace Whitfield"]);
	});

	it("resolve a surname to the person named in full earlier, and accept both forms in a short answer", () => {
		const q = find(all, /^Who said “We cannot keep patching it up”\? Answer with a name\.$/u, "short");
		expect(correctAnswers(must(q))).toEqual(expect.arrayContaining(["Martin Okonkwo", "Okonkwo"]));
		const single = find(all, /^Who said “We cannot keep patching it up”\?$/u, "single");
		// The evidence names him by surname only, so the choices are surnames too.
		expect(correctAnswers(must(single))).toEqual(["Okonkwo"]);
		expect(distractors(must(single))).toEqual(expect.arrayContaining(["Whitfield", "Hale"]));
	});

	it("resolve “She added” to the person named before it, as an inference", () => {
		const q = find(all, /^Who said “Our readers will be sent to the two branch libraries”\?$/u, "single");
		expect(correctAnswers(must(q))).toEqual(["Grace Whitfield"]);
		expect(must(q).skill).toBe("inference");
		expect(must(q).explanation).toContain("Grace Whitfield");
	});

	it("ask which organisation an “according to” report comes from, with the phrase in the evidence", () => {
		const q = find(
			all,
			/^Which organisation does the article give as the source for the report that the repairs will cost £2\.4 million\?/u,
		);
		expect(q).toBeDefined();
		expect(correctAnswers(must(q))).toContain("Northbridge Gazette");
		expect(must(q).evidence.quote).toMatch(/^According to the Northbridge Gazette/u);
	});

	it("make a false statement by giving the words to another speaker, and explain who said them", () => {
		const tf = all.filter((q) => q.type === "true_false" && /said “It is a sad day for the town”/u.test(q.prompt));
		const wrong = tf.find((q) => "choiceIds" in q.answer && q.answer.choiceIds[0] === "false");
		expect(wrong).toBeDefined();
		expect(must(wrong).prompt).not.toContain("Dennis Hale");
		expect(must(wrong).explanation).toContain("It was Dennis Hale");
	});

	it("never give the answer away in the prompt", () => {
		for (const q of all.filter((x) => /^Who said/u.test(x.prompt))) {
			for (const a of correctAnswers(q)) expect(q.prompt.toLowerCase()).not.toContain(a.toLowerCase());
		}
	});
});

describe("a “Who said that …?” question and a question about what was said, on one sentence", () => {
	// The reported words hold the answer of "What did the minister tell the water company to replace …?".
	const pipes = article(
		"Residents of Millbrook have complained about brown tap water for most of the winter, the parish council said on Monday.",
		"Council leader Helen Ward said the minister told the water company during a meeting with residents to replace the old pipes under the high street.",
		"Engineers would start work in March, said Tom Hardy, a spokesman for the company.",
		"Local shopkeeper Priya Shah said she had lost customers for months.",
	);

	it("are both drafted: the “Who said …?” prompt is cut before the other question's answer", () => {
		const drafted = draftQuestions(pipes);
		const what = find(drafted, /^According to Helen Ward, what did the minister tell the water company .* to replace/u, "short");
		expect(correctAnswers(must(what))).toContain("old pipes");
		const who = find(drafted, /^Who said that the minister told the water company/u);
		expect(must(who).prompt).toBe("Who said that the minister told the water company during a meeting with residents to replace …?");
		expect(correctAnswers(must(who))).toContain("Helen Ward");
		for (const q of drafted) if (q !== what) expect(q.prompt).not.toMatch(/old pipes/u);
		expect(problems(pipes, drafted)).toEqual([]);
	});

	it("keep the give-away rule when another question offers the words as a choice (the cut would hide nothing)", () => {
		// Quotations make "Which of these did Priya Shah say?", with Helen Ward's reported words among its choices.
		const quoted = article(
			...pipes.paragraphs.slice(0, 2),
			`${pipes.paragraphs[2]} “We are sorry for the trouble,” Hardy said.`,
			`${pipes.paragraphs[3]} “People simply stopped coming,” Shah said.`,
		);
		const drafted = draftQuestions(quoted);
		const offering = drafted.filter((q) => (q.choices ?? []).some((c) => /old pipes/u.test(c.text)));
		expect(offering.length).toBeGreaterThan(0);
		expect(find(drafted, /what did the minister tell the water company/u)).toBeUndefined();
		expect(find(drafted, /^Who said that .*replace the old pipes under the high street\?/u)).toBeDefined();
	});
});

describe("cutPrompt", () => {
	const base = {
		kind: "attribution" as const,
		paragraph: 0,
		start: 0,
		end: 10,
		fact: "0:0:who:0",
		score: 5,
		idHint: "who",
		about: "ent:1",
	};
	const question = (prompt: string, type: "single" | "short" | "true_false" = "short") => ({
		...base,
		question: {
			type,
			prompt,
			answer: { accepted: ["Helen Ward"] },
			explanation: "Paragraph 1 says: “…”.",
			skill: "literal" as const,
			evidence: { paragraph: 1, quote: "Helen Ward said …" },
		},
	});

	it("cuts before the phrase, back over a dangling preposition or article, and keeps the instruction after the question mark", () => {
		const q = question("Who said that she would run the missing 12 km on Tuesday with friends? Answer with a name.");
		expect(cutPrompt(q, [" tuesday "])?.question.prompt).toBe("Who said that she would run the missing 12 km …? Answer with a name.");
	});

	it("refuses to leave fewer than six of the reported words, or to cut a quotation, a true/false statement or another kind of question", () => {
		expect(cutPrompt(question("Who said that the plant would open in 2028?"), [" 2028 "])).toBeUndefined();
		expect(
			cutPrompt(question("True or false: Helen Ward said that she would run the missing 12 km on Tuesday.", "true_false"), [" tuesday "]),
		).toBeUndefined();
		expect(
			cutPrompt(question("Who said “I am not willing to say that diplomacy has not worked at all in this case”?"), [" worked "]),
		).toBeUndefined();
		const object = { ...question("What did she say she would run on Tuesday with friends and family?"), kind: "object" as const };
		expect(cutPrompt(object, [" tuesday "])).toBeUndefined();
	});
});
