import { describe, expect, it } from "vitest";
import { draftWithKinds } from "../../../worker/domain/drafter/index";
import { checkContent } from "../../../worker/domain/quiz/check";
import { contentFiles, seedArticle, seedQuestions } from "../../fixtures/drafter-articles";
import { coverage } from "../../fixtures/drafter-coverage";
import { fixtureArticles } from "./articles";

describe("drafts of the fixture news articles", () => {
	it("has at least eight articles of 200–600 words", () => {
		expect(fixtureArticles.length).toBeGreaterThanOrEqual(8);
		for (const a of fixtureArticles) {
			const words = a.paragraphs.join(" ").split(/\s+/u).length;
			expect(words, a.slug).toBeGreaterThanOrEqual(200);
			expect(words, a.slug).toBeLessThanOrEqual(600);
		}
	});

	for (const a of [seedArticle, ...fixtureArticles]) {
		it(`${a.slug}: 8–20 questions of all four types that pass the content check`, () => {
			const draft = draftWithKinds(a).map((d) => d.question);
			expect(draft.length).toBeGreaterThanOrEqual(8);
			expect(draft.length).toBeLessThanOrEqual(20);
			expect(new Set(draft.map((q) => q.type))).toEqual(new Set(["single", "multiple", "true_false", "short"]));
			const files = contentFiles(a, draft);
			expect(checkContent(files.articles, files.quizzes)).toEqual([]);
		});
	}
});

/**
 * The acceptance target is 14 of the 20 hand-written questions, and the drafter reaches 14 (see
 * docs/drafter.md for the six it misses and why); this floor tests the target and guards it
 * against regressions.
 */
const SEED_COVERAGE_FLOOR = 14;

describe("the seed article", () => {
	it(`covers at least ${SEED_COVERAGE_FLOOR} of the 20 hand-written questions (the rule in tests/fixtures/drafter-coverage.ts)`, () => {
		const draft = draftWithKinds(seedArticle).map((d) => d.question);
		const result = coverage(draft, seedQuestions);
		expect(seedQuestions).toHaveLength(20);
		expect(result.covered.length, `missed: ${result.missed.join(", ")}`).toBeGreaterThanOrEqual(SEED_COVERAGE_FLOOR);
	});

	it("counts a question as covered only when evidence and answer agree (the rule can fail)", () => {
		const handWritten = seedQuestions.find((q) => q.id === "q-third-party");
		if (!handWritten) throw new Error("the seed quiz has no q-third-party");
		const same = { ...handWritten, id: "d1" };
		const wrongAnswer = { ...handWritten, id: "d2", answer: { choiceIds: ["chepa"] } };
		const elsewhere = { ...handWritten, id: "d3", evidence: { paragraph: 4, quote: "Chepa said" } };
		expect(coverage([same], [handWritten]).covered).toEqual(["q-third-party"]);
		expect(coverage([wrongAnswer], [handWritten]).covered).toEqual([]);
		expect(coverage([elsewhere], [handWritten]).covered).toEqual([]);
	});
});
