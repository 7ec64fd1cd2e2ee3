/**
 * Joining a rostered class, through the real Worker and D1: a personal code (typed, or from a
 * card's /join/<code> link) greets the student by the roster's name and puts that code in the
 * student cookie; a class's join code asks for the personal code (picker off) or lists the names
 * (picker on); a class without a roster still takes typed names.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issuedId } from "../fixtures/attempt-ids";
import { call, postJson } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, freshIp } from "../fixtures/teacher";

interface Student {
	id: string;
	name: string;
	code: string;
}

/** A teacher's class with a roster, and the name picker as asked. */
async function rosteredClass(names: string[], namePicker = false) {
	const t = await createTeacher("Ms Join");
	const cls = await createClass(t.token, { name: "7B English" });
	const headers = { ...bearer(t.token), "Content-Type": "application/json" };
	const res = await call(`/api/teacher/classes/${cls.id}/roster`, {
		method: "PUT",
		headers,
		body: JSON.stringify({ students: names.map((name) => ({ name })) }),
	});
	expect(res.status).toBe(200);
	const { students } = (await res.json()) as { students: Student[] };
	if (namePicker) {
		const patched = await call(`/api/teacher/classes/${cls.id}`, { method: "PATCH", headers, body: JSON.stringify({ namePicker: true }) });
		expect(patched.status).toBe(200);
	}
	return { cls, students };
}

function postForm(fields: Record<string, string>, cookie?: string) {
	return call("/join", {
		method: "POST",
		body: new URLSearchParams(fields),
		redirect: "manual",
		headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": freshIp(), ...(cookie ? { Cookie: cookie } : {}) },
	});
}

const page = (path: string, cookie?: string) =>
	call(path, { headers: { "CF-Connecting-IP": freshIp(), ...(cookie ? { Cookie: cookie } : {}) } });

/** The student cookie a response sets: its value for a request, and what it holds. */
function studentCookie(res: Response) {
	const header = res.headers.get("Set-Cookie") ?? "";
	const pair = header.split(";")[0] ?? "";
	const value = JSON.parse(decodeURIComponent(pair.slice(pair.indexOf("=") + 1))) as { n: string; c: string };
	return { pair, value };
}

describe("joining with a personal code", () => {
	it("greets the student by the roster's name from /join/<code>, asking for no name", async () => {
		const { students } = await rosteredClass(["Ada Lovelace", "Alan Turing"]);
		const ada = students[0] as Student;
		for (const path of [`/join/${ada.code}`, `/join/${ada.code.toLowerCase().slice(0, 4)}-${ada.code.slice(4)}`, `/?class=${ada.code}`]) {
			const res = await page(path);
			expect(res.status, path).toBe(200);
			const html = await res.text();
			expect(html, path).toContain("Hello, <strong>Ada Lovelace</strong>!");
			expect(html).toContain("You are in 7B English.");
			expect(html).toContain(`<input type="hidden" name="classCode" value="${ada.code}"`);
			expect(html).not.toContain('id="studentName"');
			expect(html).not.toContain("Alan Turing");
			expect(html).toContain(`value="${QUIZ_ID}"`);
		}
	});

	it("joins with the code alone: the cookie holds the roster's name and the code, and the quiz page submits with it", async () => {
		const { students } = await rosteredClass(["Ada Lovelace"]);
		const ada = students[0] as Student;
		// A typed name is ignored: the code names the student.
		const res = await postForm({ studentName: "Mallory", classCode: ` ${ada.code.toLowerCase()} `, quiz: QUIZ_ID });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe(`/quiz/${QUIZ_ID}`);
		const cookie = studentCookie(res);
		expect(cookie.value).toEqual({ n: "Ada Lovelace", c: ada.code });
		expect(res.headers.get("Set-Cookie")).toMatch(/HttpOnly/);

		const quiz = await (await page(`/quiz/${QUIZ_ID}`, cookie.pair)).text();
		expect(quiz).toContain("Ada Lovelace");
		expect(quiz).toContain(`<input type="hidden" name="classCode" value="${ada.code}"`);
		// The join page remembers them.
		const again = await (await page("/", cookie.pair)).text();
		expect(again).toContain("Hello, <strong>Ada Lovelace</strong>!");
		// "Not you?" starts again without the remembered code.
		expect(again).toContain('href="/?class="');
		const fresh = await (await page("/?class=", cookie.pair)).text();
		expect(fresh).toContain('id="classCode"');
		expect(fresh).not.toContain("Hello,");
	});

	it("refuses an unknown personal code with a clear message, and does not ask for a name beside it", async () => {
		const res = await postForm({ studentName: "", classCode: "ACDE-FGHJ", quiz: QUIZ_ID });
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain("No class and no student has the code “ACDEFGHJ”");
		expect(html).not.toContain("Your name must not be empty");
		const link = await (await page("/join/ACDEFGHJ")).text();
		expect(link).toContain("No class and no student has the code “ACDEFGHJ”");
	});
});

describe("a rostered class's join code", () => {
	it("with the name picker off, asks for the personal code and accepts no typed name", async () => {
		const { cls, students } = await rosteredClass(["Ada Lovelace", "Alan Turing"]);
		const other = await rosteredClass(["Grace Hopper"]);
		const html = await (await page(`/join/${cls.joinCode}`)).text();
		expect(html).toContain("This class uses personal codes");
		expect(html).toMatch(/<label for="personalCode">Your personal code<\/label>/);
		expect(html).not.toContain('id="studentName"');
		expect(html).not.toContain("Ada Lovelace");

		const typed = await postForm({ studentName: "Ada Lovelace", classCode: cls.joinCode, quiz: QUIZ_ID });
		expect(typed.status).toBe(422);
		expect(typed.headers.get("Set-Cookie")).toBeNull();
		const typedHtml = await typed.text();
		expect(typedHtml).toContain("Type the personal code from your card");
		expect(typedHtml).toMatch(/id="personalCode"[^>]*aria-invalid="true"/);

		const foreign = await postForm({ classCode: cls.joinCode, personalCode: other.students[0]?.code ?? "", quiz: QUIZ_ID });
		expect(foreign.status).toBe(422);
		expect(await foreign.text()).toContain("is not a personal code of this class");

		const alan = students[1] as Student;
		const ok = await postForm({ classCode: cls.joinCode, personalCode: alan.code.toLowerCase(), quiz: QUIZ_ID });
		expect(ok.status).toBe(303);
		expect(studentCookie(ok).value).toEqual({ n: "Alan Turing", c: alan.code });
	});

	it("with the name picker on, lists the roster's names, and records the one picked", async () => {
		const { cls, students } = await rosteredClass(["Ada Lovelace", "Alan Turing"], true);
		const html = await (await page(`/join/${cls.joinCode}`)).text();
		expect(html).toContain("<legend>Pick your name</legend>");
		for (const s of students) expect(html).toContain(`<input type="radio" name="rosterStudent" value="${s.id}"`);
		// Picking a name never shows anyone's personal code.
		for (const s of students) expect(html).not.toContain(s.code);

		const none = await postForm({ classCode: cls.joinCode, quiz: QUIZ_ID });
		expect(none.status).toBe(422);
		expect(await none.text()).toContain("Pick your name from the list.");
		const stranger = await rosteredClass(["Grace Hopper"], true);
		const wrong = await postForm({ classCode: cls.joinCode, rosterStudent: stranger.students[0]?.id ?? "", quiz: QUIZ_ID });
		expect(wrong.status).toBe(422);

		const alan = students[1] as Student;
		const picked = await postForm({ classCode: cls.joinCode, rosterStudent: alan.id, studentName: "Mallory", quiz: QUIZ_ID });
		expect(picked.status).toBe(303);
		const cookie = studentCookie(picked);
		expect(cookie.value).toEqual({ n: "Alan Turing", c: cls.joinCode });
		// Back on the join page, their name stays picked.
		const again = await (await page("/", cookie.pair)).text();
		expect(again).toMatch(new RegExp(`value="${alan.id}" checked`));

		// What they submit is recorded under the roster's name, grouped with the roster student.
		const quiz = await (await page(`/quiz/${QUIZ_ID}`, cookie.pair)).text();
		const attemptId = /name="attemptId" value="([^"]+)"/.exec(quiz)?.[1] ?? issuedId();
		const submitted = await postJson(
			"/api/attempts",
			{ attemptId, quizId: QUIZ_ID, studentName: cookie.value.n, classCode: cookie.value.c, answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(submitted.status).toBe(201);
		const row = await env.DB.prepare("SELECT student_key FROM attempts WHERE class_id = ?").bind(cls.id).first<{ student_key: string }>();
		const roster = await env.DB.prepare("SELECT name_key FROM roster_students WHERE id = ?").bind(alan.id).first<{ name_key: string }>();
		expect(row?.student_key).toBe(roster?.name_key);
	});

	it("in a class without a roster, takes typed names as before", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "No roster" });
		const html = await (await page(`/join/${cls.joinCode}`)).text();
		expect(html).toContain('id="studentName"');
		expect(html).toContain("Class: No roster");
		const res = await postForm({ studentName: "Ada", classCode: cls.joinCode, quiz: QUIZ_ID });
		expect(res.status).toBe(303);
		expect(studentCookie(res).value).toEqual({ n: "Ada", c: cls.joinCode });
	});
});

describe("a rostered class's join code at submission", () => {
	const submit = (classCode: string, studentName: string) =>
		postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: QUIZ_ID, studentName, classCode, answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);

	it("takes no typed name without the name picker: the student must use their personal code", async () => {
		const { cls, students } = await rosteredClass(["Ada Lovelace", "Carol Shaw"]);
		const typed = await submit(cls.joinCode, "Carol Shaw");
		expect(typed.status).toBe(422);
		expect(((await typed.json()) as { detail: string }).detail).toMatch(/personal codes/);
		const own = await submit(students[1]?.code ?? "", "Somebody else");
		expect(own.status).toBe(201);
		expect(((await own.json()) as { studentName: string }).studentName).toBe("Carol Shaw");
		const stored = await env.DB.prepare("SELECT student_name FROM attempts WHERE class_id = ?")
			.bind(cls.id)
			.all<{ student_name: string }>();
		expect(stored.results.map((r) => r.student_name)).toEqual(["Carol Shaw"]);
	});

	it("with the name picker, takes a name on the roster (recorded as the roster spells it) and refuses any other", async () => {
		const { cls } = await rosteredClass(["Ada Lovelace", "Carol Shaw"], true);
		const picked = await submit(cls.joinCode, "ada  LOVELACE");
		expect(picked.status).toBe(201);
		expect(((await picked.json()) as { studentName: string }).studentName).toBe("Ada Lovelace");
		const stranger = await submit(cls.joinCode, "Mallory");
		expect(stranger.status).toBe(422);
		expect(((await stranger.json()) as { detail: string }).detail).toMatch(/not on this class's list/);
		const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ?").bind(cls.id).first<{ n: number }>();
		expect(count?.n).toBe(1);
	});

	it("a class without a roster still takes typed names", async () => {
		const t = await createTeacher("Mr Open");
		const cls = await createClass(t.token, { name: "Open class" });
		expect((await submit(cls.joinCode, "Anyone")).status).toBe(201);
	});
});

describe("a closed class at the join page", () => {
	it("is refused when the student joins, by the form and by the link, before any question", async () => {
		const t = await createTeacher("Ms Close");
		const cls = await createClass(t.token, { name: "Closed class" });
		const closed = await call(`/api/teacher/classes/${cls.id}`, {
			method: "PATCH",
			headers: { ...bearer(t.token), "Content-Type": "application/json" },
			body: JSON.stringify({ closesAt: new Date(Date.now() - 60_000).toISOString() }),
		});
		expect(closed.status).toBe(200);
		const form = await postForm({ name: "Late Larry", classCode: cls.joinCode, quiz: QUIZ_ID });
		expect(form.status).toBe(422);
		expect(form.headers.get("Set-Cookie")).toBeNull();
		expect(await form.text()).toContain("This class has closed");
		const link = await page(`/join/${cls.joinCode}`);
		expect(await link.text()).toContain("This class has closed");
	});
});
