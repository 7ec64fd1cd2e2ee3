import { describe, expect, it } from "vitest";
import { acceptedForms, byline, evidenceLine, oneLine, questionLabel } from "../../../worker/domain/lms/common";
import { correctWeight, escapeGift, giftHtml, quizToGift, shortFormProblem } from "../../../worker/domain/lms/gift";
import type { Question, Quiz } from "../../../worker/domain/quiz/schema";
import { type GiftQuestion, parseGift } from "../../fixtures/gift-parse";
import { hostileQuiz, NASTY, realQuiz } from "../../fixtures/lms-quizzes";

const real = await realQuiz();
const hostile = await hostileQuiz();

/** Reads our HTML back to text: the content of each <h2>/<p>, references decoded, <br> as a line break. */
function htmlBlocks(html: string): string[] {
	const blocks = [...html.matchAll(/<(h2|p)>(.*?)<\/\1>/g)].map((m) => m[2] as string);
	expect(blocks.map((b) => `<p>${b}</p>`).join("")).toBe(html.replace(/<h2>(.*?)<\/h2>/, "<p>$1</p>"));
	return blocks.map(decodeHtml);
}

function decodeHtml(html: string): string {
	expect(html).not.toMatch(/<(?!br>|em>|\/em>)/);
	return html
		.replace(/<br>/g, "\n")
		.replace(/<\/?em>/g, "")
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}

function gradesOf(q: GiftQuestion): number[] {
	return q.answers.map((a) => a.weight);
}

describe("escapeGift", () => {
	it("puts a backslash before each of \\ ~ = # { } : and writes line breaks as \\n", () => {
		for (const special of "\\~=#{}:") expect(escapeGift(special), special).toBe(`\\${special}`);
		expect(escapeGift("a\nb")).toBe("a\\nb");
		expect(escapeGift("a\r\nb\rc")).toBe("a\\nb\\nc");
	});

	it("leaves everything else alone, including non-Latin text, emoji, quotes, % and ->", () => {
		const plain = "한국어 🎉 “curly” 'single' \"double\" 50% a->b [x] // <b> & * $CATEGORY";
		expect(escapeGift(plain)).toBe(plain);
	});

	it("replaces control characters Moodle's HTML cannot hold, keeping tabs", () => {
		expect(escapeGift("a\u0000b\u0007c\td")).toBe("a\uFFFDb\uFFFDc\td");
	});

	it("escapes a backslash before the character after it, so \\n in text stays two characters", () => {
		expect(escapeGift(String.raw`\n`)).toBe(String.raw`\\n`);
		expect(escapeGift(String.raw`\{`)).toBe(String.raw`\\\{`);
	});
});

describe("giftHtml", () => {
	it("escapes &, < and > and turns line breaks into <br>", () => {
		expect(giftHtml('<script>alert("x")</script> & ]]>\nnext')).toBe('&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt;<br>next');
	});

	it("writes a leading [ or % as a reference so Moodle cannot read a format marker or a weight", () => {
		const written = { "[plain]x": "&#91;plain]x", "%50%x": "&#37;50%x", "x [plain] 50%": "x [plain] 50%" };
		for (const [text, html] of Object.entries(written)) expect(giftHtml(text), text).toBe(html);
	});
});

describe("correctWeight", () => {
	it.each([
		[1, "100"],
		[2, "50"],
		[3, "33.33333"],
		[4, "25"],
		[5, "20"],
		[6, "16.66667"],
		[7, "14.28571"],
		[8, "12.5"],
		[9, "11.11111"],
		[10, "10"],
	])("gives %i correct choices a weight of %s (percent) each, a grade Moodle lists", (n, weight) => {
		expect(correctWeight(n)).toBe(weight);
	});

	it("has no weight for 11 or more correct choices (Moodle lists no 1/11)", () => {
		expect(correctWeight(11)).toBeNull();
		expect(correctWeight(12)).toBeNull();
	});
});

describe("quizToGift: structure of each question type", () => {
	const question = (over: Partial<Question>): Question => ({
		id: "q",
		type: "single",
		prompt: "Prompt?",
		choices: [],
		correctChoiceIds: [],
		accepted: [],
		explanation: "Why.",
		skill: "literal",
		evidence: { paragraph: 1, quote: "Quote" },
		points: 1,
		...over,
	});
	const quizOf = (q: Question): Quiz => ({ ...real, questions: [q], maxScore: q.points });
	const questionBlock = (quiz: Quiz) => quizToGift(quiz).trimEnd().split("\n\n")[2];
	const feedback = "\t####<p>Why.</p><p>Evidence (paragraph 1)\\: “Quote”</p>";

	it("writes one choice as '=' and the others as '~'", () => {
		const q = question({
			choices: [
				{ id: "a", text: "A" },
				{ id: "b", text: "B" },
			],
			correctChoiceIds: ["b"],
		});
		expect(questionBlock(quizOf(q))).toBe(
			[
				"// Question 1 (q): multiple choice, one answer, 1 point in Quizline.",
				"::Q01 Prompt?::[html]<p>Prompt?</p>{",
				"\t~A",
				"\t=B",
				feedback,
				"}",
			].join("\n"),
		);
	});

	it("writes select-all choices with weights: right ones share 100%, wrong ones -100%", () => {
		const q = question({
			type: "multiple",
			points: 2,
			choices: [
				{ id: "a", text: "A" },
				{ id: "b", text: "B" },
				{ id: "c", text: "C" },
			],
			correctChoiceIds: ["a", "c"],
		});
		expect(questionBlock(quizOf(q))).toBe(
			[
				"// Question 1 (q): multiple choice, several answers, 2 points in Quizline.",
				"::Q01 Prompt?::[html]<p>Prompt?</p>{",
				"\t~%50%A",
				"\t~%-100%B",
				"\t~%50%C",
				feedback,
				"}",
			].join("\n"),
		);
	});

	it("writes true/false as {T} or {F}", () => {
		const tf = (answer: string) =>
			question({
				type: "true_false",
				choices: [
					{ id: "true", text: "True" },
					{ id: "false", text: "False" },
				],
				correctChoiceIds: [answer],
			});
		expect(questionBlock(quizOf(tf("true")))).toBe(
			["// Question 1 (q): true/false, 1 point in Quizline.", "::Q01 Prompt?::[html]<p>Prompt?</p>{T", feedback, "}"].join("\n"),
		);
		expect(questionBlock(quizOf(tf("false")))).toContain("<p>Prompt?</p>{F\n");
	});

	it("writes short answers as '=%100%' forms, trimmed, without case-only repeats", () => {
		const q = question({ type: "short", accepted: ["Hwasong-15", " Hwasong 15 ", "hwasong-15", ""] });
		expect(questionBlock(quizOf(q))).toBe(
			[
				"// Question 1 (q): short answer, 1 point in Quizline.",
				"::Q01 Prompt?::[html]<p>Prompt?</p>{",
				"\t=%100%Hwasong-15",
				"\t=%100%Hwasong 15",
				feedback,
				"}",
			].join("\n"),
		);
	});

	it("refuses a select-all question with more right answers than Moodle can weight", () => {
		const choices = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, text: `C${i}` }));
		const q = question({ type: "multiple", choices, correctChoiceIds: choices.slice(0, 11).map((c) => c.id) });
		expect(() => quizToGift(quizOf(q))).toThrow(/11 correct choices/);
	});

	it("keeps every question block free of blank lines, so Moodle reads it as one question", () => {
		for (const block of quizToGift(hostile).trimEnd().split("\n\n")) {
			expect(block.split("\n").every((line) => line.trim() !== "")).toBe(true);
		}
	});
});

describe("quizToGift: the article", () => {
	it("is a description item (no answer block) with the title, byline and every paragraph, first after the header", () => {
		for (const quiz of [real, hostile]) {
			const [article] = parseGift(quizToGift(quiz));
			expect(article?.type).toBe("description");
			expect(article?.name).toBe(`Article: ${oneLine(quiz.article.title)}`);
			expect(article?.format).toBe("html");
			expect(htmlBlocks(article?.text ?? "")).toEqual([quiz.article.title, byline(quiz.article), ...quiz.article.paragraphs]);
		}
	});
});

describe("quizToGift: round trip through a GIFT reader", () => {
	for (const [label, quizPromise] of [
		["the built-in quiz", real],
		["the hostile quiz", hostile],
	] as const) {
		describe(label, () => {
			const quiz = quizPromise;
			const parsed = parseGift(quizToGift(quiz));
			const questions = parsed.slice(1);

			it("has the article and then one item per question, in order", () => {
				expect(parsed).toHaveLength(quiz.questions.length + 1);
				expect(questions.map((q) => q.name)).toEqual(quiz.questions.map((q, i) => questionLabel(i, quiz.questions.length, q.prompt)));
			});

			it("brings back every prompt and general feedback (explanation and evidence)", () => {
				quiz.questions.forEach((q, i) => {
					const g = questions[i] as GiftQuestion;
					expect(g.format).toBe("html");
					expect(g.textAfter).toBe("");
					expect(htmlBlocks(g.text)).toEqual([q.prompt]);
					expect(htmlBlocks(g.generalFeedback)).toEqual([q.explanation, evidenceLine(q)]);
				});
			});

			it("brings back every answer with its weight, and the question type", () => {
				quiz.questions.forEach((q, i) => {
					const g = questions[i] as GiftQuestion;
					const correct = new Set(q.correctChoiceIds);
					switch (q.type) {
						case "single":
							expect(g.type).toBe("multichoice");
							expect(g.single).toBe(true);
							expect(g.answers.map((a) => decodeHtml(a.text))).toEqual(q.choices.map((c) => c.text));
							expect(gradesOf(g)).toEqual(q.choices.map((c) => (correct.has(c.id) ? 1 : 0)));
							break;
						case "multiple": {
							expect(g.type).toBe("multichoice");
							expect(g.single).toBe(false);
							expect(g.answers.map((a) => decodeHtml(a.text))).toEqual(q.choices.map((c) => c.text));
							const share = Number(correctWeight(correct.size)) / 100;
							expect(gradesOf(g)).toEqual(q.choices.map((c) => (correct.has(c.id) ? share : -1)));
							const positive = gradesOf(g).filter((w) => w > 0);
							expect(positive.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
							break;
						}
						case "true_false":
							expect(g.type).toBe("truefalse");
							expect(g.truth).toBe(q.correctChoiceIds[0] === "true");
							break;
						case "short": {
							const writable = acceptedForms(q).filter((f) => shortFormProblem(f) === null);
							if (writable.length === 0) {
								expect(g.type).toBe("essay");
								break;
							}
							expect(g.type).toBe("shortanswer");
							// Moodle answer strings: "*" is a wildcard there, so a literal star comes back escaped.
							expect(g.answers.map((a) => a.text)).toEqual(writable.map((f) => f.replace(/\*/g, "\\*")));
							expect(gradesOf(g).every((w) => w === 1)).toBe(true);
							break;
						}
					}
				});
			});
		});
	}
});

describe("quizToGift: hostile text", () => {
	const gift = quizToGift(hostile);

	it("never lets markup through unescaped: outside comments and names, every < starts one of our own tags", () => {
		const content = gift
			.split("\n")
			.filter((line) => !line.startsWith("//"))
			.map((line) => line.replace(/^::.*?[^\\]::/, ""))
			.join("\n");
		expect(content).toContain("&lt;script&gt;");
		expect(content).not.toContain("<script");
		expect(content.match(/<(?!\/?(p|h2|em|br)>)/g)).toBeNull();
	});

	it("keeps UTF-8 text as it is (no entities for non-ASCII)", () => {
		expect(gift).toContain("한국어 🎉 “right”");
		expect(gift).not.toMatch(/&#\d{3,};/);
	});

	it("writes the quiz title only in comments, with no [ ] so Moodle cannot read an [id:] or [tag:] marker", () => {
		const header = gift.split("\n\n")[0] ?? "";
		expect(header.split("\n").every((line) => line.startsWith("// "))).toBe(true);
		expect(header).toContain(`Quizline quiz: Hostile: ${oneLine(NASTY).replaceAll("[", "(").replaceAll("]", ")")}`);
		expect(header).not.toMatch(/[[\]]/);
	});

	it("leaves out short-answer forms GIFT cannot carry, says so in a comment, and falls back to an essay when none is left", () => {
		expect(gift).toContain(
			'// Accepted answer left out: it contains "->", which GIFT reads as a matching pair. Add it by hand in Moodle: x->y',
		);
		expect(gift).toContain("// Accepted answer left out: it starts with a GIFT format marker. Add it by hand in Moodle: (html)marked");
		const essay = parseGift(gift).at(-1);
		expect(essay?.type).toBe("essay");
		expect(essay?.name).toBe("Q06 Which arrow?");
	});

	it("would be misread if one escape were missing (the reader is not lenient)", () => {
		const broken = gift.replaceAll("\\{", "{");
		expect(broken).not.toBe(gift);
		expect(() => parseGift(broken)).toThrow(SyntaxError);
	});
});

describe("shortFormProblem", () => {
	it("flags '->' and a leading format marker, and nothing else", () => {
		expect(shortFormProblem("a->b")).toMatch(/->/);
		expect(shortFormProblem("[markdown]x")).toMatch(/format marker/);
		expect(shortFormProblem("[tag]x")).toBeNull();
		expect(shortFormProblem("a - > b")).toBeNull();
		expect(shortFormProblem("%10% off")).toBeNull();
	});
});
