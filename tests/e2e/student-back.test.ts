/**
 * The Back button, end to end, on a 390×844 and a 320×568 phone: the very case (Q1 "Vitaly
 * Pashin", Q3 "Japanese waters", submit, Back), forward again, "Try this quiz again", away and Back
 * mid-quiz, the same without JavaScript, a page restored from the back/forward cache after its
 * submission, and the copy of the quiz kept for offline use after a submission. The rule: whatever
 * the browser restores, the page shows exactly this attempt's saved answers and nothing else; after
 * a submission, Back shows a new attempt with a link to the result just stored. Every "exactly one
 * attempt" is counted in D1.
 */
import { describe, expect, it } from "vitest";
import { submitThroughApi, useE2E } from "./harness";
import {
	answer,
	answerAllAndSubmit,
	attemptIdOn,
	attemptsOf,
	attemptsWithId,
	checkedValues,
	DRAFT_KEY,
	expectNoAxeViolations,
	expectOneAttempt,
	join,
	kept,
	PHONES,
	pick,
	progressOf,
	QUESTIONS,
	QUIZ_ID,
	renderedAttemptId,
	savedDraft,
	TOTAL,
} from "./student-steps";

const e2e = useE2E();
const { phone } = e2e;

describe.each(PHONES)("Back on a $name phone", ({ name: size, viewport }) => {
	it("after submitting: a new attempt with a link to the result, never the boxes the browser put back; forward; “Try this quiz again”", async () => {
		const { page } = await phone({ viewport });
		const student = `Back Bea ${size}`;
		await join(page, e2e.server, student);
		await pick(page, 0, ["pashin"]);
		await pick(page, 2, ["japanese-waters"]);
		await expect.poll(() => progressOf(page)).toBe(`2 of ${TOTAL} answered`);
		expect(await page.$$eval(".qmap a.done", (links) => links.map((a) => a.getAttribute("href")))).toEqual(["#q1", "#q3"]);
		const attemptId = await attemptIdOn(page);

		// 18 blank: the warning says so, lists them, and only "Submit anyway" sends.
		await page.locator("button[type=submit]").tap();
		await expect.poll(() => page.textContent("#blank-check-title")).toBe(`${TOTAL - 2} of ${TOTAL} questions have no answer yet.`);
		expect(await page.locator("#blank-check .blank-list a").count()).toBe(TOTAL - 2);
		expect(attemptsWithId(e2e.server, attemptId)).toBe(0);
		await page.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await page.waitForURL(`**/result/${attemptId}`);

		await page.goBack();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual([]);
		expect(await page.$$eval(".qmap a.done", (links) => links.length)).toBe(0);
		expect(await attemptIdOn(page)).not.toBe(attemptId);
		// What a student expects: it was sent; here is a new attempt, and the way to the result.
		await expect.poll(() => page.isVisible(".notice")).toBe(true);
		expect(await page.textContent(".notice")).toMatch(
			/^You submitted this quiz on .+\. See that result\. Answers you give here are a new attempt\.$/,
		);
		expect(await page.getAttribute(".notice a", "href")).toBe(`/result/${attemptId}`);
		await expectNoAxeViolations(page, "the quiz after Back");

		// Leaving saves nothing the student did not do.
		await page.goForward();
		await page.waitForURL(`**/result/${attemptId}`);
		expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
		await expect.poll(() => page.textContent(".score .big")).toContain(`${student}, you scored`);

		await page.locator("a.button", { hasText: "Try this quiz again" }).tap();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual([]);
		expect(await page.$$eval(".qmap a.done", (links) => links.length)).toBe(0);
		const again = await attemptIdOn(page);
		expect(again).not.toBe(attemptId);

		// Mid-quiz, away and Back: this attempt's answers, in its order, and nothing else.
		await pick(page, 3, ["cut-oil", "more-sanctions"]);
		await pick(page, 5, ["true"]);
		const before = await checkedValues(page);
		const order = await page.$$eval("fieldset[data-q] .choice input", (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		await page.goto(`${e2e.server.url}/`);
		await page.goBack();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => progressOf(page)).toBe(`2 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual(before);
		expect(await attemptIdOn(page)).toBe(again);
		expect(await page.$$eval("fieldset[data-q] .choice input", (inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(
			order,
		);
		expect(Object.keys((await savedDraft(page))?.answers ?? {}).sort()).toEqual([QUESTIONS[3]?.id, QUESTIONS[5]?.id].sort());
		expectOneAttempt(e2e.server, attemptId, student);
	});

	it("without JavaScript: Back after submitting shows an empty form with a new attempt id; nothing is filled in by position", async () => {
		const { page } = await phone({ viewport, javaScriptEnabled: false });
		const student = `NoScript Nell ${size}`;
		await join(page, e2e.server, student);
		const attemptId = await answerAllAndSubmit(page);

		await page.goBack();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		expect(await checkedValues(page)).toEqual([]);
		expect(
			await page.$$eval("fieldset[data-q] input[type=text]", (inputs) => inputs.map((i) => (i as HTMLInputElement).value).join("")),
		).toBe("");
		expect(await attemptIdOn(page)).not.toBe(attemptId);
		expectOneAttempt(e2e.server, attemptId, student);
	});
});

describe("a page restored from the back/forward cache", () => {
	// Chromium keeps no page sent with no-store in that cache, Safari may: the page's own pageshow handler is what holds the line.
	it("reloads when its attempt was submitted, and shows the saved draft again when it was not", async () => {
		const { page } = await phone();
		await join(page, e2e.server, "Cached Cal");
		await pick(page, 0, ["pashin"]);
		await expect.poll(() => progressOf(page)).toBe(`1 of ${TOTAL} answered`);
		const attemptId = await attemptIdOn(page);
		// The browser puts back a box by position (the bug): the page shows the draft again.
		await page.evaluate(() => {
			for (const input of document.querySelectorAll<HTMLInputElement>("fieldset[data-q] input[type=radio]")) input.checked = true;
			window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
		});
		expect(await checkedValues(page)).toEqual(["pashin"]);
		expect(await progressOf(page)).toBe(`1 of ${TOTAL} answered`);

		// The same attempt stored meanwhile (another tab of this phone): restored from the cache, the page starts afresh.
		const sent = await page.evaluate(async (id) => {
			const form = document.getElementById("quiz") as HTMLFormElement;
			const data = new FormData(form);
			const body = {
				attemptId: id,
				quizId: form.dataset.quizId,
				quizVersion: form.dataset.quizVersion,
				studentName: data.get("studentName"),
				answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
			};
			const res = await fetch("/api/attempts", {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify(body),
			});
			localStorage.setItem(
				"quizline:results",
				JSON.stringify([{ attemptId: id, quizId: form.dataset.quizId, at: Date.now(), confirmed: true }]),
			);
			return res.status;
		}, attemptId);
		expect(sent).toBe(201);
		await Promise.all([
			page.waitForEvent("load"),
			page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }))),
		]);
		await expect.poll(() => progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		expect(await attemptIdOn(page)).not.toBe(attemptId);
		expect(await renderedAttemptId(page)).toBe(await attemptIdOn(page));
		expect(attemptsWithId(e2e.server, attemptId)).toBe(1);
	});
});

describe("two tabs of one quiz", () => {
	it("show the same saved answers; submitted in one, the other starts a new attempt with a link to the result", async () => {
		const { context, page: a } = await phone();
		const student = "Tabby Tam";
		await join(a, e2e.server, student);
		await pick(a, 0, ["pashin"]);
		const attemptId = await attemptIdOn(a);
		const b = await context.newPage();
		await b.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => progressOf(b)).toBe(`1 of ${TOTAL} answered`);
		expect(await attemptIdOn(b)).toBe(attemptId);
		await pick(b, 2, ["japanese-waters"]);
		await expect.poll(() => checkedValues(a)).toEqual(["japanese-waters", "pashin"]);
		expect(await progressOf(a)).toBe(`2 of ${TOTAL} answered`);

		await b.locator("button[type=submit]").tap();
		await b.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await b.waitForURL(`**/result/${attemptId}`);
		await expect.poll(() => progressOf(a)).toBe(`0 of ${TOTAL} answered`);
		expect(await checkedValues(a)).toEqual([]);
		expect(await attemptIdOn(a)).not.toBe(attemptId);
		expect(await a.getAttribute(".notice a", "href")).toBe(`/result/${attemptId}`);
		expect(attemptsOf(e2e.server, student)).toBe(1);
	});
});

describe("my results on this device", () => {
	it("notes a result when its page is shown, and lists it on the join page with nothing sent to the server", async () => {
		const { res: posted, attemptId } = await submitThroughApi(e2e.server, {
			quizId: QUIZ_ID,
			studentName: "Shown Shay",
			answers: [{ questionId: "q-third-party", choiceIds: ["xi"] }],
		});
		expect(posted.status).toBe(201);
		const { page } = await phone({ viewport: { width: 320, height: 568 } });
		await page.goto(`${e2e.server.url}/result/${attemptId}`);
		await expect.poll(() => page.textContent(".score .big")).toContain("Shown Shay, you scored");
		const sent: string[] = [];
		page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));
		await page.goto(`${e2e.server.url}/`);
		await expect.poll(() => page.getAttribute("#my-results li a", "href")).toBe(`/result/${attemptId}`);
		expect(await page.textContent("#my-results li a")).toBe("North Korea diplomacy (2017)");
		expect(await page.textContent("#my-results li")).toContain(" · Shown Shay · ");
		expect(sent.filter((s) => s.includes(attemptId) || s.includes("Shown"))).toEqual([]);
		await expectNoAxeViolations(page, "the join page with a result on this device");
	});
});

describe("the copy kept for offline use after a submission", () => {
	it("carries a new attempt id, so that answering it offline is a new attempt, sent once", async () => {
		const { context, page } = await phone({ viewport: { width: 320, height: 568 } });
		const student = "Copy Cleo";
		await join(page, e2e.server, student);
		await kept(page);
		const first = await answerAllAndSubmit(page);
		// The worker fetched the quiz afresh: the copy it keeps no longer carries the id just stored.
		const keptId = () =>
			page.evaluate(async (path) => {
				const html = await (await caches.match(path))?.text();
				return /name="attemptId" value="([^"]+)"/.exec(html ?? "")?.[1] ?? null;
			}, `/quiz/${QUIZ_ID}`);
		await expect.poll(keptId).not.toBe(first);
		expect(await keptId()).not.toBeNull();

		await context.setOffline(true);
		await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => progressOf(page)).toBe(`0 of ${TOTAL} answered`);
		const second = await attemptIdOn(page);
		expect(second).not.toBe(first);
		expect(await page.getAttribute(".notice a", "href")).toBe(`/result/${first}`);
		await answer(page, 0);
		await page.locator("button[type=submit]").tap();
		await page.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await expect.poll(() => page.textContent("#status")).toContain("You are offline");
		await context.setOffline(false);
		await page.waitForURL(`**/result/${second}`, { timeout: 30_000 });
		expect(attemptsWithId(e2e.server, first)).toBe(1);
		expect(attemptsWithId(e2e.server, second)).toBe(1);
		expect(attemptsOf(e2e.server, student)).toBe(2);
	});
});
