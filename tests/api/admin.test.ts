import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, postJson, readProblem } from "../fixtures/http";
import { ADMIN_TOKEN, bearer, createTeacher, freshIp, teacherGet } from "../fixtures/teacher";

async function sha256Hex(text: string) {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("/api/admin", () => {
	const routes: [string, string][] = [
		["POST", "/api/admin/teachers"],
		["GET", "/api/admin/teachers"],
		["POST", "/api/admin/teachers/x/tokens"],
		["DELETE", "/api/admin/teachers/x/tokens"],
	];

	it.each(routes)("%s %s is 401 with WWW-Authenticate without a token, with a wrong one and with a teacher's", async (method, path) => {
		const teacher = await createTeacher();
		for (const headers of [
			{ "CF-Connecting-IP": freshIp() },
			bearer("wrong-token-0123456789abcdef"),
			bearer(`${ADMIN_TOKEN}x`),
			bearer(teacher.token),
			{ Authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}`, "CF-Connecting-IP": freshIp() },
		]) {
			const res = await call(path, {
				method,
				headers: { ...headers, "Content-Type": "application/json" },
				body: method === "POST" ? "{}" : undefined,
			});
			expect(res.status).toBe(401);
			expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
			expect((await readProblem(res))?.status).toBe(401);
		}
	});

	it("creates a teacher whose token is shown once, is ≥128 bits and is stored only as its SHA-256 hash", async () => {
		const res = await postJson("/api/admin/teachers", { name: "  Ms   Frizzle " }, bearer(ADMIN_TOKEN));
		expect(res.status).toBe(201);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const body = (await res.json()) as { id: string; name: string; token: string };
		expect(body.name).toBe("Ms Frizzle");
		const secret = body.token.slice(body.token.indexOf("_") + 1);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url: 256 bits
		const stored = await env.DB.prepare("SELECT token_hash FROM teacher_tokens WHERE teacher_id = ?")
			.bind(body.id)
			.all<{ token_hash: string }>();
		expect(stored.results).toEqual([{ token_hash: await sha256Hex(body.token) }]);
		const dump = JSON.stringify((await env.DB.prepare("SELECT * FROM teacher_tokens").all()).results);
		expect(dump).not.toContain(secret);
		const list = await teacherGet(ADMIN_TOKEN, "/api/admin/teachers");
		const { teachers } = (await list.json()) as { teachers: { id: string; name: string }[] };
		expect(teachers.find((t) => t.id === body.id)).toMatchObject({ name: "Ms Frizzle" });
		expect(JSON.stringify(teachers)).not.toContain(body.token);
	});

	it("rejects a teacher without a name with 400 and a body that is not JSON with 415", async () => {
		const empty = await postJson("/api/admin/teachers", { name: "   " }, bearer(ADMIN_TOKEN));
		expect(empty.status).toBe(400);
		expect((await readProblem(empty))?.errors?.[0]?.path).toBe("name");
		const text = await call("/api/admin/teachers", {
			method: "POST",
			headers: { ...bearer(ADMIN_TOKEN), "Content-Type": "text/plain" },
			body: "x",
		});
		expect(text.status).toBe(415);
	});

	it("issues another token, and revoking ends every token and dashboard session of the teacher", async () => {
		const teacher = await createTeacher();
		const other = await createTeacher("Mr Other");
		const second = await postJson(`/api/admin/teachers/${teacher.id}/tokens`, {}, bearer(ADMIN_TOKEN));
		expect(second.status).toBe(201);
		const { token: token2 } = (await second.json()) as { token: string };
		expect(token2).not.toBe(teacher.token);
		expect((await teacherGet(teacher.token, "/api/teacher/me")).status).toBe(200);
		expect((await teacherGet(token2, "/api/teacher/me")).status).toBe(200);

		const revoke = await call(`/api/admin/teachers/${teacher.id}/tokens`, { method: "DELETE", headers: bearer(ADMIN_TOKEN) });
		expect(revoke.status).toBe(200);
		expect(await revoke.json()).toEqual({ id: teacher.id, revoked: 2, exportLinksRevoked: 0 });
		expect((await teacherGet(teacher.token, "/api/teacher/me")).status).toBe(401);
		expect((await teacherGet(token2, "/api/teacher/me")).status).toBe(401);
		expect((await teacherGet(other.token, "/api/teacher/me")).status).toBe(200);
	});

	it("answers 404 for tokens of a teacher that does not exist", async () => {
		const res = await postJson("/api/admin/teachers/nobody/tokens", {}, bearer(ADMIN_TOKEN));
		expect(res.status).toBe(404);
		const del = await call("/api/admin/teachers/nobody/tokens", { method: "DELETE", headers: bearer(ADMIN_TOKEN) });
		expect(del.status).toBe(404);
	});

	it("slows a client that keeps failing: 429 with Retry-After after 20 failures in a minute", async () => {
		const headers = { Authorization: "Bearer guess", "CF-Connecting-IP": "203.0.113.77" };
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) statuses.push((await call("/api/admin/teachers", { headers })).status);
		expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
		expect(statuses.slice(20)).toEqual(Array(5).fill(429));
		const last = await call("/api/admin/teachers", { headers });
		expect(last.headers.get("Retry-After")).toBe("60");
		expect((await readProblem(last))?.status).toBe(429);
		// Another client is not affected.
		expect((await call("/api/admin/teachers", { headers: bearer(ADMIN_TOKEN) })).status).toBe(200);
	});
});
