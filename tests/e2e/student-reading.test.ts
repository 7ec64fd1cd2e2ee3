/**
 * Reading aids end to end on a 320×568 phone: read aloud (the article, a paragraph, a question with
 * its choices) observed through a speechSynthesis the test provides, which records what it is asked
 * to say and reports word boundaries when told to; the sentence being read and the word at the last
 * boundary are marked; play and pause from the keyboard; no control without a voice, and one as soon
 * as voices arrive late; text size and line spacing kept on this device across a reload. axe on
 * each state.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import articleFile from "../../quiz-data/articles/nk-diplomacy-2017.json";
import { useE2E } from "./harness";
import { expectNoAxeViolations, QUESTIONS, QUIZ_ID, TOTAL } from "./student-steps";

const SMALL = { width: 320, height: 568 };

const e2e = useE2E();
const { phone } = e2e;

/**
 * Speech observed, not heard. `window.__voices` set before the page loads: "none" (no voice ever),
 * "late" (none until `__arrive()` fires voiceschanged); otherwise one English voice. The page's
 * utterances are recorded in `__spoken`; `__end()` finishes the current one, `__boundary(i, n)`
 * reports a word boundary in it, as a voice does.
 */
const FAKE_SPEECH = `(() => {
	const voice = { name: "Test voice", lang: "en-GB", default: true, localService: true, voiceURI: "test" };
	let voices = window.__voices === "none" || window.__voices === "late" ? [] : [voice];
	const spoken = [];
	let current = null;
	const synth = new EventTarget();
	const define = (name, value) => Object.defineProperty(synth, name, { value, configurable: true });
	define("getVoices", () => voices);
	define("speak", (u) => { spoken.push(u.text); current = u; u.dispatchEvent(new Event("start")); });
	define("cancel", () => { current = null; });
	define("pause", () => spoken.push("(paused)"));
	define("resume", () => spoken.push("(resumed)"));
	Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
	window.SpeechSynthesisUtterance = class extends EventTarget { constructor(text) { super(); this.text = text; } };
	window.__spoken = spoken;
	window.__end = () => { const u = current; current = null; if (u) u.dispatchEvent(new Event("end")); };
	window.__boundary = (charIndex, charLength) => {
		const e = new Event("boundary");
		Object.assign(e, { name: "word", charIndex, charLength });
		current?.dispatchEvent(e);
	};
	window.__arrive = () => { voices = [voice]; synth.dispatchEvent(new Event("voiceschanged")); };
})();`;

type Spoken = Window & { __spoken: string[]; __end: () => void; __boundary: (i: number, n: number) => void; __arrive: () => void };

async function readingPage(voices?: "none" | "late"): Promise<Page> {
	const { context, page } = await phone({ viewport: SMALL });
	if (voices) await context.addInitScript(`window.__voices = ${JSON.stringify(voices)};`);
	await context.addInitScript(FAKE_SPEECH);
	await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
	await expect.poll(() => page.isVisible("#aids")).toBe(true);
	return page;
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as Spoken).__spoken.slice());
const endUtterance = (page: Page) => page.evaluate(() => (window as unknown as Spoken).__end());
/** The text under the word highlight (the CSS Custom Highlight the page sets), or null. */
const highlighted = (page: Page) =>
	page.evaluate(() => {
		const h = CSS.highlights.get("quizline-word");
		return h ? [...h].map((r) => r.toString()).join("") : null;
	});

describe("read aloud", () => {
	it("reads the article sentence by sentence, marking the sentence and the word being read; plays and pauses from the keyboard", async () => {
		const page = await readingPage();
		const read = page.locator('[data-aid="read"]');
		await expect.poll(() => read.isVisible()).toBe(true);
		const title = (await page.textContent("#article-title")) ?? "";

		await read.focus();
		await page.keyboard.press("Enter");
		expect(await read.getAttribute("aria-pressed")).toBe("true");
		expect(await spoken(page)).toEqual([title]);
		await endUtterance(page);
		const first = (await spoken(page))[1] ?? "";
		expect(articleFile.paragraphs[0]?.startsWith(first)).toBe(true);
		expect(first).toMatch(/[.!?]["”’)]*$/);
		expect((await page.textContent(".reading"))?.trim()).toBe(first);

		// The voice reports the third word: it is highlighted, inside the marked sentence, without touching the text.
		const [w1, w2, w3] = first.split(" ");
		const at = `${w1} ${w2} `.length;
		await page.evaluate(([i, n]) => (window as unknown as Spoken).__boundary(i as number, n as number), [at, (w3 ?? "").length]);
		expect(await highlighted(page)).toBe(w3);
		expect(await page.textContent("#p1")).toContain(first);
		await expectNoAxeViolations(page, "reading the article aloud");

		// Space pauses and resumes: the button says which.
		await page.keyboard.press("Space");
		expect(await read.getAttribute("aria-pressed")).toBe("false");
		expect((await spoken(page)).at(-1)).toBe("(paused)");
		await page.keyboard.press("Space");
		expect(await read.getAttribute("aria-pressed")).toBe("true");
		expect((await spoken(page)).at(-1)).toBe("(resumed)");

		// The next sentence moves the mark on and clears the word.
		await endUtterance(page);
		expect(await highlighted(page)).toBeNull();
		const second = (await spoken(page)).at(-1) ?? "";
		expect((await page.textContent(".reading"))?.trim()).toBe(second);
		expect(await page.locator(".reading").count()).toBe(1);
	});

	it("reads one paragraph, then a question with its choices as shown; only one thing at a time", async () => {
		const page = await readingPage();
		const p2 = page.locator("#p2 .say-para");
		expect(await p2.textContent()).toContain("Read paragraph 2 aloud");
		await p2.tap();
		const count = await page.locator("#p2 .sentence").count();
		for (let i = 0; i < count; i++) await endUtterance(page);
		expect((await spoken(page)).join(" ")).toBe(articleFile.paragraphs[1]);
		expect(await p2.getAttribute("aria-pressed")).toBe("false");
		expect(await page.locator(".reading").count()).toBe(0);

		await page.locator('a[data-panel="questions"]').tap();
		const q4 = page.locator("#q4 .say-question");
		expect(await q4.textContent()).toContain("Read aloud, question 4");
		await q4.tap();
		const from = (await spoken(page)).length - 1;
		const choices = await page.$$eval("#q4 .choice span", (spans) => spans.map((s) => s.textContent ?? ""));
		expect(await page.textContent("#q4 .reading")).toContain(QUESTIONS[3]?.prompt);
		// Another button stops this one and starts its own.
		await endUtterance(page);
		expect((await spoken(page)).at(-1)).toBe(choices[0]);
		await page.locator("#q5 .say-question").tap();
		expect(await q4.getAttribute("aria-pressed")).toBe("false");
		expect(await page.locator("#q5 .say-question").getAttribute("aria-pressed")).toBe("true");
		expect((await spoken(page)).slice(from)).toEqual([
			`Question 4 of ${TOTAL} ${QUESTIONS[3]?.prompt}`,
			choices[0],
			`Question 5 of ${TOTAL} ${QUESTIONS[4]?.prompt}`,
		]);
		expect(await page.locator(".reading").count()).toBe(1);
		await expectNoAxeViolations(page, "reading a question aloud");
	});

	it("shows no read-aloud control without a voice, and shows it once voices arrive late", async () => {
		const none = await readingPage("none");
		expect(await none.isVisible('[data-aid="read"]')).toBe(false);
		expect(await none.locator(".say").count()).toBe(0);
		await expectNoAxeViolations(none, "the aids without a voice");

		const late = await readingPage("late");
		expect(await late.isVisible('[data-aid="read"]')).toBe(false);
		await late.evaluate(() => (window as unknown as Spoken).__arrive());
		await expect.poll(() => late.isVisible('[data-aid="read"]')).toBe(true);
		expect(await late.locator(".say-para").count()).toBe(articleFile.paragraphs.length);
		expect(await late.locator(".say-question").count()).toBe(TOTAL);
		// Voices changing again adds nothing twice.
		await late.evaluate(() => (window as unknown as Spoken).__arrive());
		expect(await late.locator(".say-para").count()).toBe(articleFile.paragraphs.length);
	});
});

describe("text size and line spacing", () => {
	it("are kept on this device across a reload and on the other student pages, from the keyboard too", async () => {
		const { page } = await phone({ viewport: SMALL });
		await page.goto(`${e2e.server.url}/quiz/${QUIZ_ID}`);
		const size = () => page.$eval("#p1", (p) => Number.parseFloat(getComputedStyle(p).fontSize));
		const leading = () => page.$eval("#p1", (p) => Number.parseFloat(getComputedStyle(p).lineHeight));
		await expect.poll(() => page.isVisible("#aids")).toBe(true);
		const normal = await size();
		const normalLeading = await leading();
		const larger = page.locator('[data-aid="larger"]');
		await larger.focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press("Enter");
		expect(await larger.isDisabled()).toBe(true);
		expect(await size()).toBeCloseTo(normal * 1.5, 0);
		await page.locator('[data-aid="smaller"]').tap();
		await page.locator('[data-aid="spacing"]').tap();
		expect(await size()).toBeCloseTo(normal * 1.25, 0);
		expect(await page.locator('[data-aid="spacing"]').getAttribute("aria-pressed")).toBe("true");
		// Still one row of header on the small phone: the switch and the count fit.
		expect((await page.locator("header.bar").boundingBox())?.height ?? 999).toBeLessThanOrEqual(568 * 0.12);
		await expectNoAxeViolations(page, "larger text and more spacing");

		await page.reload();
		await expect.poll(size).toBeCloseTo(normal * 1.25, 0);
		expect(await leading()).toBeGreaterThan(normalLeading * 1.25);
		expect(await page.locator('[data-aid="spacing"]').getAttribute("aria-pressed")).toBe("true");
		expect(await page.evaluate(() => JSON.parse(localStorage.getItem("quizline:aids") ?? "null"))).toEqual({ size: 2, spacing: true });
		await page.goto(`${e2e.server.url}/`);
		await expect.poll(() => page.evaluate(() => document.documentElement.className)).toBe("text-2 spacious");
	});
});
