/**
 * "New quiz from an article" in the dashboard, without JavaScript: every request is what a browser
 * sends with scripts off. The review form is read back out of each rendered page (its inputs,
 * textareas and selects, as a browser would post them), changed like a teacher would, and posted
 * with the button pressed. What is stored is read from D1.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { QuestionFile } from "../../worker/domain/quiz/schema";
import footbridge from "../fixtures/articles/river-footbridge.txt?raw";
import { BASE, call } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, freshIp, signIn } from "../fixtures/teacher";

const [TITLE = "", ...LINES] = footbridge.replace(/\r\n?/g, "\n").split("\n");
const ARTICLE = { title: TITLE.trim(), text: LINES.join("\n"), source: "Surrey Advertiser", date: "3 March 2026" };
const PARAGRAPHS = LINES.map((l) => l.trim()).filter((l) => l !== "");

type Fields = [string, string][];

const post = (path: string, cookie: string, fields: Fields | Record<string, string>, headers: Record<string, string> = {}) =>
	call(path, {
		method: "POST",
		headers: {
			"Content-Type": "application/x-www-form-urlencoded",
			Origin: BASE,
			Cookie: cookie,
			"CF-Connecting-IP": freshIp(),
			...headers,
		},
		body: new URLSearchParams(fields).toString(),
		redirect: "manual",
	});
const get = (path: string, cookie: string) => call(path, { headers: { Cookie: cookie }, redirect: "manual" });

async function teacher(name = "Ms Author") {
	const t = await createTeacher(name);
	return { ...t, cookie: await signIn(t.token) };
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const fromHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const toHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[ch]};`);

function attrs(tag: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of tag.matchAll(/\s([a-zA-Z-]+)(?:="([^"]*)")?/g)) out.set(m[1] as string, fromHtml(m[2] ?? ""));
	return out;
}

/**
 * The fields a browser posts for the page's form `action` (no submit buttons: the pressed one is
 * added by the caller), in document order, as the HTML standard's form data set builds them.
 */
function formFields(html: string, action: string): Fields {
	const start = html.indexOf(`action="${action}"`);
	expect(start, `no form posting to ${action}`).toBeGreaterThan(0);
	const form = html.slice(start, html.indexOf("</form>", start));
	const fields: Fields = [];
	for (const m of form.matchAll(/<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
		if (m[0].startsWith("<input")) {
			const a = attrs(m[0]);
			const type = a.get("type") ?? "text";
			if (!a.has("name") || type === "submit" || type === "button") continue;
			if ((type === "radio" || type === "checkbox") && !a.has("checked")) continue;
			fields.push([a.get("name") as string, a.get("value") ?? (type === "radio" || type === "checkbox" ? "on" : "")]);
		} else if (m[0].startsWith("<textarea")) {
			fields.push([attrs(m[1] ?? "").get("name") as string, fromHtml(m[2] ?? "")]);
		} else {
			const options = [...(m[4] ?? "").matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1] ?? ""));
			const chosen = options.find((o) => o.has("selected")) ?? options[0];
			fields.push([attrs(m[3] ?? "").get("name") as string, chosen?.get("value") ?? ""]);
		}
	}
	return fields;
}

const value = (fields: Fields, name: string) => fields.find(([n]) => n === name)?.[1];
const setField = (fields: Fields, name: string, to: string): Fields => {
	expect(value(fields, name), name).toBeDefined();
	return fields.map(([n, v]) => [n, n === name ? to : v]);
};
const questionIds = (fields: Fields) => fields.filter(([n]) => /^questions\[\d+\]\.id$/.test(n)).map(([, v]) => v);

/** Presses a button of the review form: the form as rendered, changed by `change`, posted with the button's value. */
async function press(cookie: string, html: string, button: string, change: (f: Fields) => Fields = (f) => f) {
	return post("/teacher/review", cookie, [...change(formFields(html, "/teacher/review")), ["action", button]]);
}

async function pasteArticle(cookie: string, article = ARTICLE): Promise<{ articleId: string; html: string }> {
	const res = await post("/teacher/articles", cookie, article);
	expect(res.status).toBe(303);
	const location = res.headers.get("Location") ?? "";
	const articleId = /^\/teacher\/articles\/([0-9a-f-]{36})\/review$/.exec(location)?.[1] as string;
	expect(articleId).toBeDefined();
	const page = await get(location, cookie);
	expect(page.status).toBe(200);
	return { articleId, html: await page.text() };
}

async function draftOf(token: string, articleId: string): Promise<QuestionFile[]> {
	const res = await call(`/api/teacher/articles/${articleId}/draft`, { method: "POST", headers: bearer(token) });
	expect(res.status).toBe(200);
	return ((await res.json()) as { questions: QuestionFile[] }).questions;
}

const count = async (sql: string, ...params: unknown[]) =>
	(
		await env.DB.prepare(sql)
			.bind(...params)
			.first<{ n: number }>()
	)?.n;

/** Publishes the drafted quiz as it is, through the review form; the quiz id. */
async function publishDraft(cookie: string, title = "Footbridge") {
	const { html } = await pasteArticle(cookie);
	const res = await press(cookie, html, "publish", (f) => setField(f, "title", title));
	expect(res.status).toBe(303);
	return /^\/teacher\/quizzes\/(tq-[^?]+)\?notice=published$/.exec(res.headers.get("Location") ?? "")?.[1] as string;
}

describe("pasting an article", () => {
	it("shows a labelled form, keeps what was typed beside each problem, stores nothing until it is valid", async () => {
		const t = await teacher();
		const page = await get("/teacher/articles/new", t.cookie);
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const id of ["title", "text", "source", "date"]) expect(html).toMatch(new RegExp(`<label for="${id}">`));
		expect(html).toMatch(/<textarea[^>]*id="text"/);

		const bad = await post("/teacher/articles", t.cookie, { title: "  ", text: "\n\n", source: "The Valley Courier", date: "" });
		expect(bad.status).toBe(422);
		const again = await bad.text();
		expect(again).toMatch(/<input[^>]*id="title"[^>]*aria-invalid="true"[^>]*aria-describedby="title-error"/);
		expect(again).toMatch(/<p id="title-error" class="error">must not be empty<\/p>/);
		expect(again).toMatch(/<p id="text-error" class="error">must not be empty: paste the article&#39;s text<\/p>/);
		expect(again).toContain('<a href="#title">Title: must not be empty</a>');
		expect(again).toMatch(/id="source"[^>]*value="The Valley Courier"|value="The Valley Courier"[^>]*id="source"/);
		expect(await count("SELECT COUNT(*) AS n FROM articles WHERE teacher_id = ?", t.id)).toBe(0);

		const { articleId } = await pasteArticle(t.cookie);
		const row = await env.DB.prepare("SELECT teacher_id, title, source, date, paragraphs FROM articles WHERE id = ?")
			.bind(articleId)
			.first();
		expect(row).toEqual({
			teacher_id: t.id,
			title: ARTICLE.title,
			source: ARTICLE.source,
			date: ARTICLE.date,
			paragraphs: JSON.stringify(PARAGRAPHS),
		});
	});

	it("sends a signed-out browser to the sign-in form and refuses a post from another site", async () => {
		const t = await teacher();
		const out = await get("/teacher/articles/new", "");
		expect(out.status).toBe(303);
		expect(out.headers.get("Location")).toBe("/teacher");
		for (const path of ["/teacher/articles", "/teacher/review"]) {
			const signedOut = await post(path, "", { ...ARTICLE, action: "publish" });
			expect(signedOut.status, path).toBe(303);
			expect(signedOut.headers.get("Location")).toBe("/teacher");
		}
		const forged = await post("/teacher/articles", t.cookie, ARTICLE, { Origin: "https://evil.example" });
		expect(forged.status).toBe(403);
		expect(forged.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(await count("SELECT COUNT(*) AS n FROM articles WHERE teacher_id = ?", t.id)).toBe(0);
		// The routes are signed-in only under their own paths: anything else is still the dashboard's not-found page.
		expect((await get("/teacher/nothing-here", "")).status).toBe(404);
	});
});

describe("the review page", () => {
	it("shows every drafted question as fields, with its evidence marked in its paragraph, beside the article", async () => {
		const t = await teacher();
		const { articleId, html } = await pasteArticle(t.cookie);
		const draft = await draftOf(t.token, articleId);
		expect(draft.length).toBeGreaterThan(3);
		expect(html).toContain(`<input type="hidden" name="articleId" value="${articleId}"/>`);
		const fields = formFields(html, "/teacher/review");
		expect(value(fields, "title")).toBe(ARTICLE.title);
		expect(questionIds(fields)).toEqual(draft.map((q) => q.id));
		draft.forEach((q, n) => {
			expect(value(fields, `questions[${n}].evidence.quote`)).toBe(q.evidence.quote);
			expect(value(fields, `questions[${n}].evidence.paragraph`)).toBe(String(q.evidence.paragraph));
			const preview = html.slice(
				html.indexOf(`id="questions-${n}-preview"`),
				html.indexOf("</figure>", html.indexOf(`id="questions-${n}-preview"`)),
			);
			expect(preview).toContain(`Paragraph ${q.evidence.paragraph}:`);
			expect(preview).toContain(`<mark>${toHtml(q.evidence.quote)}</mark>`);
			if ("choiceIds" in q.answer) {
				for (const id of q.answer.choiceIds) expect(fields).toContainEqual([`questions[${n}].answer.choiceIds`, id]);
				expect(fields.filter(([name]) => name === `questions[${n}].answer.choiceIds`)).toHaveLength(q.answer.choiceIds.length);
			} else {
				expect(value(fields, `questions[${n}].answer.accepted`)).toBe(q.answer.accepted.join("\n"));
			}
		});
		// The article beside the questions, each paragraph as stored (the script checks quotes against these).
		for (const [i, p] of PARAGRAPHS.entries()) expect(html).toContain(`<span data-paragraph="${i + 1}">${toHtml(p)}</span>`);
		// Every control has a label.
		const ids = [...html.matchAll(/<(?:input|textarea|select)\b(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
		expect(ids.length).toBeGreaterThan(draft.length * 5);
		for (const id of ids) expect(html, id).toContain(`for="${id}"`);
	});

	it("loads its script, which carries the server's own grounding check", async () => {
		const t = await teacher();
		const { html } = await pasteArticle(t.cookie);
		const src = /<script src="(\/static\/author\.[0-9a-f]{12}\.js)" defer="">/.exec(html)?.[1];
		expect(src).toBeDefined();
		const res = await call(src as string);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
		const script = await res.text();
		expect(script.startsWith("const quizlineCheck = (() => {")).toBe(true);
		expect(script).toContain("evidence quote is not in paragraph");
		expect(script).toContain("Use selected text as evidence");
		// Other pages do not load it.
		expect(await (await get("/teacher/articles/new", t.cookie)).text()).not.toContain("/static/author.");
	});

	it("moves, deletes and adds questions and choices without JavaScript, keeping everything typed", async () => {
		const t = await teacher();
		const { html } = await pasteArticle(t.cookie);
		const first = formFields(html, "/teacher/review");
		const ids = questionIds(first);

		// Move the first question down, with an edit typed into it before the button was pressed.
		const moved = await press(t.cookie, html, "down:0", (f) => setField(f, "questions[0].prompt", "Where is the bridge being built?"));
		expect(moved.status).toBe(200);
		const movedHtml = await moved.text();
		let fields = formFields(movedHtml, "/teacher/review");
		expect(questionIds(fields)).toEqual([ids[1], ids[0], ...ids.slice(2)]);
		expect(value(fields, "questions[1].prompt")).toBe("Where is the bridge being built?");
		// The button lands the page back on the question it moved.
		expect(movedHtml).toContain('value="down:0" formaction="/teacher/review#questions-1"');

		const up = await press(t.cookie, movedHtml, "up:1");
		let page = await up.text();
		expect(questionIds(formFields(page, "/teacher/review"))).toEqual(ids);

		const deleted = await press(t.cookie, page, "delete:2");
		page = await deleted.text();
		expect(questionIds(formFields(page, "/teacher/review"))).toEqual([...ids.slice(0, 2), ...ids.slice(3)]);

		const added = await press(t.cookie, page, "add", (f) => setField(f, "addType", "short"));
		page = await added.text();
		fields = formFields(page, "/teacher/review");
		const n = ids.length - 1;
		expect(questionIds(fields)).toEqual([...ids.slice(0, 2), ...ids.slice(3), "q-new-1"]);
		expect(value(fields, `questions[${n}].type`)).toBe("short");
		expect(page).toMatch(new RegExp(`<textarea[^>]*id="questions-${n}-answer-accepted"`));

		// A blank single-choice question: two blank choices, one more on request, one removed again.
		page = await (await press(t.cookie, page, "add")).text();
		const m = n + 1;
		fields = formFields(page, "/teacher/review");
		expect(value(fields, `questions[${m}].id`)).toBe("q-new-2");
		expect(value(fields, `questions[${m}].type`)).toBe("single");
		expect(fields.filter(([name]) => name.startsWith(`questions[${m}].choices[`) && name.endsWith(".id")).map(([, v]) => v)).toEqual([
			"c1",
			"c2",
		]);
		page = await (
			await press(t.cookie, page, `add-choice:${m}`, (f) => setField(f, `questions[${m}].choices[0].text`, "Guildford"))
		).text();
		fields = formFields(page, "/teacher/review");
		expect(fields.filter(([name]) => name.startsWith(`questions[${m}].choices[`) && name.endsWith(".id")).map(([, v]) => v)).toEqual([
			"c1",
			"c2",
			"c3",
		]);
		expect(value(fields, `questions[${m}].choices[0].text`)).toBe("Guildford");
		page = await (await press(t.cookie, page, `remove-choice:${m}:1`)).text();
		fields = formFields(page, "/teacher/review");
		expect(fields.filter(([name]) => name.startsWith(`questions[${m}].choices[`) && name.endsWith(".id")).map(([, v]) => v)).toEqual([
			"c1",
			"c3",
		]);
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", t.id)).toBe(0);
	});

	it("refuses to publish a quote that is not in its paragraph: the error beside the field, everything kept, nothing stored", async () => {
		const t = await teacher();
		const { html } = await pasteArticle(t.cookie);
		const wrong = "The bridge was opened by the King.";
		const res = await press(t.cookie, html, "publish", (f) =>
			setField(setField(f, "questions[2].evidence.quote", wrong), "title", "My footbridge quiz"),
		);
		expect(res.status).toBe(422);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		const page = await res.text();
		const paragraph = value(formFields(html, "/teacher/review"), "questions[2].evidence.paragraph");
		const message = `evidence quote is not in paragraph ${paragraph} of the article: ${toHtml(`"${wrong}"`)}`;
		// Beside the field, tied to it for screen readers, and in the summary with a link to the field.
		expect(page).toMatch(
			/<textarea rows="3" id="questions-2-evidence-quote" name="questions\[2\]\.evidence\.quote" aria-invalid="true" aria-describedby="questions-2-evidence-quote-live">/,
		);
		const field = page.slice(page.indexOf('<div class="field" data-slot="questions-2-evidence-quote">'));
		expect(field.slice(0, field.indexOf("</div>"))).toContain(
			`<p id="questions-2-evidence-quote-live" class="error" data-live="">${message}</p>`,
		);
		expect(page).toContain(`<a href="#questions-2-evidence-quote">Question 3, evidence quote: ${message}</a>`);
		expect(page).toMatch(/role="alert" id="error-summary"/);
		const fields = formFields(page, "/teacher/review");
		expect(value(fields, "questions[2].evidence.quote")).toBe(wrong);
		expect(value(fields, "title")).toBe("My footbridge quiz");
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", t.id)).toBe(0);
		expect(
			await count("SELECT COUNT(*) AS n FROM quiz_versions v JOIN teacher_quizzes q ON q.id = v.quiz_id WHERE q.teacher_id = ?", t.id),
		).toBe(0);

		// The form's own problems and the schema's are beside their fields too, in the form's words.
		const blank = await press(t.cookie, page, "publish", (f) =>
			setField(setField(setField(f, "questions[0].prompt", " "), "questions[1].evidence.paragraph", ""), "title", ""),
		);
		expect(blank.status).toBe(422);
		const blankPage = await blank.text();
		expect(blankPage).toContain('<p id="title-error" class="error">must not be empty</p>');
		expect(blankPage).toContain(
			`<p id="questions-1-evidence-paragraph-error" class="error">must be a paragraph number, from 1 to ${PARAGRAPHS.length}</p>`,
		);
		expect(blankPage).toContain('<a href="#questions-0-prompt">Question 1, question: must not be empty</a>');
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", t.id)).toBe(0);
	});

	it("checks without publishing, then publishes the fixed form as a quiz in D1", async () => {
		const t = await teacher();
		const { articleId, html } = await pasteArticle(t.cookie);
		const broken = await press(t.cookie, html, "check", (f) => setField(f, "questions[0].evidence.quote", "Nowhere in the text."));
		expect(broken.status).toBe(422);
		const brokenPage = await broken.text();
		expect(brokenPage).toContain('id="questions-0-evidence-quote-live"');

		// Fixed: the quote set to a sentence of its paragraph, and the question reworded.
		const paragraph = Number(value(formFields(brokenPage, "/teacher/review"), "questions[0].evidence.paragraph"));
		const quote = "the borough council said on Monday";
		expect(PARAGRAPHS[paragraph - 1]).toContain(quote);
		const fix = (f: Fields) =>
			setField(
				setField(setField(f, "questions[0].evidence.quote", quote), "questions[0].prompt", "Who announced the work?"),
				"title",
				"Footbridge",
			);
		const checked = await press(t.cookie, brokenPage, "check", fix);
		expect(checked.status).toBe(200);
		const checkedPage = await checked.text();
		expect(checkedPage).toContain("The check found no problems.");
		expect(checkedPage).not.toContain('class="error"');
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", t.id)).toBe(0);

		const published = await press(t.cookie, checkedPage, "publish");
		expect(published.status).toBe(303);
		const quizId = /^\/teacher\/quizzes\/(tq-[^?]+)\?notice=published$/.exec(published.headers.get("Location") ?? "")?.[1] as string;
		expect(quizId).toBeDefined();
		const row = await env.DB.prepare("SELECT teacher_id, article_id, title, question_count FROM teacher_quizzes WHERE id = ?")
			.bind(quizId)
			.first();
		const draft = await draftOf(t.token, articleId);
		expect(row).toEqual({ teacher_id: t.id, article_id: articleId, title: "Footbridge", question_count: draft.length });
		const version = await env.DB.prepare("SELECT content FROM quiz_versions WHERE quiz_id = ?").bind(quizId).first<{ content: string }>();
		const stored = JSON.parse(version?.content ?? "{}") as { quiz: { questions: QuestionFile[] } };
		expect(stored.quiz.questions[0]).toMatchObject({ prompt: "Who announced the work?", evidence: { paragraph, quote } });
		expect(stored.quiz.questions.slice(1)).toEqual(draft.slice(1));

		const page = await get(`/teacher/quizzes/${quizId}?notice=published`, t.cookie);
		expect(page.status).toBe(200);
		const quizHtml = await page.text();
		expect(quizHtml).toContain("<title>Footbridge · Quizline</title>");
		expect(quizHtml).toContain("Published: version");
		expect(quizHtml).toContain(`href="/api/teacher/quizzes/${quizId}/export.gift"`);
		expect(quizHtml).toContain(`href="/api/teacher/quizzes/${quizId}/export-qti.zip"`);
		expect(quizHtml).toContain(`<mark>${toHtml(quote)}</mark>`);
		const gift = await get(`/api/teacher/quizzes/${quizId}/export.gift`, t.cookie);
		expect(gift.status).toBe(200);
		expect(await gift.text()).toContain("Who announced the work?");
		const qti = await get(`/api/teacher/quizzes/${quizId}/export-qti.zip`, t.cookie);
		expect(qti.status).toBe(200);
		expect(qti.headers.get("Content-Type")).toBe("application/zip");

		// The dashboard's home lists it, with the way to make another.
		const home = await (await get("/teacher", t.cookie)).text();
		expect(home).toContain(`<a href="/teacher/quizzes/${quizId}">Footbridge</a>`);
		expect(home).toContain('href="/teacher/articles/new"');
	});
});

describe("a published quiz", () => {
	it("opens for a class: appended to a class's list; a class that opens every quiz needs no change", async () => {
		const t = await teacher();
		const listed = await createClass(t.token, { name: "8A listed", openQuizIds: [QUIZ_ID] });
		const everything = await createClass(t.token, { name: "8B everything" });
		const quizId = await publishDraft(t.cookie);
		const before = await (await get(`/teacher/quizzes/${quizId}`, t.cookie)).text();
		expect(before).toContain("Open: this class opens all your quizzes");
		expect(before).toContain("A class that opens all your quizzes needs no change");
		expect(before).toMatch(/<label for="classId">Open for class<\/label>/);

		const opened = await post(`/teacher/quizzes/${quizId}/open`, t.cookie, { classId: listed.id });
		expect(opened.status).toBe(303);
		expect(opened.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}?notice=opened&class=${listed.id}#open`);
		const openIds = async (id: string) =>
			(await env.DB.prepare("SELECT open_quiz_ids AS ids FROM classes WHERE id = ?").bind(id).first<{ ids: string | null }>())?.ids;
		expect(JSON.parse((await openIds(listed.id)) ?? "null")).toEqual([QUIZ_ID, quizId]);
		const after = await (await get(`/teacher/quizzes/${quizId}?notice=opened&class=${listed.id}`, t.cookie)).text();
		expect(after).toContain("Open for 8A listed: its students can take it now.");

		const again = await post(`/teacher/quizzes/${quizId}/open`, t.cookie, { classId: listed.id });
		expect(again.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}?notice=listed&class=${listed.id}#open`);
		expect(JSON.parse((await openIds(listed.id)) ?? "null")).toEqual([QUIZ_ID, quizId]);

		const every = await post(`/teacher/quizzes/${quizId}/open`, t.cookie, { classId: everything.id });
		expect(every.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}?notice=everyQuiz&class=${everything.id}#open`);
		expect(await openIds(everything.id)).toBeNull();
		const everyPage = await (await get(`/teacher/quizzes/${quizId}?notice=everyQuiz&class=${everything.id}`, t.cookie)).text();
		expect(everyPage).toContain("8B everything opens all your quizzes, this one included: nothing needed to change.");

		// The class's students see it: the class offers it.
		const offered = (await (await call(`/api/quizzes?class=${listed.joinCode}`)).json()) as { quizzes: { id: string }[] };
		expect(offered.quizzes.map((q) => q.id)).toEqual([QUIZ_ID, quizId]);

		const unknown = await post(`/teacher/quizzes/${quizId}/open`, t.cookie, { classId: "no-such-class" });
		expect(unknown.status).toBe(422);
		expect(await unknown.text()).toMatch(
			/aria-invalid="true" aria-describedby="classId-error"[\s\S]*<p id="classId-error" class="error">Choose one of your classes.<\/p>/,
		);
	});

	it("edits into a new version and deletes after a confirm step", async () => {
		const t = await teacher();
		const quizId = await publishDraft(t.cookie);
		const edit = await get(`/teacher/quizzes/${quizId}/edit`, t.cookie);
		expect(edit.status).toBe(200);
		const html = await edit.text();
		expect(html).toContain(`<input type="hidden" name="quizId" value="${quizId}"/>`);
		const res = await press(t.cookie, html, "publish", (f) => setField(f, "questions[1].prompt", "A reworded question?"));
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}?notice=published`);
		expect(await count("SELECT COUNT(*) AS n FROM quiz_versions WHERE quiz_id = ?", quizId)).toBe(2);
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", t.id)).toBe(1);

		const confirm = await get(`/teacher/quizzes/${quizId}/delete`, t.cookie);
		expect(confirm.status).toBe(200);
		expect(await confirm.text()).toContain('<input type="hidden" name="confirm" value="delete"/>');
		const unconfirmed = await post(`/teacher/quizzes/${quizId}/delete`, t.cookie, {});
		expect(unconfirmed.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}/delete`);
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE id = ? AND archived_at IS NULL", quizId)).toBe(1);
		const deleted = await post(`/teacher/quizzes/${quizId}/delete`, t.cookie, { confirm: "delete" });
		expect(deleted.headers.get("Location")).toBe(`/teacher/quizzes/${quizId}?notice=deleted`);
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE id = ? AND archived_at IS NOT NULL", quizId)).toBe(1);
		const gone = await (await get(`/teacher/quizzes/${quizId}`, t.cookie)).text();
		expect(gone).toContain("This quiz was deleted");
		expect(gone).not.toContain(`/teacher/quizzes/${quizId}/edit`);
		const noEdit = await get(`/teacher/quizzes/${quizId}/edit`, t.cookie);
		expect(noEdit.status).toBe(409);
		expect(noEdit.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(await (await get("/teacher", t.cookie)).text()).not.toContain(`/teacher/quizzes/${quizId}`);
	});
});

describe("another teacher's article and quiz", () => {
	it("are HTML not-found pages, whatever the route, and nothing changes", async () => {
		const owner = await teacher("Ms Owner");
		const other = await teacher("Mr Other");
		const { articleId, html } = await pasteArticle(owner.cookie);
		const quizId = await publishDraft(owner.cookie);
		const theirClass = await createClass(other.token, { name: "Other class", openQuizIds: [QUIZ_ID] });

		const notFound = async (res: Response) => {
			expect(res.status).toBe(404);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
			const page = await res.text();
			expect(page).toContain('<a href="/teacher">Back to your classes</a>');
			expect(page).not.toMatch(/"(type|status|detail)":/);
		};
		await notFound(await get(`/teacher/articles/${articleId}/review`, other.cookie));
		await notFound(await press(other.cookie, html, "publish"));
		await notFound(await get(`/teacher/quizzes/${quizId}`, other.cookie));
		await notFound(await get(`/teacher/quizzes/${quizId}/edit`, other.cookie));
		await notFound(await get(`/teacher/quizzes/${quizId}/delete`, other.cookie));
		await notFound(await post(`/teacher/quizzes/${quizId}/open`, other.cookie, { classId: theirClass.id }));
		await notFound(await post(`/teacher/quizzes/${quizId}/delete`, other.cookie, { confirm: "delete" }));
		await notFound(await get("/teacher/articles/no-such-article/review", owner.cookie));
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?", other.id)).toBe(0);
		expect(await count("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE id = ? AND archived_at IS NULL", quizId)).toBe(1);
		const ids = await env.DB.prepare("SELECT open_quiz_ids AS ids FROM classes WHERE id = ?").bind(theirClass.id).first<{ ids: string }>();
		expect(JSON.parse(ids?.ids ?? "null")).toEqual([QUIZ_ID]);
		// And the owner's own class is not theirs to open it for.
		const mine = await createClass(owner.token, { name: "Owner class", openQuizIds: [QUIZ_ID] });
		const refused = await post(`/teacher/quizzes/${quizId}/open`, other.cookie, { classId: mine.id });
		expect(refused.status).toBe(404);
	});
});
