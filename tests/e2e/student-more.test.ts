/**
 * The student pages end to end, continued: the blank-question check with and without JavaScript,
 * the result page's summary and wrong-only view, the layout on a small phone, and the results kept
 * on this device. Each scenario runs on a 390×844 phone and on a 320×568 one; every "exactly one
 * attempt" is counted in D1 itself. (Back and forward: student-back; reading aids: student-reading;
 * offline: student-offline.)
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "./harness";
import {
	answer,
	attemptIdOn,
	attemptsWithId,
	checkedValues,
	expectNoAxeViolations,
	expectOneAttempt,
	join,
	PHONES,
	pick,
	QUESTIONS,
	QUIZ_ID,
	QUIZ_TITLE,
	TOTAL,
} from "./student-steps";

const e2e = useE2E();
const { phone } = e2e;

/** Taps what posts a form (no script on the page) and waits for the page that answers. */
async function tapAndLoad(page: Page, target: ReturnType<Page["locator"]>): Promise<void> {
	await Promise.all([page.waitForEvent("load"), target.tap()]);
}

/** WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
	const lum = (css: string) => {
		const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

describe.each(PHONES)("a student on a $name phone", ({ name: size, viewport }) => {
	it("warns before submitting blank questions, lists them as links, and submits only when asked: one attempt", async () => {
		const { page } = await phone({ viewport });
		const student = `Blank Ben ${size}`;
		await join(page, e2e.server, student);
		await answer(page, 0);
		await answer(page, 1);
		await expect.poll(() => page.$$eval(".qmap a.done", (links) => links.map((a) => a.getAttribute("href")))).toEqual(["#q1", "#q2"]);
		const attemptId = await attemptIdOn(page);

		await page.locator("button[type=submit]").tap();
		await expect.poll(() => page.textContent("#blank-check-title")).toBe(`${TOTAL - 2} of ${TOTAL} questions have no answer yet.`);
		expect(await page.$$eval("#blank-check .blank-list a", (links) => links.map((a) => a.getAttribute("href")))).toEqual(
			QUESTIONS.slice(2).map((_, i) => `#q${i + 3}`),
		);
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("blank-check");
		await expectNoAxeViolations(page, "the blank-question check");
		expect(attemptsWithId(e2e.server, attemptId)).toBe(0);

		// "Go back": the first blank question, the list gone; answering updates the map.
		await page.locator("#blank-check button", { hasText: "Go back to the questions" }).tap();
		expect(await page.isVisible("#blank-check")).toBe(false);
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest("fieldset")?.id)).toBe("q3");
		for (let i = 2; i < TOTAL; i++) await answer(page, i);
		await expect.poll(() => page.textContent("#progress")).toBe(`${TOTAL} of ${TOTAL} answered`);
		expect(await page.$$eval(".qmap a.done", (links) => links.length)).toBe(TOTAL);

		await page.locator("button[type=submit]").tap();
		await page.waitForURL(`**/result/${attemptId}`);
		expectOneAttempt(e2e.server, attemptId, student);
	});

	it("without JavaScript, asks on a page of its own before storing blank questions; Go back keeps every answer; one attempt", async () => {
		const { page } = await phone({ viewport, javaScriptEnabled: false });
		const student = `NoScript Noor ${size}`;
		await join(page, e2e.server, student);
		await answer(page, 0);
		await pick(page, 3, ["more-sanctions", "test-missiles"]);
		const attemptId = await attemptIdOn(page);
		await tapAndLoad(page, page.locator("button[type=submit]"));
		expect(await page.textContent("h1")).toBe("Submit with blank questions?");
		expect(await page.textContent("main .big")).toBe(`${TOTAL - 2} of ${TOTAL} questions have no answer yet.`);
		expect(await page.locator(".blank-list button").count()).toBe(TOTAL - 2);
		// axe needs script in the page: the same markup, in a phone of the same size that runs it.
		const { page: checker } = await phone({ viewport });
		await checker.goto(`${e2e.server.url}/`);
		await checker.setContent(await page.content(), { waitUntil: "load" });
		expect(await checker.textContent("h1")).toBe("Submit with blank questions?");
		await expectNoAxeViolations(checker, "the no-JS blank-question page");
		expect(attemptsWithId(e2e.server, attemptId)).toBe(0);

		await tapAndLoad(page, page.locator("button", { hasText: "Go back to the questions" }));
		expect(await attemptIdOn(page)).toBe(attemptId);
		expect(await checkedValues(page)).toEqual(["more-sanctions", "pashin", "test-missiles"]);

		// A blank question's own button leads to it.
		await tapAndLoad(page, page.locator("button[type=submit]"));
		await tapAndLoad(page, page.locator(".blank-list button").filter({ has: page.locator(".qn-inline", { hasText: /^Question 2$/ }) }));
		expect(new URL(page.url()).hash).toBe("#q2");
		await answer(page, 1);

		await tapAndLoad(page, page.locator("button[type=submit]"));
		expect(await page.textContent("main .big")).toBe(`${TOTAL - 3} of ${TOTAL} questions have no answer yet.`);
		await page.locator("button", { hasText: "Submit anyway" }).tap();
		await page.waitForURL(`**/result/${attemptId}`);
		await expect.poll(() => page.textContent(".score .big")).toContain(`${student}, you scored`);
		expect(await page.locator(".grid a.right").count()).toBe(3);
		expectOneAttempt(e2e.server, attemptId, student);
	});

	it("sums the result up: score, a grid of questions right or wrong, folded details, only the wrong ones; then lists it on this device", async () => {
		const { page } = await phone({ viewport });
		const student = `Result Rae ${size}`;
		await join(page, e2e.server, student);
		for (let i = 0; i < TOTAL; i++) if (i !== 2 && i !== 6) await answer(page, i);
		await pick(page, 2, ["chinese-waters"]);
		await pick(page, 6, ["un"]);
		const attemptId = await attemptIdOn(page);
		await page.locator("button[type=submit]").tap();
		await page.waitForURL(`**/result/${attemptId}`);

		expect(await page.locator(".grid a").count()).toBe(TOTAL);
		expect(await page.$$eval(".grid a.wrong", (links) => links.map((a) => a.getAttribute("href")))).toEqual(["#r3", "#r7"]);
		expect(await page.locator("#r3 details").getAttribute("open")).toBeNull();
		await page.locator('.grid a[href="#r7"]').tap();
		await expect.poll(() => page.locator("#r7 details").getAttribute("open")).toBe("");
		expect(await page.locator("#r7 mark").isVisible()).toBe(true);
		await expectNoAxeViolations(page, "the result page");

		await page.locator("a", { hasText: "Show only the questions I got wrong" }).tap();
		await page.waitForURL(`**/result/${attemptId}?only=wrong`);
		expect(await page.$$eval(".results > li", (items) => items.map((li) => li.id))).toEqual(["r3", "r7"]);
		expect(await page.locator("#r3 mark").isVisible()).toBe(true);
		await expectNoAxeViolations(page, "the wrong-only result page");
		await page.locator("a", { hasText: "Show every question" }).tap();
		await page.waitForURL(`**/result/${attemptId}`);
		expect(await page.locator(".results > li").count()).toBe(TOTAL);

		// My results on this device: the join page lists it, from this phone's storage only.
		const sent: string[] = [];
		page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));
		await page.goto(`${e2e.server.url}/`);
		await expect.poll(() => page.isVisible("#my-results")).toBe(true);
		const link = page.locator("#my-results a").first();
		expect(await link.textContent()).toBe(QUIZ_TITLE);
		expect(await link.getAttribute("href")).toBe(`/result/${attemptId}`);
		expect(await page.locator("#my-results time").first().getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(await page.locator("#my-results li").first().textContent()).toContain(` · ${student} · `);
		expect(sent.filter((s) => s.includes("my-results") || s.includes(attemptId))).toEqual([]);
		await expectNoAxeViolations(page, "the join page with my results");
		await link.tap();
		await page.waitForURL(`**/result/${attemptId}`);
	});
});

describe("layout on a 320×568 phone", () => {
	it("keeps the header within 12% of the height, no text under the bottom bar, and the selected state clear in light and dark", async () => {
		for (const colorScheme of ["light", "dark"] as const) {
			const { page } = await phone({ viewport: { width: 320, height: 568 }, colorScheme });
			await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
			// Nothing wider than the phone: the page is not zoomed out.
			expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])).toEqual([320, 320]);
			const header = await page.locator("header.bar").boundingBox();
			expect(header?.height ?? 999, colorScheme).toBeLessThanOrEqual(568 * 0.12);

			// The article's bottom bar touches the bottom of its panel: what is right under its lower edge is the bar.
			const below = await page.evaluate(() => {
				const panel = document.getElementById("article") as HTMLElement;
				const r = panel.getBoundingClientRect();
				const el = document.elementFromPoint(r.left + r.width / 2, r.bottom - 2);
				return el?.closest(".return") !== null;
			});
			expect(below, colorScheme).toBe(true);

			await page.locator('a[data-panel="questions"]').tap();
			await pick(page, 0, ["pashin"]);
			const colours = await page.evaluate(() => {
				const picked = document.querySelector(".choice:has(:checked)") as HTMLElement;
				const other = document.querySelector(".choice:not(:has(:checked))") as HTMLElement;
				return {
					picked: getComputedStyle(picked).borderTopColor,
					pickedWidth: getComputedStyle(picked).boxShadow,
					other: getComputedStyle(other).backgroundColor,
					page: getComputedStyle(document.body).backgroundColor,
				};
			});
			expect(contrast(colours.picked, colours.page), `${colorScheme} ${JSON.stringify(colours)}`).toBeGreaterThanOrEqual(3);
			expect(colours.pickedWidth).toContain("inset");

			// Hints are said once: a prompt that says "Select all that apply." gets no hint repeating it.
			const repeated = await page.$$eval(
				"fieldset[data-q]",
				(sets) =>
					sets.filter((fs) => {
						const hint = fs.querySelector(".hint")?.textContent ?? "";
						return hint !== "" && (fs.querySelector("legend")?.textContent ?? "").includes(hint.replace(/ \(.*$/, ""));
					}).length,
			);
			expect(repeated).toBe(0);
			expect(await page.textContent(".article")).not.toContain("Unattributed");
			await expectNoAxeViolations(page, `quiz page at 320×568, ${colorScheme}`);
		}
	});
});
