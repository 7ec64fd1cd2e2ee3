/**
 * Offline first, end to end: a quiz page once opened loads again offline (a reload, and a browser
 * restarted in an on-disk profile), with the saved answers; a submission made offline waits in the
 * outbox (IndexedDB) and is sent when the network is back, by the service worker's Background Sync
 * with no page open, or, in a browser without it, by the next student page opened; a copy of the
 * quiz kept from before the teacher published a new version is graded against the version it
 * showed; the worker keeps nothing but quiz pages and static files, and says so offline for the rest.
 * Every "exactly one attempt" is counted in D1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, PHONE } from "../../scripts/lib/browser";
import { d1Query } from "../../scripts/lib/d1";
import { RIVER_PARK_ARTICLE, riverParkQuestions } from "../fixtures/river-park";
import { api, teacherWithClass, useE2E } from "./harness";
import {
	answer,
	answerAllAndSubmit,
	attemptIdOn,
	attemptsWithId,
	checkedValues,
	DRAFT_KEY,
	expectNoAxeViolations,
	expectOneAttempt,
	join,
	kept,
	outboxOf,
	pick,
	progressOf,
	QUIZ_ID,
	renderedAttemptId,
	resultsOnDevice,
	submitOffline,
	TOTAL,
} from "./student-steps";

const SMALL = { width: 320, height: 568 };

const e2e = useE2E();
const { phone } = e2e;

declare global {
	/** Background Sync, which TypeScript's DOM library does not have yet (Chromium does). */
	interface ServiceWorkerRegistration {
		readonly sync: { getTags(): Promise<string[]> };
	}
}

const syncTags = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.ready).sync.getTags());

/**
 * Offline as a phone is: Playwright's network emulation, and every request refused as well, since the
 * emulation does not always reach a service worker Chromium starts again (seen after a browser restart).
 */
async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await context.route("**/*", (route) => route.abort("internetdisconnected"));
}
async function goOnline(context: BrowserContext): Promise<void> {
	await context.unrouteAll({ behavior: "ignoreErrors" });
	await context.setOffline(false);
}

/** Joins as the student, waits for the kept copy, answers every question and submits offline: the queued attempt's id. */
async function queuedOffline(context: BrowserContext, page: Page, student: string): Promise<string> {
	await join(page, e2e.server, student);
	await kept(page);
	for (let i = 0; i < TOTAL; i++) await answer(page, i);
	return submitOffline(context, page);
}

describe("offline first", () => {
	/** A phone whose profile lives on disk, so that closing it and opening it again is a browser restart. */
	const openProfile = (dir: string) =>
		chromium.launchPersistentContext(dir, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_FLAGS,
			headless: true,
			...PHONE,
			viewport: SMALL,
			reducedMotion: "reduce",
		});

	it("reloads and restarts offline with the saved answers, the same attempt and copy; online again, one attempt", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), "quizline-profile-"));
		try {
			let context = await openProfile(dir);
			let page = context.pages()[0] ?? (await context.newPage());
			const student = "Offline Ola";
			await join(page, e2e.server, student);
			await answer(page, 0);
			await answer(page, 1);
			await pick(page, 3, ["more-sanctions", "test-missiles"]);
			await expect.poll(() => progressOf(page)).toBe(`3 of ${TOTAL} answered`);
			const attemptId = await attemptIdOn(page);
			const before = await checkedValues(page);
			await kept(page);

			await goOffline(context);
			await page.reload();
			await expect.poll(() => progressOf(page)).toBe(`3 of ${TOTAL} answered`);
			expect(await attemptIdOn(page)).toBe(attemptId);
			expect(await checkedValues(page)).toEqual(before);
			const copy = await renderedAttemptId(page);
			await context.close();

			// The browser restarted, still offline: the same copy, the same answers.
			context = await openProfile(dir);
			await goOffline(context);
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
			await expect.poll(() => progressOf(page)).toBe(`3 of ${TOTAL} answered`);
			expect(await renderedAttemptId(page)).toBe(copy);
			expect(await attemptIdOn(page)).toBe(attemptId);
			expect(await checkedValues(page)).toEqual(before);
			expect(await page.inputValue(`fieldset[data-q="q-missile-name"] input[type=text]`)).toBe("Hwasong-15");
			await expectNoAxeViolations(page, "the quiz page offline");

			for (let i = 2; i < TOTAL; i++) if (i !== 3) await answer(page, i);
			await page.locator("button[type=submit]").tap();
			await expect.poll(() => page.textContent("#status")).toContain("You are offline");
			expect(attemptsWithId(e2e.server, attemptId)).toBe(0);
			await goOnline(context);
			await page.waitForURL(`**/result/${attemptId}`, { timeout: 30_000 });
			expectOneAttempt(e2e.server, attemptId, student);
			await context.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("queues a submission made offline in IndexedDB; with no page open, Background Sync sends it when the network is back: one attempt", async () => {
		const { context, page: first } = await phone({ viewport: SMALL });
		const student = "Synced Sam";
		const attemptId = await queuedOffline(context, first, student);
		const [queued] = await outboxOf(first);
		expect(queued).toMatchObject({ attemptId, quizId: QUIZ_ID, state: "queued" });
		expect(JSON.parse(queued?.body ?? "{}")).toMatchObject({ attemptId, studentName: student, quizVersion: expect.any(String) });
		expect(await syncTags(first)).toContain("quizline-outbox");
		expect(await first.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("outbox")))).toEqual([]);
		expect(attemptsWithId(e2e.server, attemptId)).toBe(0);

		// No page open: only the service worker can send it, when the network is back.
		await first.close();
		expect(context.pages()).toEqual([]);
		await context.setOffline(false);
		await expect.poll(() => attemptsWithId(e2e.server, attemptId), { timeout: 60_000, interval: 1_000 }).toBe(1);

		// The next page learns it was sent: listed under My results, the draft gone, a new attempt on the quiz.
		const page = await context.newPage();
		await page.goto(`${e2e.server.url}/`);
		await expect.poll(() => page.getAttribute("#my-results li a", "href")).toBe(`/result/${attemptId}`);
		expect(await page.textContent("#my-results li")).not.toContain("waiting");
		await expect.poll(() => outboxOf(page)).toEqual([]);
		await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => page.getAttribute(".notice a", "href")).toBe(`/result/${attemptId}`);
		expect(await progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		expect(await attemptIdOn(page)).not.toBe(attemptId);
		expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
		expectOneAttempt(e2e.server, attemptId, student);
	});

	it("without Background Sync, the next student page opened sends the queued submission, once, and lists it meanwhile as waiting", async () => {
		const { context, page } = await phone({ viewport: SMALL });
		// A browser without Background Sync (Firefox, Safari): the registration has no `sync`.
		await context.addInitScript(() => {
			Reflect.deleteProperty(ServiceWorkerRegistration.prototype, "sync");
		});
		const student = "Syncless Sol";
		const attemptId = await queuedOffline(context, page, student);
		expect(await outboxOf(page)).toMatchObject([{ attemptId, state: "queued" }]);
		await page.close();
		await context.setOffline(false);

		// The submission is held on its way, so that the join page is seen listing it as waiting first.
		let release = () => {};
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const sent: string[] = [];
		await context.route("**/api/attempts", async (route) => {
			sent.push(JSON.parse(route.request().postData() ?? "{}").attemptId);
			await held;
			await route.continue();
		});
		const next = await context.newPage();
		await next.goto(`${e2e.server.url}/`);
		await expect.poll(() => next.textContent("#my-results li")).toContain("waiting to be sent");
		expect(await next.locator("#my-results li a").count()).toBe(0);
		await expect.poll(() => sent).toEqual([attemptId]);
		release();
		await expect.poll(() => next.getAttribute("#my-results li a", "href")).toBe(`/result/${attemptId}`);
		expect(await outboxOf(next)).toEqual([]);
		expect((await resultsOnDevice(next)).find((r) => r.attemptId === attemptId)?.confirmed).toBe(true);
		expectOneAttempt(e2e.server, attemptId, student);
		await expectNoAxeViolations(next, "the join page listing a result");
	});

	it("moves a submission queued by the previous script (in localStorage) to the outbox and sends it once", async () => {
		const { page } = await phone();
		await page.goto(`${e2e.server.url}/`);
		const { attemptId } = (await (await fetch(`${e2e.server.url}/api/quizzes/${QUIZ_ID}`)).json()) as { attemptId: string };
		const body = JSON.stringify({
			attemptId,
			quizId: QUIZ_ID,
			studentName: "Legacy Lee",
			answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
		});
		await page.evaluate(([key, text]) => localStorage.setItem(key as string, text as string), [`quizline:outbox:${attemptId}`, body]);
		await page.reload();
		await expect.poll(() => attemptsWithId(e2e.server, attemptId), { timeout: 30_000, interval: 1_000 }).toBe(1);
		await expect.poll(() => outboxOf(page)).toEqual([]);
		expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("outbox")))).toEqual([]);
	});
});

describe("a new quiz version", () => {
	const [MAYOR, COST] = riverParkQuestions();
	const COST_FINAL = { ...COST, id: "q-cost-final", prompt: "What was the park's final cost?" };

	it("grades an answer from a copy kept offline against the version it showed; a page opened online shows the new one and says so", async () => {
		const { teacher, cls } = await teacherWithClass(e2e.server, "Ms Version", { name: "7C Reading" });
		const article = await api<{ id: string }>(e2e.server, "/api/teacher/articles", teacher.token, RIVER_PARK_ARTICLE);
		const v1 = await api<{ id: string; version: string }>(e2e.server, "/api/teacher/quizzes", teacher.token, {
			articleId: article.id,
			title: "River park",
			questions: [MAYOR, COST],
		});
		const answerBoth = async (page: Page) => {
			await page.locator('fieldset[data-q="q-mayor"] label.choice:has(input[value="okafor"])').tap();
			const cost = page.locator('fieldset[data-q="q-cost"] input[type=text]');
			await cost.tap();
			await cost.fill("4.2 million");
			await expect.poll(() => progressOf(page)).toBe("2 of 2 answered");
		};
		const a = await phone({ viewport: SMALL });
		await join(a.page, e2e.server, "Version Val", { code: cls.joinCode, quizId: v1.id });
		await kept(a.page);
		await answerBoth(a.page);
		const b = await phone();
		await join(b.page, e2e.server, "Version Vic", { code: cls.joinCode, quizId: v1.id });
		await answerBoth(b.page);

		// The teacher replaces the cost question while both still have version 1 in front of them.
		const put = await fetch(`${e2e.server.url}/api/teacher/quizzes/${v1.id}`, {
			method: "PUT",
			headers: { Authorization: `Bearer ${teacher.token}`, "Content-Type": "application/json" },
			body: JSON.stringify({ questions: [MAYOR, COST_FINAL] }),
		});
		expect(put.status).toBe(200);
		const v2 = ((await put.json()) as { version: string }).version;
		expect(v2).not.toBe(v1.version);

		// Offline, the kept copy is version 1, answered; sent once back online, graded against version 1.
		await a.context.setOffline(true);
		await a.page.reload();
		await expect.poll(() => progressOf(a.page)).toBe("2 of 2 answered");
		expect(await a.page.getAttribute("form#quiz", "data-quiz-version")).toBe(v1.version);
		const aId = await attemptIdOn(a.page);
		await a.page.locator("button[type=submit]").tap();
		await expect.poll(() => a.page.textContent("#status")).toContain("You are offline");
		await a.context.setOffline(false);
		await a.page.waitForURL(`**/result/${aId}`, { timeout: 30_000 });
		const graded = (id: string) =>
			d1Query<{ v: string; score: number; max: number }>(
				e2e.server.persistDir,
				`SELECT quiz_version AS v, score, max_score AS max FROM attempts WHERE id = '${id}'`,
			);
		expect(graded(aId)).toEqual([{ v: v1.version, score: 2, max: 2 }]);

		// Online, the page is version 2: the answer to the question that stayed is kept, the other is gone, and the page says why.
		await b.page.reload();
		await expect.poll(() => b.page.getAttribute("form#quiz", "data-quiz-version")).toBe(v2);
		await expect.poll(() => b.page.textContent(".notice")).toContain("Your teacher has changed this quiz since you started it.");
		expect(await progressOf(b.page)).toBe("1 of 2 answered");
		expect(await checkedValues(b.page)).toEqual(["okafor"]);
		await expectNoAxeViolations(b.page, "a quiz changed since the draft");
		const bId = await attemptIdOn(b.page);
		await b.page.locator("button[type=submit]").tap();
		await b.page.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await b.page.waitForURL(`**/result/${bId}`);
		expect(graded(bId)).toEqual([{ v: v2, score: 1, max: 2 }]);
	});
});

describe("what the service worker keeps", () => {
	it("only quiz pages and static files, never results, the API, exports or the dashboard; offline, other student pages say so", async () => {
		const { context, page } = await phone({ viewport: SMALL });
		await join(page, e2e.server, "Scope Sky");
		await kept(page);
		const attemptId = await answerAllAndSubmit(page);
		for (const url of [
			`/result/${attemptId}?only=wrong`,
			"/teacher",
			"/teacher/sign-in",
			`/api/quizzes/${QUIZ_ID}`,
			`/api/attempts/${attemptId}`,
			"/export/x/scores.csv",
			"/",
		])
			await page.goto(`${e2e.server.url}${url}`);
		const keys = await page.evaluate(async () => {
			const out: string[] = [];
			for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
			return out;
		});
		expect(keys.length).toBeGreaterThanOrEqual(3);
		for (const key of keys) expect(key).toMatch(/^\/static\/[a-z]+\.[0-9a-f]{12}\.(css|js)$|^\/quiz\/[^/]+$/);

		await context.setOffline(true);
		const res = await page.goto(`${e2e.server.url}/result/${attemptId}`);
		expect(res?.status()).toBe(503);
		expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
		expect(res?.headers()["content-security-policy"]).not.toContain("unsafe-inline");
		expect(await page.textContent("h1")).toBe("You are offline");
		expect(await page.getAttribute("main a", "href")).toBe(`/quiz/${QUIZ_ID}`);
		expect(await page.textContent("main a")).toBe("North Korea diplomacy (2017)");
		await expectNoAxeViolations(page, "the offline page");
		await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		// The dashboard is none of the worker's business: the browser's own offline error.
		await expect(page.goto(`${e2e.server.url}/teacher`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
		await context.setOffline(false);
	});

	it("serves the service worker from the site itself, with the security headers, and keeps only quiz pages and static files", async () => {
		const res = await fetch(`${e2e.server.url}/sw.js`, { headers: { "Accept-Encoding": "br, gzip" } });
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
		expect(res.headers.get("Cache-Control")).toBe("no-cache");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Content-Security-Policy") ?? "").not.toContain("unsafe-inline");
		const body = await res.text();
		const html = await (await fetch(`${e2e.server.url}/quiz/${QUIZ_ID}`)).text();
		for (const file of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) expect(body).toContain(`"${file[1]}"`);
		expect(body).toMatch(/const QUIZLINE_VERSION = "[0-9a-f]{12}";/);
	});
});
