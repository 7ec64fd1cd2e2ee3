import { Hono } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../worker/env";
import { securityHeaders } from "../../worker/http/security";

/** What worker/http/security.ts configured hono/secure-headers with before it wrote the headers out itself. */
const reference = secureHeaders({
	contentSecurityPolicy: {
		defaultSrc: ["'self'"],
		scriptSrc: ["'self'", NONCE],
		styleSrc: ["'self'", NONCE],
		imgSrc: ["'self'", "data:"],
		connectSrc: ["'self'"],
		objectSrc: ["'none'"],
		baseUri: ["'none'"],
		frameAncestors: ["'none'"],
		formAction: ["'self'"],
	},
	strictTransportSecurity: "max-age=63072000; includeSubDomains",
	xFrameOptions: "DENY",
	referrerPolicy: "no-referrer",
	crossOriginResourcePolicy: "same-origin",
	crossOriginOpenerPolicy: "same-origin",
	permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/**
 * The headers that act only on a document the browser renders or a script it runs: data responses go
 * without them. Referrer-Policy governs the requests a document makes (a data response's policy lets
 * it make none); X-Frame-Options gives way to `frame-ancestors`, which every response carries.
 */
const DOCUMENT_ONLY = [
	"referrer-policy",
	"x-frame-options",
	"cross-origin-opener-policy",
	"origin-agent-cluster",
	"x-dns-prefetch-control",
	"x-download-options",
	"x-permitted-cross-domain-policies",
	"x-xss-protection",
	"permissions-policy",
];

/** A response's headers in wire order, with this response's nonce replaced by a placeholder. */
async function headersOf(
	app: Hono<AppEnv>,
	path: string,
	origin = "https://quizline.test",
): Promise<{ headers: [string, string][]; nonce: string; body: string }> {
	const res = await app.request(`${origin}${path}`);
	const body = await res.text();
	const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1] ?? "";
	const placeholder = (v: string) => (nonce === "" ? v : v.replaceAll(nonce, "NONCE"));
	return { headers: [...res.headers].map(([k, v]) => [k, placeholder(v)]), nonce, body };
}

function appWith(mw: typeof securityHeaders) {
	return (
		new Hono<AppEnv>()
			.use(mw)
			.get("/json", (c) => c.json({ ok: true }))
			.get("/csv", (c) => c.body("a,b\r\n", 200, { "Content-Type": "text/csv; charset=utf-8; header=present" }))
			.get("/problem", (c) => c.body("{}", 404, { "Content-Type": "application/problem+json; charset=utf-8" }))
			// A service worker's script runs under the policy it is served with: it keeps the page policy.
			.get("/sw.js", (c) => c.body("self.addEventListener('fetch', () => {});", 200, { "Content-Type": "text/javascript; charset=utf-8" }))
			.get("/page", (c) => c.html(`<p nonce="${c.var.secureHeadersNonce}">page</p>`))
			// A redirect passes its Referrer-Policy on to the request it leads to: it is not data.
			.get("/moved", (c) => c.redirect("/page", 303))
			.get("/cached", (c) => c.text("same for everyone", 200, { "Cache-Control": "public, max-age=60", "X-Powered-By": "someone" }))
			.get("/boom", () => {
				throw new Error("boom");
			})
			.onError((_, c) => c.text("failed", 500))
	);
}

describe("security headers", () => {
	it("are exactly the headers hono/secure-headers sent with the same options, on success, a set Cache-Control and an error", async () => {
		const ours = appWith(securityHeaders);
		// The reference never set Cache-Control (a separate no-store middleware did), so that header is compared on its own below.
		const theirs = appWith(reference);
		for (const path of ["/json", "/csv", "/page", "/cached", "/boom"]) {
			const mine = await headersOf(ours, path);
			const before = await headersOf(theirs, path);
			const data = path === "/json" || path === "/csv";
			// JSON and CSV carry the stricter data policy instead of the page policy, and none of the document-only headers (below); every other header is as before.
			const comparable = (headers: [string, string][]) =>
				headers.filter(
					([k]) =>
						(k !== "cache-control" || path === "/cached") &&
						(k !== "content-security-policy" || !data) &&
						(!data || !DOCUMENT_ONLY.includes(k)),
				);
			expect(new Map(comparable(mine.headers)), path).toEqual(new Map(comparable(before.headers)));
			if (path === "/page") expect(mine.body.replaceAll(mine.nonce, "NONCE")).toBe(before.body.replaceAll(before.nonce, "NONCE"));
			else expect(mine.body, path).toBe(before.body);
		}
	});

	it("give data (JSON, problem+json, CSV) a policy that allows nothing, stricter than the page policy in every directive", async () => {
		const app = appWith(securityHeaders);
		for (const path of ["/json", "/csv", "/problem"]) {
			const res = await app.request(`https://quizline.test${path}`);
			expect(res.headers.get("Content-Security-Policy"), path).toBe(
				"default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
			);
		}
		for (const path of ["/page", "/cached", "/boom", "/sw.js"]) {
			const csp = (await app.request(`https://quizline.test${path}`)).headers.get("Content-Security-Policy") ?? "";
			expect(csp, path).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
		}
	});

	it("leave out of data (JSON, problem+json, CSV) only the headers that act on a document, and keep every one that protects any response", async () => {
		const app = appWith(securityHeaders);
		const page = new Map((await headersOf(app, "/page")).headers);
		for (const path of ["/json", "/csv", "/problem"]) {
			const data = new Map((await headersOf(app, path)).headers);
			for (const name of DOCUMENT_ONLY) expect(data.has(name), `${path} ${name}`).toBe(false);
			for (const name of ["cross-origin-resource-policy", "strict-transport-security", "x-content-type-options"]) {
				expect(data.get(name), `${path} ${name}`).toBe(page.get(name));
			}
			expect(data.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
			expect(data.get("cache-control"), path).toBe("no-store");
		}
		expect(page.get("referrer-policy")).toBe("no-referrer");
		expect(page.get("x-frame-options")).toBe("DENY");
		// A script, an error page and a redirect are documents (or lead to one): they keep all of them.
		for (const path of ["/sw.js", "/boom", "/cached", "/moved"]) {
			const headers = new Map((await headersOf(app, path)).headers);
			for (const name of DOCUMENT_ONLY) expect(headers.get(name), `${path} ${name}`).toBe(page.get(name));
		}
	});

	it("give each response its own 128-bit nonce, the one the page was rendered with, and no-store unless the handler set a rule", async () => {
		const app = appWith(securityHeaders);
		const a = await headersOf(app, "/page");
		const b = await headersOf(app, "/page");
		expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
		expect(a.nonce).not.toBe(b.nonce);
		expect(a.body).toBe(`<p nonce="${a.nonce}">page</p>`);
		expect(new Map(a.headers).get("cache-control")).toBe("no-store");
		expect(new Map((await headersOf(app, "/cached")).headers).get("cache-control")).toBe("public, max-age=60");
		expect(new Map((await headersOf(app, "/cached")).headers).has("x-powered-by")).toBe(false);
	});

	it("send HSTS over HTTPS only: over plain HTTP (RFC 6797 7.2: MUST NOT) every response has the same headers but that one", async () => {
		const app = appWith(securityHeaders);
		for (const path of ["/page", "/json", "/csv", "/problem", "/sw.js", "/moved", "/cached", "/boom"]) {
			const secure = new Map((await headersOf(app, path)).headers);
			const plain = new Map((await headersOf(app, path, "http://quizline.test")).headers);
			expect(secure.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
			expect(plain.has("strict-transport-security"), path).toBe(false);
			secure.delete("strict-transport-security");
			expect(plain, path).toEqual(secure);
		}
	});
});
