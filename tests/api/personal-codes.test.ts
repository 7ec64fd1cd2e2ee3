/**
 * Personal codes: a roster student's code (8 characters of the join codes' alphabet) works wherever a
 * class code does, names the student (the roster's name is recorded, whatever name is sent), replays,
 * is refused exactly as a wrong class code is, counts against the join limiter, and marks the quiz
 * "in progress" when its student opens it.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { rosterStudents } from "../../worker/db/schema";
import { studentKey } from "../../worker/domain/names";
import { isPersonalCode, JOIN_CODE_ALPHABET, newJoinCode, newPersonalCode, PERSONAL_CODE_LENGTH } from "../../worker/domain/secrets";
import { findByCode } from "../../worker/features/classes/queries";
import { NEXT_FIELD, SUBMIT_ANYWAY } from "../../worker/views/student/confirm";
import { issuedId } from "../fixtures/attempt-ids";
import { client } from "../fixtures/client";
import { call, postJson, readProblem } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, type ClassInput, createClass, createTeacher, freshIp, postForm } from "../fixtures/teacher";

const db = createDb(env.DB);
const api = (headers: Record<string, string> = {}) => client({ "CF-Connecting-IP": freshIp(), ...headers }).api;

let position = 0;
/** A roster student, written straight to D1 (the roster API is another feature's). */
async function rosterStudent(classId: string, name: string, code = newPersonalCode()) {
	const [row] = await db
		.insert(rosterStudents)
		.values({ id: crypto.randomUUID(), classId, name, nameKey: studentKey(name), code, position: position++, createdAt: new Date() })
		.returning();
	if (!row) throw new Error("roster student not inserted");
	return row;
}

async function classWithStudent(input: ClassInput = { name: "7C" }, name = "Zoë Quinn") {
	const t = await createTeacher();
	const cls = await createClass(t.token, input);
	const student = await rosterStudent(cls.id, name);
	return { t, cls, student };
}

const submission = (classCode: string | null, extra: Record<string, unknown> = {}) => ({
	attemptId: issuedId(),
	quizId: QUIZ_ID,
	classCode,
	answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
	...extra,
});

async function storedRow(attemptId: string) {
	return env.DB.prepare("SELECT student_name, student_key, class_id FROM attempts WHERE id = ?")
		.bind(attemptId)
		.first<{ student_name: string; student_key: string; class_id: string | null }>();
}

async function pageAttemptId(cookie?: string): Promise<string> {
	const html = await (await call(`/quiz/${QUIZ_ID}`, cookie ? { headers: { Cookie: cookie } } : undefined)).text();
	const id = /name="attemptId" value="([^"]+)"/.exec(html)?.[1];
	if (!id) throw new Error("no attempt id on the quiz page");
	return id;
}

describe("the personal code's form", () => {
	it("is 8 characters of the join codes' alphabet, never the length of a join code; the format check knows one from the other", () => {
		const codes = Array.from({ length: 200 }, newPersonalCode);
		for (const code of codes) expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${PERSONAL_CODE_LENGTH}}$`));
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes.every(isPersonalCode)).toBe(true);
		for (const notOne of [newJoinCode(), "ABCDEFGH", "acdefghj", "ACDEFGHJK", "", null, undefined])
			expect(isPersonalCode(notOne), String(notOne)).toBe(false);
	});

	it("findByCode: one lookup finds the class by its join code (no student) or by a personal code (with its student)", async () => {
		const { cls, student } = await classWithStudent();
		expect(await findByCode(db, cls.joinCode)).toMatchObject({ cls: { id: cls.id }, student: null });
		expect(await findByCode(db, student.code)).toMatchObject({ cls: { id: cls.id }, student: { id: student.id, name: "Zoë Quinn" } });
		expect(await findByCode(db, newPersonalCode())).toBeNull();
		expect(await findByCode(db, "ZZZZZZ")).toBeNull();
	});
});

describe("submitting with a personal code", () => {
	it("needs no name: the roster's name is recorded, and the attempt is in the student's class", async () => {
		const { cls, student } = await classWithStudent();
		const body = submission(student.code.toLowerCase().replace(/(....)/, "$1-"));
		const res = await api().attempts.$post({ json: body });
		expect(res.status).toBe(201);
		const result = await res.json();
		expect(result).toMatchObject({ studentName: "Zoë Quinn", classCode: cls.joinCode, score: 1, attemptNumber: 1 });
		expect(await storedRow(body.attemptId)).toEqual({ student_name: "Zoë Quinn", student_key: studentKey("Zoë Quinn"), class_id: cls.id });
	});

	it("ignores a name sent with it: the roster's name is recorded, and the attempts of one student are counted together", async () => {
		const { student } = await classWithStudent();
		const first = await api().attempts.$post({ json: submission(student.code, { studentName: "Somebody Else" }) });
		expect((await first.json()).studentName).toBe("Zoë Quinn");
		const second = await api().attempts.$post({ json: submission(student.code) });
		expect(await second.json()).toMatchObject({ studentName: "Zoë Quinn", attemptNumber: 2 });
		// Typed by hand with the join code, the same name meets the same student.
		const typed = await api().attempts.$post({ json: submission(null, { studentName: "zoë  quinn" }) });
		expect((await typed.json()).attemptNumber).toBe(1);
	});

	it("replays: the same code and answers again, with or without a name, get the stored result; other answers are a conflict", async () => {
		const { student } = await classWithStudent();
		const body = submission(student.code);
		const first = await postJson("/api/attempts", body, { "CF-Connecting-IP": freshIp() });
		expect(first.status).toBe(201);
		const stored = await first.json();
		for (const again of [body, { ...body, studentName: "Anyone" }, { ...body, classCode: student.code.toLowerCase() }]) {
			const res = await postJson("/api/attempts", again, { "CF-Connecting-IP": freshIp() });
			expect(res.status, JSON.stringify(again)).toBe(200);
			expect(await res.json()).toEqual(stored);
		}
		const changed = await postJson("/api/attempts", { ...body, answers: [] }, { "CF-Connecting-IP": freshIp() });
		expect(changed.status).toBe(409);
		expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE id = ?").bind(body.attemptId).first<{ n: number }>())?.n).toBe(
			1,
		);
	});

	it("a wrong personal code gets exactly the answer a wrong class code gets", async () => {
		const wrongPersonal = newPersonalCode();
		const wrongJoin = newJoinCode();
		const send = (code: string) => postJson("/api/attempts", submission(code, { studentName: "Guess" }), { "CF-Connecting-IP": freshIp() });
		const [a, b] = [await send(wrongPersonal), await send(wrongJoin)];
		expect([a.status, b.status]).toEqual([422, 422]);
		const [pa, pb] = [await readProblem(a), await readProblem(b)];
		expect(JSON.stringify(pa).replaceAll(wrongPersonal, "CODE")).toBe(JSON.stringify(pb).replaceAll(wrongJoin, "CODE"));
		expect(pa?.detail).toBe(`No class has the code "${wrongPersonal}". Check the code your teacher gave you.`);
		// Without a name, a wrong personal code is still only "no class has the code".
		const nameless = await postJson("/api/attempts", submission(newPersonalCode()), { "CF-Connecting-IP": freshIp() });
		expect((await readProblem(nameless))?.title).toBe("Unknown class code");
	});

	it("a name may be left out only with a personal code: with a join code or none, it is asked for", async () => {
		const { cls } = await classWithStudent();
		for (const classCode of [cls.joinCode, null]) {
			const res = await postJson("/api/attempts", submission(classCode), { "CF-Connecting-IP": freshIp() });
			expect(res.status, String(classCode)).toBe(400);
			expect((await readProblem(res))?.errors).toEqual([{ path: "studentName", message: "must not be empty" }]);
		}
	});

	it("a roster student's attempts count against the class's cap under the roster's name", async () => {
		const { student } = await classWithStudent({ name: "Capped", maxAttempts: 1 });
		expect((await api().attempts.$post({ json: submission(student.code, { studentName: "Alias One" }) })).status).toBe(201);
		const again = await postJson("/api/attempts", submission(student.code, { studentName: "Alias Two" }), {
			"CF-Connecting-IP": freshIp(),
		});
		expect(again.status).toBe(409);
		expect((await readProblem(again))?.title).toBe("No attempts left");
	});

	it("counts against the join limiter, as class codes do: past the limit, 429 whether the code is right or not", {
		timeout: 60_000,
	}, async () => {
		const { student } = await classWithStudent();
		const ip = "203.0.113.250";
		const send = (code: string) => postJson("/api/attempts", submission(code), { "CF-Connecting-IP": ip });
		let tries = 0;
		for (; tries < 2 * 300 + 10; tries++) {
			const res = await send(newPersonalCode());
			await res.body?.cancel();
			if (res.status === 429) break;
			expect(res.status).toBe(422);
		}
		// wrangler.toml: JOIN_LIMITER allows 300 lookups a minute (a run may straddle two windows).
		expect(tries).toBeGreaterThanOrEqual(300);
		expect(tries).toBeLessThanOrEqual(600);
		const right = await send(student.code);
		expect(right.status).toBe(429);
		expect((await readProblem(right))?.detail).toContain("Too many class codes");
	});
});

describe("a personal code on the student pages", () => {
	it("the quiz form without JavaScript: a personal code and no name is stored under the roster's name", async () => {
		const { cls, student } = await classWithStudent();
		const attemptId = await pageAttemptId();
		const res = await postForm(`/quiz/${QUIZ_ID}`, [
			["attemptId", attemptId],
			["studentName", ""],
			["classCode", student.code],
			["answer.q-third-party", "pashin"],
			[NEXT_FIELD, SUBMIT_ANYWAY],
		]);
		expect(res.status).toBe(303);
		expect(await storedRow(attemptId)).toEqual({ student_name: "Zoë Quinn", student_key: studentKey("Zoë Quinn"), class_id: cls.id });
		const page = await (await call(`/result/${attemptId}`)).text();
		expect(page).toContain("Zoë Quinn, you scored");
		// A blank name without a personal code is still asked for.
		const blank = await postForm(`/quiz/${QUIZ_ID}`, [
			["attemptId", await pageAttemptId()],
			["studentName", " "],
			["classCode", cls.joinCode],
			[NEXT_FIELD, SUBMIT_ANYWAY],
		]);
		expect(blank.status).toBe(422);
		expect(await blank.text()).toContain("Your name must not be empty.");
	});

	it("joining with it, the quiz page names the roster student and records the open once, for “in progress”", async () => {
		const { cls, student } = await classWithStudent();
		expect((await call(`/api/quizzes?class=${student.code}`)).status).toBe(200);
		expect(await (await call(`/join/${student.code}`)).text()).not.toContain('role="alert"');
		const join = await postForm("/join", [
			["studentName", "Zo"],
			["classCode", student.code],
			["quiz", QUIZ_ID],
		]);
		expect(join.status).toBe(303);
		const cookie = (join.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
		const opens = () =>
			env.DB.prepare("SELECT quiz_id, opened_at FROM quiz_opens WHERE roster_student_id = ?")
				.bind(student.id)
				.all<{ quiz_id: string; opened_at: number }>();
		expect((await opens()).results).toEqual([]);

		const page = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(page.status).toBe(200);
		const html = await page.text();
		// Named by the roster, and the personal code (the student's own key) is not shown on screen.
		expect(html).toContain("Answering as <strong>Zoë Quinn</strong>. ");
		expect(html).not.toContain(`in class ${student.code}`);
		const first = (await opens()).results;
		expect(first).toHaveLength(1);
		expect(first[0]?.quiz_id).toBe(QUIZ_ID);
		await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect((await opens()).results).toEqual(first);

		// The page's own form submits under the roster's name.
		const attemptId = /name="attemptId" value="([^"]+)"/.exec(html)?.[1] as string;
		const quiz = await theQuiz();
		const fields: [string, string][] = [
			["attemptId", attemptId],
			["studentName", /name="studentName" value="([^"]*)"/.exec(html)?.[1] ?? ""],
			["classCode", student.code],
			...perfectAnswers(quiz).flatMap((a): [string, string][] =>
				a.choiceIds
					? a.choiceIds.map((id): [string, string] => [`answer.${a.questionId}`, id])
					: [[`answer.${a.questionId}`, a.text ?? ""]],
			),
		];
		expect((await postForm(`/quiz/${QUIZ_ID}`, fields)).status).toBe(303);
		expect(await storedRow(attemptId)).toMatchObject({ student_name: "Zoë Quinn", class_id: cls.id });
	});

	it("records no open when the quiz page is refused: a closed class, a quiz the class does not offer", async () => {
		const { t, cls, student } = await classWithStudent();
		const cookie = `quizline_student=${encodeURIComponent(JSON.stringify({ n: "Zo", c: student.code }))}`;
		const patch = (json: Omit<ClassInput, "name">) =>
			client(bearer(t.token)).api.teacher.classes[":classId"].$patch({ param: { classId: cls.id }, json });
		await patch({ openQuizIds: [] });
		expect((await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } })).status).toBe(403);
		await patch({ openQuizIds: null, closesAt: new Date(Date.now() - 60_000).toISOString() });
		expect((await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } })).status).toBe(403);
		const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM quiz_opens WHERE roster_student_id = ?")
			.bind(student.id)
			.first<{ n: number }>();
		expect(n?.n).toBe(0);
		await patch({ closesAt: null });
		expect((await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } })).status).toBe(200);
		const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM quiz_opens WHERE roster_student_id = ?")
			.bind(student.id)
			.first<{ n: number }>();
		expect(after?.n).toBe(1);
	});

	it("a roster student with no attempt left meets “no attempts left” when opening the quiz, counted under the roster's name", async () => {
		const { student } = await classWithStudent({ name: "Once", maxAttempts: 1 });
		expect((await api().attempts.$post({ json: submission(student.code) })).status).toBe(201);
		const cookie = `quizline_student=${encodeURIComponent(JSON.stringify({ n: "A Different Name", c: student.code }))}`;
		const res = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(res.status).toBe(409);
		expect(await res.text()).toContain("You have already taken this quiz: your teacher allows one attempt.");
	});
});
