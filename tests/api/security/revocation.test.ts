/**
 * Finding 6 and the session gaps of finding 11: revoking a teacher's tokens ends their export
 * links; the operator lists and revokes links and deletes a teacher; sessions end after an hour
 * idle as well as after their absolute lifetime.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashSecret } from "../../../worker/domain/secrets";
import { call } from "../../fixtures/http";
import { ADMIN_TOKEN, bearer, createClass, createTeacher, freshIp, signIn, submit } from "../../fixtures/teacher";

const admin = (method: string, path: string) => call(`/api/admin${path}`, { method, headers: bearer(ADMIN_TOKEN) });

async function newLink(token: string, classId: string): Promise<{ id: string; url: string }> {
	const res = await call(`/api/teacher/classes/${classId}/export-links`, {
		method: "POST",
		headers: { ...bearer(token), "Content-Type": "application/json" },
		body: JSON.stringify({ export: "responses", expiresInDays: 366 }),
	});
	expect(res.status).toBe(201);
	return res.json();
}

const linkPath = (url: string) => new URL(url).pathname;

describe("revocation", () => {
	it("finding 6: after DELETE /api/admin/teachers/:id/tokens the teacher's export links answer 404", async () => {
		const t = await createTeacher("Revoked Teacher");
		const cls = await createClass(t.token);
		await submit(cls.joinCode, "Ada");
		const link = await newLink(t.token, cls.id);
		expect((await call(linkPath(link.url))).status).toBe(200);
		const revoked = await admin("DELETE", `/teachers/${t.id}/tokens`);
		expect(revoked.status).toBe(200);
		expect(await revoked.json()).toMatchObject({ id: t.id, revoked: 1, exportLinksRevoked: 1 });
		expect((await call(linkPath(link.url), { headers: { "CF-Connecting-IP": freshIp() } })).status).toBe(404);
	});

	it("finding 6: the operator lists a teacher's export links, revokes one or all, and other teachers' links stay", async () => {
		const t = await createTeacher("Linked Teacher");
		const other = await createTeacher("Other Teacher");
		const cls = await createClass(t.token, { name: "Linked" });
		const theirs = await createClass(other.token, { name: "Theirs" });
		const [a, b] = [await newLink(t.token, cls.id), await newLink(t.token, cls.id)];
		const kept = await newLink(other.token, theirs.id);
		const listed = await admin("GET", `/teachers/${t.id}/export-links`);
		expect(listed.status).toBe(200);
		expect(listed.headers.get("Cache-Control")).toBe("no-store");
		const { links } = (await listed.json()) as { links: { id: string; classId: string; className: string; export: string }[] };
		expect(links.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
		expect(links[0]).toMatchObject({ classId: cls.id, className: "Linked", export: "responses" });
		expect(JSON.stringify(links)).not.toMatch(/qle_/);
		expect((await admin("DELETE", `/teachers/${t.id}/export-links/${a.id}`)).status).toBe(204);
		expect((await call(linkPath(a.url))).status).toBe(404);
		expect((await call(linkPath(b.url))).status).toBe(200);
		expect((await admin("DELETE", `/teachers/${t.id}/export-links/${kept.id}`)).status).toBe(404);
		expect(await (await admin("DELETE", `/teachers/${t.id}/export-links`)).json()).toMatchObject({ revoked: 1 });
		expect((await call(linkPath(b.url))).status).toBe(404);
		expect((await call(linkPath(kept.url))).status).toBe(200);
		expect((await admin("GET", `/teachers/no-such-teacher/export-links`)).status).toBe(404);
	});

	it("finding 6: the operator deletes a teacher with their classes only after confirmation", async () => {
		const t = await createTeacher("Leaving Teacher");
		const cls = await createClass(t.token);
		await submit(cls.joinCode, "Ada");
		const link = await newLink(t.token, cls.id);
		expect((await admin("DELETE", `/teachers/${t.id}`)).status).toBe(400);
		expect((await admin("DELETE", `/teachers/${t.id}?confirm=wrong`)).status).toBe(400);
		expect((await call("/api/teacher/me", { headers: bearer(t.token) })).status).toBe(200);
		expect((await admin("DELETE", `/teachers/${t.id}?confirm=${encodeURIComponent("Leaving Teacher")}`)).status).toBe(204);
		expect((await call("/api/teacher/me", { headers: bearer(t.token) })).status).toBe(401);
		expect((await call(linkPath(link.url))).status).toBe(404);
		const count = async (sql: string) => (await env.DB.prepare(sql).bind(cls.id).first<{ n: number }>())?.n;
		expect(await count("SELECT COUNT(*) AS n FROM classes WHERE id = ?")).toBe(0);
		expect(await count("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?")).toBe(0);
		expect((await admin("DELETE", `/teachers/${t.id}?confirm=${t.id}`)).status).toBe(404);
	});

	it("finding 11: a dashboard session ends after 60 minutes idle, before its absolute end", async () => {
		const t = await createTeacher("Idle Teacher");
		const cookie = await signIn(t.token);
		const sid = cookie.split("=")[1] ?? "";
		const home = () => call("/teacher/classes/none", { headers: { Cookie: cookie }, redirect: "manual" });
		const api = () => call("/api/teacher/me", { headers: { Cookie: cookie } });
		expect((await api()).status).toBe(200);
		const idHash = await hashSecret(sid);
		const setLastSeen = (ms: number) =>
			env.DB.prepare("UPDATE teacher_sessions SET last_seen_at = ? WHERE id_hash = ?").bind(ms, idHash).run();
		await setLastSeen(Date.now() - 59 * 60_000);
		expect((await api()).status).toBe(200);
		const touched = await env.DB.prepare("SELECT last_seen_at AS t FROM teacher_sessions WHERE id_hash = ?")
			.bind(idHash)
			.first<{ t: number }>();
		expect(Date.now() - (touched?.t ?? 0)).toBeLessThan(10_000);
		await setLastSeen(Date.now() - 61 * 60_000);
		expect((await api()).status).toBe(401);
		expect((await home()).status).toBe(303);
	});
});
