import { describe, expect, it } from "vitest";
import { BASE, call } from "../fixtures/http";
import { ADMIN_TOKEN, createClass, createTeacher, freshIp } from "../fixtures/teacher";

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	body: new URLSearchParams(fields),
	redirect: "manual",
	headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": freshIp(), ...headers },
});

async function signedIn(): Promise<{ cookie: string; teacher: Awaited<ReturnType<typeof createTeacher>> }> {
	const teacher = await createTeacher("Ms Page");
	const res = await call("/teacher/sign-in", form({ token: teacher.token }));
	const cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
	expect(cookie).toMatch(/^__Host-quizline_session=/);
	return { cookie, teacher };
}

/** An HTML error page of the dashboard: the status, no JSON, the sentence, a way back to the classes. */
async function expectDashboardErrorPage(res: Response, status: number, sentence: RegExp) {
	expect(res.status).toBe(status);
	expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
	expect(res.headers.get("Cache-Control")).toBe("no-store");
	const html = await res.text();
	expect(html.startsWith("<!doctype html>")).toBe(true);
	expect(html).toContain("Quizline for teachers");
	expect(html).toMatch(sentence);
	expect(html).toContain('<a href="/teacher">Back to your classes</a>');
	expect(html).not.toMatch(/"(type|status|detail)":/);
}

describe("the dashboard's errors are HTML pages with a way back", () => {
	it("answers an unknown class, and another teacher's, with a not-found page", async () => {
		const { cookie } = await signedIn();
		await expectDashboardErrorPage(
			await call("/teacher/classes/no-such-class", { headers: { Cookie: cookie } }),
			404,
			/You have no class no-such-class/,
		);
		const other = await createTeacher("Mr Other");
		const theirs = await createClass(other.token);
		await expectDashboardErrorPage(await call(`/teacher/classes/${theirs.id}`, { headers: { Cookie: cookie } }), 404, /You have no class/);
	});

	it("answers a cross-site post with a forbidden page", async () => {
		const { cookie } = await signedIn();
		const res = await call("/teacher/classes", form({ name: "CSRF" }, { Cookie: cookie, Origin: "https://evil.example" }));
		await expectDashboardErrorPage(res, 403, /did not come from a Quizline page/);
		const signIn = await call("/teacher/sign-in", form({ token: "x" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }));
		await expectDashboardErrorPage(signIn, 403, /did not come from a Quizline page/);
	});

	it("answers a malformed form, an oversized one and an empty class name with pages, never a 500", async () => {
		const { cookie } = await signedIn();
		const broken = await call("/teacher/classes", {
			method: "POST",
			headers: { Cookie: cookie, Origin: BASE, "Content-Type": "multipart/form-data; boundary=xyz" },
			body: "--nope\r\nthis is not a multipart body",
		});
		await expectDashboardErrorPage(broken, 400, /The form could not be read/);
		const big = await call("/teacher/sign-in", form({ token: "x".repeat(8 * 1024) }));
		await expectDashboardErrorPage(big, 413, /larger than/);
		await expectDashboardErrorPage(await call("/teacher/classes", form({ name: "   " }, { Cookie: cookie })), 400, /must not be empty/);
	});

	it("answers an unknown dashboard address with a not-found page", async () => {
		await expectDashboardErrorPage(await call("/teacher/nothing-here"), 404, /There is no dashboard page at this address/);
	});

	it("tells a newcomer who types the operator's token what to use instead", async () => {
		const res = await call("/teacher/sign-in", form({ token: ADMIN_TOKEN }));
		expect(res.status).toBe(401);
		expect(res.headers.get("Set-Cookie")).toBeNull();
		const html = await res.text();
		expect(html).toContain("That is the operator&#39;s token (ADMIN_TOKEN)");
		expect(html).toContain("npm run teacher:create");
	});
});
