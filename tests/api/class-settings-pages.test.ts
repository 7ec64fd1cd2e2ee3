/**
 * A class's settings in the dashboard, as a browser without JavaScript uses them: plain forms posted
 * from our own pages, a redirect back to the settings page that says what was saved, what D1 holds
 * afterwards; malformed forms as HTML error pages (never JSON, never a 500); another teacher's
 * class as the same "not found" page as a missing one.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectPassages, page, post, signedInClass, signIn, textOf } from "../fixtures/dashboard";
import { call } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, submit } from "../fixtures/teacher";

interface ClassInD1 {
	name: string;
	open_quiz_ids: string | null;
	closes_at: number | null;
	max_attempts: number | null;
	review: string;
	review_after: string;
	name_picker: number;
}

async function inD1(classId: string): Promise<ClassInD1 | null> {
	return env.DB.prepare("SELECT name, open_quiz_ids, closes_at, max_attempts, review, review_after, name_picker FROM classes WHERE id = ?")
		.bind(classId)
		.first<ClassInD1>();
}

const settings = (classId: string) => `/teacher/classes/${classId}/settings`;

/** Posts a settings form and expects the redirect back to the settings page, at the section saved. */
async function save(classId: string, cookie: string, form: string, fields: Record<string, string | string[]>, more = "") {
	const res = await post(`${settings(classId)}/${form}`, cookie, fields, more);
	expect(res.status, await res.clone().text()).toBe(303);
	expect(res.headers.get("Location")).toBe(
		`${settings(classId)}?saved=${form === "open" ? "closing" : form}#${form === "open" ? "closing" : form}`,
	);
	return res;
}

/** An HTML error page with this status (never problem+json). */
async function htmlPage(res: Response, status: number): Promise<string> {
	expect(res.status).toBe(status);
	expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
	return textOf(await res.text());
}

describe("the settings page", () => {
	it("shows every setting as a plain form (no script needed), each explained in plain words", async () => {
		const { cls, cookie } = await signedInClass();
		const res = await page(settings(cls.id), cookie);
		expect(res.status).toBe(200);
		const html = await res.text();
		for (const form of ["name", "quizzes", "closing", "open", "attempts", "review", "name-picker", "time-zone"]) {
			expect(html).toContain(`<form method="post" action="${settings(cls.id)}/${form}"`);
		}
		expect(html).toContain(`<form method="post" action="/teacher/classes/${cls.id}/delete"`);
		expect(html).toContain('type="datetime-local"');
		expectPassages(textOf(html), [
			"Students see their total score and nothing about which questions they got right.",
			"Students see their score and which questions they got right or wrong, but not the right answers.",
			"the right answers, the explanations and the evidence in the article",
			"Until the closing time students see their score only; the rest appears once the class closes.",
			"anyone with the class code can pick any name, so one student can submit as another",
			"Type the class name to confirm",
			"Closes at (UTC)",
		]);
		// Links to the class's other pages.
		for (const p of ["status", "roster", "cards", "present"]) expect(html).toContain(`href="/teacher/classes/${cls.id}/${p}"`);
	});

	it("renames the class; an empty or overlong name is the page again with the problem (422), nothing saved", async () => {
		const { cls, cookie } = await signedInClass();
		await save(cls.id, cookie, "name", { name: "  8C   Reading " });
		expect((await inD1(cls.id))?.name).toBe("8C Reading");
		const after = await page(`${settings(cls.id)}?saved=name`, cookie);
		expect(textOf(await after.text())).toContain("Saved the class name.");

		for (const name of ["   ", "x".repeat(81)]) {
			const res = await post(`${settings(cls.id)}/name`, cookie, { name });
			const text = await htmlPage(res, 422);
			expect(text).toMatch(/The class name (must not be empty|must be at most 80 characters)/);
		}
		expect((await inD1(cls.id))?.name).toBe("8C Reading");
	});

	it("opens every quiz, only the ones ticked, or none; an unknown quiz is refused with the page again", async () => {
		const { cls, cookie } = await signedInClass();
		await save(cls.id, cookie, "quizzes", { scope: "chosen", quizId: [QUIZ_ID] });
		expect((await inD1(cls.id))?.open_quiz_ids).toBe(JSON.stringify([QUIZ_ID]));
		const html = await (await page(settings(cls.id), cookie)).text();
		expect(html).toMatch(new RegExp(`<input type="checkbox" name="quizId" value="${QUIZ_ID}" checked=""`));

		await save(cls.id, cookie, "quizzes", { scope: "chosen" });
		expect((await inD1(cls.id))?.open_quiz_ids).toBe("[]");
		await save(cls.id, cookie, "quizzes", { scope: "all", quizId: [QUIZ_ID] });
		expect((await inD1(cls.id))?.open_quiz_ids).toBeNull();

		const unknown = await post(`${settings(cls.id)}/quizzes`, cookie, { scope: "chosen", quizId: [QUIZ_ID, "no-such-quiz"] });
		expect(await htmlPage(unknown, 422)).toContain('there is no quiz "no-such-quiz"');
		expect((await inD1(cls.id))?.open_quiz_ids).toBeNull();
	});

	it("refuses a form no page sends as a bad request page (400), and changes nothing", async () => {
		const { cls, cookie } = await signedInClass();
		const before = await inD1(cls.id);
		const cases: [string, Record<string, string | string[]>][] = [
			["quizzes", { quizId: [QUIZ_ID] }],
			["quizzes", { scope: "some" }],
			["quizzes", { scope: "chosen", quizId: ["x".repeat(101)] }],
			["closing", { action: "save", closesAt: "2026-12-24T16:00" }],
			["closing", { action: "save", closesAt: "2026-12-24T16:00", timeZone: "Mars/Olympus" }],
			["closing", { action: "later", timeZone: "UTC" }],
			["open", { action: "maybe" }],
			["review", { review: "everything", reviewAfter: "submit" }],
			["review", { review: "full" }],
			["name-picker", {}],
			["name-picker", { namePicker: "yes" }],
			["time-zone", { timeZone: "Nowhere/Else" }],
		];
		for (const [form, fields] of cases) {
			const res = await post(`${settings(cls.id)}/${form}`, cookie, fields);
			expect(await htmlPage(res, 400), `${form} ${JSON.stringify(fields)}`).toContain("Go back, reload the page and try again.");
		}
		const broken = await call(`${settings(cls.id)}/attempts`, {
			method: "POST",
			headers: { Cookie: cookie, Origin: "https://quizline.test", "Content-Type": "multipart/form-data; boundary=x" },
			body: "--x\r\nbroken",
		});
		expect(await htmlPage(broken, 400)).toContain("The form could not be read.");
		expect(await inD1(cls.id)).toEqual(before);
	});

	it("sets the closing time in the teacher's time zone, shows it back in that zone, removes it, closes now and reopens", async () => {
		const { cls, cookie } = await signedInClass();
		const paris = "quizline_tz=Europe/Paris";
		await save(cls.id, cookie, "closing", { action: "save", closesAt: "2026-12-24T16:00", timeZone: "Europe/Paris" }, paris);
		expect((await inD1(cls.id))?.closes_at).toBe(Date.parse("2026-12-24T15:00:00Z"));
		const inParis = await (await page(settings(cls.id), cookie, paris)).text();
		expect(inParis).toContain('value="2026-12-24T16:00"');
		expect(textOf(inParis)).toContain("Closes at (Europe/Paris)");
		const inUtc = await (await page(settings(cls.id), cookie)).text();
		expect(inUtc).toContain('value="2026-12-24T15:00"');
		// The zone of the form is the zone the teacher saw, whatever the cookie says now.
		await save(cls.id, cookie, "closing", { action: "save", closesAt: "2026-07-01T09:30", timeZone: "America/New_York" }, paris);
		expect((await inD1(cls.id))?.closes_at).toBe(Date.parse("2026-07-01T13:30:00Z"));

		const bad = await post(`${settings(cls.id)}/closing`, cookie, { action: "save", closesAt: "2026-02-30T10:00", timeZone: "UTC" });
		expect(await htmlPage(bad, 422)).toContain("Enter a date and a time");
		expect((await inD1(cls.id))?.closes_at).toBe(Date.parse("2026-07-01T13:30:00Z"));

		await save(cls.id, cookie, "closing", { action: "clear", closesAt: "2026-07-01T09:30", timeZone: "UTC" });
		expect((await inD1(cls.id))?.closes_at).toBeNull();

		const before = Date.now();
		await save(cls.id, cookie, "open", { action: "close" });
		const closedAt = (await inD1(cls.id))?.closes_at ?? 0;
		expect(closedAt).toBeGreaterThanOrEqual(before - 1000);
		expect(closedAt).toBeLessThanOrEqual(Date.now());
		const closed = textOf(await (await page(settings(cls.id), cookie)).text());
		expect(closed).toContain("Reopen the class");
		// A closed class takes no attempt.
		const refused = await submit(cls.joinCode, "Late Larry");
		expect(refused.status).not.toBe(201);

		await save(cls.id, cookie, "open", { action: "reopen" });
		expect((await inD1(cls.id))?.closes_at).toBeNull();
		expect((await submit(cls.joinCode, "Late Larry")).status).toBe(201);
	});

	it("sets and lifts the attempt limit; 0, 101 or a word is the page again (422)", async () => {
		const { cls, cookie } = await signedInClass();
		await save(cls.id, cookie, "attempts", { maxAttempts: "3" });
		expect((await inD1(cls.id))?.max_attempts).toBe(3);
		for (const maxAttempts of ["0", "101", "three", "2.5", "-1"]) {
			const res = await post(`${settings(cls.id)}/attempts`, cookie, { maxAttempts });
			expect(await htmlPage(res, 422)).toContain("The attempt limit must be a whole number from 1 to 100");
		}
		expect((await inD1(cls.id))?.max_attempts).toBe(3);
		await save(cls.id, cookie, "attempts", { maxAttempts: "" });
		expect((await inD1(cls.id))?.max_attempts).toBeNull();
	});

	it("sets what students see after submitting, and when", async () => {
		const { cls, cookie } = await signedInClass();
		await save(cls.id, cookie, "review", { review: "marks", reviewAfter: "close" });
		expect(await inD1(cls.id)).toMatchObject({ review: "marks", review_after: "close" });
		const html = await (await page(settings(cls.id), cookie)).text();
		expect(html).toMatch(/<input type="radio" name="review" value="marks" checked=""/);
		expect(html).toMatch(/<input type="radio" name="reviewAfter" value="close" checked=""/);
		await save(cls.id, cookie, "review", { review: "full", reviewAfter: "submit" });
		expect(await inD1(cls.id)).toMatchObject({ review: "full", review_after: "submit" });
	});

	it("turns the name picker on and off (the checkbox and its hidden 'off')", async () => {
		const { cls, cookie } = await signedInClass();
		await save(cls.id, cookie, "name-picker", { namePicker: ["off", "on"] });
		expect((await inD1(cls.id))?.name_picker).toBe(1);
		await save(cls.id, cookie, "name-picker", { namePicker: "off" });
		expect((await inD1(cls.id))?.name_picker).toBe(0);
	});

	it("keeps the chosen time zone in a cookie for the dashboard only", async () => {
		const { cls, cookie } = await signedInClass();
		const res = await save(cls.id, cookie, "time-zone", { timeZone: "Asia/Kolkata" });
		const set = res.headers.get("Set-Cookie") ?? "";
		expect(set).toMatch(/^quizline_tz=Asia%2FKolkata;/);
		expect(set).toMatch(/Path=\/teacher/);
		expect(set).toMatch(/HttpOnly/);
		expect(set).toMatch(/Secure/);
		expect(set).toMatch(/SameSite=Strict/);
		const html = await (await page(settings(cls.id), cookie, "quizline_tz=Asia/Kolkata")).text();
		expect(html).toContain('<option value="Asia/Kolkata" selected="">');
		expect(html).toContain('data-time-zone-chosen="true"');
	});

	it("deletes the class only when its exact name is typed; a wrong name is the page again (422)", async () => {
		const { cls, cookie, teacher } = await signedInClass("9A History");
		expect((await submit(cls.joinCode, "Ada")).status).toBe(201);
		const wrong = await post(`/teacher/classes/${cls.id}/delete`, cookie, { confirm: "9A" });
		expect(await htmlPage(wrong, 422)).toContain("That is not the class name. Type 9A History exactly");
		expect(await inD1(cls.id)).not.toBeNull();

		const res = await post(`/teacher/classes/${cls.id}/delete`, cookie, { confirm: " 9A  History " });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe("/teacher?deleted=9A+History");
		expect(await inD1(cls.id)).toBeNull();
		const attempts = await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?").bind(cls.id).first<{ n: number }>();
		expect(attempts?.n).toBe(0);
		expect((await call(`/api/teacher/classes/${cls.id}`, { headers: bearer(teacher.token) })).status).toBe(404);
		const home = textOf(await (await page("/teacher?deleted=9A+History", cookie)).text());
		expect(home).toContain("Deleted the class 9A History and all its attempts.");
	});

	it("shows another teacher's class, and takes its forms, as not found (HTML 404), changing nothing", async () => {
		const owner = await createTeacher("Owner");
		const cls = await createClass(owner.token, { name: "Not yours" });
		const before = await inD1(cls.id);
		const cookie = await signIn((await createTeacher("Other")).token);
		expect(await htmlPage(await page(settings(cls.id), cookie), 404)).toContain(`You have no class ${cls.id}.`);
		const forms: [string, Record<string, string | string[]>][] = [
			["settings/name", { name: "Mine now" }],
			["settings/quizzes", { scope: "chosen" }],
			["settings/closing", { action: "save", closesAt: "2026-12-24T16:00", timeZone: "UTC" }],
			["settings/open", { action: "close" }],
			["settings/attempts", { maxAttempts: "1" }],
			["settings/review", { review: "score", reviewAfter: "close" }],
			["settings/name-picker", { namePicker: ["off", "on"] }],
			["delete", { confirm: "Not yours" }],
			["students/ada/delete", { confirm: "yes" }],
		];
		for (const [path, fields] of forms) {
			await htmlPage(await post(`/teacher/classes/${cls.id}/${path}`, cookie, fields), 404);
		}
		expect(await inD1(cls.id)).toEqual(before);
	});

	it("takes the forms only from our own pages (another origin: 403)", async () => {
		const { cls, cookie } = await signedInClass();
		const res = await post(`${settings(cls.id)}/name`, cookie, { name: "Forged" }, "");
		expect(res.status).toBe(303);
		const forged = await call(`${settings(cls.id)}/name`, {
			method: "POST",
			headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
			body: "name=Evil",
		});
		expect(forged.status).toBe(403);
		expect((await inD1(cls.id))?.name).toBe("Forged");
	});

	it("warns, on the class page and in the settings, when library quizzes show answers the class's review withholds", async () => {
		const { cls, cookie } = await signedInClass();
		const warning = "Students can see the answers to library quizzes anyway";
		expect(textOf(await (await page(settings(cls.id), cookie)).text())).not.toContain(warning);
		await save(cls.id, cookie, "review", { review: "score", reviewAfter: "submit" });
		for (const path of [settings(cls.id), `/teacher/classes/${cls.id}`]) {
			const text = textOf(await (await page(path, cookie)).text());
			expect(text).toContain(warning);
			expect(text).toContain("North Korea diplomacy (2017)");
		}
		// Only the library quiz's class would leak: with no quiz open, nothing to warn about.
		await save(cls.id, cookie, "quizzes", { scope: "chosen" });
		expect(textOf(await (await page(settings(cls.id), cookie)).text())).not.toContain(warning);
	});
});
