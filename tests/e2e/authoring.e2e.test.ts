/**
 * "New quiz from an article" end to end: the real Worker under wrangler dev (bundled and minified as
 * it is deployed), a teacher made through the operator API, and headless Chromium. The teacher
 * signs in, pastes an article, edits a question, breaks and fixes its evidence while the page
 * checks it as they type, publishes, and opens the quiz for a class; a student on a phone joins
 * with the class code and takes it; the teacher downloads the scores. axe-core finds no violations
 * on any of the pages. The review page's check is also run outside the browser, from the script as
 * served, against the server's own function.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeViolations, runAxe } from "../../scripts/lib/browser";
import { groundingIssues } from "../../worker/domain/quiz/check";
import { errorSlot } from "../../worker/domain/quiz/error-slot";
import type { QuestionFile } from "../../worker/domain/quiz/schema";
import { parseCsv } from "../fixtures/csv";
import { useTeacherE2E } from "./harness";

/** Where the screenshots go: an ignored folder unless SCREENSHOT_DIR says otherwise (as in student.test.ts). */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(import.meta.dirname, ".tmp/screenshots"));
const [TITLE = "", ...LINES] = readFileSync(path.join(import.meta.dirname, "../fixtures/articles/river-footbridge.txt"), "utf8")
	.replace(/\r\n?/g, "\n")
	.split("\n");
const PARAGRAPHS = LINES.map((l) => l.trim()).filter((l) => l !== "");
const LIBRARY_QUIZ = "nk-diplomacy-2017";

const e2e = useTeacherE2E("Ms Author", { name: "9C Reading", openQuizIds: [LIBRARY_QUIZ] });
const { api, phone, signIn } = e2e;

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
});

async function laptop(): Promise<Page> {
	const context = await e2e.context({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", acceptDownloads: true });
	return context.newPage();
}

async function expectNoAxeViolations(page: Page) {
	expect(describeViolations(await runAxe(page))).toBe("");
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Selects `text` inside paragraph `n` of the article, as a mouse drag would. */
function selectInParagraph(page: Page, n: number, text: string) {
	return page.evaluate(
		({ n, text }) => {
			const node = document.querySelector(`[data-paragraph="${n}"]`)?.firstChild;
			if (!(node instanceof Text)) throw new Error(`no paragraph ${n}`);
			const at = node.data.indexOf(text);
			if (at < 0) throw new Error(`"${text}" is not in paragraph ${n}`);
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + text.length);
			const selection = document.getSelection();
			selection?.removeAllRanges();
			selection?.addRange(range);
		},
		{ n, text },
	);
}

describe("a teacher makes a quiz from an article, and a class takes it", () => {
	it("pastes, reviews with the check running as they type, publishes, opens it for a class; a student takes it; the scores show", async () => {
		const page = await laptop();
		const consoleErrors: string[] = [];
		page.on("console", (m) => {
			if (m.type() === "error") consoleErrors.push(m.text());
		});
		page.on("pageerror", (err) => consoleErrors.push(err.message));

		// Sign in, then "New quiz from an article" from the dashboard's home.
		await signIn(page);
		await page.getByRole("link", { name: "New quiz from an article" }).click();
		await page.waitForURL(`${e2e.origin}/teacher/articles/new`);
		await expectNoAxeViolations(page);

		// Paste the article.
		await page.getByLabel("Title", { exact: true }).fill(TITLE);
		await page.getByLabel("Text", { exact: true }).fill(LINES.join("\n"));
		await page.getByLabel("Source (optional)", { exact: true }).fill("Surrey Advertiser");
		await page.getByLabel("Date (optional)", { exact: true }).fill("3 March 2026");
		await page.getByRole("button", { name: "Draft questions" }).click();
		await page.waitForURL(/\/teacher\/articles\/[0-9a-f-]{36}\/review$/);
		const articleId = page.url().split("/").at(-2) as string;

		// The review page: the article beside the questions, every evidence marked in its paragraph.
		const draft = (await api<{ questions: QuestionFile[] }>(`/api/teacher/articles/${articleId}/draft`, e2e.teacher.token, {})).questions;
		expect(await page.locator("fieldset[data-question]").count()).toBe(draft.length);
		for (const [n, q] of draft.entries()) expect(await page.locator(`#questions-${n}-preview mark`).textContent()).toBe(q.evidence.quote);
		const grid = await page.evaluate(() => {
			const article = document.querySelector(".review-article")?.getBoundingClientRect();
			const questions = document.querySelector(".review-questions")?.getBoundingClientRect();
			return { articleRight: article?.right ?? 0, questionsLeft: questions?.left ?? 0 };
		});
		expect(grid.articleRight).toBeLessThanOrEqual(grid.questionsLeft);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await expectNoAxeViolations(page);
		await page.screenshot({ path: path.join(SCREENSHOTS, "authoring.png") });

		// The served check, outside the browser: the same answers as the server's function, after wrangler's minification.
		const src = (await page.locator("script[src^='/static/author.']").getAttribute("src")) as string;
		const served = await (await fetch(`${e2e.server.url}${src}`)).text();
		const check = vm.runInNewContext(`${served.slice(0, served.indexOf("\n})();\n") + 6)}\nquizlineCheck`, {}) as {
			groundingIssues: typeof groundingIssues;
			errorSlot: typeof errorSlot;
		};
		const broken = draft.map((q, n) =>
			n % 2 === 0 ? { ...q, evidence: { paragraph: q.evidence.paragraph + 1, quote: q.evidence.quote } } : q,
		);
		const cases = [
			draft,
			broken,
			[...draft, draft[0] as QuestionFile],
			[{ ...(draft[0] as QuestionFile), evidence: { paragraph: 99, quote: "x" } }],
		];
		for (const questions of cases) {
			const ours = groundingIssues({ questions }, { paragraphs: PARAGRAPHS });
			expect(JSON.parse(JSON.stringify(check.groundingIssues({ questions }, { paragraphs: PARAGRAPHS })))).toEqual(ours);
			const types = questions.map((q) => q.type);
			for (const issue of ours) expect(check.errorSlot(issue.path, types)).toBe(errorSlot(issue.path, types));
		}
		expect(groundingIssues({ questions: broken }, { paragraphs: PARAGRAPHS }).length).toBeGreaterThan(0);

		// Edit question 1, then break its evidence as the teacher types: the message appears beside the field.
		const prompt = page.locator("#questions-0-prompt");
		await prompt.fill("Where has work begun on the new footbridge?");
		const quote = page.locator("#questions-0-evidence-quote");
		const live = page.locator("#questions-0-evidence-quote-live");
		const paragraph = draft[0]?.evidence.paragraph ?? 1;
		await quote.fill("");
		await quote.pressSequentially("The bridge opens in May.");
		await expect
			.poll(() => live.textContent())
			.toBe(`evidence quote is not in paragraph ${paragraph} of the article: "The bridge opens in May."`);
		expect(await live.isVisible()).toBe(true);
		expect(await quote.getAttribute("aria-invalid")).toBe("true");
		expect(await quote.getAttribute("aria-describedby")).toContain("questions-0-evidence-quote-live");
		// Beside its field: inside the field's own box, right under the quote.
		expect(await page.locator('[data-slot="questions-0-evidence-quote"] #questions-0-evidence-quote-live').count()).toBe(1);
		expect(await page.locator("#questions-0-preview mark").count()).toBe(0);
		await expect.poll(() => page.textContent("#check-status")).toContain("finds one problem");
		await expectNoAxeViolations(page);

		// Fixed by typing: the message goes.
		const fixed = "the borough council said on Monday";
		expect(PARAGRAPHS[paragraph - 1]).toContain(fixed);
		await quote.fill(fixed);
		await expect.poll(() => live.count()).toBe(0);
		expect(await quote.getAttribute("aria-invalid")).toBeNull();
		expect(await page.locator("#questions-0-preview mark").textContent()).toBe(fixed);

		// Broken again by the paragraph number, fixed with text selected in the article, from the keyboard.
		await page.fill("#questions-0-evidence-paragraph", String(paragraph + 1));
		await expect.poll(() => live.count()).toBe(1);
		const evidence = "The bridge will link the railway station with the town’s new riverside park";
		await selectInParagraph(page, 1, evidence);
		const use = page.locator("#use-selection");
		expect(await use.textContent()).toBe("Use selected text as evidence for question 1");
		await use.focus();
		await page.keyboard.press("Enter");
		await expect.poll(() => live.count()).toBe(0);
		expect(await quote.inputValue()).toBe(evidence);
		expect(await page.inputValue("#questions-0-evidence-paragraph")).toBe("1");
		expect(await page.locator("#questions-0-preview mark").textContent()).toBe(evidence);
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("questions-0-evidence-quote");

		// Publish.
		await page.fill("#title", "The Wey footbridge");
		await page.getByRole("button", { name: "Publish the quiz" }).click();
		await page.waitForURL(/\/teacher\/quizzes\/tq-[^/?]+\?notice=published$/);
		const quizId = new URL(page.url()).pathname.split("/").at(-1) as string;
		expect(await page.locator(".notice").textContent()).toContain("Published: version");
		await expectNoAxeViolations(page);
		const published = await api<{ questions: QuestionFile[] }>(`/api/teacher/quizzes/${quizId}`, e2e.teacher.token);
		expect(published.questions[0]).toMatchObject({
			prompt: "Where has work begun on the new footbridge?",
			evidence: { paragraph: 1, quote: evidence },
		});
		const [gift] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Moodle (GIFT)" }).click()]);
		expect(readFileSync(await gift.path(), "utf8")).toContain("Where has work begun on the new footbridge?");

		// Open it for the class.
		await page.selectOption("#classId", e2e.cls.id);
		await page.getByRole("button", { name: "Open for this class" }).click();
		await page.waitForURL(/notice=opened/);
		expect(await page.locator(".notice").textContent()).toBe("Open for 9C Reading: its students can take it now.");
		await expectNoAxeViolations(page);

		// A student on a phone joins with the class code and takes it.
		const { page: student } = await phone();
		await student.goto(`${e2e.server.url}/join/${e2e.cls.joinCode}`);
		expect(await student.inputValue("#classCode")).toBe(e2e.cls.joinCode);
		await student.locator("#studentName").tap();
		await student.fill("#studentName", "Priya Patel");
		await student.locator(`button[name=quiz][value="${quizId}"]`).tap();
		await student.waitForURL(`**/quiz/${quizId}`);
		for (const q of published.questions) {
			const fieldset = student.locator(`fieldset[data-q="${q.id}"]`);
			if ("accepted" in q.answer) await fieldset.locator("input[type=text]").fill(q.answer.accepted[0] as string);
			else for (const id of q.answer.choiceIds) await fieldset.locator(`label.choice:has(input[value="${id}"])`).tap();
		}
		await student.locator("button[type=submit]").tap();
		await student.waitForURL("**/result/*");
		const total = published.questions.length;
		await expect.poll(() => student.textContent(".score .big")).toContain(`Priya Patel, you scored ${total} out of ${total}`);

		// The teacher downloads the class's scores for the quiz and sees the student's row.
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}?quizId=${quizId}`);
		const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scores (CSV)" }).click()]);
		const rows = parseCsv(readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, ""));
		const header = rows[0] ?? [];
		const student_ = rows.slice(1).find((r) => r[header.indexOf("student_name")] === "Priya Patel");
		expect(student_?.[header.indexOf("score")]).toBe(String(total));
		expect(student_?.[header.indexOf("quiz_id")]).toBe(quizId);
		expect(consoleErrors).toEqual([]);
	});

	it("lays the review page out on a tablet, and shows the server's errors beside their fields with no violations", async () => {
		const context = await e2e.context({
			viewport: { width: 820, height: 1180 },
			hasTouch: true,
			isMobile: true,
			reducedMotion: "reduce",
		});
		const page = await context.newPage();
		await signIn(page);
		await page.getByRole("link", { name: "New quiz from an article" }).waitFor();
		await page.goto(`${e2e.origin}/teacher/articles/new`);
		await page.getByRole("button", { name: "Draft questions" }).click();
		// Nothing pasted: the form again, each problem beside its field and in the summary.
		expect(await page.locator("#title-error").textContent()).toBe("must not be empty");
		expect(await page.locator("#error-summary a[href='#title']").count()).toBe(1);
		await expectNoAxeViolations(page);

		await page.getByLabel("Title", { exact: true }).fill(TITLE);
		await page.getByLabel("Text", { exact: true }).fill(LINES.join("\n"));
		await page.getByRole("button", { name: "Draft questions" }).click();
		await page.waitForURL(/\/review$/);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		// One column: the article above the questions.
		const top = await page.evaluate(() => ({
			article: document.querySelector(".review-article")?.getBoundingClientRect().bottom ?? 0,
			questions: document.querySelector(".review-questions")?.getBoundingClientRect().top ?? 0,
		}));
		expect(top.article).toBeLessThanOrEqual(top.questions);

		// Published with a quote that is not in its paragraph: the server's answer, with the error beside the field.
		await page.fill("#questions-1-evidence-quote", "Nothing like this is in the article.");
		await page.getByRole("button", { name: "Publish the quiz" }).click();
		await page.waitForURL(`${e2e.origin}/teacher/review`);
		expect(await page.locator("#questions-1-evidence-quote-live").textContent()).toContain("evidence quote is not in paragraph");
		expect(await page.inputValue("#questions-1-evidence-quote")).toBe("Nothing like this is in the article.");
		await page.locator("#error-summary a").first().click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe("questions-1-evidence-quote");
		await expectNoAxeViolations(page);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
	});
});
