/**
 * The class page end to end: the real Worker under wrangler dev, a teacher and a class made through
 * the API, students' attempts through the student API, and headless Chromium on a phone. With
 * JavaScript off, the teacher changes the class's settings through the forms alone; with it on,
 * the browser's time zone is taken up once and the times follow it. The teacher opens a question's
 * drill-down and a student's. axe-core finds no violation on the class page, the settings page or
 * either drill-down, and nothing is wider than the phone but the scrolling tables.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeViolations, runAxe } from "../../scripts/lib/browser";
import { submitThroughApi, useTeacherE2E } from "./harness";

/** Where the screenshots go: an ignored folder unless SCREENSHOT_DIR says otherwise (as in student.test.ts). */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(import.meta.dirname, ".tmp/screenshots"));
const QUIZ_ID = "nk-diplomacy-2017";

const e2e = useTeacherE2E("Ms Dashboard", { name: "8A Reading" });
const { api, phone, signIn } = e2e;

/** A student's attempt through the student API: choice answers as ids, typed answers as given. */
async function attempt(studentName: string, answers: Record<string, string[] | string>) {
	const { res } = await submitThroughApi(e2e.server, {
		quizId: QUIZ_ID,
		studentName,
		classCode: e2e.cls.joinCode,
		answers: Object.entries(answers).map(([questionId, a]) =>
			typeof a === "string" ? { questionId, text: a } : { questionId, choiceIds: a },
		),
	});
	expect(res.status).toBe(201);
}

beforeAll(async () => {
	await attempt("Ada Lovelace", { "q-third-party": ["pashin"], "q-missile-name": "Hwasong-15", "q-diplomacy-failed": ["false"] });
	await attempt("Bo Diddley", { "q-third-party": ["chepa"], "q-missile-name": "hwasong 15" });
	await attempt("Cy Twombly", { "q-third-party": ["chepa"], "q-missile-name": "a rocket" });
	await attempt("Dee Dee", {});
	mkdirSync(SCREENSHOTS, { recursive: true });
});

async function expectNoAxeViolations(page: Page) {
	expect(describeViolations(await runAxe(page))).toBe("");
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

interface ClassJson {
	openQuizIds: string[] | null;
	closesAt: string | null;
	maxAttempts: number | null;
	review: string;
	reviewAfter: string;
	namePicker: boolean;
	name: string;
}

describe("the class page in Chromium", () => {
	it("changes every setting through the forms with JavaScript off", async () => {
		const { page } = await phone({ javaScriptEnabled: false });
		await signIn(page);
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/settings`);
		// (axe runs in the page, so its checks are in the tests below, with JavaScript on.)

		// Only the ticked quizzes.
		await page.getByLabel("Only the quizzes ticked below").check();
		await Promise.all([page.waitForURL(/saved=quizzes/), page.getByRole("button", { name: "Save open quizzes" }).click()]);
		expect(await page.getByRole("status").textContent()).toContain("Saved the open quizzes.");
		// A closing time, typed in UTC (no zone chosen yet, and no script to take the browser's).
		await page.fill("#closesAt", "2030-01-15T09:00");
		await Promise.all([page.waitForURL(/saved=closing/), page.getByRole("button", { name: "Save closing time" }).click()]);
		await page.fill("#maxAttempts", "2");
		await Promise.all([page.waitForURL(/saved=attempts/), page.getByRole("button", { name: "Save attempt limit" }).click()]);
		await page.getByLabel("Which questions were right").check();
		await page.getByLabel("Once the class closes").check();
		await Promise.all([page.waitForURL(/saved=review/), page.getByRole("button", { name: "Save what students see" }).click()]);
		await page.getByLabel("Students pick their name from the class list").check();
		await Promise.all([page.waitForURL(/saved=name-picker/), page.getByRole("button", { name: "Save name picker" }).click()]);
		await page.fill("#className", "8A Reading and Writing");
		await Promise.all([page.waitForURL(/saved=name/), page.getByRole("button", { name: "Rename" }).click()]);
		// A mistake is shown beside its form (the browser itself refuses an attempt limit out of range).
		await page.fill("#confirm", "8A");
		await page.getByRole("button", { name: "Delete this class and all its attempts" }).click();
		expect(await page.getByRole("alert").first().textContent()).toContain("That is not the class name.");

		const saved = await api<ClassJson>(`/api/teacher/classes/${e2e.cls.id}`, e2e.teacher.token);
		expect(saved).toMatchObject({
			name: "8A Reading and Writing",
			openQuizIds: [QUIZ_ID],
			closesAt: "2030-01-15T09:00:00.000Z",
			maxAttempts: 2,
			review: "marks",
			reviewAfter: "close",
			namePicker: true,
		});
		// A review that withholds answers, with a library quiz open: the warning says practice shows them anyway.
		expect(await page.getByText("Students can see the answers to library quizzes anyway").count()).toBe(1);
	});

	it("takes the browser's time zone once, shows the class page in it, and is accessible on a phone", async () => {
		const { page } = await phone({ timezoneId: "Europe/Paris" });
		await signIn(page);
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}`);
		// The script sends the zone and loads the page again.
		await page.waitForSelector('[data-time-zone="Europe/Paris"][data-time-zone-chosen="true"]');
		expect(await page.getByRole("columnheader", { name: /Submitted \(Europe\/Paris\)/ }).count()).toBe(1);
		expect(await page.getByText("Open until 15 Jan 2030, 10:00 (Europe/Paris).").count()).toBe(1);
		expect(await page.getByRole("cell", { name: "Ada Lovelace" }).count()).toBe(1);
		expect(await page.getByText("How reliably the quiz ranks students; above 0.7 is good").count()).toBe(1);
		await expectNoAxeViolations(page);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await page.screenshot({ path: path.join(SCREENSHOTS, "class-page.png"), fullPage: true });

		// Sorting through the column headings.
		await Promise.all([page.waitForURL(/sort=score/), page.getByRole("link", { name: /^Score ?, sort/ }).click()]);
		const first = await page.locator("table.attempts tbody tr").first().textContent();
		expect(first).toContain("Ada Lovelace");

		// The settings page shows the closing time in the zone too; accessible, also with a mistake to fix.
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/settings`);
		expect(await page.inputValue("#closesAt")).toBe("2030-01-15T10:00");
		await expectNoAxeViolations(page);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await page.fill("#confirm", "8A");
		await page.getByRole("button", { name: "Delete this class and all its attempts" }).click();
		await page.getByRole("alert").filter({ hasText: "That is not the class name." }).waitFor();
		await expectNoAxeViolations(page);
	});

	it("opens a question's drill-down: the spread of answers, the right one marked in words, who chose each", async () => {
		const { page } = await phone({ timezoneId: "Europe/Paris" });
		await signIn(page);
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}`);
		// The page's script saves the browser's time zone once and reloads: click after that, not during it.
		await page.getByText("Europe/Paris").first().waitFor();
		await page.waitForLoadState("load");
		await Promise.all([
			page.waitForURL(/\/questions\/q-third-party\?quizId=/),
			page.getByRole("link", { name: /Who said North Korea would negotiate/ }).click(),
		]);
		const pashin = page.getByRole("row", { name: /Vitaly Pashin/ });
		expect(await pashin.textContent()).toContain("✓ right answer");
		expect(await pashin.textContent()).toContain("25%");
		const chepa = page.getByRole("row", { name: /Alexei Chepa/ });
		expect(await chepa.textContent()).toContain("50%");
		await chepa.getByText("2 students").click();
		expect(await chepa.getByRole("link", { name: "Bo Diddley" }).isVisible()).toBe(true);
		await expectNoAxeViolations(page);
		expect(await overflow(page)).toBeLessThanOrEqual(0);

		await Promise.all([page.waitForURL(/\/students\/bo%20diddley$/), chepa.getByRole("link", { name: "Bo Diddley" }).click()]);
		expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bo Diddley in 8A Reading and Writing");
		expect(await page.getByRole("row", { name: /Who said North Korea would negotiate/ }).textContent()).toContain("✗ Wrong");
		await expectNoAxeViolations(page);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
	});
});
