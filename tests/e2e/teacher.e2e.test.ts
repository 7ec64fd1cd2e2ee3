/**
 * The teacher dashboard end to end: the real Worker under wrangler dev with its own local D1, a
 * teacher made through the operator API, a student's attempt through the student API, and headless
 * Chromium on a phone: sign in with the token, see the class with its join code and QR code, open
 * it, download the scores CSV. axe-core finds no violations on any dashboard page.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, launchBrowser, newPhoneContext, runAxe } from "../../scripts/lib/browser";
import { type LocalServer, removeState, startLocalServer } from "../../scripts/lib/local-server";
import { parseCsv } from "../fixtures/csv";
import { api as apiCall, localhostOrigin, type TeacherWithClass, teacherWithClass } from "./harness";

let server: LocalServer;
let browser: Browser;
let context: BrowserContext;
let teacher: TeacherWithClass["teacher"];
let cls: TeacherWithClass["cls"];
/** The dashboard's cookie is Secure: browsers keep it from plain http on localhost only (see harness.ts). */
let origin: string;

const _api = <T>(path: string, token: string, body?: unknown) => apiCall<T>(server, path, token, body);

beforeAll(async () => {
	server = await startLocalServer();
	origin = localhostOrigin(server);
	({ teacher, cls } = await teacherWithClass(server, "Ms Dashboard", { name: "8A Reading" }));
	const quiz = await (await fetch(`${server.url}/api/quizzes/nk-diplomacy-2017`)).json();
	const submitted = await fetch(`${server.url}/api/attempts`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({
			attemptId: quiz.attemptId,
			quizId: "nk-diplomacy-2017",
			studentName: '=Mallory, "the" tester',
			classCode: cls.joinCode,
			answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
		}),
	});
	expect(submitted.status).toBe(201);
	browser = await launchBrowser();
	context = await newPhoneContext(browser, { acceptDownloads: true });
});

afterAll(async () => {
	await context?.close().catch(() => undefined);
	await browser?.close();
	await server?.stop();
	if (server) removeState(server.persistDir);
});

describe("teacher dashboard in Chromium", () => {
	it("signs in with the token, shows the class, downloads a CSV, with zero axe violations", async () => {
		const page = await context.newPage();
		await page.goto(`${origin}/teacher`);
		expect(describeViolations(await runAxe(page))).toBe("");

		await page.fill("#token", teacher.token);
		await page.click("button[type=submit].primary");
		await page.getByRole("link", { name: "8A Reading" }).waitFor();
		expect(page.url()).toBe(`${origin}/teacher`);
		const cookies = await context.cookies();
		const session = cookies.find((c) => c.name === "__Host-quizline_session");
		expect(session?.httpOnly).toBe(true);
		expect(session?.secure).toBe(true);
		expect(session?.sameSite).toBe("Strict");
		// The token is nowhere in the page, its scripts or its URL.
		expect(await page.content()).not.toContain(teacher.token);
		expect(page.url()).not.toContain(teacher.token);
		await expect(page.getByRole("link", { name: "8A Reading" }).isVisible()).resolves.toBe(true);
		expect(await page.getByText(cls.joinCode).count()).toBeGreaterThan(0);
		expect(describeViolations(await runAxe(page))).toBe("");

		await Promise.all([page.waitForURL(`${origin}/teacher/classes/${cls.id}`), page.getByRole("link", { name: "8A Reading" }).click()]);
		expect(await page.getByRole("img", { name: "QR code of the join link" }).count()).toBe(1);
		expect(await page.getByRole("img", { name: /Histogram of scores/ }).count()).toBe(1);
		expect(await page.getByRole("cell", { name: '=Mallory, "the" tester' }).count()).toBe(1);
		expect(describeViolations(await runAxe(page))).toBe("");
		// Nothing wider than the phone's screen but the scrolling tables.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);

		const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scores (CSV)" }).click()]);
		expect(download.suggestedFilename()).toMatch(/^8a-reading_nk-diplomacy-2017_scores_\d{4}-\d\d-\d\d\.csv$/);
		const bytes = readFileSync(await download.path());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(bytes.toString("utf8"));
		expect(rows[0]?.[0]).toBe("student_name");
		expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual([['\'=Mallory, "the" tester', "1"]]);
		await page.close();
	});

	it("keeps the dashboard from a signed-out browser", async () => {
		const fresh = await newPhoneContext(browser);
		const page = await fresh.newPage();
		await page.goto(`${origin}/teacher/classes/${cls.id}`);
		expect(new URL(page.url()).pathname).toBe("/teacher");
		expect(await page.locator("#token").count()).toBe(1);
		const res = await page.request.get(`${origin}/api/teacher/classes/${cls.id}/scores.csv`);
		expect(res.status()).toBe(401);
		await fresh.close();
	});
});
