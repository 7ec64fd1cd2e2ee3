/**
 * Finding 5: every route that takes a body has a limit, applied before the body is parsed. The
 * test walks the app's route table and sends each write route a body just over its limit, declared
 * with Content-Length and streamed without one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, call } from "../../fixtures/http";
import { authFor, fillPath, makeWorld, routeTable, type World, WRITE_METHODS } from "../../fixtures/routes";

const KiB = 1024;

/** The limit each route keeps: 4 KiB for the dashboard's small forms, the authoring routes' own, 64 KiB for the rest. */
function limitOf(path: string): number {
	if (/^\/teacher\/(sign-in|sign-out|classes)$/.test(path)) return 4 * KiB;
	if (path.startsWith("/api/teacher/articles")) return 256 * KiB;
	if (path === "/teacher/classes/:classId/roster/import") return 256 * KiB;
	if (path.startsWith("/api/teacher/quizzes") || path === "/teacher/articles" || path === "/teacher/review") return 512 * KiB;
	if (/^\/teacher\/quizzes\/:quizId\/(open|delete)$/.test(path)) return 4 * KiB;
	return 64 * KiB;
}

/**
 * Routes that never read a body (no form, no JSON): they answer from the path alone, here "not
 * found" for an id that is not the teacher's, and the body is never parsed.
 */
const READS_NO_BODY = new Set([
	"DELETE /api/teacher/articles/:articleId",
	"POST /api/teacher/articles/:articleId/draft",
	"DELETE /api/teacher/quizzes/:quizId",
]);

const contentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"];

function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= bytes.length) return controller.close();
			controller.enqueue(bytes.subarray(sent, sent + 16 * KiB));
			sent += 16 * KiB;
		},
	});
}

describe("body limits", { timeout: 120_000 }, () => {
	let world: World;
	beforeAll(async () => {
		world = await makeWorld();
	});

	it("finding 5: every write route in the route table refuses a body over its limit with 413, with or without Content-Length", async () => {
		const writes = routeTable().filter((r) => WRITE_METHODS.has(r.method));
		expect(writes.length).toBeGreaterThan(10);
		const wrong: string[] = [];
		for (const route of writes) {
			const path = fillPath(route.path, world);
			const size = limitOf(route.path) + KiB;
			const body = new Uint8Array(size).fill(0x61);
			for (const [i, declared] of [true, false].entries()) {
				const type = contentTypes[i % contentTypes.length] as string;
				const headers = { "Content-Type": type, ...authFor(route.path, world) };
				const res = await call(path, {
					method: route.method,
					headers: declared ? { ...headers, "Content-Length": String(size) } : headers,
					body: declared ? body : streamed(body),
					redirect: "manual",
					...(declared ? {} : { duplex: "half" }),
				} as RequestInit);
				await res.body?.cancel();
				const ok = READS_NO_BODY.has(`${route.method} ${route.path}`) ? res.status < 500 : res.status === 413;
				if (!ok) wrong.push(`${route.method} ${route.path} (${declared ? "Content-Length" : "chunked"}): ${res.status}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it("finding 5: a 1 MiB sign-in form answers 413 before the token is read, with or without Content-Length", async () => {
		const body = `token=${"a".repeat(1024 * KiB)}`;
		const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE };
		const declared = await call("/teacher/sign-in", { method: "POST", headers, body });
		expect(declared.status).toBe(413);
		const chunked = await call("/teacher/sign-in", {
			method: "POST",
			headers,
			body: streamed(new TextEncoder().encode(body)),
			duplex: "half",
		} as RequestInit);
		expect(chunked.status).toBe(413);
	});
});
