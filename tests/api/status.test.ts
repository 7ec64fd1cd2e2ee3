/**
 * Who has submitted, live: the status page and the projector view, their JSON, and what each
 * refresh costs. Roster students and quiz opens are written straight into D1 with drizzle (the
 * roster's and the quiz page's own routes have their own tests); attempts go through the API where
 * a real submission matters and through seedAttempts where names and times must be exact.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { type ClassRow, classes, quizOpens, rosterStudents } from "../../worker/db/schema";
import { studentKey } from "../../worker/domain/names";
import { classStatus, presentCounts } from "../../worker/features/status/service";
import { watchedD1 } from "../fixtures/d1-watch";
import { call } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, seedAttempts, signIn, submit } from "../fixtures/teacher";

const db = createDb(env.DB);

const page = (cookie: string, path: string) => call(path, { headers: { Cookie: cookie }, redirect: "manual" });

let position = 0;
/** Roster students as the roster import stores them (name, name key, a personal code, a position). */
async function addRoster(classId: string, names: string[]) {
	const rows = names.map((name) => ({
		id: crypto.randomUUID(),
		classId,
		name,
		nameKey: studentKey(name),
		code: `P${crypto.randomUUID().replaceAll("-", "").slice(0, 11).toUpperCase()}`,
		position: position++,
		createdAt: new Date(),
	}));
	for (let i = 0; i < rows.length; i += 10) await db.insert(rosterStudents).values(rows.slice(i, i + 10));
	return rows;
}

async function opened(rosterStudentId: string, quizId = QUIZ_ID, at = new Date()) {
	await db.insert(quizOpens).values({ rosterStudentId, quizId, openedAt: at });
}

async function classRow(id: string): Promise<ClassRow> {
	const [row] = await db.select().from(classes).where(eq(classes.id, id));
	if (!row) throw new Error(`no class ${id}`);
	return row;
}

interface StatusBody {
	classId: string;
	asOf: string;
	closed: boolean;
	closesAt: string | null;
	quizzes: { id: string; title: string; counts: Record<string, number>; headline: string; detail: string }[];
	roster: { id: string; name: string; states: string[] }[];
	notOnRoster: { key: string; name: string; states: string[] }[];
}

interface PresentBody {
	quiz: { id: string; title: string } | null;
	joined: number;
	submitted: number;
	roster: number;
}

const presentJson = async (cookie: string, path: string) => (await (await page(cookie, path)).json()) as PresentBody;

/** A class with a roster of four: one who submitted (typing their name in another case), one who opened the quiz, two who did nothing; and one student not on the roster. */
async function classInEveryState() {
	const t = await createTeacher("Ms Status");
	const cls = await createClass(t.token, { name: "8A Status", openQuizIds: [QUIZ_ID] });
	// Typed names, before the class had a roster (a rostered class takes personal codes only).
	expect((await submit(cls.joinCode, "ada lovelace", perfectAnswers(await theQuiz()))).status).toBe(201);
	expect((await submit(cls.joinCode, "Zed Walker")).status).toBe(201);
	const [ada, bo, cy, di] = await addRoster(cls.id, ["Ada Lovelace", "Bo Diddley", "Cy Twombly", "Di Fletcher"]);
	if (!ada || !bo || !cy || !di) throw new Error("roster not stored");
	await opened(bo.id);
	await opened(ada.id);
	return { t, cls, ada, bo, cy, di, cookie: await signIn(t.token) };
}

describe("status.json", () => {
	it("gives each roster student's state per quiz, the students not on the roster, and the counts", async () => {
		const { cls, ada, bo, cy, di, cookie } = await classInEveryState();
		const res = await page(cookie, `/teacher/classes/${cls.id}/status.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const body = (await res.json()) as StatusBody;
		expect(body.classId).toBe(cls.id);
		expect(body.closed).toBe(false);
		expect(body.quizzes).toEqual([
			{
				id: QUIZ_ID,
				title: (await theQuiz()).title,
				counts: { roster: 4, notStarted: 2, inProgress: 1, submitted: 1, notOnRoster: 1 },
				headline: "1 of 4 submitted",
				detail: "1 in progress · 2 not started · 1 more not on the roster",
			},
		]);
		expect(body.roster).toEqual([
			{ id: ada.id, name: "Ada Lovelace", states: ["submitted"] },
			{ id: bo.id, name: "Bo Diddley", states: ["in-progress"] },
			{ id: cy.id, name: "Cy Twombly", states: ["not-started"] },
			{ id: di.id, name: "Di Fletcher", states: ["not-started"] },
		]);
		expect(body.notOnRoster).toEqual([{ key: studentKey("Zed Walker"), name: "Zed Walker", states: ["submitted"] }]);
	});

	it("shows a column per quiz open in the class: its list, in order; with no list, every quiz with activity, by title; ?quizId= any of them", async () => {
		const t = await createTeacher();
		const listed = await createClass(t.token, { name: "Listed", openQuizIds: [QUIZ_ID] });
		const open = await createClass(t.token, { name: "Every quiz open" });
		const at = Date.parse("2026-03-01T09:00:00Z");
		for (const cls of [listed, open]) {
			const [ada, bo] = await addRoster(cls.id, ["Ada", "Bo"]);
			if (!ada || !bo) throw new Error("roster not stored");
			await seedAttempts([
				{ classId: cls.id, name: "Ada", quizId: "zz-older-quiz", submittedAt: at },
				{ classId: cls.id, name: "Ada", quizId: "aa-older-quiz", submittedAt: at + 1 },
				{ classId: cls.id, name: "Bo", submittedAt: at + 2 },
				{ classId: cls.id, name: "Bo", submittedAt: at + 3 },
			]);
			await opened(ada.id, "mm-opened-quiz");
		}
		const cookie = await signIn(t.token);
		const status = async (cls: { id: string }, query = "") =>
			(await (await page(cookie, `/teacher/classes/${cls.id}/status.json${query}`)).json()) as StatusBody;

		const onList = await status(listed);
		expect(onList.quizzes.map((q) => [q.id, q.headline])).toEqual([[QUIZ_ID, "1 of 2 submitted"]]);
		expect(onList.roster.map((r) => [r.name, ...r.states])).toEqual([
			["Ada", "not-started"],
			["Bo", "submitted"],
		]);
		const everyQuiz = await status(open);
		expect(everyQuiz.quizzes.map((q) => q.id)).toEqual(["aa-older-quiz", "mm-opened-quiz", QUIZ_ID, "zz-older-quiz"]);
		expect(everyQuiz.roster.map((r) => [r.name, ...r.states])).toEqual([
			["Ada", "submitted", "in-progress", "not-started", "submitted"],
			["Bo", "not-started", "not-started", "submitted", "not-started"],
		]);
		expect(everyQuiz.notOnRoster).toEqual([]);
		// A quiz taken off the list (or never on it) that students opened or submitted can still be looked at.
		const older = await status(listed, "?quizId=aa-older-quiz");
		expect(older.quizzes.map((q) => [q.id, q.headline])).toEqual([["aa-older-quiz", "1 of 2 submitted"]]);
		expect(older.roster.map((r) => r.states)).toEqual([["submitted"], ["not-started"]]);
		const openedOnly = await status(listed, "?quizId=mm-opened-quiz");
		expect(openedOnly.roster.map((r) => r.states)).toEqual([["in-progress"], ["not-started"]]);
	});

	it("lists everyone who submitted in a class without a roster, grouped by name key and named as on their latest attempt", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "No roster" });
		const at = Date.parse("2026-03-01T09:00:00Z");
		await seedAttempts([
			{ classId: cls.id, name: "zoe", submittedAt: at },
			{ classId: cls.id, name: "Zoe", submittedAt: at + 5 },
			{ classId: cls.id, name: "Ben", submittedAt: at + 1 },
		]);
		const cookie = await signIn(t.token);
		const body = (await (await page(cookie, `/teacher/classes/${cls.id}/status.json`)).json()) as StatusBody;
		expect(body.quizzes.map((q) => [q.headline, q.detail])).toEqual([["2 students submitted", ""]]);
		expect(body.roster).toEqual([]);
		expect(body.notOnRoster).toEqual([
			{ key: "ben", name: "Ben", states: ["submitted"] },
			{ key: "zoe", name: "Zoe", states: ["submitted"] },
		]);
		const html = await (await page(cookie, `/teacher/classes/${cls.id}/status`)).text();
		expect(html).toContain("This class has no roster");
		expect(html).toContain("Students who submitted");
		expect(html).toContain("2 students submitted");
	});

	it("says when the class has closed", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Closed", closesAt: "2026-01-05T16:00:00Z" });
		const cookie = await signIn(t.token);
		const body = (await (await page(cookie, `/teacher/classes/${cls.id}/status.json`)).json()) as StatusBody;
		expect([body.closed, body.closesAt]).toEqual([true, "2026-01-05T16:00:00.000Z"]);
		expect(body.quizzes).toEqual([]);
		const html = await (await page(cookie, `/teacher/classes/${cls.id}/status`)).text();
		expect(html).toContain("This class closed at 2026-01-05 16:00 UTC: it takes no new answers.");
		expect(html).toContain("No student has opened or submitted a quiz in this class yet.");
	});
});

describe("the status page", () => {
	it("renders the counts, the roster with a state per quiz, the others, a refresh link, a polite live region and its script", async () => {
		const { cls, ada, bo, cy, cookie } = await classInEveryState();
		const res = await page(cookie, `/teacher/classes/${cls.id}/status`);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		const html = await res.text();
		expect(html).toContain("<title>8A Status: who has submitted · Quizline</title>");
		expect(html).toContain('<span class="headline" data-part="headline">1 of 4 submitted</span>');
		expect(html).toContain("1 in progress · 2 not started · 1 more not on the roster");
		expect(html).toContain(`<tr data-id="${ada.id}"><th scope="row">Ada Lovelace</th><td data-state="submitted">Submitted</td></tr>`);
		expect(html).toContain(`<tr data-id="${bo.id}"><th scope="row">Bo Diddley</th><td data-state="in-progress">In progress</td></tr>`);
		expect(html).toContain(`<tr data-id="${cy.id}"><th scope="row">Cy Twombly</th><td data-state="not-started">Not started</td></tr>`);
		expect(html).toContain("Submitted without being on the roster");
		expect(html).toContain('<th scope="row">Zed Walker</th><td data-state="submitted">Submitted</td>');
		expect(html).toContain(`<a href="/teacher/classes/${cls.id}/status" id="refresh">Refresh</a>`);
		expect(html).toMatch(/<div id="live-announce" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"><\/div>/);
		expect(html).toContain(`data-live="/teacher/classes/${cls.id}/status.json"`);
		const script = /<script src="(\/static\/status\.[0-9a-f]{12}\.js)" defer/.exec(html)?.[1];
		expect(script).toBeDefined();
		const js = await call(script as string);
		expect(js.status).toBe(200);
		expect(js.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
		expect(await js.text()).toContain('document.getElementById("live")');
		// No inline script, no handler attributes: the CSP's nonce covers only the page's style.
		expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
		expect(html).not.toMatch(/\son[a-z]+=/);
	});

	it("is another teacher's class: the same not-found page as a missing class, for the pages and their JSON", async () => {
		const { cls } = await classInEveryState();
		const other = await createTeacher("Mr Other");
		const cookie = await signIn(other.token);
		for (const path of ["status", "status.json", "present", "present.json"]) {
			const res = await page(cookie, `/teacher/classes/${cls.id}/${path}`);
			expect(res.status, path).toBe(404);
			expect(res.headers.get("Content-Type"), path).toMatch(/^text\/html/);
			const html = await res.text();
			expect(html).toContain(`You have no class ${cls.id}.`);
			expect(html).not.toContain("Ada Lovelace");
			expect(html).not.toContain(cls.joinCode);
		}
		const missing = await page(cookie, `/teacher/classes/${crypto.randomUUID()}/status`);
		expect(missing.status).toBe(404);
	});

	it("sends a signed-out browser to the sign-in page, and a teacher token alone opens nothing here", async () => {
		const { t, cls } = await classInEveryState();
		for (const path of ["status", "status.json", "present", "present.json"]) {
			const res = await call(`/teacher/classes/${cls.id}/${path}`, { redirect: "manual" });
			expect(res.status, path).toBe(303);
			expect(res.headers.get("Location")).toBe("/teacher");
			const withToken = await call(`/teacher/classes/${cls.id}/${path}`, { headers: bearer(t.token), redirect: "manual" });
			expect(withToken.status, path).toBe(303);
		}
	});

	it("refuses a quiz id that is too long (400) and a quiz the class has nothing of (404), as pages", async () => {
		const { cls, cookie } = await classInEveryState();
		for (const path of ["status", "status.json", "present", "present.json"]) {
			const long = await page(cookie, `/teacher/classes/${cls.id}/${path}?quizId=${"q".repeat(101)}`);
			expect(long.status, path).toBe(400);
			expect(long.headers.get("Content-Type")).toMatch(/^text\/html/);
			const unknown = await page(cookie, `/teacher/classes/${cls.id}/${path}?quizId=never-opened`);
			expect(unknown.status, path).toBe(404);
			expect(await unknown.text()).toContain("never-opened");
		}
	});
});

describe("the projector view", () => {
	it("shows the join code, the QR code of the join link and the counts, and no student's name or score", async () => {
		const { cls, cookie } = await classInEveryState();
		const res = await page(cookie, `/teacher/classes/${cls.id}/present`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(`<p class="present-code">${cls.joinCode}</p>`);
		expect(html).toContain('aria-label="QR code of the join link"');
		expect(html).toContain("Join at <strong>quizline.test</strong> with the class code");
		// Ada submitted, Bo opened, Zed (not on the roster) submitted: 3 joined, 2 submitted.
		expect(html).toContain('<span data-count="joined">3</span> joined · <span data-count="submitted">2</span> submitted');
		expect(html).toContain("body:has(.present-grid)");
		expect(html).toMatch(/<p class="present-counts" id="present-counts" role="status" aria-live="polite" aria-atomic="true">/);
		for (const secret of ["Ada", "Bo Diddley", "Zed", "Cy Twombly", "20 / 20"]) expect(html).not.toContain(secret);
	});

	it("present.json counts joined and submitted at the class's current quiz or at ?quizId=, with no names", async () => {
		const { cls, cookie, cy } = await classInEveryState();
		const body = await (await page(cookie, `/teacher/classes/${cls.id}/present.json`)).json();
		expect(body).toEqual({
			classId: cls.id,
			asOf: expect.any(String),
			closed: false,
			closesAt: null,
			quiz: { id: QUIZ_ID, title: (await theQuiz()).title },
			joined: 3,
			submitted: 2,
			roster: 4,
		});
		await opened(cy.id);
		await seedAttempts([{ classId: cls.id, name: "Cy Twombly", quizId: "another-quiz", submittedAt: Date.now() }]);
		const listed = await presentJson(cookie, `/teacher/classes/${cls.id}/present.json`);
		expect([listed.quiz?.id, listed.joined, listed.submitted]).toEqual([QUIZ_ID, 4, 2]);
		const other = await presentJson(cookie, `/teacher/classes/${cls.id}/present.json?quizId=another-quiz`);
		expect([other.quiz, other.joined, other.submitted]).toEqual([{ id: "another-quiz", title: "another-quiz" }, 1, 1]);
	});

	it("counts, in a class that opens every quiz, the quiz worked on last", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Every quiz" });
		const [ada] = await addRoster(cls.id, ["Ada"]);
		if (!ada) throw new Error("roster not stored");
		await seedAttempts([{ classId: cls.id, name: "Ada", quizId: "last-week", submittedAt: Date.parse("2026-03-01T09:00:00Z") }]);
		await opened(ada.id, "this-week", new Date("2026-03-08T09:00:00Z"));
		const cookie = await signIn(t.token);
		const body = await presentJson(cookie, `/teacher/classes/${cls.id}/present.json`);
		expect([body.quiz?.id, body.joined, body.submitted]).toEqual(["this-week", 1, 0]);
		const html = await (await page(cookie, `/teacher/classes/${cls.id}/present`)).text();
		expect(html).toContain('<option value="this-week" selected="">this-week</option>');
	});
});

/** The real local D1, with every round trip counted: a batch is one, a statement sent on its own is one. */
function countingD1(d1: D1Database, trips: string[]): D1Database {
	return watchedD1(d1, {
		statement: (method) => trips.push(method),
		batch: () => trips.push("batch"),
	});
}

describe("what a refresh costs", () => {
	it("reads a class of 500 in one D1 round trip, for the status and for the projector's counts", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Big class", openQuizIds: [QUIZ_ID] });
		const roster = await addRoster(
			cls.id,
			Array.from({ length: 500 }, (_, i) => `Student ${String(i).padStart(3, "0")}`),
		);
		const at = Date.parse("2026-04-01T08:00:00Z");
		await seedAttempts(roster.slice(0, 300).map((r, i) => ({ classId: cls.id, name: r.name, submittedAt: at + i })));
		for (let i = 300; i < 420; i += 10) {
			await db
				.insert(quizOpens)
				.values(roster.slice(i, i + 10).map((r) => ({ rosterStudentId: r.id, quizId: QUIZ_ID, openedAt: new Date(at) })));
		}
		const row = await classRow(cls.id);
		const trips: string[] = [];
		const counted = createDb(countingD1(env.DB, trips));
		const result = await classStatus(counted, row);
		expect(trips).toEqual(["batch"]);
		if (result.kind !== "found") throw new Error(result.kind);
		expect(result.status.quizzes[0]?.counts).toEqual({ roster: 500, submitted: 300, inProgress: 120, notStarted: 80, notOnRoster: 0 });
		expect(result.status.roster).toHaveLength(500);
		expect(result.status.roster[0]?.name).toBe("Student 000");

		trips.length = 0;
		const present = await presentCounts(counted, row);
		expect(trips).toEqual(["batch"]);
		expect(present.kind === "found" && [present.counts.joined, present.counts.submitted]).toEqual([420, 300]);
	});
});
