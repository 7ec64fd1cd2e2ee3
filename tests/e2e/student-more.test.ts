/**
 * The student pages end to end, continued: Back and forward after submitting, the blank-question
 * check with and without JavaScript, the result page's summary and wrong-only view, the layout on
 * a small phone, and the results kept on this device. Each scenario runs on a 390×844 phone and on
 * a 320×568 one; every "exactly one attempt" is counted in D1 itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import articleFile from "../../quiz-data/articles/nk-diplomacy-2017.json";
import quizFile from "../../quiz-data/quizzes/nk-diplomacy-2017.json";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, describeViolations, launchBrowser, PHONE, runAxe } from "../../scripts/lib/browser";
import { d1Query } from "../../scripts/lib/d1";
import { type LocalServer, startLocalServer } from "../../scripts/lib/local-server";
import { phone as phoneIn, stopAll } from "./harness";

const QUIZ_ID = quizFile.id;
const QUESTIONS = quizFile.questions;
const TOTAL = QUESTIONS.length;
const STORAGE_KEY = `quizline:${QUIZ_ID}`;

const PHONES = [
	{ name: "390×844", viewport: { width: 390, height: 844 } },
	{ name: "320×568", viewport: { width: 320, height: 568 } },
] as const;

let server: LocalServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	server = await startLocalServer();
	browser = await launchBrowser();
});

afterAll(() => stopAll(server, browser, contexts));

const phone = (options: BrowserContextOptions = {}) => phoneIn(browser, contexts, options);

function attemptsWithId(id: string): number {
	const [row] = d1Query<{ n: number }>(server.persistDir, `SELECT COUNT(*) AS n FROM attempts WHERE id = '${id.replace(/'/g, "")}'`);
	return row?.n ?? -1;
}
function attemptsOf(name: string): number {
	const [row] = d1Query<{ n: number }>(
		server.persistDir,
		`SELECT COUNT(*) AS n FROM attempts WHERE student_name = '${name.replace(/'/g, "''")}'`,
	);
	return row?.n ?? -1;
}

async function join(page: Page, name: string): Promise<void> {
	await page.goto(`${server.url}/`);
	await page.fill("#studentName", name);
	await page.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
	await page.waitForURL(`**/quiz/${QUIZ_ID}`);
}

/** Picks these choices of question i (0-based) by tapping them. */
async function pick(page: Page, i: number, choiceIds: readonly string[]): Promise<void> {
	const fieldset = page.locator(`fieldset[data-q="${QUESTIONS[i]?.id}"]`);
	for (const id of choiceIds) await fieldset.locator(`label.choice:has(input[value="${id}"])`).tap();
}

/** Answers question i (0-based) correctly. */
async function answer(page: Page, i: number): Promise<void> {
	const q = QUESTIONS[i];
	if (!q) throw new Error(`no question ${i}`);
	if ("accepted" in q.answer) {
		const input = page.locator(`fieldset[data-q="${q.id}"] input[type=text]`);
		await input.tap();
		await input.fill(q.answer.accepted[0] as string);
		return;
	}
	await pick(page, i, q.answer.choiceIds);
}

/** Taps what posts a form (no script on the page) and waits for the page that answers. */
async function tapAndLoad(page: Page, target: ReturnType<Page["locator"]>): Promise<void> {
	await Promise.all([page.waitForEvent("load"), target.tap()]);
}

const checkedValues = (page: Page) =>
	page.$$eval("form#quiz input:checked", (inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
const attemptIdOn = (page: Page) => page.inputValue("input[name=attemptId]");
const savedDraft = (page: Page) =>
	page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null") as { answers: Record<string, unknown> } | null, STORAGE_KEY);

async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
	const violations = await runAxe(page);
	expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
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
	it("sees exactly the saved answers after Back, forward and “Try this quiz again”, never the boxes the browser put back", async () => {
		const { page } = await phone({ viewport });
		const student = `Back Bo ${size}`;
		await join(page, student);
		// The answers, and what a page that (wrongly) restored by position would show instead.
		await pick(page, 0, ["pashin"]);
		await pick(page, 2, ["japanese-waters"]);
		await expect.poll(() => page.textContent("#progress")).toBe(`2 of ${TOTAL} answered`);
		const attemptId = await attemptIdOn(page);
		await page.locator("button[type=submit]").tap();
		await page.locator("#blank-check button", { hasText: "Submit anyway" }).tap();
		await page.waitForURL(`**/result/${attemptId}`);

		await page.goBack();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => page.textContent("#progress")).toBe(`0 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual([]);
		expect(await attemptIdOn(page)).not.toBe(attemptId);
		// Leaving the page saves nothing the student did not do.
		await page.goForward();
		await page.waitForURL(`**/result/${attemptId}`);
		expect(await savedDraft(page)).toBeNull();

		await page.locator("a.button", { hasText: "Try this quiz again" }).tap();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => page.textContent("#progress")).toBe(`0 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual([]);
		expect(await page.$$eval(".qmap a.done", (links) => links.length)).toBe(0);

		// Mid-quiz, away and Back: the draft's answers, in the draft's order, and nothing else.
		await pick(page, 3, ["cut-oil", "more-sanctions"]);
		await pick(page, 5, ["true"]);
		const before = await checkedValues(page);
		await page.goto(`${server.url}/`);
		await page.goBack();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		await page.waitForLoadState("load");
		await expect.poll(() => page.textContent("#progress")).toBe(`2 of ${TOTAL} answered`);
		expect(await checkedValues(page)).toEqual(before);
		expect(Object.keys((await savedDraft(page))?.answers ?? {}).sort()).toEqual([QUESTIONS[3]?.id, QUESTIONS[5]?.id].sort());
		expect(attemptsWithId(attemptId)).toBe(1);
		expect(attemptsOf(student)).toBe(1);
	});

	it("warns before submitting blank questions, lists them as links, and submits only when asked: one attempt", async () => {
		const { page } = await phone({ viewport });
		const student = `Blank Ben ${size}`;
		await join(page, student);
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
		expect(attemptsWithId(attemptId)).toBe(0);

		// "Go back": the first blank question, the list gone; answering updates the map.
		await page.locator("#blank-check button", { hasText: "Go back to the questions" }).tap();
		expect(await page.isVisible("#blank-check")).toBe(false);
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest("fieldset")?.id)).toBe("q3");
		for (let i = 2; i < TOTAL; i++) await answer(page, i);
		await expect.poll(() => page.textContent("#progress")).toBe(`${TOTAL} of ${TOTAL} answered`);
		expect(await page.$$eval(".qmap a.done", (links) => links.length)).toBe(TOTAL);

		await page.locator("button[type=submit]").tap();
		await page.waitForURL(`**/result/${attemptId}`);
		expect(attemptsWithId(attemptId)).toBe(1);
		expect(attemptsOf(student)).toBe(1);
	});

	it("without JavaScript, asks on a page of its own before storing blank questions; Go back keeps every answer; one attempt", async () => {
		const { page } = await phone({ viewport, javaScriptEnabled: false });
		const student = `NoScript Noor ${size}`;
		await join(page, student);
		await answer(page, 0);
		await pick(page, 3, ["more-sanctions", "test-missiles"]);
		const attemptId = await attemptIdOn(page);
		await tapAndLoad(page, page.locator("button[type=submit]"));
		expect(await page.textContent("h1")).toBe("Submit with blank questions?");
		expect(await page.textContent("main .big")).toBe(`${TOTAL - 2} of ${TOTAL} questions have no answer yet.`);
		expect(await page.locator(".blank-list button").count()).toBe(TOTAL - 2);
		// axe needs script in the page: the same markup, in a phone of the same size that runs it.
		const { page: checker } = await phone({ viewport });
		await checker.goto(`${server.url}/`);
		await checker.setContent(await page.content(), { waitUntil: "load" });
		expect(await checker.textContent("h1")).toBe("Submit with blank questions?");
		await expectNoAxeViolations(checker, "the no-JS blank-question page");
		expect(attemptsWithId(attemptId)).toBe(0);

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
		expect(attemptsWithId(attemptId)).toBe(1);
		expect(attemptsOf(student)).toBe(1);
	});

	it("sums the result up: score, a grid of questions right or wrong, folded details, only the wrong ones; then lists it on this device", async () => {
		const { page } = await phone({ viewport });
		const student = `Result Rae ${size}`;
		await join(page, student);
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
		await page.goto(`${server.url}/`);
		await expect.poll(() => page.isVisible("#my-results")).toBe(true);
		const link = page.locator("#my-results a").first();
		expect(await link.textContent()).toBe(quizFile.title);
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
			await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
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

/** Speech observed, not heard: the page's speechSynthesis records what it is asked to say; `__end()` finishes the current sentence. */
const FAKE_SPEECH = `(() => {
	const voices = window.__voices === undefined ? [{ name: "Test voice", lang: "en-GB", default: true, localService: true, voiceURI: "test" }] : [];
	const spoken = [];
	let current = null;
	const synth = window.speechSynthesis || new EventTarget();
	const define = (name, value) => Object.defineProperty(synth, name, { value, configurable: true });
	define("getVoices", () => voices);
	define("speak", (u) => { spoken.push(u.text); current = u; });
	define("cancel", () => { current = null; });
	define("pause", () => spoken.push("(paused)"));
	define("resume", () => spoken.push("(resumed)"));
	if (!window.speechSynthesis) Object.defineProperty(window, "speechSynthesis", { value: synth });
	if (!window.SpeechSynthesisUtterance) window.SpeechSynthesisUtterance = class extends EventTarget { constructor(text) { super(); this.text = text; } };
	window.__spoken = spoken;
	window.__end = () => { const u = current; current = null; if (u) u.dispatchEvent(new Event("end")); };
})();`;

describe("reading aids", () => {
	const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.slice());
	const endSentence = (page: Page) => page.evaluate(() => (window as unknown as { __end: () => void }).__end());

	it("reads the article, a paragraph and a question with its choices aloud, marking what is read, with play and pause", async () => {
		const { context, page } = await phone({ viewport: { width: 320, height: 568 } });
		await context.addInitScript(FAKE_SPEECH);
		await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
		const read = page.locator('[data-aid="read"]');
		await expect.poll(() => read.isVisible()).toBe(true);
		const title = (await page.textContent("#article-title")) ?? "";

		await read.tap();
		expect(await read.getAttribute("aria-pressed")).toBe("true");
		expect(await spoken(page)).toEqual([title]);
		await endSentence(page);
		const firstSentence = (await spoken(page))[1] ?? "";
		expect(firstSentence.length).toBeGreaterThan(10);
		expect(((await page.textContent("#p1")) ?? "").startsWith(firstSentence)).toBe(true);
		expect(firstSentence).toMatch(/[.!?]["”’)]*$/);
		expect((await page.textContent(".reading"))?.trim()).toBe(firstSentence);
		await expectNoAxeViolations(page, "reading the article aloud");

		await read.tap();
		expect(await read.getAttribute("aria-pressed")).toBe("false");
		expect((await spoken(page)).at(-1)).toBe("(paused)");
		await read.tap();
		expect((await spoken(page)).at(-1)).toBe("(resumed)");

		// One paragraph: its sentences only, then the toggle is off again.
		const p3 = page.locator("#p3 .say-para");
		expect(await p3.textContent()).toContain("Read paragraph 3 aloud");
		const before = (await spoken(page)).length;
		await p3.tap();
		expect(await read.getAttribute("aria-pressed")).toBe("false");
		const count = await page.locator("#p3 .sentence").count();
		for (let i = 0; i < count; i++) await endSentence(page);
		const said = (await spoken(page)).slice(before);
		expect(said.join(" ")).toBe(articleFile.paragraphs[2]);
		expect(await p3.getAttribute("aria-pressed")).toBe("false");
		expect(await page.locator(".reading").count()).toBe(0);

		// A question: its number and prompt, then each choice as shown.
		await page.locator('a[data-panel="questions"]').tap();
		const q1 = page.locator("#q1 .say-question");
		await q1.tap();
		const from = (await spoken(page)).length - 1;
		const choices = await page.$$eval("#q1 .choice span", (spans) => spans.map((s) => s.textContent ?? ""));
		for (let i = 0; i < choices.length; i++) await endSentence(page);
		expect((await spoken(page)).slice(from)).toEqual([`Question 1 of ${TOTAL} ${QUESTIONS[0]?.prompt}`, ...choices]);
	});

	it("hides read aloud when the browser has no voice", async () => {
		const { context, page } = await phone();
		await context.addInitScript("window.__voices = false;");
		await context.addInitScript(FAKE_SPEECH);
		await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
		await expect.poll(() => page.isVisible("#aids")).toBe(true);
		expect(await page.isVisible('[data-aid="read"]')).toBe(false);
		expect(await page.locator(".say").count()).toBe(0);
	});

	it("remembers the text size and line spacing on this device, across a reload and on the other pages", async () => {
		const { page } = await phone({ viewport: { width: 320, height: 568 } });
		await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
		const size = () => page.$eval("#p1", (p) => Number.parseFloat(getComputedStyle(p).fontSize));
		const leading = () => page.$eval("#p1", (p) => Number.parseFloat(getComputedStyle(p).lineHeight));
		const normal = await size();
		const normalLeading = await leading();
		await page.locator('[data-aid="larger"]').tap();
		await page.locator('[data-aid="larger"]').tap();
		await page.locator('[data-aid="spacing"]').tap();
		expect(await size()).toBeCloseTo(normal * 1.25, 0);
		expect(await page.locator('[data-aid="spacing"]').getAttribute("aria-pressed")).toBe("true");
		await expectNoAxeViolations(page, "larger text and more spacing");

		await page.reload();
		await expect.poll(size).toBeCloseTo(normal * 1.25, 0);
		expect(await leading()).toBeGreaterThan(normalLeading * 1.25);
		expect(await page.locator('[data-aid="spacing"]').getAttribute("aria-pressed")).toBe("true");
		await page.goto(`${server.url}/`);
		await expect.poll(() => page.evaluate(() => document.documentElement.className)).toContain("text-2");

		await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
		for (let i = 0; i < 2; i++) await page.locator('[data-aid="smaller"]').tap();
		expect(await page.locator('[data-aid="smaller"]').isDisabled()).toBe(true);
		expect(await size()).toBeCloseTo(normal, 0);
	});
});

describe("offline first", () => {
	/** A phone whose profile lives on disk, so that closing it and opening it again is a browser restart. */
	const openProfile = (dir: string) =>
		chromium.launchPersistentContext(dir, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_FLAGS,
			headless: true,
			...PHONE,
			viewport: { width: 320, height: 568 },
			reducedMotion: "reduce",
		});
	const servedAttemptId = (page: Page) => page.$eval("input[name=attemptId]", (input) => (input as HTMLInputElement).defaultValue);

	it("opens a quiz seen once again offline, after a reload and after a restart, with the saved answers; online again, one attempt", async () => {
		const dir = mkdtempSync(path.join(tmpdir(), "quizline-profile-"));
		try {
			let context = await openProfile(dir);
			let page = context.pages()[0] ?? (await context.newPage());
			const student = "Offline Oscar";
			await join(page, student);
			await answer(page, 0);
			await answer(page, 1);
			await pick(page, 3, ["more-sanctions", "test-missiles"]);
			await expect.poll(() => page.textContent("#progress")).toBe(`3 of ${TOTAL} answered`);
			const attemptId = await attemptIdOn(page);
			const before = await checkedValues(page);
			// The worker keeps a copy of the page once it is active.
			await expect.poll(() => page.evaluate(async () => Boolean(await caches.match(location.pathname))), { timeout: 20_000 }).toBe(true);

			await context.setOffline(true);
			await page.reload();
			await expect.poll(() => page.textContent("#progress")).toBe(`3 of ${TOTAL} answered`);
			expect(await attemptIdOn(page)).toBe(attemptId);
			expect(await checkedValues(page)).toEqual(before);
			const cachedId = await servedAttemptId(page);
			await context.close();

			// A restart while still offline.
			context = await openProfile(dir);
			await context.setOffline(true);
			// Refused as well: the emulation does not reach a service worker Chromium starts again after a restart, and
			// its Background Sync would send the queued submission while the page is "offline".
			await context.route("**/*", (route) => route.abort("internetdisconnected"));
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${server.url}/quiz/${QUIZ_ID}`);
			await expect.poll(() => page.textContent("#progress")).toBe(`3 of ${TOTAL} answered`);
			// The same copy as before: the server hands out a new id with every page it serves.
			expect(await servedAttemptId(page)).toBe(cachedId);
			expect(await attemptIdOn(page)).toBe(attemptId);
			expect(await checkedValues(page)).toEqual(before);
			await expectNoAxeViolations(page, "the quiz page offline");

			for (let i = 0; i < TOTAL; i++) if (i > 1 && i !== 3) await answer(page, i);
			await page.locator("button[type=submit]").tap();
			await expect.poll(() => page.textContent("#status")).toContain("You are offline");
			expect(attemptsWithId(attemptId)).toBe(0);

			await context.unrouteAll({ behavior: "ignoreErrors" });
			await context.setOffline(false);
			await page.waitForURL(`**/result/${attemptId}`, { timeout: 30_000 });
			expect(attemptsWithId(attemptId)).toBe(1);
			expect(attemptsOf(student)).toBe(1);
			// Results are never kept by the worker.
			expect(await page.evaluate(async () => Boolean(await caches.match(location.pathname)))).toBe(false);
			await context.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("serves the service worker from the site itself, with the security headers, and keeps only quiz pages and static files", async () => {
		const res = await fetch(`${server.url}/sw.js`, { headers: { "Accept-Encoding": "br, gzip" } });
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
		expect(res.headers.get("Cache-Control")).toBe("no-cache");
		expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(res.headers.get("Content-Security-Policy") ?? "").not.toContain("unsafe-inline");
		const body = await res.text();
		const html = await (await fetch(`${server.url}/quiz/${QUIZ_ID}`)).text();
		for (const file of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) expect(body).toContain(`"${file[1]}"`);
		expect(body).toMatch(/const QUIZLINE_VERSION = "[0-9a-f]{12}";/);
	});
});
