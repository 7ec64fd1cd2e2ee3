import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { shuffleChoices } from "../../worker/domain/shuffle";
import { call, readProblem } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";

const CLASS_CODE = "K7M2QX";
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
	await env.DB.batch([
		env.DB.prepare("INSERT INTO teachers (id, name, created_at) VALUES ('t-pages', 'Ms Page', 0)"),
		env.DB.prepare("INSERT INTO classes (id, teacher_id, name, join_code, created_at) VALUES ('c-pages', 't-pages', '9B', ?, 0)").bind(
			CLASS_CODE,
		),
	]);
});

function postForm(path: string, fields: [string, string][], headers: Record<string, string> = {}): Promise<Response> {
	const body = new URLSearchParams(fields);
	return call(path, {
		method: "POST",
		body,
		redirect: "manual",
		headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
	});
}

/** The join form as a student posts it: their name, the class code, and the quiz they tapped. */
function postJoin(studentName: string, classCode: string): Promise<Response> {
	return postForm("/join", [
		["studentName", studentName],
		["classCode", classCode],
		["quiz", QUIZ_ID],
	]);
}

/** "Submit anyway" on the blank-question check: an incomplete form is stored only with it. */
const ANYWAY: [string, string] = ["next", "submit"];

async function countAttempts(id: string): Promise<number> {
	const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE id = ?").bind(id).first<{ n: number }>();
	return row?.n ?? -1;
}

/** A fresh server-issued attempt id, read from the quiz page the way a browser would get it. */
async function issuedAttemptId(): Promise<string> {
	const html = await (await call(`/quiz/${QUIZ_ID}`)).text();
	const id = /name="attemptId" value="([^"]+)"/.exec(html)?.[1];
	if (!id) throw new Error("no attempt id on the quiz page");
	return id;
}

/**
 * Posts the quiz form with a fresh attempt id and these fields, expecting the form again (422) and
 * nothing recorded: the page's HTML, to check what it says and keeps, and the id it was sent with.
 */
async function refused(fields: [string, string][]): Promise<{ attemptId: string; html: string }> {
	const attemptId = await issuedAttemptId();
	const res = await postForm(`/quiz/${QUIZ_ID}`, [["attemptId", attemptId], ...fields]);
	expect(res.status).toBe(422);
	const html = await res.text();
	expect(await countAttempts(attemptId)).toBe(0);
	return { attemptId, html };
}

/** The form fields a browser posts for answers (one field per ticked choice). */
async function answerFields(): Promise<[string, string][]> {
	const quiz = await theQuiz();
	return perfectAnswers(quiz).flatMap((a): [string, string][] =>
		a.choiceIds ? a.choiceIds.map((id): [string, string] => [`answer.${a.questionId}`, id]) : [[`answer.${a.questionId}`, a.text ?? ""]],
	);
}

function expectSecurityHeaders(res: Response) {
	const csp = res.headers.get("Content-Security-Policy") ?? "";
	expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
	expect(csp).not.toContain("unsafe-inline");
	for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
	expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
	expect(res.headers.get("Referrer-Policy")).toBeTruthy();
	const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("Strict-Transport-Security") ?? "")?.[1]);
	expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
}

describe("GET / (join)", () => {
	it("serves the join form and the quiz list as HTML with the security headers", async () => {
		const res = await call("/");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		expectSecurityHeaders(res);
		const html = await res.text();
		expect(html.startsWith("<!doctype html>")).toBe(true);
		expect(html).toContain('<html lang="en">');
		expect(html).toMatch(/<label for="studentName">Your name<\/label>/);
		expect(html).toMatch(/<label for="classCode">Class code/);
		const quiz = await theQuiz();
		expect(html).toContain(`value="${QUIZ_ID}"`);
		expect(html).toContain(quiz.title);
		// No third-party requests, no fonts: every URL in the page is our own.
		expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
	});

	it("fills in a class code from ?class= or /join/CODE, normalised", async () => {
		for (const path of ["/?class=k7m-2qx", "/join/k7m%202qx"]) {
			const html = await (await call(path)).text();
			expect(html, path).toMatch(/id="classCode"[^>]*value="K7M2QX"/);
			expect(html, path).not.toContain('role="alert"');
		}
	});

	it("reports an unknown class code from a shared link at once", async () => {
		const html = await (await call("/join/ZZZZZZ")).text();
		expect(html).toContain("No class has the code “ZZZZZZ”");
		expect(html).toMatch(/id="classCode"[^>]*aria-invalid="true"/);
	});
});

describe("POST /join", () => {
	it("remembers the student in a first-party cookie and sends them to the quiz, without the name in the URL", async () => {
		const res = await postJoin("  Ada   Lovelace ", "k7m-2qx");
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe(`/quiz/${QUIZ_ID}`);
		const cookie = res.headers.get("Set-Cookie") ?? "";
		expect(cookie).toMatch(/^quizline_student=/);
		expect(cookie).toContain("HttpOnly");
		expect(cookie).toContain("SameSite=Lax");
		expect(cookie).toContain("Path=/");
		expect(decodeURIComponent(cookie)).toContain('"n":"Ada Lovelace","c":"K7M2QX"');

		const quizPage = await (await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie.split(";")[0] as string } })).text();
		expect(quizPage).toContain("Answering as <strong>Ada Lovelace</strong> in class K7M2QX");
		expect(quizPage).toContain('<input type="hidden" name="studentName" value="Ada Lovelace"');
		expect(quizPage).toContain('<input type="hidden" name="classCode" value="K7M2QX"');
	});

	it("re-renders with clear errors for a missing name and an unknown class code", async () => {
		const res = await postJoin(" ", "nope99");
		expect(res.status).toBe(422);
		expect(res.headers.get("Set-Cookie")).toBeNull();
		const html = await res.text();
		expect(html).toContain('role="alert"');
		expect(html).toContain("Your name must not be empty.");
		expect(html).toContain("No class has the code “NOPE99”");
		expect(html).toMatch(/id="studentName"[^>]*aria-invalid="true"[^>]*aria-describedby="studentName-error"/);
	});
});

describe("GET /quiz/:quizId", () => {
	it("renders the article with paragraph anchors and every question as a fieldset with labelled native inputs", async () => {
		const quiz = await theQuiz();
		const res = await call(`/quiz/${QUIZ_ID}`);
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		expectSecurityHeaders(res);
		const html = await res.text();
		expect(html).toContain(`<form id="quiz" method="post" action="/quiz/${QUIZ_ID}"`);
		expect(/name="attemptId" value="([^"]+)"/.exec(html)?.[1]).toMatch(UUID_V7);
		quiz.article.paragraphs.forEach((_, i) => {
			expect(html).toContain(`<p id="p${i + 1}" class="para">`);
		});
		expect(html.match(/<fieldset id="q\d+" class="question"/g)).toHaveLength(quiz.questions.length);
		expect(html.match(/<legend>/g)?.length).toBeGreaterThanOrEqual(quiz.questions.length);
		expect(html.match(/Back to the article/g)).toHaveLength(quiz.questions.length);
		expect(html.match(/<label class="choice"><input type="(radio|checkbox)"/g)?.length).toBe(
			quiz.questions.reduce((n, q) => n + q.choices.length, 0),
		);
		for (const [i, q] of quiz.questions.entries()) {
			if (q.type === "short") expect(html).toContain(`<label for="q${i + 1}-text">Your answer</label>`);
		}
		expect(html.match(/type="submit"/g)).toHaveLength(1);
		expect(html).toMatch(/id="progress" class="progress" aria-live="polite"/);
		expect(html).toMatch(/<script src="\/static\/quiz\.[0-9a-f]{12}\.js" defer="">/);
	});

	it("sends no correct answer, explanation or evidence before submission", async () => {
		const quiz = await theQuiz();
		const html = await (await call(`/quiz/${QUIZ_ID}`)).text();
		for (const q of quiz.questions) {
			expect(html).not.toContain(q.explanation);
			for (const accepted of q.accepted) expect(html).not.toContain(`value="${accepted}"`);
		}
		expect(html).not.toContain("<mark");
		expect(html.toLowerCase()).not.toMatch(/correct|evidence|explanation/);
	});

	it("orders choices per attempt: the same id always gives the same order, true/false stays put", async () => {
		const quiz = await theQuiz();
		const q = quiz.questions.find((x) => x.choices.length >= 4);
		const tf = quiz.questions.find((x) => x.type === "true_false");
		if (!q || !tf) throw new Error("seed quiz lacks a question type");
		const a = shuffleChoices("0193a8f2-5b6c-7d3e-9f10-2a3b4c5d6e7f", q.id, q.type, q.choices).map((c) => c.id);
		expect(shuffleChoices("0193a8f2-5b6c-7d3e-9f10-2a3b4c5d6e7f", q.id, q.type, q.choices).map((c) => c.id)).toEqual(a);
		expect([...a].sort()).toEqual(q.choices.map((c) => c.id).sort());
		const orders = new Set(
			Array.from({ length: 12 }, (_, i) =>
				shuffleChoices(`0193a8f2-5b6c-7d3e-9f10-2a3b4c5d6e${i.toString(16).padStart(2, "0")}`, q.id, q.type, q.choices)
					.map((c) => c.id)
					.join(),
			),
		);
		expect(orders.size).toBeGreaterThan(1);
		expect(shuffleChoices("any", tf.id, tf.type, tf.choices)).toEqual(tf.choices);
	});

	it("escapes a student's name everywhere it is shown", async () => {
		const evil = `<script>alert("x")</script>&"'`;
		const join = await postJoin(evil, "");
		const cookie = (join.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
		const html = await (await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } })).text();
		expect(html).not.toContain("<script>alert");
		expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&quot;&#39;");
	});

	it("answers an unknown quiz with an HTML 404 page", async () => {
		const res = await call("/quiz/no-such-quiz");
		expect(res.status).toBe(404);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(await res.text()).toContain("There is no such quiz.");
	});
});

describe("POST /quiz/:quizId (the form without JavaScript)", () => {
	it("grades, records one attempt and redirects to the result; a replay gets the same redirect", async () => {
		const attemptId = await issuedAttemptId();
		const fields: [string, string][] = [
			["attemptId", attemptId],
			["studentName", "Grace Hopper"],
			["classCode", CLASS_CODE],
			...(await answerFields()),
		];
		const first = await postForm(`/quiz/${QUIZ_ID}`, fields);
		expect(first.status).toBe(303);
		expect(first.headers.get("Location")).toBe(`/result/${attemptId}`);
		expectSecurityHeaders(first);
		const replay = await postForm(`/quiz/${QUIZ_ID}`, fields);
		expect(replay.status).toBe(303);
		expect(replay.headers.get("Location")).toBe(`/result/${attemptId}`);
		expect(await countAttempts(attemptId)).toBe(1);
		const stored = await env.DB.prepare("SELECT score, max_score, started_at, student_name FROM attempts WHERE id = ?")
			.bind(attemptId)
			.first<{ score: number; max_score: number; started_at: number | null; student_name: string }>();
		const quiz = await theQuiz();
		expect(stored).toMatchObject({ score: quiz.maxScore, max_score: quiz.maxScore, student_name: "Grace Hopper" });
		expect(stored?.started_at).not.toBeNull();
	});

	it("shows a friendly 409 page when the same attempt comes back with different answers", async () => {
		const attemptId = await issuedAttemptId();
		const base: [string, string][] = [["attemptId", attemptId], ["studentName", "Alan Turing"], ANYWAY];
		expect((await postForm(`/quiz/${QUIZ_ID}`, [...base, ["answer.q-third-party", "pashin"]])).status).toBe(303);
		const changed = await postForm(`/quiz/${QUIZ_ID}`, [...base, ["answer.q-third-party", "xi"]]);
		expect(changed.status).toBe(409);
		expect(changed.headers.get("Content-Type")).toMatch(/^text\/html/);
		const html = await changed.text();
		expect(html).toContain("Already submitted");
		expect(html).toContain(`href="/result/${attemptId}"`);
		expect(await countAttempts(attemptId)).toBe(1);
	});

	it("keeps every answer and explains the problem when the name is missing, without recording anything", async () => {
		const { attemptId, html } = await refused([
			["studentName", ""],
			["answer.q-third-party", "chepa"],
			["answer.q-launch-reactions", "more-sanctions"],
			["answer.q-launch-reactions", "cut-oil"],
			["answer.q-missile-name", "Hwasong <15>"],
		]);
		expect(html).toContain('role="alert"');
		expect(html).toContain("Your name must not be empty.");
		expect(html).toMatch(/id="studentName"[^>]*aria-invalid="true"/);
		expect(html).toContain(`name="attemptId" value="${attemptId}"`);
		expect(html).toContain('name="answer.q-third-party" value="chepa" checked=""');
		expect(html).toContain('name="answer.q-launch-reactions" value="more-sanctions" checked=""');
		expect(html).toContain('name="answer.q-launch-reactions" value="cut-oil" checked=""');
		expect(html).not.toContain('name="answer.q-launch-reactions" value="test-missiles" checked=""');
		expect(html).toContain('value="Hwasong &lt;15&gt;"');
	});

	it("says clearly when the class code is unknown (422), keeping the answers", async () => {
		const { html } = await refused([["studentName", "Ada"], ["classCode", "qq-qq-qq"], ["answer.q-third-party", "pashin"], ANYWAY]);
		expect(html).toContain("No class has the code");
		expect(html).toContain("QQQQQQ");
		expect(html).toMatch(/id="classCode"[^>]*aria-invalid="true"/);
		expect(html).toContain('value="pashin" checked=""');
	});

	it("answers tampered fields with a 4xx page, never a 500", async () => {
		const attemptId = await issuedAttemptId();
		const cases: [string, string][][] = [
			[["answer.q-third-party", "no-such-choice"]],
			[
				["answer.q-third-party", "pashin"],
				["answer.q-third-party", "xi"],
			],
			[["answer.no-such-question", "x"]],
			[["answer.q-missile-name", "x".repeat(600)]],
		];
		const forms = [
			[
				["attemptId", "not-a-uuid"],
				["studentName", "Eve"],
			],
			...cases.map((extra) => [["attemptId", attemptId], ["studentName", "Eve"], ...extra]),
		];
		for (const fields of forms as [string, string][][]) {
			const extra = fields.slice(2);
			const res = await postForm(`/quiz/${QUIZ_ID}`, [...fields, ANYWAY]);
			expect(res.status, JSON.stringify(extra)).toBeGreaterThanOrEqual(400);
			expect(res.status, JSON.stringify(extra)).toBeLessThan(500);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
			expect(await res.text()).toContain('role="alert"');
		}
		const big = await postForm(`/quiz/${QUIZ_ID}`, [
			["attemptId", attemptId],
			["studentName", "Eve"],
			["answer.q-missile-name", "x".repeat(70 * 1024)],
		]);
		expect(big.status).toBe(413);
		expect(await countAttempts(attemptId)).toBe(0);
	});
});

describe("bodies that are not forms", () => {
	it("answers a broken multipart body or an oversized one with a 4xx page on both form routes, never a 500", async () => {
		for (const path of ["/join", `/quiz/${QUIZ_ID}`]) {
			const broken = await call(path, {
				method: "POST",
				headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
				body: '{"attemptId": "x"}',
			});
			expect(broken.status, path).toBe(400);
			expect(broken.headers.get("Content-Type"), path).toMatch(/^text\/html/);
			expect(await broken.text(), path).toContain("The form could not be read.");
			const big = await call(path, {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded" },
				body: `studentName=${"x".repeat(70 * 1024)}`,
			});
			expect(big.status, path).toBe(413);
		}
	});
});

describe("GET /result/:attemptId", () => {
	it("shows the score, each question right or wrong in words, the answers, the explanation and the marked evidence", async () => {
		const quiz = await theQuiz();
		const attemptId = await issuedAttemptId();
		const evil = "<b>Bob</b>";
		const fields: [string, string][] = [
			["attemptId", attemptId],
			["studentName", evil],
			["answer.q-third-party", "xi"],
			["answer.q-missile-name", "hwasong 15"],
			ANYWAY,
		];
		expect((await postForm(`/quiz/${QUIZ_ID}`, fields)).status).toBe(303);
		const res = await call(`/result/${attemptId}`);
		expect(res.status).toBe(200);
		expectSecurityHeaders(res);
		const html = await res.text();
		expect(html).toContain(`&lt;b&gt;Bob&lt;/b&gt;, you scored <strong>1 out of ${quiz.maxScore}</strong>`);
		expect(html).not.toContain("<b>Bob</b>");
		expect(html.match(/✓ Right/g)).toHaveLength(1);
		expect(html.match(/✗ Wrong/g)).toHaveLength(quiz.questions.length - 1);
		expect(html).toContain("<dd>Xi Jinping</dd>");
		expect(html).toContain("<dd>Vitaly Pashin</dd>");
		expect(html).toContain("<dd>hwasong 15</dd>");
		expect(html).toContain("<dd>No answer</dd>");
		for (const q of quiz.questions) {
			expect(html).toContain(q.explanation.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));
		}
		const first = quiz.questions[0];
		if (!first) throw new Error("empty quiz");
		const paragraph = quiz.article.paragraphs[first.evidence.paragraph - 1] as string;
		const at = paragraph.indexOf(first.evidence.quote);
		expect(html).toContain(`<mark>${first.evidence.quote}</mark>`);
		expect(html).toContain(`${paragraph.slice(Math.max(0, at - 30), at)}<mark>`);
		expect(html.match(/<mark>/g)).toHaveLength(quiz.questions.length);
	});

	it("is a 404 page for an unknown or malformed id; the API keeps problem+json", async () => {
		for (const id of ["0193a8f2-5b6c-7d3e-9f10-2a3b4c5d6e7f", "nope"]) {
			const res = await call(`/result/${id}`);
			expect(res.status).toBe(404);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		}
		const api = await call("/api/attempts/0193a8f2-5b6c-7d3e-9f10-2a3b4c5d6e7f");
		expect(api.status).toBe(404);
		expect((await readProblem(api))?.status).toBe(404);
		const unknownApi = await call("/api/nothing-here");
		expect(unknownApi.status).toBe(404);
		expect(unknownApi.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
		const unknownPage = await call("/nothing-here");
		expect(unknownPage.status).toBe(404);
		expect(unknownPage.headers.get("Content-Type")).toMatch(/^text\/html/);
	});
});

describe("static files", () => {
	it("serves the stylesheet and the script under hashed names, cached for a year, with the same security headers", async () => {
		const html = await (await call(`/quiz/${QUIZ_ID}`)).text();
		const paths = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);
		expect(paths).toHaveLength(2);
		for (const path of paths) {
			const res = await call(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get("Content-Type")).toMatch(path.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
			expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
			expectSecurityHeaders(res);
			expect((await res.text()).length).toBeGreaterThan(500);
		}
		const stale = await call("/static/quiz.000000000000.js");
		expect(stale.status).toBe(404);
		expectSecurityHeaders(stale);
	});

	it("leaves compression to the platform: the Worker sends pages and files as they are, whatever the browser accepts", async () => {
		// Cloudflare's edge (and wrangler dev, which does the same) compresses text for a browser that asks:
		// tests/e2e/student.test.ts checks the page arrives compressed in Chromium.
		for (const path of [`/quiz/${QUIZ_ID}`, "/sw.js"]) {
			const res = await call(path, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
			expect(res.status, path).toBe(200);
			expect(res.headers.get("Content-Encoding"), path).toBeNull();
			expect(await res.text(), path).toMatch(path.endsWith(".js") ? /QUIZLINE_VERSION/ : /^<!doctype html>/);
		}
	});
});

describe("the student pages' summaries and checks", () => {
	it("asks before storing an incomplete form without JavaScript: the blank questions listed, every answer posted again either way", async () => {
		const quiz = await theQuiz();
		const attemptId = await issuedAttemptId();
		const fields: [string, string][] = [
			["attemptId", attemptId],
			["studentName", "Blank Bea"],
			["answer.q-third-party", "pashin"],
			["answer.q-launch-reactions", "more-sanctions"],
			["answer.q-launch-reactions", "cut-oil"],
			["answer.q-missile-name", "Hwasong <15>"],
		];
		const check = await postForm(`/quiz/${QUIZ_ID}`, fields);
		expect(check.status).toBe(200);
		expect(check.headers.get("Cache-Control")).toBe("no-store");
		const html = await check.text();
		const blank = quiz.questions.length - 3;
		expect(html).toContain(`${blank} of ${quiz.questions.length} questions have no answer yet.`);
		expect(html.match(/formaction="\/quiz\/[^"]+#q\d+"/g)).toHaveLength(blank);
		expect(html).not.toContain(`formaction="/quiz/${QUIZ_ID}#q${quiz.questions.findIndex((q) => q.id === "q-third-party") + 1}"`);
		expect(html).toContain('name="next" value="submit"');
		expect(html).toContain("Submit anyway");
		expect(html).toContain("Go back to the questions");
		for (const [name, value] of fields) {
			expect(html).toContain(`name="${name}" value="${value.replace(/</g, "&lt;").replace(/>/g, "&gt;")}"`);
		}
		expect(await countAttempts(attemptId)).toBe(0);

		const back = await postForm(`/quiz/${QUIZ_ID}`, [...fields, ["next", "edit"]]);
		expect(back.status).toBe(200);
		const form = await back.text();
		expect(form).toContain(`name="attemptId" value="${attemptId}"`);
		expect(form).toContain('name="answer.q-third-party" value="pashin" checked=""');
		expect(form).toContain('name="answer.q-launch-reactions" value="cut-oil" checked=""');
		expect(form).toContain('value="Hwasong &lt;15&gt;"');
		expect(await countAttempts(attemptId)).toBe(0);

		const anyway = await postForm(`/quiz/${QUIZ_ID}`, [...fields, ANYWAY]);
		expect(anyway.status).toBe(303);
		expect(anyway.headers.get("Location")).toBe(`/result/${attemptId}`);
		expect(await countAttempts(attemptId)).toBe(1);
	});

	it("renders the quiz form so that nothing is restored by position, with a question map, no repeated hint and an honest byline", async () => {
		const html = await (await call(`/quiz/${QUIZ_ID}`)).text();
		expect(html).toMatch(/<form id="quiz"[^>]*autocomplete="off"/);
		const quiz = await theQuiz();
		expect(html.match(/data-map="/g)).toHaveLength(quiz.questions.length);
		expect(html).toContain('<a href="#q1" data-map=');
		expect(html).not.toMatch(/Select all that apply\.[\s\S]{0,200}Select all that apply\./);
		expect(html).not.toContain("Unattributed");
		expect(html).not.toContain("seed article");
		// The date is inferred from outside the text (the article has a dateNote): not a byline either.
		expect(html).not.toMatch(/<p class="meta">/);
		// The article panel is rendered once per quiz version: the next page carries the very same one, with its own attempt id.
		const next = await (await call(`/quiz/${QUIZ_ID}`)).text();
		const panel = (page: string) => page.slice(page.indexOf('<section id="article"'), page.indexOf('<section id="questions"'));
		expect(panel(next)).toBe(panel(html));
		expect(panel(html)).toContain(`<h2 id="article-title">${quiz.article.title}</h2>`);
		expect(next).not.toBe(html);
	});

	it("summarises a result: a grid of questions right or wrong, each a link, folded details, and a wrong-only view as a plain link", async () => {
		const quiz = await theQuiz();
		const attemptId = await issuedAttemptId();
		await postForm(`/quiz/${QUIZ_ID}`, [["attemptId", attemptId], ["studentName", "Grid Gus"], ["answer.q-third-party", "pashin"], ANYWAY]);
		const all = await (await call(`/result/${attemptId}`)).text();
		expect(all.match(/<a href="#r\d+" class="(right|wrong)">/g)).toHaveLength(quiz.questions.length);
		expect(all.match(/class="right">/g)).toHaveLength(1);
		expect(all.match(/<details>/g)).toHaveLength(quiz.questions.length);
		expect(all).toContain(`href="/result/${attemptId}?only=wrong"`);
		expect(all).toContain("Show only the questions I got wrong");

		const wrong = await call(`/result/${attemptId}?only=wrong`);
		expect(wrong.status).toBe(200);
		const html = await wrong.text();
		expect(html.match(/<li class="outcome wrong"/g)).toHaveLength(quiz.questions.length - 1);
		expect(html).not.toContain('class="outcome right"');
		expect(html.match(/<details open="">/g)).toHaveLength(quiz.questions.length - 1);
		expect(html).toContain(`href="/result/${attemptId}"`);
		expect(html).toContain("Show every question");
		// The right one is still in the grid, a link to the full view.
		expect(html).toMatch(new RegExp(`href="/result/${attemptId}#r\\d+" class="right"`));
	});

	it("leaves the list of results on this device to the device: the join page sends an empty, hidden list", async () => {
		const html = await (await call("/")).text();
		expect(html).toMatch(/<section id="my-results"[^>]*hidden/);
		expect(html).toContain('<ol class="my-results"></ol>');
	});
});

describe("GET /sw.js (the service worker)", () => {
	it("is served from the site itself with the security headers, revalidated on every load, naming this version's files", async () => {
		const res = await call("/sw.js");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
		expect(res.headers.get("Cache-Control")).toBe("no-cache");
		expectSecurityHeaders(res);
		const body = await res.text();
		const html = await (await call(`/quiz/${QUIZ_ID}`)).text();
		const files = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);
		expect(body).toContain(
			`const QUIZLINE_ASSETS = ${JSON.stringify(files.sort((a, b) => (a.endsWith(".css") ? -1 : b.endsWith(".css") ? 1 : 0)))};`,
		);
		// Only quiz pages and static files are kept: never results, the API or the dashboard.
		expect(body).toContain("const QUIZ_PAGE = /^\\/quiz\\/[^/]+$/;");
		// Of the API it only posts the queued submissions (Background Sync); nothing of the dashboard or the exports.
		expect(body).not.toMatch(/\/teacher|\/export|\/api\/(?!attempts")/);
	});
});
