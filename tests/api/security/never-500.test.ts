/**
 * Finding 9: no input makes a 500. Malformed bodies of every content type (multipart, urlencoded,
 * JSON, text, and none) go to every route of the app's route table, signed in where the route
 * needs it; only 4xx answers (or 2xx/3xx where the route accepts the request) are allowed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call } from "../../fixtures/http";
import { authFor, fillPath, routeTable, worldBeforeAll } from "../../fixtures/routes";

const boundary = "----quizline-fuzz";

/** Bodies that are broken in the ways each content type can be broken. */
const malformed = fc.oneof(
	fc.record({
		type: fc.constant(`multipart/form-data; boundary=${boundary}`),
		body: fc.oneof(
			fc.string(),
			fc.constant(`--${boundary}\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc`),
			fc.constant(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--`),
			fc.string().map((s) => `--${boundary}\r\nContent-Disposition: form-data; name="${s}"\r\n\r\n${s}\r\n--${boundary}--\r\n`),
		),
	}),
	fc.record({ type: fc.constant("multipart/form-data"), body: fc.string() }),
	fc.record({ type: fc.constant("multipart/form-data; boundary="), body: fc.string() }),
	fc.record({
		type: fc.constant("application/x-www-form-urlencoded"),
		body: fc.oneof(
			fc.string(),
			fc.constant("%"),
			fc.constant("a=%E0%A4%A&b"),
			fc.constant("&&==&"),
			fc.string().map((s) => `studentName=${s}&classCode=${s}`),
		),
	}),
	fc.record({
		type: fc.constant("application/json"),
		body: fc.oneof(
			fc.string(),
			fc.json(),
			fc.constant('{"a":'),
			fc.constant('"\\ud800"'),
			fc.constant("[".repeat(2000)),
			fc.jsonValue().map((v) => JSON.stringify({ name: v, answers: v, attemptId: v, export: v, studentName: v })),
		),
	}),
	fc.record({ type: fc.constantFrom("text/plain", "application/octet-stream", "", "application/json; charset=utf-16"), body: fc.string() }),
);

/** Every route of the app, from its own route table. */
const routes = routeTable();

describe("never a 500 from input", { timeout: 120_000 }, () => {
	const world = worldBeforeAll();

	it("finding 9: malformed bodies of every content type, to every route in the route table, get no 5xx", async () => {
		expect(routes.length).toBeGreaterThan(30);
		const failures: string[] = [];
		for (const route of routes) {
			await fc
				.assert(
					fc.asyncProperty(malformed, fc.boolean(), async ({ type, body }, signedIn) => {
						const method = route.method;
						const headers: Record<string, string> = { ...(signedIn ? authFor(route.path, world()) : {}), "CF-Connecting-IP": "192.0.2.99" };
						if (type) headers["Content-Type"] = type;
						const res = await call(fillPath(route.path, world()), {
							method,
							headers,
							...(method === "GET" ? {} : { body }),
							redirect: "manual",
						});
						await res.body?.cancel();
						if (res.status >= 500) failures.push(`${method} ${route.path} ${type} ${JSON.stringify(body).slice(0, 120)}: ${res.status}`);
						return res.status < 500;
					}),
					{ numRuns: 12, endOnFailure: true },
				)
				.catch((err: unknown) => {
					// A status over 499 is already listed; anything else thrown (a request that could not be made) is a failure too.
					if (!failures.some((f) => f.startsWith(`${route.method} ${route.path} `)))
						failures.push(`${route.method} ${route.path}: ${String(err).slice(0, 300)}`);
				});
		}
		expect(failures).toEqual([]);
	});
});
