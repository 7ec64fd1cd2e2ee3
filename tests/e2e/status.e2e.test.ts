/**
 * Who has submitted, live, end to end: the real Worker under wrangler dev, a teacher and a class
 * with a roster made through the API, and headless Chromium. The status page (on a phone) shows a
 * roster student go from "Not started" to "Submitted" when they submit through the API, without a
 * reload; the projector view (on a 1280×720 projector) counts them joining and submitting; the
 * teacher closes the class and a latecomer is refused at the join page. axe-core finds no violations
 * on either page; a screenshot of each goes to SCREENSHOT_DIR (as in student.test.ts).
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
/** The pages ask every 5 s; a change shows within two polls, and a stalled page fails well before the test's timeout. */
const LIVE_MS = 20_000;

let roster: { id: string; name: string; code: string }[];

const e2e = useTeacherE2E("Ms Live", { name: "7C Live", openQuizIds: [QUIZ_ID] });
const { api, phone, signIn } = e2e;

beforeAll(async () => {
	const imported = await api<{ students: { id: string; name: string; code: string }[] }>(
		`/api/teacher/classes/${e2e.cls.id}/roster/students`,
		e2e.teacher.token,
		{
			students: [{ name: "Ada Lovelace" }, { name: "Bo Diddley" }, { name: "Cy Twombly" }],
		},
	);
	roster = imported.students;
	mkdirSync(SCREENSHOTS, { recursive: true });
});

/** A student's submission through the student API: a roster student with their personal code (a rostered class takes no typed name). */
async function submit(studentName: string, code?: string): Promise<Response> {
	const { res } = await submitThroughApi(e2e.server, {
		quizId: QUIZ_ID,
		studentName,
		classCode: code ?? roster.find((s) => s.name.toLowerCase() === studentName.toLowerCase())?.code ?? e2e.cls.joinCode,
		answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
	});
	return res;
}

/** Counts the page's navigations from now on, and marks its document: a reload would lose the mark. */
async function watchForReloads(page: Page): Promise<() => Promise<{ navigations: number; sameDocument: boolean }>> {
	let navigations = 0;
	page.on("framenavigated", (frame) => {
		if (frame === page.mainFrame()) navigations++;
	});
	await page.evaluate(() => {
		document.documentElement.dataset.e2eMark = "kept";
	});
	return async () => ({
		navigations,
		sameDocument: await page.evaluate(() => document.documentElement.dataset.e2eMark === "kept"),
	});
}

const cell = (page: Page, rosterId: string) => page.locator(`#roster-table tr[data-id="${rosterId}"] td`).first();

describe("the live class pages in Chromium", () => {
	it("shows a roster student go from Not started to Submitted without a reload, announced politely, with zero axe violations", async () => {
		const { page } = await phone();
		await signIn(page);
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/status`);
		const ada = roster.find((s) => s.name === "Ada Lovelace");
		if (!ada) throw new Error("Ada is not on the roster");
		await expect.poll(() => cell(page, ada.id).textContent()).toBe("Not started");
		expect(await page.locator(".counts [data-part=headline]").textContent()).toBe("0 of 3 submitted");
		// The script has started: it says the page updates itself.
		await page.locator("#live-note").waitFor({ state: "visible" });
		expect(describeViolations(await runAxe(page))).toBe("");
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

		const reloads = await watchForReloads(page);
		expect((await submit("ada lovelace")).status).toBe(201);
		await page.waitForSelector(`#roster-table tr[data-id="${ada.id}"] td[data-state="submitted"]`, { timeout: LIVE_MS });
		expect(await cell(page, ada.id).textContent()).toBe("Submitted");
		expect(await page.locator(".counts [data-part=headline]").textContent()).toBe("1 of 3 submitted");
		expect(await page.locator("#live-announce").textContent()).toBe(`Ada Lovelace submitted North Korea diplomacy (2017).`);
		expect(await page.locator("#live-announce").getAttribute("aria-live")).toBe("polite");
		expect(await reloads()).toEqual({ navigations: 0, sameDocument: true });

		// A student who submitted and then left the roster appears in the second table, still without a reload.
		const added = await api<{ students: { id: string; name: string; code: string }[] }>(
			`/api/teacher/classes/${e2e.cls.id}/roster/students`,
			e2e.teacher.token,
			{ students: [{ name: "Zed Walker" }] },
		);
		const zed = added.students.find((s) => s.name === "Zed Walker");
		if (!zed) throw new Error("Zed was not added");
		expect((await submit("Zed Walker", zed.code)).status).toBe(201);
		const removed = await fetch(`${e2e.server.url}/api/teacher/classes/${e2e.cls.id}/roster/students/${zed.id}`, {
			method: "DELETE",
			headers: { Authorization: `Bearer ${e2e.teacher.token}` },
		});
		expect(removed.ok).toBe(true);
		await page.getByRole("rowheader", { name: "Zed Walker" }).waitFor({ timeout: LIVE_MS });
		expect(await page.locator("#others-wrap").isVisible()).toBe(true);
		expect(await reloads()).toEqual({ navigations: 0, sameDocument: true });
		expect(describeViolations(await runAxe(page))).toBe("");
		await page.screenshot({ path: path.join(SCREENSHOTS, "status.png"), fullPage: true });
	});

	it("projects the join code, its QR code and the live counts, with no names and zero axe violations", async () => {
		const context = await e2e.context({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
		const page = await context.newPage();
		await signIn(page);
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/present`);
		expect(await page.locator(".present-code").textContent()).toBe(e2e.cls.joinCode);
		expect(await page.getByRole("img", { name: "QR code of the join link" }).count()).toBe(1);
		// Ada (on the roster) and Zed (not) have submitted.
		expect(await page.locator("#present-counts").textContent()).toBe("2 joined · 2 submitted");
		const text = (await page.locator("main").textContent()) ?? "";
		for (const name of ["Ada", "Bo Diddley", "Cy Twombly", "Zed"]) expect(text).not.toContain(name);
		// Big enough to read from the back of a room: the code's type is several times the body's.
		const sizes = await page.evaluate(() => ({
			code: Number.parseFloat(getComputedStyle(document.querySelector(".present-code") as Element).fontSize),
			body: Number.parseFloat(getComputedStyle(document.body).fontSize),
		}));
		expect(sizes.code).toBeGreaterThanOrEqual(sizes.body * 8);
		await page.locator("#fullscreen").waitFor({ state: "visible" });
		expect(describeViolations(await runAxe(page))).toBe("");

		const reloads = await watchForReloads(page);
		expect((await submit("Bo Diddley")).status).toBe(201);
		await expect
			.poll(() => page.locator("#present-counts").textContent(), { timeout: LIVE_MS, interval: 500 })
			.toBe("3 joined · 3 submitted");
		expect(await reloads()).toEqual({ navigations: 0, sameDocument: true });
		expect(describeViolations(await runAxe(page))).toBe("");
		await page.screenshot({ path: path.join(SCREENSHOTS, "present.png") });

		// The same view on a phone (the teacher's own, say): nothing wider than the screen, still zero violations.
		const { context: mobile, page: small } = await phone();
		await mobile.addCookies(await context.cookies());
		await small.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/present`);
		expect(await small.locator("#present-counts").textContent()).toBe("3 joined · 3 submitted");
		expect(await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(describeViolations(await runAxe(small))).toBe("");
	});

	it("once the teacher closes the class, a second student is refused before they can answer", async () => {
		const closed = await fetch(`${e2e.server.url}/api/teacher/classes/${e2e.cls.id}`, {
			method: "PATCH",
			headers: { Authorization: `Bearer ${e2e.teacher.token}`, "Content-Type": "application/json" },
			body: JSON.stringify({ closesAt: new Date(Date.now() - 1000).toISOString() }),
		});
		expect(closed.status).toBe(200);
		const cy = roster.find((s) => s.name === "Cy Twombly");
		if (!cy) throw new Error("Cy is not on the roster");
		// The class's link says so at once, before anything is typed.
		const { page } = await phone();
		await page.goto(`${e2e.server.url}/join/${e2e.cls.joinCode}`);
		expect(await page.locator("main").textContent()).toMatch(/This class has closed/);
		// Typing a personal code into the join form is refused on the join page itself, before any question.
		await page.goto(`${e2e.server.url}/join`);
		await page.locator("#classCode").fill(cy.code);
		await Promise.all([page.waitForLoadState("load"), page.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap()]);
		await page.waitForSelector("#classCode[aria-invalid=true]");
		expect(new URL(page.url()).pathname).toBe("/join");
		expect(await page.locator("fieldset[data-q]").count()).toBe(0);
		expect(await page.locator("main").textContent()).toMatch(/This class has closed/);
		expect((await submit("Cy Twombly")).status).toBe(403);
	});
});
