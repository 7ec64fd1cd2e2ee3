/**
 * (c) Bad input: fast-check generates requests across every route of the app's route table (read
 * from the Worker itself, scripts/lib/route-table.ts) and every route family, method, header and
 * body shape — random text and JSON, near-valid submissions with one thing wrong, oversized bodies
 * with and without Content-Length, chunked bodies — and sends each to the real Worker. Each route
 * of the table is first sent one request of each body shape, so none is left out by chance.
 * Every answer must be below 500; under /api every rejection is application/problem+json whose
 * status matches the HTTP status; elsewhere (the HTML pages) a rejection is HTML or problem+json.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import fc from "fast-check";
import { HttpClient, type Reply, type RequestSpec } from "../../scripts/lib/http";
import { TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";
import { type RouteEntry, workerRoutes } from "../../scripts/lib/route-table";
import { fetchQuiz, makeSubmission, type PublicQuiz, rng, studentAddress } from "../../scripts/lib/submissions";
import type { Check } from "./report";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "get"];
const LIMIT = 64 * 1024;

/** A path segment a client might send: real ids, UUIDs, junk, traversal, unicode, very long. */
const segment = (quiz: PublicQuiz) =>
	fc.oneof(
		fc.constant(quiz.id),
		fc.uuid().map((u) => u),
		fc.string({ maxLength: 30 }).map(encodeURIComponent),
		fc.constantFrom("..", "%2e%2e", "%00", "%ZZ", "%", "x%2Fy", "%F0%9F%98%80", "%C3%84%C3%96", "-", "NaN", "undefined", "null"),
		fc.integer({ min: 100, max: 5_000 }).map((n) => "a".repeat(n)),
	);

const route = (quiz: PublicQuiz, attemptIds: string[]) =>
	fc.oneof(
		fc.constant("/api/quizzes"),
		segment(quiz).map((s) => `/api/quizzes/${s}`),
		fc.constant("/api/attempts"),
		segment(quiz).map((s) => `/api/attempts/${s}`),
		fc.constantFrom(...attemptIds).map((id) => `/api/attempts/${id}`),
		segment(quiz).map((s) => `/quiz/${s}`),
		fc.constantFrom("/", "/quiz", "/quiz/", "/favicon.ico", "/robots.txt", "/teacher", "/join"),
		fc.constant("/api/admin/teachers"),
		fc.constant("/api/teacher/classes"),
		fc.tuple(segment(quiz), fc.constantFrom("scores.csv", "responses.csv", "", "x")).map(([c, f]) => `/api/teacher/classes/${c}/${f}`),
		fc.array(segment(quiz), { minLength: 1, maxLength: 4 }).map((s) => `/api/${s.join("/")}`),
		fc.array(segment(quiz), { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`),
	);

/** Real values for a route's parameters, when the run has them; otherwise (and sometimes anyway) a generated segment. */
interface Known {
	quizId: string;
	attemptIds: string[];
	classId: string;
	teacherId: string;
}

/** A path of the route table with every parameter filled: a real id, or anything a client might send. */
function filledPath(quiz: PublicQuiz, known: Known, pattern: string): fc.Arbitrary<string> {
	const parts = pattern.split(/(:\w+(?:\{[^}]*\})?)/).filter((p) => p !== "");
	const real: Record<string, string[]> = {
		quizId: [known.quizId],
		attemptId: known.attemptIds,
		classId: [known.classId],
		teacherId: [known.teacherId],
		file: ["scores.csv", "gradebook.csv", "responses.csv", "item-analysis.csv"],
	};
	return fc
		.tuple(
			...parts.map((part) => {
				if (!part.startsWith(":")) return fc.constant(part);
				const name = /^:(\w+)/.exec(part)?.[1] ?? "";
				const values = real[name];
				return values && values.length > 0 ? fc.oneof(fc.constantFrom(...values), segment(quiz)) : segment(quiz);
			}),
		)
		.map((xs) => xs.join(""));
}

const query = fc.oneof(
	fc.constant(""),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((d) => `?${new URLSearchParams(d)}`),
	fc.constantFrom("?", "?&&", "?a=%ZZ", "?class=%00", `?x=${"y".repeat(3000)}`),
);

const contentType = fc.constantFrom(
	undefined,
	"application/json",
	"application/json; charset=utf-8",
	"application/problem+json",
	"APPLICATION/JSON",
	"text/plain",
	"text/csv",
	"application/x-www-form-urlencoded",
	"multipart/form-data; boundary=xyz",
	"application/jsonx",
	"json",
	"",
	"application/json; charset=utf-16",
);

const authorization = fc.oneof(
	fc.constant(undefined),
	fc.constant(`Bearer ${TEST_ADMIN_TOKEN}`),
	fc.string({ maxLength: 40 }).map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, "")}`),
	fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer x", "Token abc", `Bearer ${"t".repeat(5000)}`),
);

const extraHeaders = fc.dictionary(
	fc.constantFrom("Accept", "Accept-Language", "Origin", "Cookie", "X-Forwarded-For", "Content-Encoding", "If-None-Match", "Range"),
	fc.constantFrom(
		"*/*",
		"text/html",
		"application/json",
		"gzip",
		"br",
		"identity",
		"https://evil.example",
		"a=b",
		"bytes=0-10",
		'"x"',
		"en-GB,fr;q=0.5",
	),
	{ maxKeys: 3 },
);

/** A body and how it is sent. */
type Body = { body?: string | Buffer; chunked?: number; kind: string };

const body = (quiz: PublicQuiz): fc.Arbitrary<Body> => {
	const random = rng(99);
	const valid = () => makeSubmission(quiz, random);
	return fc.oneof(
		{ weight: 3, arbitrary: fc.constant<Body>({ kind: "none" }) },
		{ weight: 3, arbitrary: fc.string({ maxLength: 200 }).map<Body>((s) => ({ body: s, kind: "text" })) },
		{ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map<Body>((v) => ({ body: JSON.stringify(v) ?? "null", kind: "json" })) },
		{
			weight: 4,
			arbitrary: fc
				.tuple(fc.constantFrom("attemptId", "quizId", "studentName", "classCode", "answers", "extra"), fc.jsonValue({ maxDepth: 3 }))
				.map<Body>(([key, value]) => ({ body: JSON.stringify({ ...valid(), [key]: value }), kind: "submission, one field replaced" })),
		},
		{
			weight: 3,
			arbitrary: fc.tuple(fc.nat({ max: 19 }), fc.jsonValue({ maxDepth: 3 })).map<Body>(([i, value]) => {
				const s = valid();
				(s.answers as unknown[])[i] = value;
				return { body: JSON.stringify(s), kind: "submission, one answer replaced" };
			}),
		},
		{ weight: 2, arbitrary: fc.constant(0).map<Body>(() => ({ body: JSON.stringify(valid()), kind: "valid submission" })) },
		{
			weight: 1,
			arbitrary: fc.constant(0).map<Body>(() => ({ body: JSON.stringify(valid()), chunked: 97, kind: "valid submission, chunked" })),
		},
		{
			weight: 1,
			arbitrary: fc.tuple(fc.integer({ min: LIMIT + 1, max: 1024 * 1024 }), fc.boolean()).map<Body>(([n, chunked]) => ({
				body: Buffer.from(JSON.stringify({ ...valid(), studentName: "x".repeat(n) })),
				...(chunked ? { chunked: 16 * 1024 } : {}),
				kind: chunked ? "oversized, chunked (no Content-Length)" : "oversized, with Content-Length",
			})),
		},
		{
			weight: 1,
			arbitrary: fc.integer({ min: 1, max: 300 }).map<Body>((n) => ({ body: `{"a":${"[".repeat(n * 10)}`, kind: "deeply nested" })),
		},
		{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map<Body>((b) => ({ body: Buffer.from(b), kind: "binary" })) },
	);
};

export interface FuzzResult {
	requests: number;
	seed: number;
	statuses: Record<string, number>;
	bodyKinds: Record<string, number>;
	seconds: number;
	checks: Check[];
}

/** What a response must look like, by route family; null when it is acceptable. */
export function verdict(spec: RequestSpec, reply: Reply): string | null {
	const type = String(reply.headers["content-type"] ?? "");
	const head = spec.method.toUpperCase() === "HEAD";
	if (reply.status >= 500) return `${reply.status} (5xx)`;
	if (reply.status < 400) return null;
	// The family is decided on the path as the server sees it ("/api/../x" is the page "/x").
	const pathname = new URL(`http://127.0.0.1${spec.path.startsWith("/") ? "" : "/"}${spec.path}`).pathname;
	const api = pathname === "/api" || pathname.startsWith("/api/");
	if (api || !type.startsWith("text/html")) {
		if (!type.startsWith("application/problem+json")) return `${reply.status} with Content-Type "${type}", not problem+json`;
		if (head) return null;
		try {
			const p = JSON.parse(reply.body) as { status?: unknown; title?: unknown; detail?: unknown };
			if (p.status !== reply.status) return `problem status ${String(p.status)} ≠ HTTP ${reply.status}`;
			if (typeof p.title !== "string" || typeof p.detail !== "string" || p.detail.length === 0) return "problem without title/detail";
		} catch {
			return "problem+json body that is not JSON";
		}
		return null;
	}
	// A page's rejection: an HTML document (decoded if the server compressed it).
	if (head) return null;
	const encoding = String(reply.headers["content-encoding"] ?? "");
	let html = reply.body;
	try {
		if (encoding === "gzip") html = gunzipSync(reply.bytes).toString("utf8");
		else if (encoding === "br") html = brotliDecompressSync(reply.bytes).toString("utf8");
		else if (encoding === "deflate") html = inflateSync(reply.bytes).toString("utf8");
	} catch {
		return `${reply.status} text/html with a body that is not valid ${encoding}`;
	}
	if (!/<html[\s>]/i.test(html)) return `${reply.status} text/html without an HTML document (Content-Encoding "${encoding}")`;
	return null;
}

export async function runFuzz(
	url: string,
	runs: number,
	seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
): Promise<FuzzResult> {
	const client = new HttpClient(url, 1);
	const statuses: Record<string, number> = {};
	const bodyKinds: Record<string, number> = {};
	let requests = 0;
	const started = performance.now();
	try {
		const quiz = await fetchQuiz(client);
		// A few stored attempts, so /api/attempts/:id also answers 200 sometimes.
		const random = rng(7);
		const attemptIds: string[] = [];
		for (let i = 0; i < 5; i++) {
			const s = makeSubmission(quiz, random);
			const r = await client.json("POST", "/api/attempts", s);
			if (r.status === 201) attemptIds.push(s.attemptId);
		}
		if (attemptIds.length === 0) throw new Error("could not store any attempt for the fuzz run");
		// A teacher with a class, so the teacher routes are reached past their sign-in too.
		const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
		const teacherReply = await client.json("POST", "/api/admin/teachers", { name: "Fuzz Teacher" }, admin);
		const teacher = JSON.parse(teacherReply.body) as { id: string; token: string };
		const classReply = await client.json(
			"POST",
			"/api/teacher/classes",
			{ name: "Fuzz class" },
			{ Authorization: `Bearer ${teacher.token}` },
		);
		const cls = JSON.parse(classReply.body) as { id: string };
		const known: Known = { quizId: quiz.id, attemptIds, classId: cls.id, teacherId: teacher.id };
		const table = await workerRoutes();
		const covered = new Set<string>();
		const key = (r: RouteEntry) => `${r.method} ${r.path}`;
		const withTeacher = fc.oneof(authorization, fc.constant(`Bearer ${teacher.token}`));
		const fromTable = fc.constantFrom(...table).chain((r) =>
			fc.record({
				route: fc.constant(r),
				method: fc.constant(r.method),
				path: fc.tuple(filledPath(quiz, known, r.path), query).map(([p, q]) => p + q),
				contentType,
				authorization: withTeacher,
				extra: extraHeaders,
				body: body(quiz),
			}),
		);
		const anything = fc.record({
			method: fc.constantFrom(...METHODS),
			path: fc.tuple(route(quiz, attemptIds), query).map(([p, q]) => p + q),
			contentType,
			authorization,
			extra: extraHeaders,
			body: body(quiz),
		});
		// Half the runs aim at the one write students make, so every body shape meets the validator.
		const submissions = fc.record({
			method: fc.constant("POST"),
			path: fc.constantFrom("/api/attempts", "/api/attempts/", "/api/attempts?x=1"),
			contentType: fc.oneof(fc.constant("application/json"), contentType),
			authorization,
			extra: extraHeaders,
			body: body(quiz),
		});
		const request = fc.oneof(anything, submissions, fromTable);
		let failure: string | null = null;
		type Generated = {
			route?: RouteEntry;
			method: string;
			path: string;
			contentType: string | undefined;
			authorization: string | undefined;
			extra: Record<string, string>;
			body: Body;
		};
		const send = async (r: Generated) => {
			if (r.route) covered.add(key(r.route));
			const headers: Record<string, string> = { ...r.extra };
			if (r.contentType !== undefined) headers["Content-Type"] = r.contentType;
			if (r.authorization !== undefined) headers.Authorization = r.authorization;
			// Students behind one address each, as in a class; the fuzz is not about the per-client limits.
			Object.assign(headers, studentAddress(crypto.randomUUID()));
			const spec: RequestSpec = { method: r.method, path: r.path, headers };
			// Node refuses a body on GET/HEAD only by convention; send it anyway for the other methods.
			if (r.body.body !== undefined && !["GET", "HEAD", "get"].includes(r.method)) {
				spec.body = r.body.body;
				if (r.body.chunked) spec.chunked = r.body.chunked;
			}
			requests++;
			let reply: Reply;
			try {
				reply = await client.request(spec);
			} catch (err) {
				// A route that never reads a body may answer while an oversized upload is still being
				// sent and close (RFC 9112 §9.6); the client then sees the reset. Counted, never a 5xx.
				// POST /api/attempts reads and drains what it refuses, so there it must be a 413.
				const code = (err as NodeJS.ErrnoException).code;
				const drains = r.method === "POST" && spec.path.split("?")[0] === "/api/attempts";
				if (!drains && r.body.kind.startsWith("oversized") && (code === "ECONNRESET" || code === "EPIPE")) {
					statuses.reset = (statuses.reset ?? 0) + 1;
					bodyKinds[r.body.kind] = (bodyKinds[r.body.kind] ?? 0) + 1;
					return true;
				}
				failure = `${spec.method} ${spec.path.slice(0, 120)} ${JSON.stringify(headers)} [${r.body.kind}] → no answer: ${(err as Error).message}`;
				throw err;
			}
			statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
			bodyKinds[r.body.kind] = (bodyKinds[r.body.kind] ?? 0) + 1;
			const v = verdict(spec, reply);
			if (v) {
				failure = `${spec.method} ${spec.path.slice(0, 120)} ${JSON.stringify(headers)} [${r.body.kind}] → ${v}: ${reply.body.slice(0, 200)}`;
				return false;
			}
			return true;
		};
		// Every route of the table, a dozen times with generated bodies and ids, signed in as the teacher, before the generated runs.
		let sweepFailed = false;
		for (const route of table) {
			const shapes = fc.sample(
				fc.record({ body: body(quiz), contentType, extra: extraHeaders, path: filledPath(quiz, known, route.path) }),
				{
					numRuns: 12,
					seed,
				},
			);
			for (const r of shapes) {
				if (!(await send({ route, method: route.method, authorization: `Bearer ${teacher.token}`, ...r }))) sweepFailed = true;
				if (sweepFailed) break;
			}
			if (sweepFailed) break;
		}
		const result = await fc.check(fc.asyncProperty(request, send), { numRuns: runs, seed, endOnFailure: true });
		const seconds = (performance.now() - started) / 1000;
		const checks: Check[] = [
			{
				name: `${runs} generated requests, none 5xx, every rejection a proper 4xx`,
				ok: !result.failed && !sweepFailed,
				detail: `seed ${seed}: ${failure ?? fc.defaultReportMessage(result) ?? ""}`,
			},
			{
				name: `every route of the app's route table (${table.length}) was requested`,
				ok: table.every((r) => covered.has(key(r))),
				detail: table
					.filter((r) => !covered.has(key(r)))
					.map(key)
					.join(", "),
			},
			{
				name: "oversized bodies with and without Content-Length were sent",
				ok: Object.keys(bodyKinds).filter((k) => k.startsWith("oversized")).length === 2 || result.failed,
				detail: JSON.stringify(bodyKinds),
			},
		];
		return { requests, seed, statuses, bodyKinds, seconds, checks };
	} finally {
		client.close();
	}
}
