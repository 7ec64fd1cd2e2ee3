import { describe, expect, it } from "vitest";
import { BASE, call } from "../fixtures/http";
import { bearer, createClass, createTeacher, freshIp, signIn, submit } from "../fixtures/teacher";

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
	method: "POST",
	headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": freshIp(), ...headers },
	body: new URLSearchParams(fields).toString(),
	redirect: "manual" as const,
});

describe("/teacher dashboard", () => {
	it("shows the sign-in form to a visitor, and refuses a wrong token with 401 and no cookie", async () => {
		const page = await call("/teacher");
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('name="token"');
		const wrong = await call("/teacher/sign-in", form({ token: "qlt_wrong" }));
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get("Set-Cookie")).toBeNull();
	});

	it("exchanges the token for a __Host- session cookie (HttpOnly, Secure, SameSite=Strict) and never puts the token in a page", async () => {
		const t = await createTeacher("Ms Cookie");
		const cls = await createClass(t.token, { name: "Cookie class" });
		await submit(cls.joinCode, "Ada");
		const res = await call("/teacher/sign-in", form({ token: t.token }));
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/teacher");
		const setCookie = res.headers.get("Set-Cookie") ?? "";
		expect(setCookie).toMatch(/^__Host-quizline_session=qls_[A-Za-z0-9_-]{43};/);
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/Secure/);
		expect(setCookie).toMatch(/SameSite=Strict/);
		expect(setCookie).toMatch(/Path=\//);
		expect(setCookie).not.toContain(t.token);
		const cookie = setCookie.split(";")[0] as string;

		const home = await call("/teacher", { headers: { Cookie: cookie } });
		const homeHtml = await home.text();
		expect(homeHtml).toContain("Cookie class");
		expect(homeHtml).toContain(cls.joinCode);
		expect(homeHtml).not.toContain(t.token);
		const page = await call(`/teacher/classes/${cls.id}`, { headers: { Cookie: cookie } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`/join/${cls.joinCode}`);
		expect(html).toContain('aria-label="QR code of the join link"');
		expect(html).toContain("Histogram of scores");
		expect(html).toContain(`/api/teacher/classes/${cls.id}/scores.csv`);
		expect(html).not.toContain(t.token);
		const csv = await call(`/api/teacher/classes/${cls.id}/scores.csv`, { headers: { Cookie: cookie } });
		expect(csv.status).toBe(200);
	});

	it("refuses cookie-authenticated writes from another origin (403) and takes them from our own", async () => {
		const t = await createTeacher();
		const cookie = await signIn(t.token);
		const json = (headers: Record<string, string>) => ({
			method: "POST",
			headers: { Cookie: cookie, "Content-Type": "application/json", ...headers },
			body: JSON.stringify({ name: "CSRF" }),
		});
		expect((await call("/api/teacher/classes", json({ Origin: "https://evil.example" }))).status).toBe(403);
		expect((await call("/api/teacher/classes", json({}))).status).toBe(403);
		expect((await call("/api/teacher/classes", json({ "Sec-Fetch-Site": "cross-site" }))).status).toBe(403);
		expect((await call("/teacher/classes", form({ name: "CSRF" }, { Cookie: cookie, Origin: "https://evil.example" }))).status).toBe(403);
		expect((await call("/api/teacher/classes", json({ Origin: "null", "Sec-Fetch-Site": "same-site" }))).status).toBe(403);
		expect((await call("/api/teacher/classes", json({ Origin: BASE }))).status).toBe(201);
		expect((await call("/api/teacher/classes", json({ Origin: "null", "Sec-Fetch-Site": "same-origin" }))).status).toBe(201);
		const made = await call("/teacher/classes", form({ name: "From the form" }, { Cookie: cookie }));
		expect(made.status).toBe(303);
		expect(made.headers.get("Location")).toMatch(/^\/teacher\/classes\/[0-9a-f-]{36}$/);
		const list = await call("/api/teacher/classes", { headers: bearer(t.token) });
		const { classes } = (await list.json()) as { classes: { name: string }[] };
		expect(classes.map((c) => c.name)).toEqual(["CSRF", "CSRF", "From the form"]);
	});

	it("shows another teacher's class as not found, and signs out", async () => {
		const owner = await createTeacher();
		const other = await createTeacher();
		const cls = await createClass(owner.token);
		const cookie = await signIn(other.token);
		expect((await call(`/teacher/classes/${cls.id}`, { headers: { Cookie: cookie } })).status).toBe(404);
		const out = await call("/teacher/sign-out", form({}, { Cookie: cookie }));
		expect(out.status).toBe(303);
		expect(out.headers.get("Set-Cookie")).toMatch(/__Host-quizline_session=;/);
		const after = await call(`/teacher/classes/${cls.id}`, { headers: { Cookie: cookie }, redirect: "manual" });
		expect(after.status).toBe(303);
		expect((await call("/api/teacher/classes", { headers: { Cookie: cookie } })).status).toBe(401);
	});

	it("ends dashboard sessions when the teacher's tokens are revoked", async () => {
		const t = await createTeacher();
		const cookie = await signIn(t.token);
		expect((await call("/api/teacher/me", { headers: { Cookie: cookie } })).status).toBe(200);
		await call(`/api/admin/teachers/${t.id}/tokens`, { method: "DELETE", headers: bearer("test-admin-token-0123456789abcdef") });
		expect((await call("/api/teacher/me", { headers: { Cookie: cookie } })).status).toBe(401);
	});
});
