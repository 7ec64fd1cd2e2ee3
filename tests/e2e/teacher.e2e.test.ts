/**
 * The teacher dashboard end to end: the real Worker under wrangler dev with its own local D1, a
 * teacher made through the operator API, a student's attempt through the student API, and headless
 * Chromium on a phone: sign in with the token, see the class with its join code and QR code, open
 * it, download the scores CSV. axe-core finds no violations on any dashboard page.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeViolations, PHONE, runAxe } from "../../scripts/lib/browser";
import { parseCsv } from "../fixtures/csv";
import { submitThroughApi, useTeacherE2E } from "./harness";

const e2e = useTeacherE2E("Ms Dashboard", { name: "8A Reading" });
/** One phone for the signed-in tests, in turn. */
let context: BrowserContext;

beforeAll(async () => {
	const { res: submitted } = await submitThroughApi(e2e.server, {
		quizId: "nk-diplomacy-2017",
		studentName: '=Mallory, "the" tester',
		classCode: e2e.cls.joinCode,
		answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
	});
	expect(submitted.status).toBe(201);
	context = await e2e.context({ ...PHONE, acceptDownloads: true });
});

describe("teacher dashboard in Chromium", () => {
	it("signs in with the token, shows the class, downloads a CSV, with zero axe violations", async () => {
		const page = await context.newPage();
		await page.goto(`${e2e.origin}/teacher`);
		expect(describeViolations(await runAxe(page))).toBe("");

		await page.fill("#token", e2e.teacher.token);
		await page.click("button[type=submit].primary");
		await page.getByRole("link", { name: "8A Reading" }).waitFor();
		expect(page.url()).toBe(`${e2e.origin}/teacher`);
		const cookies = await context.cookies();
		const session = cookies.find((c) => c.name === "__Host-quizline_session");
		expect(session?.httpOnly).toBe(true);
		expect(session?.secure).toBe(true);
		expect(session?.sameSite).toBe("Strict");
		// The token is nowhere in the page, its scripts or its URL.
		expect(await page.content()).not.toContain(e2e.teacher.token);
		expect(page.url()).not.toContain(e2e.teacher.token);
		await expect(page.getByRole("link", { name: "8A Reading" }).isVisible()).resolves.toBe(true);
		expect(await page.getByText(e2e.cls.joinCode).count()).toBeGreaterThan(0);
		expect(describeViolations(await runAxe(page))).toBe("");

		await Promise.all([
			page.waitForURL(`${e2e.origin}/teacher/classes/${e2e.cls.id}`),
			page.getByRole("link", { name: "8A Reading" }).click(),
		]);
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
		const fresh = await e2e.context(PHONE);
		const page = await fresh.newPage();
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}`);
		expect(new URL(page.url()).pathname).toBe("/teacher");
		expect(await page.locator("#token").count()).toBe(1);
		const res = await page.request.get(`${e2e.origin}/api/teacher/classes/${e2e.cls.id}/scores.csv`);
		expect(res.status()).toBe(401);
		await fresh.close();
	});
});
