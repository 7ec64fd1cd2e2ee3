/**
 * Findings 4 and 7, and the limiter keys of finding 11: one join-code limiter counts every path that
 * looks a class code up; practice submissions have a limit of their own; clients are keyed by
 * address, IPv6 by /64, and never all in one bucket.
 */
import { describe, expect, it } from "vitest";
import { clientNetwork } from "../../../worker/http/rate-limit";
import { NEXT_FIELD, SUBMIT_ANYWAY } from "../../../worker/views/student/confirm";
import { issuedId } from "../../fixtures/attempt-ids";
import { call, postJson, readProblem } from "../../fixtures/http";
import { QUIZ_ID } from "../../fixtures/quiz";
import { createClass, createTeacher } from "../../fixtures/teacher";

const ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
const randomCode = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => ALPHABET[b % ALPHABET.length]).join("");

let net = 0;
/** A fresh address per test, so each path's count starts at zero. */
const freshAddress = () => `203.0.113.${++net}`;

const form = (fields: Record<string, string>, ip: string): RequestInit => ({
	method: "POST",
	headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": ip },
	body: new URLSearchParams(fields).toString(),
	redirect: "manual",
});

/**
 * Sends `request` with a new random code until it is refused with 429; returns how many were
 * answered before. The limiter counts per minute window, so a run that straddles two windows may
 * take up to twice the limit.
 */
async function triesUntilLimited(request: (code: string, ip: string) => Promise<Response>): Promise<number> {
	const ip = freshAddress();
	for (let i = 0; i < 2 * JOIN_LIMIT + 10; i++) {
		const res = await request(randomCode(), ip);
		await res.body?.cancel();
		if (res.status === 429) return i;
		expect(res.status).toBeLessThan(500);
	}
	return Number.POSITIVE_INFINITY;
}

/** wrangler.toml: JOIN_LIMITER and PRACTICE_LIMITER, per client per minute. */
const JOIN_LIMIT = 300;
const PRACTICE_LIMIT = 60;

describe("the join-code limiter", { timeout: 30_000 }, () => {
	const paths: [string, (code: string, ip: string) => Promise<Response>][] = [
		[
			"POST /api/attempts",
			(code, ip) =>
				postJson(
					"/api/attempts",
					{ attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Guesser", classCode: code, answers: [] },
					{ "CF-Connecting-IP": ip },
				),
		],
		[
			"POST /quiz/:quizId (the no-JS form)",
			(code, ip) =>
				call(`/quiz/${QUIZ_ID}`, form({ attemptId: issuedId(), studentName: "Guesser", classCode: code, [NEXT_FIELD]: SUBMIT_ANYWAY }, ip)),
		],
		["POST /join (the join form)", (code, ip) => call("/join", form({ studentName: "Guesser", classCode: code, quiz: QUIZ_ID }, ip))],
		["GET /join/:code (the shared link)", (code, ip) => call(`/join/${code}`, { headers: { "CF-Connecting-IP": ip } })],
		["GET /?class=… (the join page)", (code, ip) => call(`/?class=${code}`, { headers: { "CF-Connecting-IP": ip } })],
		["GET /api/quizzes?class=…", (code, ip) => call(`/api/quizzes?class=${code}`, { headers: { "CF-Connecting-IP": ip } })],
	];
	for (const [name, request] of paths) {
		it(`finding 4: ${name} counts every class-code lookup and answers 429 past the limit`, async () => {
			const tries = await triesUntilLimited(request);
			expect(tries).toBeGreaterThanOrEqual(JOIN_LIMIT);
			expect(tries).toBeLessThanOrEqual(2 * JOIN_LIMIT);
		});
	}

	it("finding 4: a stored attempt id sent with a wrong code answers as any wrong code does (no 409/422 oracle)", async () => {
		const t = await createTeacher();
		const mine = await createClass(t.token, { name: "Mine" });
		const other = await createClass(t.token, { name: "Other" });
		const attemptId = issuedId();
		const ip = freshAddress();
		const send = (classCode: string, id = attemptId, studentName = "Oracle") =>
			postJson("/api/attempts", { attemptId: id, quizId: QUIZ_ID, studentName, classCode, answers: [] }, { "CF-Connecting-IP": ip });
		expect((await send(mine.joinCode)).status).toBe(201);
		const fresh = await send("ZZZZZZ", issuedId());
		const wrong = await send("ZZZZZZ", attemptId, "Someone else");
		const otherValid = await send(other.joinCode, attemptId, "Someone else");
		for (const res of [fresh, wrong, otherValid]) {
			expect(res.status).toBe(422);
			expect((await readProblem(res))?.title).toBe("Unknown class code");
		}
	});
});

describe("the practice limiter", { timeout: 30_000 }, () => {
	it("finding 7: each client has its own limit on practice (class-less) submissions; replays do not count", async () => {
		const ip = freshAddress();
		const send = (attemptId = issuedId(), address = ip) =>
			postJson("/api/attempts", { attemptId, quizId: QUIZ_ID, studentName: "Practiser", answers: [] }, { "CF-Connecting-IP": address });
		const first = issuedId();
		expect((await send(first)).status).toBe(201);
		let stored = 1;
		for (; stored < 2 * PRACTICE_LIMIT + 10; stored++) {
			const res = await send();
			if (res.status === 429) {
				expect((await readProblem(res))?.detail).toContain("practice");
				break;
			}
			expect(res.status).toBe(201);
		}
		expect(stored).toBeGreaterThanOrEqual(PRACTICE_LIMIT);
		expect(stored).toBeLessThanOrEqual(2 * PRACTICE_LIMIT);
		expect((await send(first)).status).toBe(200);
		expect((await send(issuedId(), freshAddress())).status).toBe(201);
		const formRes = await call(
			`/quiz/${QUIZ_ID}`,
			form({ attemptId: issuedId(), studentName: "Practiser", [NEXT_FIELD]: SUBMIT_ANYWAY }, ip),
		);
		expect(formRes.status).toBe(429);
	});
});

describe("limiter keys", { timeout: 30_000 }, () => {
	it("finding 11: IPv6 clients are counted per /64, IPv4 per address", () => {
		expect(clientNetwork("2001:db8:1:2:aaaa::1")).toBe(clientNetwork("2001:0db8:0001:0002:bbbb:cccc:dddd:eeee"));
		expect(clientNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
		expect(clientNetwork("2001:db8:1:3::1")).not.toBe(clientNetwork("2001:db8:1:2::1"));
		expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
		expect(clientNetwork("::ffff:192.0.2.1")).toBe("0:0:0:0::/64");
		expect(clientNetwork("192.0.2.1")).toBe("192.0.2.1");
		expect(clientNetwork("not an address")).toBeNull();
	});

	it("finding 11: two addresses of one /64 share a bucket; clients without CF-Connecting-IP are not all in one", async () => {
		const send = (headers: Record<string, string>) =>
			postJson("/api/attempts", { attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Keyed", answers: [] }, headers);
		let sameNetwork = 0;
		for (let i = 0; i < 2 * PRACTICE_LIMIT + 10 && sameNetwork !== 429; i++) {
			sameNetwork = (await send({ "CF-Connecting-IP": `2001:db8:77:1:${i.toString(16)}::${i.toString(16)}` })).status;
		}
		expect(sameNetwork).toBe(429);
		expect((await send({ "CF-Connecting-IP": "2001:db8:77:2::1" })).status).toBe(201);
		let status = 0;
		for (let i = 0; i < 2 * PRACTICE_LIMIT + 10 && status !== 429; i++) status = (await send({ "User-Agent": "Phone A" })).status;
		expect(status).toBe(429);
		expect((await send({ "User-Agent": "Phone B" })).status).toBe(201);
	});
});
