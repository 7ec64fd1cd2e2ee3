import { describe, expect, it } from "vitest";
import { publicQuiz } from "../../worker/domain/quiz/public";
import { client } from "../fixtures/client";
import { call } from "../fixtures/http";
import { QUIZ_ID, theQuiz } from "../fixtures/quiz";

describe("GET /api/quizzes", () => {
	it("lists the quizzes with id, title, question count and version", async () => {
		const res = await client().api.quizzes.$get({ query: {} });
		expect(res.status).toBe(200);
		const body = await res.json();
		const quiz = await theQuiz();
		expect(body.quizzes).toContainEqual({ id: QUIZ_ID, title: quiz.title, questionCount: quiz.questions.length, version: quiz.version });
		expect(body.quizzes[0]?.version).toMatch(/^[0-9a-f]{16}$/);
	});
});

describe("GET /api/quizzes/:quizId", () => {
	it("serves the article and at least 12 questions of all four types", async () => {
		const res = await client().api.quizzes[":quizId"].$get({ param: { quizId: QUIZ_ID } });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.id).toBe(QUIZ_ID);
		expect(body.article.paragraphs).toHaveLength(5);
		expect(body.article.paragraphs[4]).toContain("Vitaly Pashin");
		expect(body.questions.length).toBeGreaterThanOrEqual(12);
		expect(new Set(body.questions.map((q) => q.type))).toEqual(new Set(["single", "multiple", "true_false", "short"]));
		expect(body.attemptId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it("answers the same JSON c.json would write: the public quiz and a fresh attempt id, serialised once per version", async () => {
		const quiz = await theQuiz();
		const [first, second] = [await call(`/api/quizzes/${QUIZ_ID}`), await call(`/api/quizzes/${QUIZ_ID}`)];
		expect(first.headers.get("Content-Type")).toMatch(/^application\/json/);
		const [a, b] = [(await first.json()) as { attemptId: string }, (await second.json()) as { attemptId: string }];
		expect(a.attemptId).not.toBe(b.attemptId);
		expect(a).toEqual({ ...publicQuiz(quiz), attemptId: a.attemptId });
		expect(b).toEqual({ ...publicQuiz(quiz), attemptId: b.attemptId });
	});

	it("reveals no answer, explanation or evidence", async () => {
		const quiz = await theQuiz();
		const text = await (await call(`/api/quizzes/${QUIZ_ID}`)).text();
		for (const marker of ["correct", "answer", "accepted", "explanation", "evidence", "skill", "quote"]) {
			expect(text.toLowerCase(), marker).not.toContain(`"${marker}`);
		}
		for (const q of quiz.questions) {
			expect(text).not.toContain(q.explanation);
			for (const form of q.accepted) expect(text).not.toContain(`"${form}"`);
		}
		// Each question's fields are only these: nothing else can carry an answer.
		const body = JSON.parse(text) as { questions: Record<string, unknown>[] };
		for (const q of body.questions) {
			expect(Object.keys(q).sort()).toEqual(["choices", "id", "points", "prompt", "type"]);
			for (const c of q.choices as Record<string, unknown>[]) expect(Object.keys(c).sort()).toEqual(["id", "text"]);
		}
	});

	it("answers an unknown quiz with a 404 problem", async () => {
		const res = await call("/api/quizzes/no-such-quiz");
		expect(res.status).toBe(404);
		expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
		const body = (await res.json()) as { status: number; detail: string };
		expect(body.status).toBe(404);
		expect(body.detail).toContain("no-such-quiz");
	});
});
