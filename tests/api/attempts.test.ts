import { env } from "cloudflare:workers";
import type { InferResponseType } from "hono/client";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { findAttempt, insertAttempt } from "../../worker/features/attempts/queries";
import { issuedId } from "../fixtures/attempt-ids";
import type { client } from "../fixtures/client";
import { call, postJson, readProblem } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";

/** What POST /api/attempts answers, typed from the route. */
type Result = InferResponseType<ReturnType<typeof client>["api"]["attempts"]["$post"], 201>;

const submission = (overrides: Record<string, unknown> = {}) => ({
	attemptId: issuedId(),
	quizId: QUIZ_ID,
	studentName: "Ada Lovelace",
	answers: [],
	...overrides,
});

async function countAttempts(id?: string): Promise<number> {
	const row = id
		? await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE id = ?").bind(id).first<{ n: number }>()
		: await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts").first<{ n: number }>();
	return row?.n ?? -1;
}

describe("POST /api/attempts", () => {
	it("grades a perfect submission on the server and stores it with every response", async () => {
		const quiz = await theQuiz();
		const body = submission({ answers: perfectAnswers(quiz) });
		const res = await postJson("/api/attempts", body);
		expect(res.status).toBe(201);
		expect(res.headers.get("Location")).toBe(`/api/attempts/${body.attemptId}`);
		const result = (await res.json()) as Result;
		expect(result.attemptId).toBe(body.attemptId);
		expect(result.quizVersion).toBe(quiz.version);
		expect(result.score).toBe(quiz.maxScore);
		expect(result.maxScore).toBe(quiz.maxScore);
		expect(result.results).toHaveLength(quiz.questions.length);
		for (const r of result.results) {
			expect(r.correct).toBe(true);
			// The full review (a practice attempt on the library): explanation and evidence are there.
			expect(r.explanation?.length).toBeGreaterThan(0);
			expect(r.evidence && quiz.article.paragraphs[r.evidence.paragraph - 1]).toContain(r.evidence?.quote);
		}
		const rows = await env.DB.prepare("SELECT question_id, correct, points FROM responses WHERE attempt_id = ? ORDER BY position")
			.bind(body.attemptId)
			.all();
		expect(rows.results.map((r) => r.question_id)).toEqual(quiz.questions.map((q) => q.id));
		expect(rows.results.every((r) => r.correct === 1)).toBe(true);
	});

	it("grades the third-party question right only for Vitaly Pashin", async () => {
		const quiz = await theQuiz();
		const q = quiz.questions.find((x) => x.id === "q-third-party");
		expect(q?.choices.find((c) => c.text === "Vitaly Pashin")).toBeDefined();
		for (const choice of q?.choices ?? []) {
			const res = await postJson("/api/attempts", submission({ answers: [{ questionId: "q-third-party", choiceIds: [choice.id] }] }));
			expect(res.status).toBe(201);
			const result = (await res.json()) as Result;
			const r = result.results.find((x) => x.questionId === "q-third-party");
			expect(r?.correct, choice.text).toBe(choice.text === "Vitaly Pashin");
			expect(result.score).toBe(choice.text === "Vitaly Pashin" ? 1 : 0);
			expect(r?.correctChoiceIds).toEqual(["pashin"]);
		}
	});

	it("counts unanswered questions as wrong", async () => {
		const quiz = await theQuiz();
		const res = await postJson("/api/attempts", submission({ answers: perfectAnswers(quiz).slice(0, 3) }));
		const result = (await res.json()) as Result;
		expect(result.score).toBe(3);
		expect(result.results.filter((r) => !r.correct)).toHaveLength(quiz.questions.length - 3);
	});

	it("matches short answers after normalisation and shows the accepted forms", async () => {
		const res = await postJson("/api/attempts", submission({ answers: [{ questionId: "q-missile-name", text: "  hwasong 15 " }] }));
		const result = (await res.json()) as Result;
		const r = result.results.find((x) => x.questionId === "q-missile-name");
		expect(r?.correct).toBe(true);
		expect(r?.acceptedAnswers).toContain("Hwasong-15");
	});

	it("stores the name trimmed, with white space collapsed and in NFC", async () => {
		const body = submission({ studentName: "  Zoe\u0301   \t Smith  " });
		const result = (await (await postJson("/api/attempts", body)).json()) as Result;
		expect(result.studentName).toBe("Zoé Smith");
		expect(result.studentName.normalize("NFC")).toBe(result.studentName);
	});

	it("answers a replay of the same submission with the stored result and stores it once", async () => {
		const quiz = await theQuiz();
		const body = submission({ answers: perfectAnswers(quiz) });
		const first = await postJson("/api/attempts", body);
		const again = await postJson("/api/attempts", body);
		expect(first.status).toBe(201);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual(await first.json());
		expect(await countAttempts(body.attemptId)).toBe(1);
	});

	it("stores one attempt when 20 identical submissions arrive at once, and all get the same result", async () => {
		const quiz = await theQuiz();
		const body = submission({ answers: perfectAnswers(quiz).slice(0, 7) });
		const responses = await Promise.all(Array.from({ length: 20 }, () => postJson("/api/attempts", body)));
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 200)).toHaveLength(19);
		const bodies = await Promise.all(responses.map((r) => r.text()));
		expect(new Set(bodies).size).toBe(1);
		expect(await countAttempts(body.attemptId)).toBe(1);
		const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE attempt_id = ?").bind(body.attemptId).first<{ n: number }>();
		expect(n?.n).toBe(quiz.questions.length);
	});

	it("refuses the same attempt id with different answers with a 409", async () => {
		const body = submission({ answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }] });
		expect((await postJson("/api/attempts", body)).status).toBe(201);
		const changed = await postJson("/api/attempts", { ...body, answers: [{ questionId: "q-third-party", choiceIds: ["chepa"] }] });
		expect(changed.status).toBe(409);
		expect((await readProblem(changed))?.detail).toContain(body.attemptId);
		const renamed = await postJson("/api/attempts", { ...body, studentName: "Somebody Else" });
		expect(renamed.status).toBe(409);
		expect(await countAttempts(body.attemptId)).toBe(1);
	});

	it("counts a student's attempts at a quiz", async () => {
		const first = (await (await postJson("/api/attempts", submission({ studentName: "Kim Lee" }))).json()) as { attemptNumber: number };
		const second = (await (await postJson("/api/attempts", submission({ studentName: "kim  LEE" }))).json()) as { attemptNumber: number };
		expect([first.attemptNumber, second.attemptNumber]).toEqual([1, 2]);
	});
});

describe("POST /api/attempts rejects bad input with a problem", () => {
	const cases: [string, unknown, number, string][] = [
		["malformed JSON", '{"attemptId": ', 400, "Malformed JSON"],
		["a JSON array", "[]", 400, "expected object"],
		["a missing attempt id", { quizId: QUIZ_ID, studentName: "A", answers: [] }, 400, "attemptId"],
		["an attempt id that is not a UUID", { ...submission(), attemptId: "123" }, 400, "attemptId: must be a UUID"],
		["answers of the wrong type", { ...submission(), answers: "all of them" }, 400, "answers"],
		["a numeric name", { ...submission(), studentName: 42 }, 400, "studentName"],
		["an empty name", { ...submission(), studentName: "   " }, 400, "studentName: must not be empty"],
		["a name over 60 characters", { ...submission(), studentName: "x".repeat(61) }, 400, "at most 60 characters"],
		["an unknown quiz", { ...submission(), quizId: "no-such-quiz" }, 422, 'no quiz "no-such-quiz"'],
		["an unknown question", { ...submission(), answers: [{ questionId: "q-nope", choiceIds: ["a"] }] }, 422, 'no question "q-nope"'],
		[
			"a question answered twice",
			{
				...submission(),
				answers: [
					{ questionId: "q-third-party", choiceIds: ["pashin"] },
					{ questionId: "q-third-party", choiceIds: ["chepa"] },
				],
			},
			422,
			"answered twice",
		],
		[
			"a choice not in the question",
			{ ...submission(), answers: [{ questionId: "q-third-party", choiceIds: ["trump"] }] },
			422,
			'no choice "trump"',
		],
		[
			"two choices for a single-choice question",
			{ ...submission(), answers: [{ questionId: "q-third-party", choiceIds: ["pashin", "chepa"] }] },
			422,
			"takes one choice",
		],
		[
			"text for a choice question",
			{ ...submission(), answers: [{ questionId: "q-third-party", text: "Pashin" }] },
			422,
			'send "choiceIds"',
		],
		["an unknown class code", { ...submission(), classCode: "ZZZZZZ" }, 422, 'No class has the code "ZZZZZZ"'],
	];
	for (const [name, body, status, detail] of cases) {
		it(`${name} → ${status}`, async () => {
			const res = await postJson("/api/attempts", body);
			expect(res.status).toBe(status);
			const problem = await readProblem(res);
			expect(problem?.status).toBe(status);
			expect(problem?.detail).toContain(detail);
		});
	}

	it("a body that is not declared as JSON → 415", async () => {
		const res = await call("/api/attempts", {
			method: "POST",
			headers: { "Content-Type": "text/plain" },
			body: JSON.stringify(submission()),
		});
		expect(res.status).toBe(415);
		expect((await readProblem(res))?.detail).toContain("application/json");
	});

	it("a body over 64 KiB → 413, with or without a Content-Length", async () => {
		const big = JSON.stringify(submission({ studentName: "A", padding: "x".repeat(70 * 1024) }));
		const withLength = await postJson("/api/attempts", big);
		expect(withLength.status).toBe(413);
		const stream = new Blob([big]).stream();
		const chunked = await call("/api/attempts", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: stream,
			duplex: "half",
		} as RequestInit);
		expect(chunked.status).toBe(413);
		expect((await readProblem(chunked))?.status).toBe(413);
	});

	it("writes nothing when any part of an attempt fails to store", async () => {
		const db = createDb(env.DB);
		const quiz = await theQuiz();
		const id = issuedId();
		const response = { questionId: quiz.questions[0]?.id ?? "", position: 0, answer: null, correct: false, points: 0 };
		const attempt = {
			id,
			quizId: QUIZ_ID,
			quizVersion: quiz.version,
			classId: null,
			studentName: "Half Written",
			studentKey: "half written",
			startedAt: null,
			submittedAt: new Date(),
			score: 0,
			maxScore: quiz.maxScore,
			requestHash: "x",
		};
		// The same question twice violates the responses' primary key in the batch's last statement.
		await expect(insertAttempt(db, attempt, [response, response])).rejects.toThrow();
		expect(await findAttempt(db, id)).toBeNull();
		expect(await countAttempts(id)).toBe(0);
	});

	it("stores each column as drizzle's columns store it and reads the attempt back unchanged", async () => {
		const db = createDb(env.DB);
		const quiz = await theQuiz();
		const [q0, q1, q2, q3] = quiz.questions;
		const id = issuedId();
		const graded = [
			{ questionId: q0?.id ?? "", position: 0, answer: { choiceIds: ["a", "b"] }, correct: true, points: 1 },
			// Quotes, a backslash, a tab-free line of non-ASCII and an emoji: text round-trips through the packed JSON exactly.
			{ questionId: q1?.id ?? "", position: 1, answer: { text: 'say "hi" \\ 김민준 ＝ é 🙂' }, correct: false, points: 0 },
			{ questionId: q2?.id ?? "", position: 2, answer: null, correct: false, points: 0 },
			{ questionId: q3?.id ?? "", position: 3, answer: { text: "half" }, correct: true, points: 0.5 },
		];
		const attempt = {
			id,
			quizId: QUIZ_ID,
			quizVersion: quiz.version,
			classId: null,
			studentName: "Zoë O'Brien",
			studentKey: "zoë o'brien",
			startedAt: new Date(1_764_000_000_123),
			submittedAt: new Date(1_764_000_060_456),
			score: 1.5,
			maxScore: quiz.maxScore,
			requestHash: "h".repeat(64),
		};
		const stored = await insertAttempt(db, attempt, graded);
		expect(stored.attempt).toEqual({ ...attempt, attemptNumber: 1 });
		// The second attempt of the same practice student is number 2 (class_id IS NULL counts).
		// Without a known start (an id not issued by this server), started_at is NULL, not 0 or "null".
		const againId = issuedId();
		const again = await insertAttempt(db, { ...attempt, id: againId, startedAt: null }, []);
		expect(again.attempt.attemptNumber).toBe(2);
		const againRow = await env.DB.prepare("SELECT started_at, typeof(started_at) AS t FROM attempts WHERE id = ?").bind(againId).first();
		expect(againRow).toEqual({ started_at: null, t: "null" });

		const row = await env.DB.prepare("SELECT * FROM attempts WHERE id = ?").bind(id).first();
		expect(row).toEqual({
			id,
			quiz_id: QUIZ_ID,
			quiz_version: quiz.version,
			class_id: null,
			student_name: "Zoë O'Brien",
			student_key: "zoë o'brien",
			attempt_number: 1,
			started_at: 1_764_000_000_123,
			submitted_at: 1_764_000_060_456,
			score: 1.5,
			max_score: quiz.maxScore,
			request_hash: "h".repeat(64),
		});
		const rows = await env.DB.prepare(
			"SELECT attempt_id, question_id, position, answer, typeof(answer) AS t, correct, typeof(correct) AS ct, points, typeof(points) AS pt FROM responses WHERE attempt_id = ? ORDER BY position",
		)
			.bind(id)
			.all();
		expect(rows.results).toEqual(
			graded.map((g) => ({
				attempt_id: id,
				question_id: g.questionId,
				position: g.position,
				answer: g.answer === null ? null : JSON.stringify(g.answer),
				t: g.answer === null ? "null" : "text",
				correct: g.correct ? 1 : 0,
				ct: "integer",
				points: g.points,
				pt: "real",
			})),
		);
		expect(await findAttempt(db, id)).toEqual({
			attempt: { ...attempt, attemptNumber: 1 },
			cls: null,
			responses: graded.map((g) => ({ attemptId: id, ...g })),
		});
	});
});

describe("GET /api/attempts/:attemptId", () => {
	it("returns the stored result", async () => {
		const quiz = await theQuiz();
		const body = submission({ answers: perfectAnswers(quiz).slice(0, 5) });
		const posted = await (await postJson("/api/attempts", body)).json();
		const res = await call(`/api/attempts/${body.attemptId}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual(posted);
	});

	it("answers an unknown attempt with 404 and a malformed id with 400", async () => {
		const unknown = await call(`/api/attempts/${crypto.randomUUID()}`);
		expect(unknown.status).toBe(404);
		expect((await readProblem(unknown))?.title).toBe("Attempt not found");
		const malformed = await call("/api/attempts/not-a-uuid");
		expect(malformed.status).toBe(400);
		expect(await readProblem(malformed)).not.toBeNull();
	});
});
