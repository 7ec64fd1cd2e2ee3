import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { formCsrf, sameOriginWrites } from "../../worker/http/csrf";

const ORIGIN = "https://quizline.test";
const evilJson = {
	method: "POST",
	headers: { "Content-Type": "application/json", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
	body: "{}",
};
const evilForm = { ...evilJson, headers: { ...evilJson.headers, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" };

/** A one-route app behind a CSRF middleware, to see what that middleware alone lets through. */
function behind(mw: typeof formCsrf) {
	return new Hono().use(mw).post("/write", (c) => c.text("written"));
}

describe("CSRF: what hono/csrf covers, and the gap sameOriginWrites fills", () => {
	it("hono/csrf refuses a cross-site form post but lets a cross-site JSON post through (the gap)", async () => {
		const app = behind(formCsrf);
		expect((await app.request(`${ORIGIN}/write`, evilForm)).status).toBe(403);
		expect((await app.request(`${ORIGIN}/write`, evilJson)).status).toBe(200);
	});

	it("sameOriginWrites refuses both, and takes our own origin or Sec-Fetch-Site same-origin under Origin: null", async () => {
		const app = behind(sameOriginWrites).onError((err, c) => c.text(err.message, 403));
		expect((await app.request(`${ORIGIN}/write`, evilForm)).status).toBe(403);
		expect((await app.request(`${ORIGIN}/write`, evilJson)).status).toBe(403);
		const ours = { ...evilJson, headers: { "Content-Type": "application/json", Origin: ORIGIN } };
		expect((await app.request(`${ORIGIN}/write`, ours)).status).toBe(200);
		const noReferrer = { ...evilJson, headers: { "Content-Type": "application/json", Origin: "null", "Sec-Fetch-Site": "same-origin" } };
		expect((await app.request(`${ORIGIN}/write`, noReferrer)).status).toBe(200);
		const sameSite = { ...evilJson, headers: { "Content-Type": "application/json", Origin: "null", "Sec-Fetch-Site": "same-site" } };
		expect((await app.request(`${ORIGIN}/write`, sameSite)).status).toBe(403);
	});
});
