/**
 * One D1 per school (worker/db/tenants.ts): the host name picks the database. vitest.config.ts gives
 * two tenants: "default" on DB at quizline.test (every other test's host), and "school-b" on its
 * own D1, DB_SCHOOL_B, at school-b.quizline.test; tests/setup.ts migrates both.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker";
import { databaseFor, tenantForHost } from "../../worker/db/tenants";
import { parseTenancy, TenancyConfigError } from "../../worker/domain/tenancy";
import { issuedId } from "../fixtures/attempt-ids";
import { BASE, call, postJson } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";
import { ADMIN_TOKEN, bearer, createClass, createTeacher, freshIp } from "../fixtures/teacher";
import { callAt, clientAt, SCHOOL_B } from "../fixtures/tenants";

const count = async (db: D1Database, sql: string, ...args: unknown[]) =>
	(
		await db
			.prepare(sql)
			.bind(...args)
			.first<{ n: number }>()
	)?.n;

async function teacherAtSchoolB(name: string) {
	const res = await clientAt(SCHOOL_B, bearer(ADMIN_TOKEN)).api.admin.teachers.$post({ json: { name } });
	expect(res.status).toBe(201);
	if (res.status !== 201) throw new Error("no teacher");
	return res.json();
}

describe("tenant routing by host name", () => {
	it("a class created by a teacher of school A is not visible to a teacher of school B, and school B's D1 holds no row of it", async () => {
		const a = await createTeacher("Ms A");
		const cls = await createClass(a.token, { name: "7A Only In A" });
		const b = await teacherAtSchoolB("Mr B");

		// Through the API: B's list is empty, and A's class id is "not found" at B's host.
		const list = await clientAt(SCHOOL_B, bearer(b.token)).api.teacher.classes.$get();
		expect(list.status).toBe(200);
		expect((await list.json()).classes).toEqual([]);
		const direct = await callAt(SCHOOL_B, `/api/teacher/classes/${cls.id}`, { headers: bearer(b.token) });
		expect(direct.status).toBe(404);
		const csv = await callAt(SCHOOL_B, `/api/teacher/classes/${cls.id}/scores.csv`, { headers: bearer(b.token) });
		expect(csv.status).toBe(404);

		// Credentials are per school too: A's token means nothing at B's host, B's nothing at A's.
		expect((await callAt(SCHOOL_B, "/api/teacher/classes", { headers: bearer(a.token) })).status).toBe(401);
		expect((await call("/api/teacher/classes", { headers: bearer(b.token) })).status).toBe(401);

		// In the databases themselves: the class, its teacher and its code are in DB and nowhere in DB_SCHOOL_B.
		expect(await count(env.DB, "SELECT COUNT(*) AS n FROM classes WHERE id = ?", cls.id)).toBe(1);
		expect(
			await count(
				env.DB_SCHOOL_B,
				"SELECT COUNT(*) AS n FROM classes WHERE id = ? OR join_code = ? OR name = ?",
				cls.id,
				cls.joinCode,
				cls.name,
			),
		).toBe(0);
		expect(await count(env.DB_SCHOOL_B, "SELECT COUNT(*) AS n FROM teachers WHERE id = ?", a.id)).toBe(0);
		expect(await count(env.DB, "SELECT COUNT(*) AS n FROM teachers WHERE id = ?", b.id)).toBe(0);
	});

	it("school B's own class lives in DB_SCHOOL_B only, and students join it only at B's host", async () => {
		const b = await teacherAtSchoolB("Ms B");
		const made = await clientAt(SCHOOL_B, bearer(b.token)).api.teacher.classes.$post({ json: { name: "9B Only In B" } });
		expect(made.status).toBe(201);
		if (made.status !== 201) throw new Error("no class");
		const cls = await made.json();
		expect(await count(env.DB_SCHOOL_B, "SELECT COUNT(*) AS n FROM classes WHERE id = ?", cls.id)).toBe(1);
		expect(await count(env.DB, "SELECT COUNT(*) AS n FROM classes WHERE id = ?", cls.id)).toBe(0);

		const body = (attemptId: string) => ({ attemptId, quizId: QUIZ_ID, studentName: "Bea", classCode: cls.joinCode, answers: [] });
		// At A's host the code is unknown; at B's the attempt is stored in B's database.
		const atA = await postJson("/api/attempts", body(issuedId()), { "CF-Connecting-IP": freshIp() });
		expect(atA.status).toBe(422);
		const attemptId = issuedId();
		const atB = await callAt(SCHOOL_B, "/api/attempts", {
			method: "POST",
			headers: { "Content-Type": "application/json", "CF-Connecting-IP": freshIp() },
			body: JSON.stringify(body(attemptId)),
		});
		expect(atB.status).toBe(201);
		expect(await count(env.DB_SCHOOL_B, "SELECT COUNT(*) AS n FROM attempts WHERE id = ? AND class_id = ?", attemptId, cls.id)).toBe(1);
		expect(await count(env.DB, "SELECT COUNT(*) AS n FROM attempts WHERE id = ?", attemptId)).toBe(0);
		// The result is found where it was written, and only there.
		expect((await callAt(SCHOOL_B, `/api/attempts/${attemptId}`)).status).toBe(200);
		expect((await call(`/api/attempts/${attemptId}`)).status).toBe(404);
	});

	it("the host name decides, in any case and with any port; hosts no tenant lists are the default tenant's", async () => {
		const b = await teacherAtSchoolB("Mx Case");
		expect((await callAt("https://SCHOOL-B.quizline.test:8443", "/api/teacher/classes", { headers: bearer(b.token) })).status).toBe(200);
		expect((await callAt("https://unlisted.example", "/api/teacher/classes", { headers: bearer(b.token) })).status).toBe(401);
		expect(BASE).toBe("https://quizline.test");
	});

	it("the daily clean-up runs in every tenant's database", async () => {
		const now = Date.now();
		const DAY = 86_400_000;
		const ids = [issuedId(), issuedId()];
		for (const [db, id] of [
			[env.DB, ids[0]],
			[env.DB_SCHOOL_B, ids[1]],
		] as const) {
			await db
				.prepare(
					"INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, submitted_at, score, max_score, request_hash) VALUES (?, 'q', 'v', NULL, 'Old', 'old', 1, ?, 1, 2, 'h')",
				)
				.bind(id, now - 31 * DAY)
				.run();
		}
		await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }), env);
		expect(await count(env.DB, "SELECT COUNT(*) AS n FROM attempts WHERE id = ?", ids[0])).toBe(0);
		expect(await count(env.DB_SCHOOL_B, "SELECT COUNT(*) AS n FROM attempts WHERE id = ?", ids[1])).toBe(0);
	});
});

describe("the TENANTS configuration", () => {
	const config = (tenants: object) => ({ ...env, TENANTS: JSON.stringify(tenants) });

	it("one tenant on DB is the single-database app: every host is the default tenant's", () => {
		const single = config({ default: { binding: "DB" } });
		for (const host of ["quizline.test", "school-b.quizline.test", "localhost"]) {
			const tenant = tenantForHost(single, host);
			expect(tenant?.name).toBe("default");
			expect(tenant && databaseFor(single, tenant)).toBe(env.DB);
		}
	});

	it("without a default tenant, an unlisted host belongs to nobody and is answered 404", async () => {
		const strict = config({ "school-b": { binding: "DB_SCHOOL_B", hosts: ["school-b.quizline.test"] } });
		expect(tenantForHost(strict, "quizline.test")).toBeNull();
		expect(tenantForHost(strict, "school-b.quizline.test")?.binding).toBe("DB_SCHOOL_B");
		const res = await worker.fetch(new Request(`${BASE}/api/quizzes`), strict);
		expect(res.status).toBe(404);
		expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
	});

	it("a broken TENANTS is refused with a message that says what is wrong", () => {
		expect(() => parseTenancy("not json")).toThrow(TenancyConfigError);
		expect(() => parseTenancy(undefined)).toThrow(/not set/);
		expect(() => tenantForHost({ TENANTS: undefined as unknown as string }, "quizline.test")).toThrow(/not set/);
		expect(() => parseTenancy("{}")).toThrow(/no tenant/);
		expect(() => parseTenancy(JSON.stringify({ Default: { binding: "DB" } }))).toThrow(TenancyConfigError);
		expect(() => parseTenancy(JSON.stringify({ a: { binding: "db" } }))).toThrow(TenancyConfigError);
		expect(() =>
			parseTenancy(JSON.stringify({ a: { binding: "DB", hosts: ["x.test"] }, b: { binding: "DB_B", hosts: ["x.test"] } })),
		).toThrow(/both a and b/);
		const tenant = tenantForHost(config({ default: { binding: "ADMIN_TOKEN" } }), "quizline.test");
		expect(() => tenant && databaseFor(config({ default: { binding: "ADMIN_TOKEN" } }), tenant)).toThrow(/not a D1 binding/);
	});

	it("tenants may share a database (the schools of a small district)", () => {
		const shared = config({
			north: { binding: "DB_SCHOOL_B", hosts: ["north.test"] },
			south: { binding: "DB_SCHOOL_B", hosts: ["south.test"] },
		});
		const north = tenantForHost(shared, "north.test");
		const south = tenantForHost(shared, "south.test");
		expect(north?.name).toBe("north");
		expect(south?.name).toBe("south");
		expect(north && databaseFor(shared, north)).toBe(env.DB_SCHOOL_B);
		expect(south && databaseFor(shared, south)).toBe(env.DB_SCHOOL_B);
	});
});
