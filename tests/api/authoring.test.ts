import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../worker/domain/quiz/check";
import { issuedId } from "../fixtures/attempt-ids";
import { call, postJson, readProblem } from "../fixtures/http";
import { riverParkQuestions } from "../fixtures/river-park";
import { bearer, createClass, createTeacher, freshIp, getCsv } from "../fixtures/teacher";
import { unzip } from "../fixtures/unzip";

const ARTICLE = {
	title: "River park opens after a decade of delays",
	source: "The Valley Courier",
	date: "2026-11-20",
	text: [
		"The Millbrook river park opened on Saturday, ten years after the council first approved it.",
		"",
		"  Mayor Dana Okafor said the park “belongs to every family in Millbrook.” It cost $4.2 million, a third more than planned.  ",
		"According to engineer Luis Ferreira, the flood walls can hold back water 3 metres higher than the 2016 flood.",
	].join("\r\n"),
};

/** Questions a teacher would publish for ARTICLE, every one grounded in its paragraph. */
const QUESTIONS = riverParkQuestions({
	other: ["ferreira", "Luis Ferreira"],
	explanations: { mayor: "Paragraph 2 quotes Mayor Dana Okafor.", cost: "Paragraph 2 gives the cost." },
});

const json = (method: string, token: string, body?: unknown): RequestInit => ({
	method,
	headers: { ...bearer(token), "Content-Type": "application/json" },
	...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
});

async function newArticle(token: string, body: unknown = ARTICLE) {
	const res = await call("/api/teacher/articles", json("POST", token, body));
	expect(res.status, await res.clone().text()).toBe(201);
	return (await res.json()) as { id: string; paragraphs: string[] };
}

async function publish(token: string, articleId: string, questions: unknown = QUESTIONS, title = "River park") {
	return call("/api/teacher/quizzes", json("POST", token, { articleId, title, questions }));
}

describe("articles", () => {
	it("splits the text at line breaks, trims, drops empty paragraphs and keeps typographic quotes as pasted", async () => {
		const t = await createTeacher();
		const res = await call("/api/teacher/articles", json("POST", t.token, ARTICLE));
		expect(res.status).toBe(201);
		const body = (await res.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ title: ARTICLE.title, source: "The Valley Courier", date: "2026-11-20" });
		expect(body.paragraphs).toEqual([
			"The Millbrook river park opened on Saturday, ten years after the council first approved it.",
			"Mayor Dana Okafor said the park “belongs to every family in Millbrook.” It cost $4.2 million, a third more than planned.",
			"According to engineer Luis Ferreira, the flood walls can hold back water 3 metres higher than the 2016 flood.",
		]);
		expect(res.headers.get("Location")).toBe(`/api/teacher/articles/${body.id}`);
		const list = (await (await call("/api/teacher/articles", json("GET", t.token))).json()) as { articles: { id: string }[] };
		expect(list.articles.map((a) => a.id)).toEqual([body.id]);
		const one = (await (await call(`/api/teacher/articles/${body.id}`, json("GET", t.token))).json()) as { paragraphs: string[] };
		expect(one.paragraphs).toEqual(body.paragraphs);
	});

	it("refuses an empty article, one over 30,000 characters or 200 paragraphs (422), and a body over the limit (413), saying what to fix", async () => {
		const t = await createTeacher();
		const cases: [unknown, number, RegExp][] = [
			[{ title: "Empty", text: " \n \n" }, 422, /text: must not be empty/],
			[{ title: "", text: "Some text." }, 422, /title: must not be empty/],
			[{ title: "Long", text: "x".repeat(30_001) }, 422, /text: is 30001 characters long; an article can have at most 30000/],
			[{ title: "Lines", text: Array.from({ length: 201 }, (_, i) => `Line ${i}.`).join("\n") }, 422, /has 201 paragraphs; .* at most 200/],
			[{ title: "Huge", text: "é".repeat(200_000) }, 413, /larger than/],
			[{ text: "No title" }, 400, /title/],
		];
		for (const [body, status, detail] of cases) {
			const res = await call("/api/teacher/articles", json("POST", t.token, body));
			expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
			expect((await readProblem(res))?.detail).toMatch(detail);
		}
		expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM articles WHERE teacher_id = ?").bind(t.id).first<{ n: number }>())?.n).toBe(0);
	});

	it("drafts a grounded quiz from an article, the same every time", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const first = await call(`/api/teacher/articles/${article.id}/draft`, json("POST", t.token));
		expect(first.status).toBe(200);
		const draft = (await first.json()) as { articleId: string; questions: { evidence: { paragraph: number; quote: string } }[] };
		expect(draft.articleId).toBe(article.id);
		expect(draft.questions.length).toBeGreaterThan(0);
		for (const q of draft.questions) expect(article.paragraphs[q.evidence.paragraph - 1]).toContain(q.evidence.quote);
		const files = (questions: unknown) =>
			[
				[{ file: "a", data: { id: "a", title: ARTICLE.title, source: "s", date: null, paragraphs: article.paragraphs } }],
				[{ file: "q", data: { id: "q", title: "Q", articleId: "a", questions } }],
			] as const;
		expect(checkContent(...files(draft.questions))).toEqual([]);
		const again = await call(`/api/teacher/articles/${article.id}/draft`, json("POST", t.token));
		expect(await again.text()).toBe(JSON.stringify(draft));
	});

	it("deletes an article; a quiz made from it keeps working", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const quiz = (await (await publish(t.token, article.id)).json()) as { id: string };
		expect((await call(`/api/teacher/articles/${article.id}`, json("DELETE", t.token))).status).toBe(204);
		expect((await call(`/api/teacher/articles/${article.id}`, json("GET", t.token))).status).toBe(404);
		const student = await call(`/api/quizzes/${quiz.id}`);
		expect(student.status).toBe(200);
		expect(((await student.json()) as { article: { paragraphs: string[] } }).article.paragraphs).toEqual(article.paragraphs);
	});
});

describe("teacher quizzes", () => {
	it("publishes a reviewed quiz that students take like a built-in one, graded on the server", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const res = await publish(t.token, article.id);
		expect(res.status).toBe(201);
		const quiz = (await res.json()) as { id: string; title: string; version: string; questionCount: number };
		expect(quiz).toMatchObject({ title: "River park", questionCount: 2 });
		expect(quiz.id).toMatch(/^tq-[a-z2-7]{26}$/);
		expect(quiz.version).toMatch(/^[0-9a-f]{16}$/);

		const shown = await call(`/api/quizzes/${quiz.id}`);
		const text = await shown.text();
		expect(shown.status).toBe(200);
		for (const marker of ["choiceIds", "accepted", "explanation", "evidence"]) expect(text).not.toContain(marker);
		expect((await call(`/quiz/${quiz.id}`)).status).toBe(200);

		const cls = await createClass(t.token, { name: "Geography" });
		const offered = (await (await call(`/api/quizzes?class=${cls.joinCode}`)).json()) as { quizzes: { id: string }[] };
		expect(offered.quizzes.map((q) => q.id)).toContain(quiz.id);
		expect(((await (await call("/api/quizzes")).json()) as { quizzes: { id: string }[] }).quizzes.map((q) => q.id)).not.toContain(quiz.id);

		const attempt = await postJson(
			"/api/attempts",
			{
				attemptId: issuedId(),
				quizId: quiz.id,
				studentName: "Ada",
				classCode: cls.joinCode,
				answers: [
					{ questionId: "q-mayor", choiceIds: ["okafor"] },
					{ questionId: "q-cost", text: "4.2 million" },
				],
			},
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(attempt.status).toBe(201);
		expect(await attempt.json()).toMatchObject({ score: 2, maxScore: 2, quizVersion: quiz.version });
		const scores = await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv?quizId=${quiz.id}`);
		expect(scores.rows[1]?.slice(0, 3)).toEqual(["Ada", quiz.id, "River park"]);
	});

	it("names the question and field of every grounding error (422) and stores nothing", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const broken = structuredClone(QUESTIONS);
		broken[1] = { ...broken[1], evidence: { paragraph: 2, quote: "It cost $5 million" } } as (typeof QUESTIONS)[number];
		const wrongAnswer = structuredClone(QUESTIONS);
		wrongAnswer[0] = { ...wrongAnswer[0], answer: { choiceIds: ["nobody"] } } as (typeof QUESTIONS)[number];
		const cases: [unknown, string][] = [
			[broken, "questions[1].evidence.quote"],
			[wrongAnswer, "questions[0].answer.choiceIds"],
			[[{ ...QUESTIONS[0], type: "essay" }], "questions[0].type"],
			[[], "questions"],
		];
		for (const [questions, path] of cases) {
			const res = await publish(t.token, article.id, questions);
			expect(res.status, path).toBe(422);
			const problem = await readProblem(res);
			expect(problem?.errors?.map((e) => e.path)).toContain(path);
		}
		expect((await publish(t.token, "no-such-article")).status).toBe(422);
		expect(
			(await env.DB.prepare("SELECT COUNT(*) AS n FROM teacher_quizzes WHERE teacher_id = ?").bind(t.id).first<{ n: number }>())?.n,
		).toBe(0);
	});

	it("publishes new versions; attempts keep being shown and exported against the version they were graded on", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const quiz = (await (await publish(t.token, article.id)).json()) as { id: string; version: string };
		// A teacher's quiz is taken in a class (practice without a class is for the built-in library).
		const cls = await createClass(t.token, { name: "Parks" });
		const submitV1 = await postJson(
			"/api/attempts",
			{
				attemptId: issuedId(),
				quizId: quiz.id,
				studentName: "Bo",
				classCode: cls.joinCode,
				answers: [{ questionId: "q-cost", text: "$4.2 million" }],
			},
			{ "CF-Connecting-IP": freshIp() },
		);
		const v1Attempt = (await submitV1.json()) as { attemptId: string };

		const changed = structuredClone(QUESTIONS);
		changed[1] = { ...changed[1], prompt: "What did the park cost in the end?" } as (typeof QUESTIONS)[number];
		const put = await call(`/api/teacher/quizzes/${quiz.id}`, json("PUT", t.token, { questions: changed }));
		expect(put.status).toBe(200);
		const v2 = (await put.json()) as { version: string };
		expect(v2.version).not.toBe(quiz.version);
		// The same content again is the same version.
		const same = (await (await call(`/api/teacher/quizzes/${quiz.id}`, json("PUT", t.token, { questions: changed }))).json()) as {
			version: string;
		};
		expect(same.version).toBe(v2.version);

		const full = (await (await call(`/api/teacher/quizzes/${quiz.id}`, json("GET", t.token))).json()) as {
			version: string;
			questions: { prompt: string; answer: unknown }[];
			versions: { version: string }[];
		};
		expect(full.version).toBe(v2.version);
		expect(full.questions[1]?.prompt).toBe("What did the park cost in the end?");
		expect(full.questions[0]?.answer).toEqual({ choiceIds: ["okafor"] });
		expect(full.versions.map((v) => v.version)).toEqual([quiz.version, v2.version]);

		const old = (await (await call(`/api/attempts/${v1Attempt.attemptId}`)).json()) as { quizVersion: string };
		expect(old.quizVersion).toBe(quiz.version);
		const page = await (await call(`/result/${v1Attempt.attemptId}`)).text();
		expect(page).toContain("How much did the park cost?");
		expect(page).not.toContain("What did the park cost in the end?");
	});

	it("grades a submission against the version its page showed, when the teacher has published another since", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const quiz = (await (await publish(t.token, article.id)).json()) as { id: string; version: string };
		const page = await (await call(`/quiz/${quiz.id}`)).text();
		expect(page).toContain(`name="quizVersion" value="${quiz.version}"`);
		// The teacher replaces the cost question while a student still has version 1 open.
		const replaced = [QUESTIONS[0], { ...QUESTIONS[1], id: "q-cost-final", prompt: "What was the park's final cost?" }];
		const v2 = (await (await call(`/api/teacher/quizzes/${quiz.id}`, json("PUT", t.token, { questions: replaced }))).json()) as {
			version: string;
		};
		const answers = [{ questionId: "q-cost", text: "4.2 million" }];
		const cls = await createClass(t.token, { name: "Parks" });
		const send = (extra: Record<string, unknown>) =>
			postJson(
				"/api/attempts",
				{ attemptId: issuedId(), quizId: quiz.id, studentName: "Flo", classCode: cls.joinCode, answers, ...extra },
				{ "CF-Connecting-IP": freshIp() },
			);
		const shown = await send({ quizVersion: quiz.version });
		expect(shown.status).toBe(201);
		expect(await shown.json()).toMatchObject({ quizVersion: quiz.version, score: 1, maxScore: 2 });
		// Without the version, the same answers are checked against version 2, which has no such question.
		const current = await send({});
		expect(current.status).toBe(422);
		expect((await readProblem(current))?.detail).toContain('no question "q-cost"');
		// An unknown version falls back to the current one.
		expect((await send({ quizVersion: "0000000000000000" })).status).toBe(422);
		expect(v2.version).not.toBe(quiz.version);
	});

	it("archives a quiz on DELETE: no new attempts, results and exports stay; PUT on it is a conflict", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Civics" });
		const article = await newArticle(t.token);
		const quiz = (await (await publish(t.token, article.id)).json()) as { id: string };
		const before = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: quiz.id, studentName: "Cy", classCode: cls.joinCode, answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(before.status).toBe(201);
		expect((await call(`/api/teacher/quizzes/${quiz.id}`, json("DELETE", t.token))).status).toBe(204);
		expect((await call(`/api/teacher/quizzes/${quiz.id}`, json("DELETE", t.token))).status).toBe(204);
		expect((await call(`/api/quizzes/${quiz.id}`)).status).toBe(404);
		const after = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: quiz.id, studentName: "Di", classCode: cls.joinCode, answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(after.status).toBe(403);
		expect((await call(`/api/teacher/quizzes/${quiz.id}`, json("PUT", t.token, { questions: QUESTIONS }))).status).toBe(409);
		const list = (await (await call("/api/teacher/quizzes", json("GET", t.token))).json()) as {
			quizzes: { id: string; archived: boolean }[];
		};
		expect(list.quizzes).toMatchObject([{ id: quiz.id, archived: true }]);
		const scores = await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv`);
		expect(scores.rows.slice(1).map((r) => [r[0], r[2]])).toEqual([["Cy", "River park"]]);
	});

	it("lets a class open teacher quizzes, built-in ones or both, and only the teacher's own", async () => {
		const t = await createTeacher();
		const other = await createTeacher("Mr Other");
		const article = await newArticle(t.token);
		const mine = (await (await publish(t.token, article.id)).json()) as { id: string };
		const both = await createClass(t.token, { name: "Both", openQuizIds: [mine.id, "nk-diplomacy-2017"] });
		const offered = (await (await call(`/api/quizzes?class=${both.joinCode}`)).json()) as { quizzes: { id: string }[] };
		expect(offered.quizzes.map((q) => q.id)).toEqual([mine.id, "nk-diplomacy-2017"]);
		const refused = await call("/api/teacher/classes", json("POST", other.token, { name: "Theirs", openQuizIds: [mine.id] }));
		expect(refused.status).toBe(400);
		expect((await readProblem(refused))?.errors?.[0]?.path).toBe("openQuizIds[0]");
		const theirs = await createClass(other.token, { name: "Theirs" });
		const attempt = await postJson(
			"/api/attempts",
			{ attemptId: issuedId(), quizId: mine.id, studentName: "Ed", classCode: theirs.joinCode, answers: [] },
			{ "CF-Connecting-IP": freshIp() },
		);
		expect(attempt.status).toBe(403);
		expect((await call("/api/quizzes?class=ZZZZZZ")).status).toBe(404);
	});

	it("exports a quiz as Moodle GIFT and as a QTI package", async () => {
		const t = await createTeacher();
		const article = await newArticle(t.token);
		const quiz = (await (await publish(t.token, article.id)).json()) as { id: string };
		const gift = await call(`/api/teacher/quizzes/${quiz.id}/export.gift`, json("GET", t.token));
		expect(gift.status).toBe(200);
		expect(gift.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
		expect(gift.headers.get("Content-Disposition")).toMatch(/filename="river-park_gift\.txt"/);
		const text = await gift.text();
		expect(text).toContain("Who said the park belongs to every family in Millbrook?");
		expect(text).toContain("=%100%4.2 million");
		expect(text).toContain("=Dana Okafor");
		const qti = await call(`/api/teacher/quizzes/${quiz.id}/export-qti.zip`, json("GET", t.token));
		expect(qti.status).toBe(200);
		expect(qti.headers.get("Content-Type")).toBe("application/zip");
		const files = unzip(new Uint8Array(await qti.arrayBuffer()));
		expect(files.map((f) => f.name)).toContain("imsmanifest.xml");
	});
});

describe("authoring: who may do what", () => {
	it("answers 401 without a valid token and 404 for another teacher's article or quiz, changing nothing", async () => {
		const owner = await createTeacher();
		const other = await createTeacher("Mr Other");
		const article = await newArticle(owner.token);
		const quiz = (await (await publish(owner.token, article.id)).json()) as { id: string };
		const routes: [string, string, unknown?][] = [
			["GET", "/api/teacher/articles"],
			["POST", "/api/teacher/articles", ARTICLE],
			["GET", `/api/teacher/articles/${article.id}`],
			["DELETE", `/api/teacher/articles/${article.id}`],
			["POST", `/api/teacher/articles/${article.id}/draft`],
			["GET", "/api/teacher/quizzes"],
			["POST", "/api/teacher/quizzes", { articleId: article.id, title: "X", questions: QUESTIONS }],
			["GET", `/api/teacher/quizzes/${quiz.id}`],
			["PUT", `/api/teacher/quizzes/${quiz.id}`, { questions: QUESTIONS }],
			["DELETE", `/api/teacher/quizzes/${quiz.id}`],
			["GET", `/api/teacher/quizzes/${quiz.id}/export.gift`],
			["GET", `/api/teacher/quizzes/${quiz.id}/export-qti.zip`],
		];
		for (const [method, path, body] of routes) {
			const res = await call(path, {
				method,
				headers: { "Content-Type": "application/json", "CF-Connecting-IP": freshIp() },
				...(body === undefined ? {} : { body: JSON.stringify(body) }),
			});
			expect(res.status, `${method} ${path}`).toBe(401);
			expect(res.headers.get("WWW-Authenticate"), path).toMatch(/^Bearer/);
		}
		for (const [method, path, body] of routes) {
			if (!path.includes(article.id) && !path.includes(quiz.id)) continue;
			if (method === "POST" && path === "/api/teacher/quizzes") continue;
			const res = await call(path, json(method, other.token, body));
			expect(res.status, `${method} ${path}`).toBe(404);
		}
		const publishOnTheirs = await call(
			"/api/teacher/quizzes",
			json("POST", other.token, { articleId: article.id, title: "X", questions: QUESTIONS }),
		);
		expect(publishOnTheirs.status).toBe(422);
		const owned = (await (await call(`/api/teacher/quizzes/${quiz.id}`, json("GET", owner.token))).json()) as { archived: boolean };
		expect(owned.archived).toBe(false);
		expect((await call(`/api/teacher/articles/${article.id}`, json("GET", owner.token))).status).toBe(200);
	});

	it("refuses a quiz body over the limit (413) and a body that is not JSON (415)", async () => {
		const t = await createTeacher();
		const big = await call(
			"/api/teacher/quizzes",
			json("POST", t.token, { articleId: "x", title: "Big", questions: "x".repeat(600 * 1024) }),
		);
		expect(big.status).toBe(413);
		const text = await call("/api/teacher/quizzes", {
			method: "POST",
			headers: { ...bearer(t.token), "Content-Type": "text/plain" },
			body: "{}",
		});
		expect(text.status).toBe(415);
	});
});
