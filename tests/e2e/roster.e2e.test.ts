/**
 * Rosters end to end: the real Worker under wrangler dev with its own local D1, and headless
 * Chromium. A teacher signs in, imports a roster by pasting names, opens the printable cards (the
 * print stylesheet checked under print media, and as PDFs on A4 and Letter); a student on a 390×844
 * phone joins with a personal code, from the card's link and by typing it, and is greeted by the
 * roster's name; the class code asks for the personal code, or lists the names once the picker is
 * on. axe-core finds no violations on the roster page, the cards page and every join state.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { describeViolations, runAxe } from "../../scripts/lib/browser";
import { useTeacherE2E } from "./harness";

const QUIZ_ID = "nk-diplomacy-2017";
/** Twelve students: two pages of cards at ten a page. */
const NAMES = [
	"Ada Lovelace",
	"Alan Turing",
	"Grace Hopper",
	"Katherine Johnson",
	"José Núñez",
	"Chiamaka Okafor",
	"김민준",
	"Иван Петров",
	"Zoë Ellis",
	"Mohammed Al-Farsi",
	"Priya Raman",
	"Ada Lovelace",
];

interface RosterStudent {
	id: string;
	name: string;
	code: string;
}

const e2e = useTeacherE2E("Ms Roster", { name: "7B English" });
const { phone, signIn } = e2e;

async function roster(): Promise<RosterStudent[]> {
	const res = await fetch(`${e2e.server.url}/api/teacher/classes/${e2e.cls.id}/roster`, {
		headers: { Authorization: `Bearer ${e2e.teacher.token}` },
	});
	expect(res.status).toBe(200);
	return ((await res.json()) as { students: RosterStudent[] }).students;
}

async function expectNoViolations(page: Page, what: string) {
	expect(describeViolations(await runAxe(page)), what).toBe("");
}

/** Nothing wider than the screen (tables scroll inside their own box). */
async function expectNoOverflow(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

/** The number of pages of a PDF: its page objects. */
const pdfPages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe("rosters in Chromium", () => {
	it("a teacher imports a roster in the dashboard and prints the cards", async () => {
		const context = await e2e.context({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await signIn(page);
		await page.getByRole("link", { name: "7B English" }).waitFor();

		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/roster`);
		await expectNoViolations(page, "empty roster page");
		await page.fill("#names", NAMES.join("\n"));
		await page.getByLabel("Replace the roster with this list").check();
		await Promise.all([
			page.waitForURL(`**/teacher/classes/${e2e.cls.id}/roster/import`),
			page.getByRole("button", { name: "Import" }).click(),
		]);
		await expect.poll(() => page.getByRole("status").textContent()).toContain("12 added");
		expect(await page.getByRole("status").textContent()).toContain("“Ada Lovelace” is on the roster as “Ada Lovelace (2)”");
		const students = await roster();
		expect(students.map((s) => s.name)).toEqual([...NAMES.slice(0, 11), "Ada Lovelace (2)"]);
		for (const s of students) expect(await page.getByRole("rowheader", { name: s.name, exact: true }).count()).toBe(1);
		await expectNoViolations(page, "roster page after an import");

		// The same list again changes nothing: every code stays.
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/roster`);
		await page.fill("#names", NAMES.join("\n"));
		await page.getByRole("button", { name: "Import" }).click();
		await expect.poll(() => page.getByRole("status").textContent()).toContain("nothing changed");
		expect(await roster()).toEqual(students);

		await page.getByRole("link", { name: "Print cards" }).click();
		await page.waitForURL(`**/teacher/classes/${e2e.cls.id}/cards`);
		await expectNoViolations(page, "cards page");
		expect(await page.getByRole("img", { name: /^QR code: join as / }).count()).toBe(12);
		expect(await page.locator("header.bar").isVisible()).toBe(true);

		await page.emulateMedia({ media: "print" });
		const printed = await page.evaluate(() => {
			const cards = [...document.querySelectorAll<HTMLElement>(".card")];
			const boxes = cards.map((c) => c.getBoundingClientRect());
			const style = getComputedStyle(cards[0] as HTMLElement);
			return {
				header: getComputedStyle(document.querySelector("header.bar") as HTMLElement).display,
				instructions: getComputedStyle(document.querySelector(".no-print") as HTMLElement).display,
				columns: new Set(boxes.map((b) => Math.round(b.left))).size,
				rowsOfTwo: boxes.every((b, i) => i % 2 === 0 || Math.abs(b.top - (boxes[i - 1]?.top ?? -1)) < 1),
				height: boxes[0]?.height ?? 0,
				border: style.borderTopStyle,
				breakInside: style.breakInside,
			};
		});
		expect(printed.header).toBe("none");
		expect(printed.instructions).toBe("none");
		expect(printed.columns).toBe(2);
		expect(printed.rowsOfTwo).toBe(true);
		expect(printed.height).toBeCloseTo((50 / 25.4) * 96, 0); // 50 mm at 96 CSS px per inch
		expect(printed.border).toBe("dashed");
		expect(printed.breakInside).toBe("avoid");
		// Ten cards a page on A4 and on Letter: twelve students, two pages, no card split across them.
		for (const format of ["A4", "Letter"]) expect(pdfPages(await page.pdf({ format }))).toBe(2);
		await page.emulateMedia({ media: "screen" });
		await page.close();
	});

	it("a student on a phone joins with a personal code and sees their roster name", async () => {
		const students = await roster();
		const ada = students[0] as RosterStudent;
		const { page } = await phone();

		// The card's QR code opens /join/<code>: greeted by name, nothing to type.
		await page.goto(`${e2e.server.url}/join/${ada.code}`);
		expect(await page.getByText("Hello, Ada Lovelace!").count()).toBe(1);
		expect(await page.locator("#studentName").count()).toBe(0);
		await expectNoViolations(page, "join page, personal code");
		await expectNoOverflow(page);

		// Or typed into the code box on the join page: no name needed.
		const { page: typed } = await phone();
		await typed.goto(`${e2e.server.url}/`);
		await typed.locator("#classCode").tap();
		await typed.fill("#classCode", `${ada.code.slice(0, 4).toLowerCase()} ${ada.code.slice(4).toLowerCase()}`);
		await typed.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
		await typed.waitForURL(`**/quiz/${QUIZ_ID}`);
		expect(await typed.getByText("Ada Lovelace").count()).toBeGreaterThan(0);
		await typed.goto(`${e2e.server.url}/`);
		expect(await typed.getByText("Hello, Ada Lovelace!").count()).toBe(1);
	});

	it("the class code asks for the personal code, or lists the names with the picker on; every state is accessible", async () => {
		const students = await roster();
		const { page } = await phone();
		await page.goto(`${e2e.server.url}/join/${e2e.cls.joinCode}`);
		expect(await page.getByLabel("Your personal code").count()).toBe(1);
		await expectNoViolations(page, "join page, personal code asked");
		await page.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
		await page.getByRole("alert").waitFor();
		expect(await page.getByRole("alert").textContent()).toContain("Type the personal code from your card");
		await expectNoViolations(page, "join page, personal code missing");
		await page.fill("#personalCode", students[1]?.code ?? "");
		await page.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
		await page.waitForURL(`**/quiz/${QUIZ_ID}`);
		expect(await page.getByText("Alan Turing").count()).toBeGreaterThan(0);

		const patched = await fetch(`${e2e.server.url}/api/teacher/classes/${e2e.cls.id}`, {
			method: "PATCH",
			headers: { Authorization: `Bearer ${e2e.teacher.token}`, "Content-Type": "application/json" },
			body: JSON.stringify({ namePicker: true }),
		});
		expect(patched.status).toBe(200);
		const { page: picker } = await phone();
		await picker.goto(`${e2e.server.url}/join/${e2e.cls.joinCode}`);
		expect(await picker.getByRole("radio").count()).toBe(12);
		await expectNoViolations(picker, "join page, name picker");
		await expectNoOverflow(picker);
		await picker.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
		await picker.getByRole("alert").waitFor();
		await expectNoViolations(picker, "join page, no name picked");
		await picker.getByRole("radio", { name: "Grace Hopper" }).check();
		await picker.locator(`button[name=quiz][value="${QUIZ_ID}"]`).tap();
		await picker.waitForURL(`**/quiz/${QUIZ_ID}`);
		expect(await picker.getByText("Grace Hopper").count()).toBeGreaterThan(0);
	});

	it("the roster page works on a phone too", async () => {
		const { context, page } = await phone();
		await signIn(page);
		await page.getByRole("link", { name: "7B English" }).waitFor();
		await page.goto(`${e2e.origin}/teacher/classes/${e2e.cls.id}/roster`);
		expect(await page.getByText("Name picker: on.").count()).toBe(1);
		await expectNoViolations(page, "roster page on a phone");
		await expectNoOverflow(page);
		await page.getByRole("link", { name: "Edit Alan Turing" }).click();
		await page.getByRole("button", { name: "Give a new code" }).waitFor();
		await expectNoViolations(page, "a student's page");
		await context.close();
	});
});
