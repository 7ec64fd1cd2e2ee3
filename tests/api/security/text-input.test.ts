/** Findings 8 and 11 at the API: invisible characters and lone surrogates are refused in every text input, not stored changed. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issuedId } from "../../fixtures/attempt-ids";
import { call, postJson, readProblem } from "../../fixtures/http";
import { QUIZ_ID } from "../../fixtures/quiz";
import { bearer, createTeacher, freshIp } from "../../fixtures/teacher";

/** JSON with the escape kept as written, so a lone surrogate reaches the Worker as one. */
const raw = (json: string) => ({
	method: "POST",
	headers: { "Content-Type": "application/json", "CF-Connecting-IP": freshIp() },
	body: json,
});

describe("text inputs", () => {
	it("finding 11: a lone surrogate in a student's name is refused with 400, not stored as U+FFFD", async () => {
		const id = issuedId();
		const res = await call("/api/attempts", raw(`{"attemptId":"${id}","quizId":"${QUIZ_ID}","studentName":"Ada\\ud800","answers":[]}`));
		expect(res.status).toBe(400);
		expect((await readProblem(res))?.errors?.[0]?.path).toBe("studentName");
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE id = ?").bind(id).first("n")).toBe(0);
	});

	it("finding 8: names, answers and class names with invisible format characters are refused", async () => {
		const names = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: QUIZ_ID, studentName: "\u200b=1+1", answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(names.status).toBe(400);
		const answers = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Ada", answers: [{ questionId: "q-cost", text: "\u2060=HYPERLINK(1)" }] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(answers.status).toBe(400);
		expect((await readProblem(answers))?.errors?.[0]?.path).toBe("answers[0].text");
		const t = await createTeacher();
		const cls = await call("/api/teacher/classes", {
			method: "POST",
			headers: { ...bearer(t.token), "Content-Type": "application/json" },
			body: JSON.stringify({ name: "7B\u202e" }),
		});
		expect(cls.status).toBe(400);
	});
});
