/**
 * Finding 10 and the CORP gap of finding 11: one caching rule (worker/http/security.ts): every
 * response is `no-store` except the public files below (the content-hashed static files keep a
 * year's immutable cache); every response says `Cross-Origin-Resource-Policy: same-origin`.
 */
import { describe, expect, it } from "vitest";
import { BASE, call } from "../../fixtures/http";
import { authFor, fillPath, routeTable, WRITE_METHODS, worldBeforeAll } from "../../fixtures/routes";

/**
 * The only responses with a caching rule of their own: files that are the same for everyone and
 * carry nothing personal. Content-hashed static files are immutable; the service worker's script is
 * revalidated on every load so a deploy reaches it.
 */
const PUBLIC_FILES: Record<string, RegExp> = { "/static/:file": /immutable/, "/sw.js": /^no-cache$/ };

/** Every route of the app, from its own route table. */
const routes = routeTable();

describe("caching and cross-origin rules", { timeout: 120_000 }, () => {
	const world = worldBeforeAll();

	it("finding 10: every route in the route table answers no-store, signed in or not, success or failure", async () => {
		const wrong: string[] = [];
		for (const route of routes) {
			const own = PUBLIC_FILES[route.path];
			for (const signedIn of [true, false]) {
				const headers: Record<string, string> = signedIn ? authFor(route.path, world()) : {};
				const init: RequestInit = { method: route.method, headers, redirect: "manual" };
				if (WRITE_METHODS.has(route.method)) {
					headers["Content-Type"] = route.path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded";
					init.body = route.path.startsWith("/api/") ? "{}" : "";
				}
				const res = await call(fillPath(route.path, world()), init);
				await res.body?.cancel();
				const cache = res.headers.get("Cache-Control") ?? "";
				if (own ? res.status === 200 && !own.test(cache) : cache !== "no-store") {
					wrong.push(
						`${route.method} ${route.path} (${signedIn ? "signed in" : "anonymous"}) ${res.status}: ${res.headers.get("Cache-Control")}`,
					);
				}
				if (res.headers.get("Cross-Origin-Resource-Policy") !== "same-origin") wrong.push(`${route.method} ${route.path}: no CORP`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it("finding 10: the sign-in redirect that sets the cookie, results and the attempt API are no-store", async () => {
		const signIn = await call("/teacher/sign-in", {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": "192.0.2.10" },
			body: "token=qlt_wrong",
			redirect: "manual",
		});
		expect(signIn.headers.get("Cache-Control")).toBe("no-store");
		for (const path of [`/result/${world().attemptId}`, `/api/attempts/${world().attemptId}`, "/"]) {
			const res = await call(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get("Cache-Control"), path).toBe("no-store");
		}
	});

	it("finding 11: immutable assets keep their long cache, with Cross-Origin-Resource-Policy: same-origin", async () => {
		const page = await (await call("/")).text();
		const assets = [...page.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);
		expect(assets.length).toBeGreaterThan(0);
		for (const path of assets) {
			const res = await call(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get("Cache-Control"), path).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
			expect(res.headers.get("Cross-Origin-Resource-Policy"), path).toBe("same-origin");
		}
	});
});
