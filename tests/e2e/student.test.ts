/**
 * The student pages end to end: the real Worker under wrangler dev with its own local D1, and
 * headless Chromium on a 390×844 touch phone. Every answer is given by tapping; every "exactly one
 * attempt" is counted in D1 itself (wrangler d1 execute), not taken from the page.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeViolations, runAxe } from "../../scripts/lib/browser";
import { d1Query } from "../../scripts/lib/d1";
import { submitThroughApi, useE2E } from "./harness";
import {
	answer,
	attemptIdOn,
	attemptsOf,
	attemptsWithId,
	DRAFT_KEY,
	expectOneAttempt,
	outboxOf,
	QUESTIONS,
	QUIZ_ID,
	submitOffline,
} from "./student-steps";

const CLASS_CODE = "E2EK7M";
/**
 * Where the screenshots go: an ignored folder, so running the tests changes no tracked file.
 * `npm run screenshots` points SCREENSHOT_DIR at docs/screenshots to refresh the README's pictures.
 */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(import.meta.dirname, ".tmp/screenshots"));

const e2e = useE2E();
const { phone } = e2e;

beforeAll(() => {
	d1Query(
		e2e.server.persistDir,
		`INSERT INTO teachers (id, name, created_at) VALUES ('t-e2e', 'Ms E2E', 0);
		 INSERT INTO classes (id, teacher_id, name, join_code, created_at) VALUES ('c-e2e', 't-e2e', '9B', '${CLASS_CODE}', 0);`,
	);
	mkdirSync(SCREENSHOTS, { recursive: true });
});

/** From the join page: type the name (and the code, unless the link filled it in), tap the quiz. */
async function join(page: Page, name: string, via: "link" | "form" = "form"): Promise<void> {
	await page.goto(via === "link" ? `${e2e.server.url}/join/${CLASS_CODE}` : `${e2e.server.url}/`);
	if (via === "link") expect(await page.inputValue("#classCode")).toBe(CLASS_CODE);
	await page.locator("#studentName").tap();
	await page.fill("#studentName", name);
	await page.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
	await page.waitForURL(`**/quiz/${QUIZ_ID}`);
}

/** Answers every question not answered yet; checks the live count unless the page runs no script. */
async function answerAll(page: Page, { done = [] as number[], script = true } = {}): Promise<void> {
	for (let i = 0; i < QUESTIONS.length; i++) if (!done.includes(i)) await answer(page, i);
	if (script) await expect.poll(() => page.textContent("#progress")).toBe(`${QUESTIONS.length} of ${QUESTIONS.length} answered`);
}

/** Choice ids in the order shown, per question. */
function choiceOrder(page: Page): Promise<string[][]> {
	return page.$$eval("fieldset[data-q]", (sets) =>
		sets.map((fs) => Array.from(fs.querySelectorAll<HTMLInputElement>(".choice input"), (input) => input.value)),
	);
}

async function submitAndSeeResult(page: Page): Promise<string> {
	await page.locator("button[type=submit]").tap();
	await page.waitForURL("**/result/*");
	return new URL(page.url()).pathname.split("/").pop() as string;
}

describe("a student on a phone", () => {
	it("joins with a shared link, answers every question by tapping, submits, and sees the score and the evidence", async () => {
		const { page } = await phone();
		const foreign: string[] = [];
		const consoleErrors: string[] = [];
		page.on("request", (r) => {
			if (!r.url().startsWith(e2e.server.url) && !r.url().startsWith("data:")) foreign.push(r.url());
		});
		page.on("console", (m) => {
			if (m.type() === "error") consoleErrors.push(m.text());
		});
		await join(page, "Ada Lovelace", "link");
		expect(page.url()).not.toContain("Ada");
		await expect.poll(() => page.textContent("#progress")).toBe(`0 of ${QUESTIONS.length} answered`);

		await page.locator('a[data-panel="questions"]').tap();
		await answer(page, 0);
		await answer(page, 1);
		await expect.poll(() => page.textContent("#progress")).toBe(`2 of ${QUESTIONS.length} answered`);
		await page.locator("#q1").evaluate((el) => el.scrollIntoView({ block: "start" }));
		await page.screenshot({ path: path.join(SCREENSHOTS, "quiz.png") });

		await answerAll(page, { done: [0, 1] });
		const attemptId = await attemptIdOn(page);
		expect(await submitAndSeeResult(page)).toBe(attemptId);

		await expect
			.poll(() => page.textContent(".score .big"))
			.toContain(`Ada Lovelace, you scored ${QUESTIONS.length} out of ${QUESTIONS.length}`);
		expect(await page.locator(".verdict", { hasText: "✓ Right" }).count()).toBe(QUESTIONS.length);
		const firstEvidence = QUESTIONS[0]?.evidence.quote as string;
		await page.locator("#r1 summary").tap();
		expect(await page.locator("#r1 mark").textContent()).toBe(firstEvidence);
		expect(await page.locator("#r1 mark").isVisible()).toBe(true);
		await page.screenshot({ path: path.join(SCREENSHOTS, "result.png") });

		// Stored once, in the class, and confirmed: nothing is left saved on the phone.
		expectOneAttempt(e2e.server, attemptId, "Ada Lovelace");
		const api = (await (await fetch(`${e2e.server.url}/api/attempts/${attemptId}`)).json()) as { score: number; classCode: string };
		expect(api).toMatchObject({ score: QUESTIONS.length, classCode: CLASS_CODE });
		expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
		expect(foreign).toEqual([]);
		expect(consoleErrors).toEqual([]);
	});

	it("opens a quiz link directly, asks for the name on the quiz page, and records one attempt in the class", async () => {
		const { page } = await phone();
		await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await answer(page, 0);
		await page.locator("button[type=submit]").tap();
		await expect.poll(() => page.textContent("#status")).toBe("Type your name first: it goes with your answers.");
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("studentName");
		await page.fill("#studentName", "Direct Dev");
		await page.fill("#classCode", CLASS_CODE.toLowerCase());
		const attemptId = await attemptIdOn(page);
		// 19 questions are blank: the page asks first, then "Submit anyway" sends what there is.
		await page.locator("button[type=submit]").tap();
		await expect
			.poll(() => page.textContent("#blank-check-title"))
			.toBe(`${QUESTIONS.length - 1} of ${QUESTIONS.length} questions have no answer yet.`);
		await page.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await page.waitForURL("**/result/*");
		expect(new URL(page.url()).pathname.split("/").pop()).toBe(attemptId);
		expect(attemptsWithId(e2e.server, attemptId)).toBe(1);
		expect(
			d1Query<{ code: string }>(
				e2e.server.persistDir,
				`SELECT c.join_code AS code FROM attempts a JOIN classes c ON c.id = a.class_id WHERE a.id = '${attemptId}'`,
			),
		).toEqual([{ code: CLASS_CODE }]);
	});

	/** Scroll positions equal to a pixel: at device pixel ratio 2 a position may round either way. */
	function expectSamePlaces(actual: (number | undefined)[], expected: (number | undefined)[]) {
		actual.forEach((a, i) => {
			expect(Math.abs((a ?? Number.NaN) - (expected[i] ?? Number.NaN)), `panel ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(1);
		});
	}

	it("switches between reading and answering without losing either place", async () => {
		const { page } = await phone();
		await join(page, "Reader Rita");
		const scrollTops = () =>
			page.evaluate(() => [document.getElementById("article")?.scrollTop, document.getElementById("questions")?.scrollTop]);
		await page.locator("#p4").evaluate((el) => el.scrollIntoView({ block: "start" }));
		const [articleTop] = await scrollTops();
		expect(articleTop).toBeGreaterThan(100);

		await page.locator('a[data-panel="questions"]').tap();
		await answer(page, 11);
		const [, questionsTop] = await scrollTops();
		expect(questionsTop).toBeGreaterThan(100);

		await page.locator("#q12 a.back").tap();
		await expect.poll(() => page.locator("#p4").isVisible()).toBe(true);
		expectSamePlaces(await scrollTops(), [articleTop, questionsTop]);
		expect(await page.textContent("#to-question")).toBe("Go to question 12");

		await page.locator("#to-question").tap();
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest("fieldset")?.id)).toBe("q12");
		expectSamePlaces(await scrollTops(), [articleTop, questionsTop]);
		expect(await page.locator("#q12").isVisible()).toBe(true);
	});

	it("keeps the answers, the attempt id and the choice order through a reload and a crash", async () => {
		const { context, page } = await phone();
		await join(page, "Reload Rosa");
		const done = [0, 1, 3, 5];
		for (const i of done) await answer(page, i);
		const attemptId = await attemptIdOn(page);
		const order = await choiceOrder(page);
		const checked = () => page.$$eval("input:checked", (inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
		const before = await checked();
		expect(before.length).toBeGreaterThanOrEqual(4);

		await page.reload();
		await expect.poll(() => page.textContent("#progress")).toBe(`4 of ${QUESTIONS.length} answered`);
		expect(await attemptIdOn(page)).toBe(attemptId);
		expect(await choiceOrder(page)).toEqual(order);
		expect(await checked()).toEqual(before);
		expect(await page.inputValue(`fieldset[data-q="${QUESTIONS[1]?.id}"] input[type=text]`)).toBe("Hwasong-15");

		// A crash: the tab is gone; a new one opens the quiz again (the server hands out a new id).
		await page.close();
		const again = await context.newPage();
		await again.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => again.textContent("#progress")).toBe(`4 of ${QUESTIONS.length} answered`);
		expect(await attemptIdOn(again)).toBe(attemptId);
		expect(await choiceOrder(again)).toEqual(order);

		await answerAll(again, { done });
		expect(await submitAndSeeResult(again)).toBe(attemptId);
		expectOneAttempt(e2e.server, attemptId, "Reload Rosa");
	});

	it("queues the submission while offline, says so, and sends it once back online: exactly one attempt", async () => {
		const { context, page } = await phone();
		await join(page, "Offline Olu");
		await answerAll(page);
		const attemptId = await submitOffline(context, page, "You are offline. Your answers are saved on this phone");
		const [queued] = await outboxOf(page);
		expect(JSON.parse(queued?.body ?? "null")).toMatchObject({ attemptId, quizId: QUIZ_ID, studentName: "Offline Olu" });
		expect(attemptsWithId(e2e.server, attemptId)).toBe(0);

		await context.setOffline(false);
		await page.waitForURL(`**/result/${attemptId}`);
		await expect.poll(() => page.textContent(".score .big")).toContain(`you scored ${QUESTIONS.length} out of`);
		expectOneAttempt(e2e.server, attemptId, "Offline Olu");
		// Nothing left but the list of results on this device (the join page's "My results").
		expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(["quizline:results"]);
	});

	it("never drops a queued submission on a shared phone: the next student's visit sends it, once", async () => {
		const { context, page } = await phone();
		await join(page, "Shared Sam");
		await answerAll(page);
		const samsAttempt = await submitOffline(context, page);
		await page.close();

		await context.setOffline(false);
		const next = await context.newPage();
		await join(next, "Shared Kim");
		await expect.poll(() => attemptsWithId(e2e.server, samsAttempt), { timeout: 30_000, interval: 1_000 }).toBe(1);
		expect(attemptsOf(e2e.server, "Shared Sam")).toBe(1);
		// Kim starts afresh: a new attempt, none of Sam's answers.
		expect(await attemptIdOn(next)).not.toBe(samsAttempt);
		expect(await next.textContent("#progress")).toBe(`0 of ${QUESTIONS.length} answered`);
		await expect.poll(async () => (await outboxOf(next)).map((r) => r.attemptId)).not.toContain(samsAttempt);
	});

	it("retries with the same attempt id after network failures, even one that lost the server's answer", async () => {
		const { page } = await phone();
		await join(page, "Flaky Femi");
		await answerAll(page);
		const attemptId = await attemptIdOn(page);
		const sent: string[] = [];
		await page.route("**/api/attempts", async (route) => {
			sent.push(JSON.parse(route.request().postData() ?? "{}").attemptId);
			if (sent.length === 1) return route.abort("connectionreset"); // never reached the server
			if (sent.length === 2) {
				await route.fetch(); // reached the e2e.server and was recorded, but the answer is lost
				return route.abort("connectionreset");
			}
			return route.continue();
		});
		await page.locator("button[type=submit]").tap();
		await expect.poll(() => page.textContent("#status")).toContain("Could not reach the server");
		await page.waitForURL(`**/result/${attemptId}`, { timeout: 30_000 });
		expect(sent.length).toBeGreaterThanOrEqual(3);
		expect(new Set(sent)).toEqual(new Set([attemptId]));
		expectOneAttempt(e2e.server, attemptId, "Flaky Femi");
	});

	it("submits the plain form with JavaScript disabled and records exactly one attempt", async () => {
		const { page } = await phone({ javaScriptEnabled: false });
		await join(page, "NoScript Nia");
		await answerAll(page, { script: false }); // the live count needs the script: counted here instead
		expect(
			await page.$$eval(
				"fieldset[data-q]",
				(sets) =>
					sets.filter((fs) => fs.querySelector("input:checked") || (fs.querySelector("input[type=text]") as HTMLInputElement | null)?.value)
						.length,
			),
		).toBe(QUESTIONS.length);
		const attemptId = await attemptIdOn(page);
		expect(await submitAndSeeResult(page)).toBe(attemptId);
		await expect.poll(() => page.textContent(".score .big")).toContain(`NoScript Nia, you scored ${QUESTIONS.length} out of`);
		expectOneAttempt(e2e.server, attemptId, "NoScript Nia");
	});
});

describe("accessibility and headers", () => {
	it("axe-core finds no violation on the join, quiz and result pages, in light and dark", async () => {
		const { res: posted, attemptId } = await submitThroughApi(e2e.server, {
			quizId: QUIZ_ID,
			studentName: "Axe Ari",
			answers: [{ questionId: QUESTIONS[0]?.id, choiceIds: ["xi"] }],
		});
		expect(posted.status).toBe(201);
		for (const colorScheme of ["light", "dark"] as const) {
			const { page } = await phone({ colorScheme });
			for (const url of ["/", `/quiz/${QUIZ_ID}`, `/result/${attemptId}`]) {
				await page.goto(`${e2e.server.url}${url}`);
				const violations = await runAxe(page);
				expect(violations, `${colorScheme} ${url}:\n${describeViolations(violations)}`).toEqual([]);
			}
		}
	});

	it("sends the security headers with pages and static files, compressed on the wire", async () => {
		// As a phone gets it: the local stack compresses text for a browser that asks, as Cloudflare's edge does.
		const { page } = await phone();
		const nav = await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		expect(nav?.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
		const html = await (await fetch(`${e2e.server.url}/quiz/${QUIZ_ID}`)).text();
		const files = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);
		expect(files).toHaveLength(2);
		for (const url of ["/", `/quiz/${QUIZ_ID}`, ...files]) {
			const res = await fetch(`${e2e.server.url}${url}`, { headers: { "Accept-Encoding": "br, gzip" } });
			expect(res.status, url).toBe(200);
			expect(res.headers.get("Content-Encoding"), url).toBe("br");
			const csp = res.headers.get("Content-Security-Policy") ?? "";
			for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, url).toContain(d);
			expect(csp, url).not.toContain("unsafe-inline");
			expect(res.headers.get("X-Content-Type-Options"), url).toBe("nosniff");
			// The local server is plain HTTP, over which HSTS must not be sent (RFC 6797 7.2); over HTTPS it is (unit/security-headers.test.ts, api/pages.test.ts).
			expect(res.headers.get("Strict-Transport-Security"), url).toBeNull();
			expect(res.headers.get("Referrer-Policy"), url).toBeTruthy();
		}
	});
});
