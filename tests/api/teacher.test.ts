import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET } from "../../worker/domain/secrets";
import { issuedId } from "../fixtures/attempt-ids";
import { call, postJson, readProblem } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, type ClassJson, createClass, createTeacher, freshIp, submit, teacherGet, teacherWithClasses } from "../fixtures/teacher";

const json = (method: string, token: string, body: unknown) => ({
	method,
	headers: { ...bearer(token), "Content-Type": "application/json" },
	body: method === "GET" ? undefined : JSON.stringify(body),
});

async function countRows(sql: string, ...binds: unknown[]) {
	return (
		(
			await env.DB.prepare(sql)
				.bind(...binds)
				.first<{ n: number }>()
		)?.n ?? -1
	);
}

/** Every teacher route with a body that would be valid, for the 401 and cross-teacher checks. */
const ROUTES = (classId: string): [string, string, unknown?][] => [
	["GET", "/api/teacher/me"],
	["POST", "/api/teacher/classes", { name: "X" }],
	["GET", "/api/teacher/classes"],
	["GET", `/api/teacher/classes/${classId}`],
	["PATCH", `/api/teacher/classes/${classId}`, { name: "Y" }],
	["DELETE", `/api/teacher/classes/${classId}?confirm=${classId}`],
	["DELETE", `/api/teacher/classes/${classId}/students`, { studentName: "Ada" }],
	["GET", `/api/teacher/classes/${classId}/scores.csv`],
	["GET", `/api/teacher/classes/${classId}/gradebook.csv`],
	["GET", `/api/teacher/classes/${classId}/responses.csv`],
	["GET", `/api/teacher/classes/${classId}/item-analysis`],
	["GET", `/api/teacher/classes/${classId}/item-analysis.csv`],
	["POST", `/api/teacher/classes/${classId}/export-links`, { export: "scores" }],
	["GET", `/api/teacher/classes/${classId}/export-links`],
	["DELETE", `/api/teacher/classes/${classId}/export-links/some-link`],
];

describe("/api/teacher authorization", () => {
	it("answers 401 with WWW-Authenticate on every route without a token, with a wrong or revoked one, and with the operator's", async () => {
		const owner = await createTeacher();
		const cls = await createClass(owner.token);
		const revoked = await createTeacher("Revoked");
		await call(`/api/admin/teachers/${revoked.id}/tokens`, { method: "DELETE", headers: bearer("test-admin-token-0123456789abcdef") });
		for (const [method, path, body] of ROUTES(cls.id)) {
			const auths: Record<string, string>[] = [
				{},
				{ Authorization: "Bearer qlt_wrong" },
				{ Authorization: `Bearer ${revoked.token}` },
				{ Authorization: "Bearer test-admin-token-0123456789abcdef" },
				{ Authorization: owner.token },
			];
			for (const auth of auths) {
				const res = await call(path, {
					method,
					headers: { ...auth, "CF-Connecting-IP": freshIp(), "Content-Type": "application/json" },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				expect(res.status, `${method} ${path} ${JSON.stringify(auth)}`).toBe(401);
				expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
				expect((await readProblem(res))?.status).toBe(401);
			}
		}
		// Nothing was changed by any of them.
		expect(await countRows("SELECT COUNT(*) AS n FROM classes WHERE teacher_id = ?", owner.id)).toBe(1);
	});

	it("answers 404 (never 403) when a teacher asks for another teacher's class, on every class route, and changes nothing", async () => {
		const owner = await createTeacher("Owner");
		const intruder = await createTeacher("Intruder");
		const cls = await createClass(owner.token, { name: "Owner's class" });
		expect((await submit(cls.joinCode, "Ada", [])).status).toBe(201);
		for (const [method, path, body] of ROUTES(cls.id).filter(([, p]) => p.includes(cls.id))) {
			const res = await call(path, json(method, intruder.token, body ?? {}));
			expect(res.status, `${method} ${path}`).toBe(404);
			expect((await readProblem(res))?.status).toBe(404);
			const missing = await call(path.replace(cls.id, crypto.randomUUID()), json(method, owner.token, body ?? {}));
			expect(missing.status, `${method} ${path} (missing class)`).toBe(404);
		}
		const mine = await teacherGet(owner.token, `/api/teacher/classes/${cls.id}`);
		expect(((await mine.json()) as ClassJson).name).toBe("Owner's class");
		expect(await countRows("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?", cls.id)).toBe(1);
		const list = (await (await teacherGet(intruder.token, "/api/teacher/classes")).json()) as { classes: ClassJson[] };
		expect(list.classes).toEqual([]);
	});
});

describe("classes", () => {
	it("creates a class with a unique 6-character join code from an alphabet without look-alikes", async () => {
		const t = await createTeacher();
		const codes = new Set<string>();
		for (let i = 0; i < 30; i++) {
			const res = await postJson("/api/teacher/classes", { name: ` 7B   English ${i} ` }, bearer(t.token));
			expect(res.status).toBe(201);
			const cls = (await res.json()) as ClassJson;
			expect(res.headers.get("Location")).toBe(`/api/teacher/classes/${cls.id}`);
			expect(cls.name).toBe(`7B English ${i}`);
			expect(cls.joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
			expect(cls.joinCode).not.toMatch(/[01OILSZB58]/);
			expect(cls.joinUrl).toBe(`https://quizline.test/join/${cls.joinCode}`);
			codes.add(cls.joinCode);
		}
		expect(codes.size).toBe(30);
	});

	it("lists only the teacher's classes with their attempt counts, and renames one", async () => {
		const [t, a, b] = await teacherWithClasses({ name: "A" }, { name: "B" });
		await submit(a.joinCode, "Ada");
		await submit(a.joinCode, "Grace");
		const res = await teacherGet(t.token, "/api/teacher/classes");
		const { classes } = (await res.json()) as { classes: ClassJson[] };
		expect(classes.map((c) => [c.name, c.attempts])).toEqual([
			["A", 2],
			["B", 0],
		]);
		const renamed = await call(`/api/teacher/classes/${b.id}`, json("PATCH", t.token, { name: "B (renamed)" }));
		expect(renamed.status).toBe(200);
		expect(((await renamed.json()) as ClassJson).name).toBe("B (renamed)");
		const bad = await call(`/api/teacher/classes/${b.id}`, json("PATCH", t.token, { name: "" }));
		expect(bad.status).toBe(400);
	});

	it("validates a new class: name required, policy fields checked, unknown fields refused", async () => {
		const t = await createTeacher();
		for (const body of [
			{},
			{ name: "" },
			{ name: "x", maxAttempts: 0 },
			{ name: "x", closesAt: "tomorrow" },
			{ name: "x", openQuizIds: ["no-such-quiz"] },
			{ name: "x", extra: 1 },
		]) {
			const res = await postJson("/api/teacher/classes", body, bearer(t.token));
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await readProblem(res))?.status).toBe(400);
		}
	});

	it("takes students by class code; an unknown code is a 422 naming the code, never an unassigned attempt", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const ok = await submit(cls.joinCode.toLowerCase().replace(/(...)/, "$1-"), "Ada");
		expect(ok.status).toBe(201);
		expect(await countRows("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?", cls.id)).toBe(1);
		const before = await countRows("SELECT COUNT(*) AS n FROM attempts");
		const wrong = await submit("QQQQQQ", "Ada");
		expect(wrong.status).toBe(422);
		expect((await readProblem(wrong))?.detail).toContain("QQQQQQ");
		expect(await countRows("SELECT COUNT(*) AS n FROM attempts")).toBe(before);
	});

	it("deletes a class only with confirmation, and its attempts, responses and export links go with it", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Doomed" });
		const quiz = await theQuiz();
		await submit(cls.joinCode, "Ada", perfectAnswers(quiz));
		await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "scores" }, bearer(t.token));
		const ids = (await env.DB.prepare("SELECT id FROM attempts WHERE class_id = ?").bind(cls.id).all<{ id: string }>()).results.map(
			(r) => r.id,
		);
		expect(ids).toHaveLength(1);
		for (const q of ["", "?confirm=", "?confirm=doomed", "?confirm=wrong"]) {
			const res = await call(`/api/teacher/classes/${cls.id}${q}`, { method: "DELETE", headers: bearer(t.token) });
			expect(res.status, q).toBe(400);
		}
		expect(await countRows("SELECT COUNT(*) AS n FROM classes WHERE id = ?", cls.id)).toBe(1);
		const del = await call(`/api/teacher/classes/${cls.id}?confirm=Doomed`, { method: "DELETE", headers: bearer(t.token) });
		expect(del.status).toBe(204);
		expect(await countRows("SELECT COUNT(*) AS n FROM classes WHERE id = ?", cls.id)).toBe(0);
		expect(await countRows("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?", cls.id)).toBe(0);
		expect(await countRows("SELECT COUNT(*) AS n FROM responses WHERE attempt_id = ?", ids[0])).toBe(0);
		expect(await countRows("SELECT COUNT(*) AS n FROM export_links WHERE class_id = ?", cls.id)).toBe(0);
		expect((await teacherGet(t.token, `/api/teacher/classes/${cls.id}`)).status).toBe(404);
	});

	it("deletes one student's attempts in a class (any spelling of the name's case), and nobody else's", async () => {
		const [t, cls, other] = await teacherWithClasses({ name: "7B English" }, { name: "Other" });
		await submit(cls.joinCode, "Ada Lovelace");
		await submit(cls.joinCode, "ada  lovelace");
		await submit(cls.joinCode, "Grace Hopper");
		await submit(other.joinCode, "Ada Lovelace");
		const res = await call(`/api/teacher/classes/${cls.id}/students`, json("DELETE", t.token, { studentName: "ADA LOVELACE" }));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ studentName: "ADA LOVELACE", deleted: 2 });
		const left = await env.DB.prepare("SELECT student_name, class_id FROM attempts WHERE class_id IN (?, ?) ORDER BY student_name")
			.bind(cls.id, other.id)
			.all<{ student_name: string; class_id: string }>();
		expect(left.results).toEqual([
			{ student_name: "Ada Lovelace", class_id: other.id },
			{ student_name: "Grace Hopper", class_id: cls.id },
		]);
		expect(await countRows("SELECT COUNT(*) AS n FROM responses WHERE attempt_id NOT IN (SELECT id FROM attempts)")).toBe(0);
	});
});

describe("class policy at submission", () => {
	it("refuses a quiz that is not open for the class with 403, and takes it once opened", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Closed set", openQuizIds: [] });
		expect(cls.openQuizIds).toEqual([]);
		const refused = await submit(cls.joinCode, "Ada");
		expect(refused.status).toBe(403);
		expect((await readProblem(refused))?.title).toBe("Quiz not open");
		await call(`/api/teacher/classes/${cls.id}`, json("PATCH", t.token, { openQuizIds: [QUIZ_ID] }));
		expect((await submit(cls.joinCode, "Ada")).status).toBe(201);
	});

	it("refuses new attempts after the closing time, but a replay of an attempt stored before still gets 200", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const attemptId = issuedId();
		expect((await submit(cls.joinCode, "Ada", [], attemptId)).status).toBe(201);
		const past = new Date(Date.now() - 60_000).toISOString();
		const patched = await call(`/api/teacher/classes/${cls.id}`, json("PATCH", t.token, { closesAt: past }));
		expect(((await patched.json()) as ClassJson).closesAt).toBe(past);
		const late = await submit(cls.joinCode, "Grace");
		expect(late.status).toBe(403);
		expect((await readProblem(late))?.title).toBe("Class closed");
		const replay = await submit(cls.joinCode, "Ada", [], attemptId);
		expect(replay.status).toBe(200);
		const conflicting = await submit(cls.joinCode, "Someone else", [], attemptId);
		expect(conflicting.status).toBe(409);
	});

	it("caps attempts per student, even for concurrent submissions, and still replays a stored one", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Capped", maxAttempts: 2 });
		const first = issuedId();
		expect((await submit(cls.joinCode, "Ada", [], first)).status).toBe(201);
		const racers = await Promise.all(Array.from({ length: 8 }, () => submit(cls.joinCode, "ADA", [])));
		const statuses = racers.map((r) => r.status).sort();
		expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
		const problem = await readProblem(racers.find((r) => r.status === 409) as Response);
		expect(problem?.title).toBe("No attempts left");
		expect(await countRows("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ? AND student_key = 'ada'", cls.id)).toBe(2);
		expect(await countRows("SELECT COUNT(*) AS n FROM responses WHERE attempt_id NOT IN (SELECT id FROM attempts)")).toBe(0);
		expect((await submit(cls.joinCode, "Ada", [], first)).status).toBe(200);
		expect((await submit(cls.joinCode, "Grace", [])).status).toBe(201);
		await call(`/api/teacher/classes/${cls.id}`, json("PATCH", t.token, { maxAttempts: null }));
		expect((await submit(cls.joinCode, "Ada", [])).status).toBe(201);
	});
});
