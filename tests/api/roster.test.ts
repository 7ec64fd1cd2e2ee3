/**
 * The roster API, /api/teacher/classes/:classId/roster, through the real Worker and a real local D1:
 * imports as JSON, pasted names and CSV (plain, a Canvas gradebook export, a Moodle grades export),
 * idempotence down to the rows in D1, suffixes for repeated names, re-import matching, editing one
 * student, and every refusal.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET } from "../../worker/domain/secrets";
import { client } from "../fixtures/client";
import { BASE, call, readProblem } from "../fixtures/http";
import canvasExport from "../fixtures/lms-gradebooks/canvas-export.csv?raw";
import moodleExport from "../fixtures/lms-gradebooks/moodle-export.csv?raw";
import { bearer, createClass, createTeacher, seedAttempts, signIn } from "../fixtures/teacher";

const rosterPath = (classId: string) => `/api/teacher/classes/${classId}/roster`;

/** A raw request with the teacher's token: a body of any type. */
function send(token: string, method: string, path: string, body?: string, type = "application/json") {
	return call(path, { method, headers: { ...bearer(token), "Content-Type": type }, body });
}

const api = (token: string) => client(bearer(token)).api.teacher.classes[":classId"].roster;

/** PUTs a roster file (pasted names or CSV) as this content type. */
function putFile(token: string, classId: string, text: string, type: string) {
	return send(token, "PUT", rosterPath(classId), text, type);
}

async function putJson(token: string, classId: string, students: { name: string; email?: string; studentId?: string; section?: string }[]) {
	return send(token, "PUT", rosterPath(classId), JSON.stringify({ students }));
}

type RosterBody = {
	classId: string;
	namePicker: boolean;
	format?: string;
	changes?: { added: number; updated: number; removed: number; unchanged: number };
	suffixed?: { index: number; name: string; as: string }[];
	students: {
		id: string;
		name: string;
		email: string | null;
		studentId: string | null;
		section: string | null;
		code: string;
		joinUrl: string;
	}[];
};

async function body(res: Response): Promise<RosterBody> {
	expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
	return res.json();
}

/** A roster the API took (200): its JSON answer. */
async function accepted(res: Response): Promise<RosterBody> {
	expect(res.status).toBe(200);
	return body(res);
}

/** Every column of the class's roster rows in D1, in order: what "nothing changed" is checked against. */
async function rows(classId: string) {
	const { results } = await env.DB.prepare("SELECT * FROM roster_students WHERE class_id = ? ORDER BY position, id").bind(classId).all();
	return results;
}

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`);

async function setUp(name = "Roster class") {
	const t = await createTeacher("Ms Roster");
	const cls = await createClass(t.token, { name });
	return { token: t.token, cls };
}

describe("PUT /roster", () => {
	it("imports JSON: each student gets an id and a personal code, and GET shows the same roster", async () => {
		const { token, cls } = await setUp();
		const put = await accepted(
			await putJson(token, cls.id, [
				{ name: "  Ada   Lovelace ", email: "ada@school.example", studentId: "S001", section: "P1" },
				{ name: "Alan Turing" },
			]),
		);
		expect(put.format).toBe("json");
		expect(put.changes).toEqual({ added: 2, updated: 0, removed: 0, unchanged: 0 });
		expect(put.students.map((s) => [s.name, s.email, s.studentId, s.section])).toEqual([
			["Ada Lovelace", "ada@school.example", "S001", "P1"],
			["Alan Turing", null, null, null],
		]);
		for (const s of put.students) {
			expect(s.code).toMatch(CODE);
			expect(s.joinUrl).toBe(`https://quizline.test/join/${s.code}`);
		}
		const res2 = await api(token).$get({ param: { classId: cls.id } });
		expect(res2.status).toBe(200);
		const got = await res2.json();
		expect(got.students).toEqual(put.students);
		expect(got.namePicker).toBe(false);
		const stored = await rows(cls.id);
		expect(stored.map((r) => [r.name, r.name_key, r.position])).toEqual([
			["Ada Lovelace", "ada lovelace", 0],
			["Alan Turing", "alan turing", 1],
		]);
	});

	it("imports pasted names, one per line, and a plain CSV with headers", async () => {
		const { token, cls } = await setUp();
		const p = await accepted(
			await putFile(token, cls.id, "Ada Lovelace\r\n\r\n  Grace Hopper\nAlan Turing\n", "text/plain; charset=utf-8"),
		);
		expect(p.format).toBe("plain");
		expect(p.students.map((s) => s.name)).toEqual(["Ada Lovelace", "Grace Hopper", "Alan Turing"]);

		const csv = "name,email,student id,section\nAda Lovelace,ada@school.example,S001,P1\nKatherine Johnson,kj@school.example,S004,P2\n";
		const b = await accepted(await putFile(token, cls.id, csv, "text/csv"));
		expect(b.changes).toEqual({ added: 1, updated: 1, removed: 2, unchanged: 0 });
		expect(b.students.map((s) => [s.name, s.email, s.studentId, s.section])).toEqual([
			["Ada Lovelace", "ada@school.example", "S001", "P1"],
			["Katherine Johnson", "kj@school.example", "S004", "P2"],
		]);
		// Ada was matched by name: same id and code as from the pasted list.
		expect(b.students[0]?.id).toBe(p.students[0]?.id);
		expect(b.students[0]?.code).toBe(p.students[0]?.code);
	});

	it("imports a Canvas gradebook export as it is: names turned round, SIS ids and sections kept, the Test Student left out", async () => {
		const { token, cls } = await setUp();
		const b = await accepted(await putFile(token, cls.id, canvasExport, "text/csv"));
		expect(b.format).toBe("canvas");
		expect(b.students.map((s) => [s.name, s.studentId, s.section, s.email])).toEqual([
			["Ada Lovelace", "S-1001", "Period 2", null],
			["Grace Hopper", "S-1002", "Period 2", null],
			["José Núñez", null, "Period 2 and Period 3", null],
			["Chiamaka Okafor", "S-1004", "Period 3", null],
		]);
		// The same export again: nothing changes, in the answer or in D1.
		const before = await rows(cls.id);
		const again = await body(await putFile(token, cls.id, canvasExport, "text/csv"));
		expect(again.changes).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 4 });
		expect(again.students).toEqual(b.students);
		expect(await rows(cls.id)).toEqual(before);
	});

	it("imports a Moodle grades export as it is: first and last name, ID number and email kept; then matches the Canvas file by student id", async () => {
		const { token, cls } = await setUp();
		const moodle = await accepted(await putFile(token, cls.id, moodleExport, "text/csv; charset=utf-8"));
		expect(moodle.format).toBe("moodle");
		expect(moodle.students.map((s) => [s.name, s.studentId, s.email])).toEqual([
			["Ada Lovelace", "S-1001", "ada.lovelace@example.org"],
			["Grace Hopper", "S-1002", "grace.hopper@example.org"],
			["José Núñez", null, "jose.nunez@example.org"],
			["Chiamaka Okafor", "S-1004", "chiamaka.okafor@example.org"],
		]);
		// The same class exported from Canvas: everyone matched (by SIS id, or by name), codes kept, emails kept, sections added.
		const canvas = await body(await putFile(token, cls.id, canvasExport, "text/csv"));
		expect(canvas.changes).toEqual({ added: 0, updated: 4, removed: 0, unchanged: 0 });
		expect(canvas.students.map((s) => [s.id, s.code, s.email])).toEqual(moodle.students.map((s) => [s.id, s.code, s.email]));
		expect(canvas.students.map((s) => s.section)).toEqual(["Period 2", "Period 2", "Period 2 and Period 3", "Period 3"]);
	});

	it("is idempotent: the same file twice keeps every id and code, and changes nothing in D1", async () => {
		const { token, cls } = await setUp();
		const csv = "name,email,student id\nAda Lovelace,ada@school.example,S001\nAda Lovelace,,\nGrace Hopper,,S003\n";
		const first = await body(await putFile(token, cls.id, csv, "text/csv"));
		const before = await rows(cls.id);
		const second = await body(await putFile(token, cls.id, csv, "text/csv"));
		expect(second.changes).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
		expect(second.students).toEqual(first.students);
		expect(await rows(cls.id)).toEqual(before);
		// And through the JSON body too.
		const students = [{ name: "Ada Lovelace" }, { name: "Bo Diddley" }];
		const a = await body(await putJson(token, cls.id, students));
		const snapshot = await rows(cls.id);
		const b = await body(await putJson(token, cls.id, students));
		expect(b.students).toEqual(a.students);
		expect(b.changes?.added).toBe(0);
		expect(await rows(cls.id)).toEqual(snapshot);
	});

	it("suffixes repeated names visibly, says which, and never merges them", async () => {
		const { token, cls } = await setUp();
		const res = await putJson(token, cls.id, [
			{ name: "Ada Lovelace" },
			{ name: "Alan Turing" },
			{ name: "ada lovelace" },
			{ name: "Ada Lovelace" },
		]);
		const b = await body(res);
		expect(b.students.map((s) => s.name)).toEqual(["Ada Lovelace", "Alan Turing", "ada lovelace (2)", "Ada Lovelace (3)"]);
		expect(b.suffixed).toEqual([
			{ index: 2, name: "ada lovelace", as: "ada lovelace (2)" },
			{ index: 3, name: "Ada Lovelace", as: "Ada Lovelace (3)" },
		]);
		expect(new Set(b.students.map((s) => s.code)).size).toBe(4);
	});

	it("re-imports match by student id, then email, then name; unlisted students are removed, their attempts stay", async () => {
		const { token, cls } = await setUp();
		const first = await body(
			await putJson(token, cls.id, [
				{ name: "Robert Jones", studentId: "S1" },
				{ name: "Cy Young", email: "cy@school.example" },
				{ name: "Di Prince" },
				{ name: "Leaving Student" },
			]),
		);
		await seedAttempts([
			{ classId: cls.id, name: "Robert Jones", submittedAt: Date.now() },
			{ classId: cls.id, name: "Leaving Student", submittedAt: Date.now() },
		]);
		const second = await body(
			await putJson(token, cls.id, [
				{ name: "Bob Jones", studentId: "S1" },
				{ name: "Cyrus Young", email: "CY@school.example" },
				{ name: "di  prince", section: "B" },
			]),
		);
		expect(second.changes).toEqual({ added: 0, updated: 3, removed: 1, unchanged: 0 });
		expect(second.students.map((s) => [s.id, s.code])).toEqual(first.students.slice(0, 3).map((s) => [s.id, s.code]));
		expect(second.students.map((s) => s.name)).toEqual(["Bob Jones", "Cyrus Young", "di prince"]);
		// The renamed student's attempts follow the new name; the removed student's attempts stay.
		const { results } = await env.DB.prepare("SELECT student_name, student_key FROM attempts WHERE class_id = ? ORDER BY student_key")
			.bind(cls.id)
			.all();
		expect(results).toEqual([
			{ student_name: "Bob Jones", student_key: "bob jones" },
			{ student_name: "Leaving Student", student_key: "leaving student" },
		]);
	});

	it("empties the roster with an empty JSON list, but refuses a CSV that lists nobody", async () => {
		const { token, cls } = await setUp();
		await putJson(token, cls.id, [{ name: "Ada" }]);
		const empty = await putFile(token, cls.id, "\n\n", "text/csv");
		expect(empty.status).toBe(422);
		expect((await readProblem(empty))?.errors).toEqual([{ path: "(body)", message: "lists no students" }]);
		expect(await rows(cls.id)).toHaveLength(1);
		const cleared = await body(await putJson(token, cls.id, []));
		expect(cleared.students).toEqual([]);
		expect(cleared.changes?.removed).toBe(1);
		expect(await rows(cls.id)).toHaveLength(0);
	});
});

describe("refusals", () => {
	it("answers 401 without a token and 404 for another teacher's class, on GET, PUT and the student routes", async () => {
		const { token, cls } = await setUp();
		const put = (await body(await putJson(token, cls.id, [{ name: "Ada" }]))).students[0];
		const other = await createTeacher("Mr Other");
		const routes: [string, string, string?][] = [
			["GET", rosterPath(cls.id)],
			["PUT", rosterPath(cls.id), JSON.stringify({ students: [{ name: "Mallory" }] })],
			["POST", `${rosterPath(cls.id)}/students`, JSON.stringify({ students: [{ name: "Mallory" }] })],
			["PATCH", `${rosterPath(cls.id)}/students/${put?.id}`, JSON.stringify({ name: "Mallory" })],
			["DELETE", `${rosterPath(cls.id)}/students/${put?.id}`],
			["POST", `${rosterPath(cls.id)}/students/${put?.id}/code`],
		];
		for (const [method, path, b] of routes) {
			const anonymous = await call(path, { method, headers: { "Content-Type": "application/json" }, body: b });
			expect(anonymous.status, `${method} ${path}`).toBe(401);
			expect(anonymous.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
			const foreign = await send(other.token, method, path, b);
			expect(foreign.status, `${method} ${path}`).toBe(404);
			expect((await readProblem(foreign))?.title).toBe("Class not found");
		}
		const stored = await rows(cls.id);
		expect(stored.map((r) => [r.name, r.code])).toEqual([["Ada", put?.code]]);
	});

	it("answers 413 for a body over the limit before reading it, and 415 for other types", async () => {
		const { token, cls } = await setUp();
		const big = `${"Ada Lovelace\n".repeat(6000)}`;
		const res = await putFile(token, cls.id, big, "text/plain");
		expect(res.status).toBe(413);
		expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
		for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", ""]) {
			const r = await putFile(token, cls.id, "name\nAda", type);
			expect(r.status, type).toBe(415);
		}
		expect(await rows(cls.id)).toHaveLength(0);
	});

	it("answers 422 naming each bad student by path, and 400 for a body of the wrong shape; nothing is stored", async () => {
		const { token, cls } = await setUp();
		const res = await putJson(token, cls.id, [
			{ name: "Ada" },
			{ name: "x".repeat(61) },
			{ name: "Bo", email: "not-an-email" },
			{ name: " " },
			{ name: "Cy", studentId: "S1" },
			{ name: "Di", studentId: "S1" },
		]);
		expect(res.status).toBe(422);
		const problem = await readProblem(res);
		expect(problem?.errors).toEqual([
			{ path: "students[1].name", message: "must be at most 60 characters" },
			{ path: "students[2].email", message: expect.stringContaining("not an email") },
			{ path: "students[3].name", message: "must not be empty" },
			{ path: "students[5].studentId", message: "is the same student id as students[4]'s" },
		]);
		const csv = await putFile(token, cls.id, `name\nAda\nZero\u200bWidth\n`, "text/csv");
		expect(csv.status).toBe(422);
		expect((await readProblem(csv))?.errors?.[0]?.path).toBe("students[1].name");
		const latin1 = await call(rosterPath(cls.id), {
			method: "PUT",
			headers: { ...bearer(token), "Content-Type": "text/csv" },
			body: new Uint8Array([0x4a, 0xf6, 0x72, 0x67, 0x0a]),
		});
		expect(latin1.status).toBe(422);
		expect((await readProblem(latin1))?.detail).toContain("UTF-8");
		for (const bad of ["{", JSON.stringify({ students: [{ nom: "Ada" }] }), JSON.stringify({ students: "Ada" }), JSON.stringify([])]) {
			const r = await send(token, "PUT", rosterPath(cls.id), bad);
			expect(r.status, bad).toBe(400);
		}
		expect(await rows(cls.id)).toHaveLength(0);
	});
});

describe("one student at a time", () => {
	it("POST /students adds without removing anyone (201), and the same again changes nothing (200)", async () => {
		const { token, cls } = await setUp();
		const first = await body(await putJson(token, cls.id, [{ name: "Ada" }, { name: "Bo" }]));
		const add = () =>
			send(token, "POST", `${rosterPath(cls.id)}/students`, JSON.stringify({ students: [{ name: "Cy", email: "cy@s.example" }] }));
		const added = await add();
		expect(added.status).toBe(201);
		const a = await body(added);
		expect(a.students.map((s) => s.name)).toEqual(["Ada", "Bo", "Cy"]);
		expect(a.students.slice(0, 2)).toEqual(first.students);
		const snapshot = await rows(cls.id);
		const again = await add();
		expect(again.status).toBe(200);
		expect((await body(again)).students).toEqual(a.students);
		expect(await rows(cls.id)).toEqual(snapshot);
		// A second "Ada" with another student id is someone else: suffixed, not merged.
		await send(token, "PATCH", `${rosterPath(cls.id)}/students/${first.students[0]?.id}`, JSON.stringify({ studentId: "S1" }));
		const twin = await body(
			await send(token, "POST", `${rosterPath(cls.id)}/students`, JSON.stringify({ students: [{ name: "Ada", studentId: "S2" }] })),
		);
		expect(twin.students.map((s) => s.name)).toEqual(["Ada", "Bo", "Cy", "Ada (2)"]);
		expect(twin.suffixed).toEqual([{ index: 0, name: "Ada", as: "Ada (2)" }]);
	});

	it("PATCH renames (attempts follow), refuses a name or id another student has (409), and checks the name rule (422)", async () => {
		const { token, cls } = await setUp();
		const [ada, bo] = (await body(await putJson(token, cls.id, [{ name: "Ada Lovelance", studentId: "S1" }, { name: "Bo" }]))).students;
		await seedAttempts([{ classId: cls.id, name: "Ada Lovelance", submittedAt: Date.now() }]);
		const path = (id = ada?.id) => `${rosterPath(cls.id)}/students/${id}`;
		const renamed = await send(token, "PATCH", path(), JSON.stringify({ name: "Ada Lovelace", email: "ada@s.example" }));
		expect(renamed.status).toBe(200);
		expect(await renamed.json()).toMatchObject({
			id: ada?.id,
			code: ada?.code,
			name: "Ada Lovelace",
			email: "ada@s.example",
			studentId: "S1",
		});
		const attempt = await env.DB.prepare("SELECT student_name, student_key FROM attempts WHERE class_id = ?").bind(cls.id).first();
		expect(attempt).toEqual({ student_name: "Ada Lovelace", student_key: "ada lovelace" });
		expect((await send(token, "PATCH", path(bo?.id), JSON.stringify({ name: "ADA LOVELACE" }))).status).toBe(409);
		expect((await send(token, "PATCH", path(bo?.id), JSON.stringify({ studentId: "S1" }))).status).toBe(409);
		const bad = await send(token, "PATCH", path(bo?.id), JSON.stringify({ name: "" }));
		expect(bad.status).toBe(422);
		expect((await readProblem(bad))?.errors).toEqual([{ path: "name", message: "must not be empty" }]);
		const cleared = await send(token, "PATCH", path(), JSON.stringify({ email: null }));
		expect(((await cleared.json()) as { email: unknown }).email).toBeNull();
		expect((await send(token, "PATCH", path("nobody"), JSON.stringify({ name: "X" }))).status).toBe(404);
	});

	it("DELETE removes one student (attempts stay), and a new code replaces the old one", async () => {
		const { token, cls } = await setUp();
		const [ada, bo] = (await body(await putJson(token, cls.id, [{ name: "Ada" }, { name: "Bo" }]))).students;
		await seedAttempts([{ classId: cls.id, name: "Bo", submittedAt: Date.now() }]);
		const gone = await send(token, "DELETE", `${rosterPath(cls.id)}/students/${bo?.id}`);
		expect(gone.status).toBe(204);
		expect((await send(token, "DELETE", `${rosterPath(cls.id)}/students/${bo?.id}`)).status).toBe(404);
		expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?").bind(cls.id).first())?.n).toBe(1);
		const renewed = await send(token, "POST", `${rosterPath(cls.id)}/students/${ada?.id}/code`);
		expect(renewed.status).toBe(200);
		const fresh = (await renewed.json()) as { code: string; id: string };
		expect(fresh.id).toBe(ada?.id);
		expect(fresh.code).toMatch(CODE);
		expect(fresh.code).not.toBe(ada?.code);
		expect((await rows(cls.id)).map((r) => r.code)).toEqual([fresh.code]);
	});
});

describe("the dashboard's roster pages", () => {
	const post = (cookie: string, path: string, body: FormData | URLSearchParams) =>
		call(path, { method: "POST", headers: { Cookie: cookie, Origin: BASE }, body, redirect: "manual" });

	it("shows the roster with its codes, imports pasted names and an uploaded file, and explains codes, cards and the picker", async () => {
		const { token, cls } = await setUp("7B English");
		const cookie = await signIn(token);
		const base = `/teacher/classes/${cls.id}`;
		const empty = await call(`${base}/roster`, { headers: { Cookie: cookie } });
		expect(empty.status).toBe(200);
		const emptyHtml = await empty.text();
		expect(emptyHtml).toContain("Nobody is on this roster yet");
		expect(emptyHtml).toContain('enctype="multipart/form-data"');
		expect(emptyHtml).toContain("Name picker: off.");
		expect(emptyHtml).toContain("anyone who has the class code could pick any name");

		const pasted = new FormData();
		pasted.set("names", "Ada Lovelace\nAlan Turing\nAda Lovelace\n");
		pasted.set("mode", "add");
		pasted.set("file", new File([], "", { type: "application/octet-stream" }));
		const imported = await post(cookie, `${base}/roster/import`, pasted);
		expect(imported.status).toBe(200);
		const html = await imported.text();
		expect(html).toContain("Imported your list: 3 added, 0 updated, 0 removed, 0 unchanged.");
		expect(html).toContain("“Ada Lovelace” is on the roster as “Ada Lovelace (2)”");
		const stored = await rows(cls.id);
		for (const r of stored) expect(html).toContain(`<code>${String(r.code).slice(0, 4)}\u00a0${String(r.code).slice(4)}</code>`);
		expect(html).toContain(`href="${base}/cards"`);

		const file = new FormData();
		file.set("names", "");
		file.set("mode", "replace");
		file.set("file", new File(["name,email\nAda Lovelace,ada@school.example\nGrace Hopper,\n"], "class.csv", { type: "text/csv" }));
		const replaced = await (await post(cookie, `${base}/roster/import`, file)).text();
		expect(replaced).toContain("1 added, 1 updated, 2 removed, 0 unchanged");
		expect((await rows(cls.id)).map((r) => [r.name, r.email])).toEqual([
			["Ada Lovelace", "ada@school.example"],
			["Grace Hopper", null],
		]);

		const bad = new FormData();
		bad.set("names", `Ada\n${"x".repeat(61)}\n`);
		bad.set("mode", "replace");
		const refused = await post(cookie, `${base}/roster/import`, bad);
		expect(refused.status).toBe(422);
		const refusedHtml = await refused.text();
		expect(refusedHtml).toContain("Nothing was imported");
		expect(refusedHtml).toContain("Student 2 (“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx”): the name must be at most 60 characters.");
		expect(refusedHtml).toContain(`${"x".repeat(61)}\n</textarea>`);
		expect(await rows(cls.id)).toHaveLength(2);
	});

	it("adds one student, renames one, gives a new code and removes one, all with plain forms", async () => {
		const { token, cls } = await setUp();
		const cookie = await signIn(token);
		const base = `/teacher/classes/${cls.id}`;
		const added = await post(
			cookie,
			`${base}/roster/students`,
			new URLSearchParams({ "new-name": "Ada Lovelance", "new-email": "", "new-studentId": "S1", "new-section": "" }),
		);
		expect(added.status).toBe(200);
		expect(await added.text()).toMatch(/Ada Lovelance is on the roster, with the code [A-Z0-9]{4} [A-Z0-9]{4}\./);
		const again = await (await post(cookie, `${base}/roster/students`, new URLSearchParams({ "new-name": "ada lovelance" }))).text();
		expect(again).toContain("was already on the roster, so nobody was added");
		const noName = await post(cookie, `${base}/roster/students`, new URLSearchParams({ "new-name": " " }));
		expect(noName.status).toBe(422);
		expect(await noName.text()).toContain("The name must not be empty.");

		const [ada] = await rows(cls.id);
		const studentPage = await (await call(`${base}/roster/${ada?.id}`, { headers: { Cookie: cookie } })).text();
		expect(studentPage).toContain(`https://quizline.test/join/${ada?.code}`);
		expect(studentPage).toContain(`href="${base}/cards?student=${ada?.id}"`);

		const saved = await post(
			cookie,
			`${base}/roster/${ada?.id}`,
			new URLSearchParams({ name: "Ada Lovelace", email: "", studentId: "S1", section: "P1" }),
		);
		expect(saved.status).toBe(303);
		expect(saved.headers.get("Location")).toBe(`${base}/roster#student-${ada?.id}`);
		expect((await rows(cls.id)).map((r) => [r.name, r.section, r.code])).toEqual([["Ada Lovelace", "P1", ada?.code]]);

		const renewed = await post(cookie, `${base}/roster/${ada?.id}/code`, new URLSearchParams());
		expect(renewed.status).toBe(303);
		const [after] = await rows(cls.id);
		expect(after?.code).not.toBe(ada?.code);
		const shown = await (await call(renewed.headers.get("Location") ?? "", { headers: { Cookie: cookie } })).text();
		expect(shown).toContain("This is the new code. The old one no longer works.");

		const removed = await post(cookie, `${base}/roster/${ada?.id}/remove`, new URLSearchParams());
		expect(removed.status).toBe(303);
		expect(await rows(cls.id)).toHaveLength(0);
		const gone = await call(`${base}/roster/${ada?.id}`, { headers: { Cookie: cookie } });
		expect(gone.status).toBe(404);
		expect(gone.headers.get("Content-Type")).toMatch(/^text\/html/);
	});

	it("prints cards: name, spaced code, join address and a QR code each, with a print stylesheet and no dashboard when printed", async () => {
		const { token, cls } = await setUp("7B English");
		const cookie = await signIn(token);
		const { students } = await body(await putJson(token, cls.id, [{ name: "Ada Lovelace" }, { name: "Alan Turing" }]));
		const res = await call(`/teacher/classes/${cls.id}/cards`, { headers: { Cookie: cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		const nonce = /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1];
		expect(html).toContain(`<style nonce="${nonce}">`);
		expect(html).toContain("@media print");
		expect(html).toMatch(/body > header\.bar, \.no-print \{ display: none !important; \}/);
		expect(html.match(/<li class="card">/g)).toHaveLength(2);
		for (const s of students) {
			expect(html).toContain(`<p class="card-name">${s.name}</p>`);
			expect(html).toContain(`<p class="card-code">${s.code.slice(0, 4)} ${s.code.slice(4)}</p>`);
			expect(html).toContain(`aria-label="QR code: join as ${s.name}"`);
		}
		expect(html).toContain("quizline.test/join");
		const one = await (await call(`/teacher/classes/${cls.id}/cards?student=${students[1]?.id}`, { headers: { Cookie: cookie } })).text();
		expect(one.match(/<li class="card">/g)).toHaveLength(1);
		expect(one).toContain("Alan Turing");
		expect(one).not.toContain("Ada Lovelace");
	});

	it("keeps another teacher's class, and a signed-out browser, out: HTML 404 and the sign-in page", async () => {
		const { token, cls } = await setUp();
		await putJson(token, cls.id, [{ name: "Ada" }]);
		const [ada] = await rows(cls.id);
		const other = await createTeacher("Mr Other");
		const cookie = await signIn(other.token);
		const base = `/teacher/classes/${cls.id}`;
		for (const path of [`${base}/roster`, `${base}/cards`, `${base}/roster/${ada?.id}`]) {
			const res = await call(path, { headers: { Cookie: cookie } });
			expect(res.status, path).toBe(404);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
			expect(await res.text()).not.toContain("Ada");
			const signedOut = await call(path, { redirect: "manual" });
			expect(signedOut.status).toBe(303);
			expect(signedOut.headers.get("Location")).toBe("/teacher");
		}
		const form = new FormData();
		form.set("names", "Mallory");
		const write = await post(cookie, `${base}/roster/import`, form);
		expect(write.status).toBe(404);
		expect((await rows(cls.id)).map((r) => r.name)).toEqual(["Ada"]);
	});
});
