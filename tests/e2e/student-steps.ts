/**
 * What a student does, as the student e2e files (student-back, student-offline, student-reading)
 * share it: join, tap choices, type answers, read the form's state, the outbox in IndexedDB, and
 * count what D1 holds (through wrangler, as an operator would).
 */
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import quizFile from "../../quiz-data/quizzes/nk-diplomacy-2017.json";
import { describeViolations, runAxe } from "../../scripts/lib/browser";
import { d1Query } from "../../scripts/lib/d1";
import type { LocalServer } from "../../scripts/lib/local-server";

export const QUIZ_ID = quizFile.id;
export const QUIZ_TITLE = quizFile.title;
export const QUESTIONS = quizFile.questions;
export const TOTAL = QUESTIONS.length;
export const DRAFT_KEY = `quizline:${QUIZ_ID}`;

/** The two phones of the student issue: a mid-size one and a small one. */
export const PHONES = [
	{ name: "390×844", viewport: { width: 390, height: 844 } },
	{ name: "320×568", viewport: { width: 320, height: 568 } },
] as const satisfies readonly { name: string; viewport: BrowserContextOptions["viewport"] }[];

/** Attempts in D1 matching a WHERE clause. */
export function countAttempts(server: LocalServer, where: string): number {
	const [row] = d1Query<{ n: number }>(server.persistDir, `SELECT COUNT(*) AS n FROM attempts WHERE ${where}`);
	return row?.n ?? -1;
}
export const attemptsWithId = (server: LocalServer, id: string) => countAttempts(server, `id = '${id.replace(/'/g, "")}'`);
export const attemptsOf = (server: LocalServer, name: string) => countAttempts(server, `student_name = '${name.replace(/'/g, "''")}'`);

/** Exactly one attempt stored, counted in D1 both ways: under its id, and under the student's name. */
export function expectOneAttempt(server: LocalServer, attemptId: string, name: string): void {
	expect(attemptsWithId(server, attemptId)).toBe(1);
	expect(attemptsOf(server, name)).toBe(1);
}

/** From the join page (or a class's link): type the name, tap the quiz. */
export async function join(page: Page, server: LocalServer, name: string, opts: { code?: string; quizId?: string } = {}) {
	const quizId = opts.quizId ?? QUIZ_ID;
	await page.goto(opts.code ? `${server.url}/join/${opts.code}` : `${server.url}/`);
	await page.fill("#studentName", name);
	await page.locator(`button[name=quiz][value="${quizId}"]`).tap();
	await page.waitForURL(`**/quiz/${quizId}`);
}

/** Taps these choices of question i (0-based) of the built-in quiz. */
export async function pick(page: Page, i: number, choiceIds: readonly string[]): Promise<void> {
	const fieldset = page.locator(`fieldset[data-q="${QUESTIONS[i]?.id}"]`);
	for (const id of choiceIds) await fieldset.locator(`label.choice:has(input[value="${id}"])`).tap();
}

/** Answers question i (0-based) of the built-in quiz correctly, by tapping or typing. */
export async function answer(page: Page, i: number): Promise<void> {
	const q = QUESTIONS[i];
	if (!q) throw new Error(`no question ${i}`);
	if ("accepted" in q.answer) {
		const input = page.locator(`fieldset[data-q="${q.id}"] input[type=text]`);
		const typed = q.answer.accepted?.[0];
		if (typed === undefined) throw new Error(`question ${q.id} accepts no typed answer`);
		await input.tap();
		await input.fill(typed);
		return;
	}
	await pick(page, i, q.answer.choiceIds);
}

export const attemptIdOn = (page: Page) => page.inputValue("input[name=attemptId]");

/** Answers every question of the built-in quiz and submits: the attempt id, once its result page is open. */
export async function answerAllAndSubmit(page: Page): Promise<string> {
	for (let i = 0; i < TOTAL; i++) await answer(page, i);
	const attemptId = await attemptIdOn(page);
	await page.locator("button[type=submit]").tap();
	await page.waitForURL(`**/result/${attemptId}`);
	return attemptId;
}

/**
 * Takes the phone off the network and taps Submit: the page says it is offline (`said`, or more of
 * what it says), and the attempt, whose id this returns, waits in the outbox.
 */
export async function submitOffline(context: BrowserContext, page: Page, said = "You are offline"): Promise<string> {
	const attemptId = await attemptIdOn(page);
	await context.setOffline(true);
	await page.locator("button[type=submit]").tap();
	await expect.poll(() => page.textContent("#status")).toContain(said);
	return attemptId;
}

/** Until the service worker controls the page and keeps a copy of it. */
export async function kept(page: Page): Promise<void> {
	await expect.poll(() => page.evaluate(async () => Boolean(await caches.match(location.pathname))), { timeout: 20_000 }).toBe(true);
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** The attempt id the server rendered into this copy of the page (not the one a restored draft put there). */
export const renderedAttemptId = (page: Page) => page.$eval("input[name=attemptId]", (input) => (input as HTMLInputElement).defaultValue);
export const checkedValues = (page: Page) =>
	page.$$eval("form#quiz input:checked", (inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
export const progressOf = (page: Page) => page.textContent("#progress");
/** The draft the page keeps in localStorage for the built-in quiz (null when there is none). */
export const savedDraft = (page: Page) =>
	page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null") as { answers: Record<string, unknown> } | null, DRAFT_KEY);

export interface OutboxRecord {
	attemptId: string;
	quizId: string;
	state: "queued" | "sent" | "refused";
	body: string;
	status?: number;
}

/** The outbox as the page and the service worker share it: IndexedDB "quizline", store "outbox". */
export function outboxOf(page: Page): Promise<OutboxRecord[]> {
	return page.evaluate(
		() =>
			new Promise<OutboxRecord[]>((resolve, reject) => {
				const open = indexedDB.open("quizline", 1);
				open.onupgradeneeded = () => open.result.createObjectStore("outbox", { keyPath: "attemptId" });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction("outbox").objectStore("outbox").getAll();
					all.onsuccess = () => {
						open.result.close();
						resolve(all.result as OutboxRecord[]);
					};
					all.onerror = () => reject(all.error);
				};
			}),
	);
}

/** The list of results on this device, as the script keeps it. */
export const resultsOnDevice = (page: Page) =>
	page.evaluate(() => JSON.parse(localStorage.getItem("quizline:results") ?? "[]") as { attemptId: string; confirmed?: boolean }[]);

export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
	const violations = await runAxe(page);
	expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
}
