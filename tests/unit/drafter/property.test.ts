import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerInQuote } from "../../../worker/domain/drafter/choices";
import { allQuestions, draftQuiz } from "../../../worker/domain/drafter/index";
import type { QuestionFile } from "../../../worker/domain/quiz/schema";
import { correctAnswers, problems } from "./helpers";

const word = fc.constantFrom(
	"the",
	"a",
	"said",
	"told",
	"according",
	"to",
	"in",
	"on",
	"of",
	"and",
	"was",
	"were",
	"has",
	"had",
	"will",
	"would",
	"people",
	"council",
	"minister",
	"president",
	"who",
	"he",
	"she",
	"they",
	"it",
	"jobs",
	"trees",
	"percent",
	"million",
	"years",
	"city",
	"river",
	"party",
	"Agency",
	"University",
	"River",
	"Road",
	"Mr",
	"Dr",
	"President",
	"Monday",
	"March",
	"Paris",
	"China",
	"Japanese",
	"US",
	"UN",
	"BBC",
	"Anna",
	"Kowalski",
	"Chen",
	"Ngozi",
	"O’Brien",
	"de",
	"la",
	"Hwasong-15",
	"café",
	"Zoë",
	"Müller",
	"naïve",
	"东京",
	"😀",
	"—",
	"…",
	"15",
	"1,200",
	"£4.2",
	"$3",
	"€410",
	"40%",
	"2019",
	"1968",
	"3-2",
	"71st",
	"19-year-old",
	"95-metre",
	"39C",
	"six",
	"twenty",
	"a century",
	"“",
	"”",
	'"',
	"'",
	"’",
	",",
	".",
	":",
	";",
	"(",
	")",
	"!",
	"?",
);
const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(" "));
const paragraph = fc.oneof(
	{ weight: 6, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 6 }).map((ss) => ss.join(" ")) },
	{ weight: 1, arbitrary: fc.constantFrom(" ", ".", "“”", '"', "…", "  —  ", "A", "1") },
	{ weight: 1, arbitrary: fc.array(sentence, { minLength: 30, maxLength: 60 }).map((ss) => ss.join(". ")) },
	{ weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 200, unit: "binary" }) },
);
const articles = fc.record({
	title: fc.string({ minLength: 1, maxLength: 60 }),
	paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 8 }),
});

/** The literal-answer rule: a literal question's answer words are in its quote (all for choices, one form for short answers). */
function literalHolds(q: QuestionFile): boolean {
	if (q.skill !== "literal" || q.type === "true_false") return true;
	const answers = correctAnswers(q);
	return q.type === "short"
		? answers.some((a) => answerInQuote(a, q.evidence.quote))
		: answers.every((a) => answerInQuote(a, q.evidence.quote));
}

describe("the drafter on generated text", () => {
	it("never throws, and every question it makes passes the content check and the literal-answer rule", () => {
		fc.assert(
			fc.property(articles, (a) => {
				const draft = draftQuiz(a);
				expect(draft.length).toBeLessThanOrEqual(20);
				expect(problems(a, draft)).toEqual([]);
				for (const q of draft) expect(literalHolds(q), q.id).toBe(true);
				const every = allQuestions(a).map((d) => d.question);
				expect(problems(a, every)).toEqual([]);
				for (const q of every) expect(literalHolds(q), q.id).toBe(true);
			}),
			{ numRuns: 120, seed: 20260511 },
		);
		// About 3 s alone; the time limit leaves room for a busy machine running every test file at once.
	}, 30_000);

	it("handles empty paragraphs and an empty title without throwing", () => {
		expect(draftQuiz({ title: "", paragraphs: [] })).toEqual([]);
		expect(draftQuiz({ title: "x", paragraphs: ["", " ", "\n"] })).toEqual([]);
	});
});
