/**
 * gradebook.csv with a roster: every roster student (those who never submitted included) with a
 * status, the students not on the roster after them, the Canvas and Moodle import layouts
 * (?format=), the score they carry (?score=), keyset pages, and export links that carry both.
 * Roster students and quiz opens are written straight into D1 with drizzle; attempts with
 * seedAttempts, so scores and times are exact.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { quizOpens, rosterStudents } from "../../worker/db/schema";
import { studentKey } from "../../worker/domain/names";
import { GRADEBOOK_COLUMNS, gradebookCsv, ROSTER_GRADEBOOK_COLUMNS } from "../../worker/features/exports/service";
import { parseCsv } from "../fixtures/csv";
import { watchedD1 } from "../fixtures/d1-watch";
import { call, postJson, readProblem } from "../fixtures/http";
import { QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, getCsv, seedAttempts } from "../fixtures/teacher";

const db = createDb(env.DB);
const BASE_TIME = Date.parse("2026-05-04T08:00:00Z");
const at = (ms: number) => new Date(BASE_TIME + ms).toISOString();

let position = 0;
interface Entry {
	name: string;
	email?: string;
	studentId?: string;
	section?: string;
}
async function addRoster(classId: string, entries: Entry[]) {
	const rows = entries.map((e) => ({
		id: crypto.randomUUID(),
		classId,
		name: e.name,
		nameKey: studentKey(e.name),
		email: e.email ?? null,
		studentId: e.studentId ?? null,
		section: e.section ?? null,
		code: `P${crypto.randomUUID().replaceAll("-", "").slice(0, 11).toUpperCase()}`,
		position: position++,
		createdAt: new Date(),
	}));
	for (let i = 0; i < rows.length; i += 8) await db.insert(rosterStudents).values(rows.slice(i, i + 8));
	return rows;
}

/** A new teacher's class that opens the quiz, with this roster (its rows as stored). */
async function classWithRoster(name: string, entries: Entry[], teacherName?: string) {
	const t = await createTeacher(teacherName);
	const cls = await createClass(t.token, { name, openQuizIds: [QUIZ_ID] });
	return { t, cls, roster: await addRoster(cls.id, entries) };
}

/**
 * 9B: a roster of three (Ada submitted three times: 5, then 12, then 8; Bo opened the quiz; Cy never
 * did anything) and Zed, who submitted once (7) without being on the roster.
 */
async function rosteredClass() {
	const { t, cls, roster } = await classWithRoster(
		"9B",
		[
			{ name: "Ada Lovelace", email: "ada@school.test", studentId: "S-001", section: "9B-1" },
			{ name: "Bo Diddley", email: "bo@school.test", studentId: "S-002", section: "9B-2" },
			{ name: "Cy Twombly", email: "cy@school.test", studentId: "S-003", section: "9B-1" },
		],
		"Ms Gradebook",
	);
	const bo = roster[1];
	if (!bo) throw new Error("roster not stored");
	await db.insert(quizOpens).values({ rosterStudentId: bo.id, quizId: QUIZ_ID, openedAt: new Date(BASE_TIME) });
	await seedAttempts([
		{ classId: cls.id, name: "Ada Lovelace", score: 5, submittedAt: BASE_TIME + 1 },
		{ classId: cls.id, name: "Zed Walker", score: 7, submittedAt: BASE_TIME + 2 },
		{ classId: cls.id, name: "ada lovelace", score: 12, submittedAt: BASE_TIME + 3 },
		{ classId: cls.id, name: "Ada Lovelace", score: 8, submittedAt: BASE_TIME + 4 },
	]);
	return { t, cls };
}

/** The real local D1, with the rows of every statement's answer written down (alone or in a batch). */
function countingD1(d1: D1Database, rowsPerStatement: number[]): D1Database {
	return watchedD1(d1, {
		statement(method, args, result) {
			if (method === "all") rowsPerStatement.push((result as D1Result).results.length);
			if (method === "raw")
				rowsPerStatement.push((result as unknown[]).length - ((args[0] as { columnNames?: boolean } | undefined)?.columnNames ? 1 : 0));
		},
		batch(results) {
			for (const r of results) rowsPerStatement.push(r.results.length);
		},
	});
}

const gradebook = (token: string, classId: string, query = "") => getCsv(token, `/api/teacher/classes/${classId}/gradebook.csv${query}`);

/** The rostered class's gradebook.csv in a layout (generic when none is asked for), checked for success and its file name: its rows. */
async function rosteredGradebook(format?: "canvas" | "moodle"): Promise<string[][]> {
	const { t, cls } = await rosteredClass();
	const { res, rows } = await gradebook(t.token, cls.id, format ? `?format=${format}` : "");
	expect(res.status).toBe(200);
	expect(res.headers.get("Content-Disposition")).toContain(`filename="9b_all-quizzes_gradebook${format ? `-${format}` : ""}_`);
	return rows;
}

describe("gradebook.csv of a class with a roster", () => {
	it("generic: a row per roster student and quiz in roster order, never-submitted included, then the students not on the roster", async () => {
		const rows = await rosteredGradebook();
		const title = (await theQuiz()).title;
		const max = String((await theQuiz()).maxScore);
		expect(rows).toEqual([
			ROSTER_GRADEBOOK_COLUMNS,
			["Ada Lovelace", QUIZ_ID, title, "3", "12", "8", "5", "20", "60", at(1), at(4), "submitted", "ada@school.test", "S-001", "9B-1"],
			["Bo Diddley", QUIZ_ID, title, "0", "", "", "", max, "", "", "", "in progress", "bo@school.test", "S-002", "9B-2"],
			["Cy Twombly", QUIZ_ID, title, "0", "", "", "", max, "", "", "", "not started", "cy@school.test", "S-003", "9B-1"],
			["Zed Walker", QUIZ_ID, title, "1", "7", "7", "7", "20", "35", at(2), at(2), "not on roster", "", "", ""],
		]);
		expect(ROSTER_GRADEBOOK_COLUMNS.slice(0, GRADEBOOK_COLUMNS.length)).toEqual(GRADEBOOK_COLUMNS);
	});

	it("canvas: Canvas's student columns, Points Possible, one column per quiz with the best score by default, empty for no attempt", async () => {
		const rows = await rosteredGradebook("canvas");
		const quiz = await theQuiz();
		// A title ending in "(2017)" would read as Canvas's assignment id 2017: the writer adds the quiz id.
		expect(quiz.title).toBe("North Korea diplomacy (2017)");
		expect(rows).toEqual([
			["Student", "ID", "SIS User ID", "SIS Login ID", "Section", `${quiz.title} [${QUIZ_ID}]`],
			["Points Possible", "", "", "", "", String(quiz.maxScore)],
			["Ada Lovelace", "", "S-001", "", "9B-1", "12"],
			["Bo Diddley", "", "S-002", "", "9B-2", ""],
			["Cy Twombly", "", "S-003", "", "9B-1", ""],
			["Zed Walker", "", "", "", "", "7"],
		]);
	});

	it("moodle: the email address to map students by, the name, a column per quiz ('-' for no grade) and the status; nobody Moodle cannot identify", async () => {
		const rows = await rosteredGradebook("moodle");
		const quiz = await theQuiz();
		expect(rows).toEqual([
			["Email address", "Full name", quiz.title, "Status"],
			["ada@school.test", "Ada Lovelace", "12", "submitted"],
			["bo@school.test", "Bo Diddley", "-", "in progress"],
			["cy@school.test", "Cy Twombly", "-", "not started"],
		]);
	});

	it("moodle: the ID number column when more of the roster has a student id than an email", async () => {
		const { t, cls } = await classWithRoster("IDs", [
			{ name: "Ada", studentId: "1001" },
			{ name: "Bo", studentId: "1002", email: "bo@school.test" },
			{ name: "Cy" },
		]);
		await seedAttempts([{ classId: cls.id, name: "Bo", score: 4, submittedAt: BASE_TIME }]);
		const { rows } = await gradebook(t.token, cls.id, "?format=moodle&score=latest");
		expect(rows).toEqual([
			["ID number", "Full name", (await theQuiz()).title, "Status"],
			["1001", "Ada", "-", "not started"],
			["1002", "Bo", "4", "submitted"],
		]);
	});

	it("score=best|latest|first chooses the attempt each LMS layout carries", async () => {
		const { t, cls } = await rosteredClass();
		const ada = async (query: string, column: number) =>
			(await gradebook(t.token, cls.id, query)).rows.find((r) => r.includes("Ada Lovelace"))?.[column];
		expect(await ada("?format=canvas&score=best", 5)).toBe("12");
		expect(await ada("?format=canvas&score=latest", 5)).toBe("8");
		expect(await ada("?format=canvas&score=first", 5)).toBe("5");
		expect(await ada("?format=moodle&score=best", 2)).toBe("12");
		expect(await ada("?format=moodle&score=latest", 2)).toBe("8");
		expect(await ada("?format=moodle&score=first", 2)).toBe("5");
		// from/to narrow the attempts first: from the third attempt on, the first is 12.
		expect(await ada(`?format=canvas&score=first&from=${encodeURIComponent(at(3))}`, 5)).toBe("12");
	});

	it("has one column per quiz: the class's list, then other quizzes attempted, by title; a row's status counts them", async () => {
		const { t, cls } = await rosteredClass();
		await seedAttempts([{ classId: cls.id, name: "Cy Twombly", quizId: "another-quiz", score: 3, submittedAt: BASE_TIME + 10 }]);
		const quiz = await theQuiz();
		const canvas = await gradebook(t.token, cls.id, "?format=canvas");
		expect(canvas.rows[0]).toEqual([
			"Student",
			"ID",
			"SIS User ID",
			"SIS Login ID",
			"Section",
			`${quiz.title} [${QUIZ_ID}]`,
			"another-quiz",
		]);
		expect(canvas.rows[1]).toEqual(["Points Possible", "", "", "", "", String(quiz.maxScore), ""]);
		expect(canvas.rows.slice(2).map((r) => [r[0], r[5], r[6]])).toEqual([
			["Ada Lovelace", "12", ""],
			["Bo Diddley", "", ""],
			["Cy Twombly", "", "3"],
			["Zed Walker", "7", ""],
		]);
		const moodle = await gradebook(t.token, cls.id, "?format=moodle");
		expect(moodle.rows.map((r) => r.at(-1))).toEqual(["Status", "1 of 2 submitted", "in progress", "1 of 2 submitted"]);
		const one = await gradebook(t.token, cls.id, "?format=moodle&quizId=another-quiz");
		expect(one.rows).toEqual([
			["Email address", "Full name", "another-quiz", "Status"],
			["ada@school.test", "Ada Lovelace", "-", "not started"],
			["bo@school.test", "Bo Diddley", "-", "not started"],
			["cy@school.test", "Cy Twombly", "3", "submitted"],
		]);
	});

	it("pages the roster and the others in keyset pages of at most pageRows groups, and writes the same file", async () => {
		const names = Array.from({ length: 7 }, (_, i) => `Roster ${i}`);
		const { cls } = await classWithRoster(
			"Paged",
			names.map((name, i) => ({ name, email: `r${i}@school.test` })),
		);
		await seedAttempts([
			...names.slice(0, 5).map((name, i) => ({ classId: cls.id, name, score: i, submittedAt: BASE_TIME + i })),
			...["Other c", "Other a", "Other b"].map((name, i) => ({
				classId: cls.id,
				name,
				quizId: "another-quiz",
				submittedAt: BASE_TIME + 10 + i,
			})),
		]);
		const filter = { classId: cls.id, quizId: null, from: null, to: null };
		for (const format of ["generic", "canvas", "moodle"] as const) {
			const layout = { format, score: "best" as const };
			let whole = "";
			for await (const chunk of gradebookCsv(db, filter, { gradebook: layout })) whole += chunk;
			const chunks: string[] = [];
			const rowsPerStatement: number[] = [];
			const counted = createDb(countingD1(env.DB, rowsPerStatement));
			for await (const chunk of gradebookCsv(counted, filter, { gradebook: layout, pageRows: 4 })) chunks.push(chunk);
			expect(chunks.join(""), format).toBe(whole);
			// The scope (4 statements in one batch), 4 roster pages of 3 statements in one batch each, 2 pages of others.
			expect(rowsPerStatement, format).toHaveLength(4 + 4 * 3 + 2);
			expect(Math.max(...rowsPerStatement), format).toBeLessThanOrEqual(4);
			// The head, then 2 students (4 groups at most) per page: 4 roster pages, 2 pages of others.
			expect(chunks.length, format).toBe(1 + 4 + 2);
			const rows = parseCsv(whole);
			const firstCell = rows.map((r) => r[0]);
			if (format === "generic") expect(rows).toHaveLength(1 + 7 * 2 + 3);
			if (format === "canvas") expect(firstCell.slice(2)).toEqual([...names, "Other a", "Other b", "Other c"]);
			if (format === "moodle") expect(firstCell.slice(1)).toEqual(names.map((_, i) => `r${i}@school.test`));
		}
	});
});

describe("gradebook.csv without a roster", () => {
	it("canvas lists every student who submitted, by name, for Canvas to match; generic is the file it always was", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Typed names" });
		await seedAttempts([
			{ classId: cls.id, name: "Zoe", score: 5, submittedAt: BASE_TIME },
			{ classId: cls.id, name: "Ben", score: 9, submittedAt: BASE_TIME + 1 },
		]);
		const canvas = await gradebook(t.token, cls.id, "?format=canvas&score=latest");
		expect(canvas.rows.slice(2)).toEqual([
			["Ben", "", "", "", "", "9"],
			["Zoe", "", "", "", "", "5"],
		]);
		const generic = await gradebook(t.token, cls.id);
		expect(generic.rows[0]).toEqual(GRADEBOOK_COLUMNS);
		expect(generic.rows.slice(1).map((r) => [r[0], r[4]])).toEqual([
			["Ben", "9"],
			["Zoe", "5"],
		]);
	});
});

describe("bad layouts", () => {
	it("refuses an unknown format or score, and a score with the generic layout (which has all three), with a 400 naming the field", async () => {
		const { t, cls } = await rosteredClass();
		for (const [query, path] of [
			["?format=blackboard", "format"],
			["?format=canvas&score=median", "score"],
			["?score=latest", "score"],
			["?format=generic&score=first", "score"],
		] as const) {
			const res = await call(`/api/teacher/classes/${cls.id}/gradebook.csv${query}`, { headers: bearer(t.token) });
			expect(res.status, query).toBe(400);
			expect(
				(await readProblem(res))?.errors?.map((e) => e.path),
				query,
			).toEqual([path]);
		}
	});
});

describe("gradebook export links", () => {
	it("carry format and score in their URL, take them as query parameters, and refuse them on other exports", async () => {
		const { t, cls } = await rosteredClass();
		const made = await postJson(
			`/api/teacher/classes/${cls.id}/export-links`,
			{ export: "gradebook", format: "canvas", score: "latest" },
			bearer(t.token),
		);
		expect(made.status).toBe(201);
		const link = (await made.json()) as { url: string };
		const url = new URL(link.url);
		expect(url.pathname).toMatch(/^\/export\/qle_[A-Za-z0-9_-]{43}\/gradebook\.csv$/);
		expect(url.search).toBe("?format=canvas&score=latest");
		const viaLink = parseCsv(await (await call(url.pathname + url.search)).text());
		expect(viaLink[0]?.[0]).toBe("Student");
		expect(viaLink.find((r) => r[0] === "Ada Lovelace")?.[5]).toBe("8");
		const asMoodle = parseCsv(await (await call(`${url.pathname}?format=moodle`)).text());
		expect(asMoodle[0]?.[0]).toBe("Email address");
		const generic = parseCsv(await (await call(url.pathname)).text());
		expect(generic[0]).toEqual(ROSTER_GRADEBOOK_COLUMNS);

		const plain = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "gradebook" }, bearer(t.token));
		expect(new URL(((await plain.json()) as { url: string }).url).search).toBe("");

		const scores = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "scores", format: "canvas" }, bearer(t.token));
		expect(scores.status).toBe(400);
		expect((await readProblem(scores))?.errors?.map((e) => e.path)).toEqual(["format"]);
		const noLms = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "gradebook", score: "first" }, bearer(t.token));
		expect(noLms.status).toBe(400);

		const scoresLink = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "scores" }, bearer(t.token));
		const scoresPath = new URL(((await scoresLink.json()) as { url: string }).url).pathname;
		expect((await call(`${scoresPath}?format=canvas`)).status).toBe(400);
		expect((await call(scoresPath)).status).toBe(200);
	});
});
