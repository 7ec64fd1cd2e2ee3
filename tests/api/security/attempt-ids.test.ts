/** Findings 2 and 3: attempt ids are issued by the server, and only a server-issued id gives a start time. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { assembleAttemptId } from "../../../worker/domain/attempt-id";
import { NEXT_FIELD, SUBMIT_ANYWAY } from "../../../worker/views/student/confirm";
import { issuedId, issuedIdAt } from "../../fixtures/attempt-ids";
import { call, postJson, readProblem } from "../../fixtures/http";
import { QUIZ_ID } from "../../fixtures/quiz";
import { createClass, createTeacher, freshIp } from "../../fixtures/teacher";

const body = (attemptId: string, extra: Record<string, unknown> = {}) => ({
	attemptId,
	quizId: QUIZ_ID,
	studentName: "Id Tester",
	answers: [],
	...extra,
});
const send = (attemptId: string, extra: Record<string, unknown> = {}) =>
	postJson("/api/attempts", body(attemptId, extra), { "CF-Connecting-IP": freshIp() });

describe("attempt ids", () => {
	it("finding 3: the nil UUID and ids the server did not issue are refused", async () => {
		const forged = [
			"00000000-0000-0000-0000-000000000000",
			"ffffffff-ffff-ffff-ffff-ffffffffffff",
			crypto.randomUUID(),
			// A v7 with the current time and made-up random bits.
			assembleAttemptId(Date.now(), 12345, new Uint8Array(6)),
		];
		for (const id of forged) {
			const res = await send(id);
			expect(res.status, id).toBe(422);
			const problem = await readProblem(res);
			expect(problem?.title).toBe("Attempt id not issued");
			expect(problem?.detail).toContain("was not issued by Quizline");
			expect(problem?.errors?.[0]?.path).toBe("attemptId");
			expect((await call(`/api/attempts/${id}`)).status).toBe(404);
		}
		const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE id IN (?, ?)")
			.bind(forged[0], forged[1])
			.first<{ n: number }>();
		expect(row?.n).toBe(0);
	});

	it("finding 3: the quiz form refuses an id it did not issue and hands out one it did, keeping the answers", async () => {
		const res = await call(`/quiz/${QUIZ_ID}`, {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": freshIp() },
			body: new URLSearchParams({
				attemptId: "00000000-0000-0000-0000-000000000000",
				studentName: "Form Forger",
				[NEXT_FIELD]: SUBMIT_ANYWAY,
			}).toString(),
			redirect: "manual",
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain("was not issued by Quizline");
		expect(html).toContain("Form Forger");
		const fresh = /name="attemptId"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="attemptId"/.exec(html);
		const id = fresh?.[1] ?? fresh?.[2] ?? "";
		expect(id).not.toBe("00000000-0000-0000-0000-000000000000");
		expect((await send(id)).status).toBe(201);
	});

	it("finding 2: the start time comes only from a server-issued id, and one from the future or days old gives none", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const now = Date.now();
		const cases = [
			{ id: await issuedIdAt(now - 5 * 60_000), started: now - 5 * 60_000 },
			{ id: await issuedIdAt(now + 60 * 60_000), started: null },
			{ id: await issuedIdAt(now - 3 * 86_400_000), started: null },
		];
		for (const [i, c] of cases.entries()) {
			expect((await send(c.id, { classCode: cls.joinCode, studentName: `Timed ${i}` })).status).toBe(201);
			const row = await env.DB.prepare("SELECT started_at AS s FROM attempts WHERE id = ?").bind(c.id).first<{ s: number | null }>();
			expect(row?.s).toBe(c.started);
		}
		// A client-made v7 claiming to be 25 minutes old is refused, so it can never give a duration.
		const claimed = assembleAttemptId(now - 25 * 60_000, 7, crypto.getRandomValues(new Uint8Array(6)));
		expect((await send(claimed, { classCode: cls.joinCode })).status).toBe(422);
	});

	it("finding 3: GET /api/quizzes/:id and the quiz page issue ids the API accepts", async () => {
		const quiz = (await (await call(`/api/quizzes/${QUIZ_ID}`)).json()) as { attemptId: string };
		expect((await send(quiz.attemptId)).status).toBe(201);
		expect((await send(issuedId())).status).toBe(201);
	});
});
