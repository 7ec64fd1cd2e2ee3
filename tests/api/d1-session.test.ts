/**
 * Read replicas with read-your-writes (worker/http/d1-session.ts): every request runs on a D1
 * session; a write answers with the bookmark of the state it left (header and cookie), and a read
 * that brings a bookmark starts its session from it. The local D1 supports the Sessions API (the
 * bookmarks below are its own), though it has no replicas: what these tests pin is that the
 * bookmark makes the round trip, and that one which is not D1's is ignored rather than an error.
 */
import { describe, expect, it } from "vitest";
import { BOOKMARK_COOKIE, BOOKMARK_HEADER } from "../../worker/http/d1-session";
import { issuedId } from "../fixtures/attempt-ids";
import { call, postJson } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, freshIp } from "../fixtures/teacher";

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
/** Well-formed, and newer than anything the test database will reach. */
const FUTURE = "7fffffff-00000000-00000000-00000000000000000000000000000000";

const submit = (headers: Record<string, string> = {}) => {
	const attemptId = issuedId();
	return {
		attemptId,
		res: postJson(
			"/api/attempts",
			{ attemptId, quizId: QUIZ_ID, studentName: "Ada Lovelace", answers: [] },
			{ "CF-Connecting-IP": freshIp(), ...headers },
		),
	};
};

/** The bookmark cookie a response sets, with its attributes, or undefined. */
const bookmarkCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${BOOKMARK_COOKIE}=`));

describe("the D1 session bookmark", () => {
	it("a write answers with the bookmark of the state it left, as a header and as a short, HttpOnly, Secure, SameSite=Lax cookie", async () => {
		const { res } = submit();
		const r = await res;
		expect(r.status).toBe(201);
		const bookmark = r.headers.get(BOOKMARK_HEADER);
		expect(bookmark).toMatch(BOOKMARK);
		const cookie = bookmarkCookie(r);
		expect(cookie).toBe(`${BOOKMARK_COOKIE}=${bookmark}; Max-Age=300; Path=/; HttpOnly; Secure; SameSite=Lax`);
	});

	it("a refused write sets no cookie (a wrong class code, say), though its header still says where the database was", async () => {
		const r = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Ada Lovelace", classCode: "NOSUCH", answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(r.status).toBe(422);
		expect(bookmarkCookie(r)).toBeUndefined();
		expect(r.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
	});

	it("each write's bookmark is newer than the last: bookmarks sort in the order of the writes", async () => {
		const first = (await submit().res).headers.get(BOOKMARK_HEADER) ?? "";
		const second = (await submit().res).headers.get(BOOKMARK_HEADER) ?? "";
		expect(second > first).toBe(true);
	});

	it("a read with the header's bookmark sees the write, and answers with a bookmark no older than the one it was given", async () => {
		const { attemptId, res } = submit();
		const bookmark = (await res).headers.get(BOOKMARK_HEADER) ?? "";
		const read = await call(`/api/attempts/${attemptId}`, { headers: { [BOOKMARK_HEADER]: bookmark } });
		expect(read.status).toBe(200);
		expect(((await read.json()) as { attemptId: string }).attemptId).toBe(attemptId);
		expect((read.headers.get(BOOKMARK_HEADER) ?? "") >= bookmark).toBe(true);
		// A read leaves the cookie alone: only writes move it.
		expect(bookmarkCookie(read)).toBeUndefined();
	});

	it("the browser's way: the cookie a write set brings the result page the write", async () => {
		const { attemptId, res } = submit();
		const cookie = bookmarkCookie(await res)?.split(";")[0] ?? "";
		const page = await call(`/result/${attemptId}`, { headers: { Cookie: cookie } });
		expect(page.status).toBe(200);
		expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(page.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
	});

	it("a read starts its session from the bookmark it brings (header or cookie): it answers with that bookmark, not an older one", async () => {
		const viaHeader = await call(`/api/quizzes/${QUIZ_ID}`, { headers: { [BOOKMARK_HEADER]: FUTURE } });
		expect(viaHeader.status).toBe(200);
		expect(viaHeader.headers.get(BOOKMARK_HEADER)).toBe(FUTURE);
		const viaCookie = await call("/api/quizzes", { headers: { Cookie: `${BOOKMARK_COOKIE}=${FUTURE}` } });
		expect(viaCookie.status).toBe(200);
		expect(viaCookie.headers.get(BOOKMARK_HEADER)).toBe(FUTURE);
	});

	it("a prepared query (made once per isolate) runs on the session of each request that runs it, not of the first", async () => {
		const { attemptId, res } = submit();
		expect((await res).status).toBe(201);
		// GET /api/attempts/:id reads through a drizzle prepared query. Without a bookmark, a request's
		// session says where the database was only once a query ran on it: each read must carry one.
		for (let i = 0; i < 3; i++) {
			const read = await call(`/api/attempts/${attemptId}`);
			expect(read.status).toBe(200);
			expect(read.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
		}
		const later = await call(`/api/attempts/${attemptId}`, { headers: { [BOOKMARK_HEADER]: FUTURE } });
		expect(later.headers.get(BOOKMARK_HEADER)).toBe(FUTURE);
	});

	it("a write starts at the primary whatever bookmark it brings", async () => {
		const { res } = submit({ [BOOKMARK_HEADER]: FUTURE });
		const r = await res;
		expect(r.status).toBe(201);
		expect(r.headers.get(BOOKMARK_HEADER)).not.toBe(FUTURE);
		expect(r.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
	});

	it("a malformed bookmark, in the header or the cookie, is ignored: the request is answered as if none had been sent, never with a 500", async () => {
		const { attemptId, res } = submit();
		expect((await res).status).toBe(201);
		const malformed = [
			"garbage",
			"first-primary",
			"first-unconstrained",
			"7FFFFFFF-00000000-00000000-00000000000000000000000000000000",
			`${FUTURE}0`,
			"7fffffff_00000000-00000000-00000000000000000000000000000000",
			"00000000-00000000-00000000",
			"'; DROP TABLE attempts; --",
			"x".repeat(4000),
		];
		for (const bad of malformed) {
			const ways: Record<string, string>[] = [{ [BOOKMARK_HEADER]: bad }, { Cookie: `${BOOKMARK_COOKIE}=${encodeURIComponent(bad)}` }];
			for (const headers of ways) {
				const read = await call(`/api/attempts/${attemptId}`, { headers });
				expect(read.status, `${JSON.stringify(headers).slice(0, 80)}`).toBe(200);
				const echoed = read.headers.get(BOOKMARK_HEADER);
				expect(echoed).toMatch(BOOKMARK);
				expect(echoed).not.toBe(bad);
			}
			const write = await submit({ [BOOKMARK_HEADER]: bad }).res;
			expect(write.status).toBe(201);
		}
	});

	it("the teacher's way: a class created through the API is listed by a read that brings the bookmark; the export says the same", async () => {
		const t = await createTeacher();
		const created = await postJson("/api/teacher/classes", { name: "8C Bookmarks" }, bearer(t.token));
		expect(created.status).toBe(201);
		const bookmark = created.headers.get(BOOKMARK_HEADER) ?? "";
		expect(bookmark).toMatch(BOOKMARK);
		const { id } = (await created.json()) as { id: string };
		const list = await call("/api/teacher/classes", { headers: { ...bearer(t.token), [BOOKMARK_HEADER]: bookmark } });
		expect(list.status).toBe(200);
		expect(((await list.json()) as { classes: { id: string }[] }).classes.map((c) => c.id)).toContain(id);
		const csv = await call(`/api/teacher/classes/${id}/scores.csv`, { headers: { ...bearer(t.token), [BOOKMARK_HEADER]: bookmark } });
		expect(csv.status).toBe(200);
		expect((csv.headers.get(BOOKMARK_HEADER) ?? "") >= bookmark).toBe(true);
		await csv.arrayBuffer();
	});

	it("a response that never touched the database carries no bookmark", async () => {
		const res = await call("/sw.js");
		expect(res.status).toBe(200);
		expect(res.headers.get(BOOKMARK_HEADER)).toBeNull();
		expect(bookmarkCookie(res)).toBeUndefined();
		await res.arrayBuffer();
	});

	it("the dashboard's forms: a class made on the dashboard sets the cookie on its redirect", async () => {
		const t = await createTeacher();
		await createClass(t.token);
		const signIn = await call("/teacher/sign-in", {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://quizline.test", "CF-Connecting-IP": freshIp() },
			body: new URLSearchParams({ token: t.token }),
			redirect: "manual",
		});
		expect(signIn.status).toBe(303);
		expect(bookmarkCookie(signIn)).toMatch(new RegExp(`^${BOOKMARK_COOKIE}=[0-9a-f-]{59}; Max-Age=300;`));
	});
});
