/**
 * The review policy of a class (what students see after submitting, and from when), practice only on
 * the built-in library, and quizzes refused when they are opened rather than after they are answered.
 * Every path that returns a result is checked for the fields the policy withholds: POST and GET
 * /api/attempts, replays, and the result page of the form without JavaScript.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import type { ReviewLevel, ReviewTime } from "../../worker/domain/review";
import { insertAttempt } from "../../worker/features/attempts/queries";
import { practiceLeaksAnswers } from "../../worker/features/classes/service";
import { NEXT_FIELD, SUBMIT_ANYWAY } from "../../worker/views/student/confirm";
import { issuedId } from "../fixtures/attempt-ids";
import { client } from "../fixtures/client";
import { call, readProblem } from "../fixtures/http";
import { keysOf } from "../fixtures/json-keys";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { RIVER_PARK_ARTICLE, riverParkQuestions } from "../fixtures/river-park";
import { bearer, type ClassInput, createClass, createTeacher, freshIp, postForm } from "../fixtures/teacher";

/** A problem+json body, from the typed client's response (whose error statuses it does not type). */
async function problemIn(res: { headers: Headers; text(): Promise<string> }) {
	expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
	return JSON.parse(await res.text()) as { title: string; detail: string; errors?: { path: string; message: string }[] };
}

const api = (headers: Record<string, string> = {}) => client({ "CF-Connecting-IP": freshIp(), ...headers }).api;

/** The fields each level withholds, as keys anywhere in a result's JSON. */
const WITHHELD_KEYS: Record<ReviewLevel, string[]> = {
	score: ["correct", "points", "correctChoiceIds", "acceptedAnswers", "explanation", "evidence", "quote", "paragraph"],
	marks: ["correctChoiceIds", "acceptedAnswers", "explanation", "evidence", "quote", "paragraph"],
	full: [],
};

/** Asserts that a result's JSON shows exactly `level`: nothing it withholds, everything it shows. */
function expectJsonAt(body: unknown, level: ReviewLevel, where: string) {
	const keys = keysOf(body);
	for (const k of WITHHELD_KEYS[level]) expect(keys.has(k), `${where}: "${k}" must be withheld at ${level}`).toBe(false);
	const shown = {
		score: ["score", "maxScore", "answer"],
		marks: ["correct", "points"],
		full: ["explanation", "evidence", "correctChoiceIds"],
	};
	for (const k of shown[level]) expect(keys.has(k), `${where}: "${k}" is shown at ${level}`).toBe(true);
	expect(JSON.stringify(body), where).not.toMatch(/"(correct|points|explanation|evidence|correctChoiceIds|acceptedAnswers)":null/);
}

/** Text as hono/jsx escapes it in a page. */
const esc = (s: string) =>
	s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The texts of the answer key that must not be in a page below the full review: explanations, evidence quotes, accepted answers, correct choices of questions left blank. */
async function answerKeyTexts(answered: number): Promise<string[]> {
	const quiz = await theQuiz();
	const prompts = quiz.questions.map((q) => q.prompt).join("\n");
	return quiz.questions.flatMap((q, i) => {
		const key =
			i < answered || q.type === "true_false"
				? []
				: q.type === "short"
					? q.accepted
					: q.choices.filter((c) => q.correctChoiceIds.includes(c.id)).map((c) => c.text);
		// A text a prompt also holds (a true/false statement quoting the article, say) tells nothing.
		return [q.explanation, q.evidence.quote, ...key].filter((t) => !prompts.includes(t)).map(esc);
	});
}

/** Asserts that a result page shows exactly `level`. */
async function expectPageAt(html: string, level: ReviewLevel, answered: number, where: string) {
	const quiz = await theQuiz();
	const secrets = await answerKeyTexts(answered);
	if (level === "full") {
		for (const s of secrets) expect(html, where).toContain(s);
		return;
	}
	for (const s of secrets) expect(html, `${where}: "${s}" is withheld at ${level}`).not.toContain(s);
	expect(html, where).not.toContain("<mark>");
	expect(html, where).not.toContain("Correct answer");
	expect(html, where).not.toContain("Accepted answers");
	if (level === "marks") {
		expect(html.match(/✓ Right/g), where).toHaveLength(answered);
		expect(html.match(/✗ Wrong/g), where).toHaveLength(quiz.questions.length - answered);
	} else {
		expect(html, where).not.toMatch(/✓|✗|class="(right|wrong)"|class="outcome (right|wrong)"|questions right/);
		// The student's own answers are theirs to see.
		expect(html.match(/<dt>Your answer<\/dt>/g), where).toHaveLength(quiz.questions.length);
	}
}

/** The form fields a browser posts for these answers. */
function answerFields(answers: { questionId: string; choiceIds?: string[]; text?: string }[]): [string, string][] {
	return answers.flatMap((a): [string, string][] =>
		a.choiceIds ? a.choiceIds.map((id): [string, string] => [`answer.${a.questionId}`, id]) : [[`answer.${a.questionId}`, a.text ?? ""]],
	);
}

/** The quiz page's own attempt id, as a browser gets it. */
async function pageAttemptId(quizId: string, cookie?: string): Promise<string> {
	const html = await (await call(`/quiz/${quizId}`, cookie ? { headers: { Cookie: cookie } } : undefined)).text();
	const id = /name="attemptId" value="([^"]+)"/.exec(html)?.[1];
	if (!id) throw new Error("no attempt id on the quiz page");
	return id;
}

/** Joins through the join form, as a student does; returns the cookie the browser then sends. */
async function joinCookie(name: string, classCode: string, quiz = QUIZ_ID): Promise<string> {
	const res = await postForm("/join", [
		["studentName", name],
		["classCode", classCode],
		["quiz", quiz],
	]);
	expect(res.status, await res.clone().text()).toBe(303);
	return (res.headers.get("Set-Cookie") ?? "").split(";")[0] as string;
}

const inADay = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

async function patchClass(token: string, classId: string, json: Omit<ClassInput, "name"> & { name?: string }) {
	const res = await client(bearer(token)).api.teacher.classes[":classId"].$patch({ param: { classId }, json });
	expect(res.status).toBe(200);
	return res.json();
}

describe("the review policy, every level at every time", () => {
	const combos = (["score", "marks", "full"] as const).flatMap((review) =>
		(["submit", "close"] as const).map((reviewAfter) => ({ review, reviewAfter })),
	);

	for (const { review, reviewAfter } of combos) {
		it(`${review} after ${reviewAfter}: POST, replay, GET and the result page show only what the policy allows, before and after the class closes`, async () => {
			const quiz = await theQuiz();
			const t = await createTeacher();
			const closesAt = inADay();
			const cls = await createClass(t.token, { name: `${review}/${reviewAfter}`, review, reviewAfter, closesAt });
			expect(cls).toMatchObject({ review, reviewAfter, namePicker: false, closesAt });
			const before: ReviewLevel = reviewAfter === "submit" ? review : "score";
			const answered = 3;
			const answers = perfectAnswers(quiz).slice(0, answered);

			// The JSON API: the stored result, its replay and GET by id.
			const attemptId = issuedId();
			const submission = { attemptId, quizId: QUIZ_ID, studentName: "Ada", classCode: cls.joinCode, answers };
			const posted = await api().attempts.$post({ json: submission });
			expect(posted.status).toBe(201);
			const result = await posted.json();
			expect(result.score).toBe(answered);
			expectJsonAt(result, before, "POST");
			const held = reviewAfter === "close" && review !== "score";
			expect(result.review).toEqual({
				shown: before,
				withheld: WITHHELD_KEYS[before].filter((k) => k !== "quote" && k !== "paragraph"),
				...(held ? { afterClose: review, answersFrom: closesAt } : {}),
			});
			const replayed = await api().attempts.$post({ json: submission });
			expect(replayed.status).toBe(200);
			expect(await replayed.json()).toEqual(result);
			const got = await api().attempts[":attemptId"].$get({ param: { attemptId } });
			expect(await got.json()).toEqual(result);

			// The form without JavaScript, and its result page.
			const formId = await pageAttemptId(QUIZ_ID);
			const form = await postForm(`/quiz/${QUIZ_ID}`, [
				["attemptId", formId],
				["studentName", "Grace"],
				["classCode", cls.joinCode],
				...answerFields(answers),
				[NEXT_FIELD, SUBMIT_ANYWAY],
			]);
			expect(form.status).toBe(303);
			expect(form.headers.get("Location")).toBe(`/result/${formId}`);
			const page = await (await call(`/result/${formId}`)).text();
			await expectPageAt(page, before, answered, "result page before closing");
			if (held) {
				expect(page).toContain(`<time datetime="${closesAt}">`);
				expect(page).toContain("after the class closes");
			}
			if (review === "score") expect(page).toContain("Your teacher shows only your score for this quiz.");

			// The class closes: what the policy shows from then on, on every path, replays included.
			await patchClass(t.token, cls.id, { closesAt: aMinuteAgo() });
			const after = await (await api().attempts[":attemptId"].$get({ param: { attemptId } })).json();
			expectJsonAt(after, review, "GET after closing");
			expect(after.review).toEqual({ shown: review, withheld: WITHHELD_KEYS[review].filter((k) => k !== "quote" && k !== "paragraph") });
			const late = await api().attempts.$post({ json: submission });
			expect(late.status).toBe(200);
			expect(await late.json()).toEqual(after);
			await expectPageAt(await (await call(`/result/${formId}`)).text(), review, answered, "result page after closing");
		});
	}

	it("at close in a class with no closing time: the score only, promising no date", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Someday", review: "full", reviewAfter: "close" });
		const res = await api().attempts.$post({
			json: { attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Bo", classCode: cls.joinCode, answers: [] },
		});
		const result = await res.json();
		expectJsonAt(result, "score", "POST");
		expect(result.review).toEqual({ shown: "score", withheld: WITHHELD_KEYS.score.slice(0, 6), afterClose: "full" });
		const page = await (await call(`/result/${result.attemptId}`)).text();
		expect(page).toContain("once your teacher closes the class");
	});

	it("defaults to the full review at once, as before; PATCH changes the policy and refuses what is not one", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Defaults" });
		expect(cls).toMatchObject({ review: "full", reviewAfter: "submit", namePicker: false });
		expect(await patchClass(t.token, cls.id, { review: "marks", namePicker: true })).toMatchObject({
			review: "marks",
			reviewAfter: "submit",
			namePicker: true,
		});
		const listed = await (await client(bearer(t.token)).api.teacher.classes.$get()).json();
		expect(listed.classes[0]).toMatchObject({ review: "marks", reviewAfter: "submit", namePicker: true });
		for (const body of [{ review: "answers" }, { reviewAfter: "never" }, { namePicker: "yes" }]) {
			const res = await call(`/api/teacher/classes/${cls.id}`, {
				method: "PATCH",
				headers: { ...bearer(t.token), "Content-Type": "application/json" },
				body: JSON.stringify(body),
			});
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await readProblem(res))?.errors?.[0]?.path).toBe(Object.keys(body)[0]);
		}
	});
});

const SECRET_EXPLANATION = "Paragraph 2 quotes the mayor, Dana Okafor, by name.";
const SECRET_COST = "Paragraph 2 gives the cost of the park.";
const QUESTIONS = riverParkQuestions({ explanations: { mayor: SECRET_EXPLANATION, cost: SECRET_COST } });

/** A teacher's own quiz, published through the API. */
async function teacherQuiz(token: string): Promise<string> {
	const headers = { ...bearer(token), "Content-Type": "application/json" };
	const article = await call("/api/teacher/articles", { method: "POST", headers, body: JSON.stringify(RIVER_PARK_ARTICLE) });
	const { id: articleId } = (await article.json()) as { id: string };
	const res = await call("/api/teacher/quizzes", {
		method: "POST",
		headers,
		body: JSON.stringify({ articleId, title: "River park", questions: QUESTIONS }),
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

/**
 * Asserts that a response carries none of the teacher quiz's answer key: no explanation, and (unless
 * it is the quiz itself, which carries the article) no evidence quote or accepted answer; as JSON, no
 * key of the answer key at any depth; as a page, no right answer, mark or verdict.
 */
async function expectNoKey(res: { text(): Promise<string>; headers: Headers }, where: string, { article = false } = {}) {
	const text = await res.text();
	const secrets = [
		SECRET_EXPLANATION,
		SECRET_COST,
		...(article ? [] : ["belongs to every family in Millbrook.”", "It cost $4.2 million", "4.2 million"]),
	];
	for (const secret of secrets) expect(text, `${where} leaks "${secret}"`).not.toContain(secret);
	if (res.headers.get("Content-Type")?.includes("json")) {
		const keys = keysOf(JSON.parse(text));
		// The quiz itself has its questions' points; a result below the marks level has no points earned.
		const answerKey = article ? [...WITHHELD_KEYS.marks, "correct", "accepted", "answer"] : WITHHELD_KEYS.score;
		for (const key of answerKey) expect(keys.has(key), `${where} has "${key}"`).toBe(false);
	} else {
		expect(text, where).not.toMatch(/Correct answer|Accepted answers|<mark>|✓|✗/);
	}
}

describe("finding 1: the answer key before the graded attempt", () => {
	it("finding 1: no path returns the answer key before the policy allows", async () => {
		const t = await createTeacher();
		const quizId = await teacherQuiz(t.token);
		const strict = await createClass(t.token, { name: "Strict", review: "full", reviewAfter: "close", closesAt: inADay() });
		const answers = [
			{ questionId: "q-mayor", choiceIds: ["council"] },
			{ questionId: "q-cost", text: "5 million" },
		];

		// A throwaway practice attempt (no class code) used to return the key: now refused, on the API and the form alike.
		const practice = { attemptId: issuedId(), quizId, studentName: "Eve", answers };
		const refused = await api().attempts.$post({ json: practice });
		expect(refused.status).toBe(422);
		const problem = await problemIn(refused.clone());
		expect(problem?.title).toBe("Class code needed");
		expect(problem?.detail).toBe("This quiz can only be taken in a class: ask your teacher for the class code.");
		expect(problem?.errors).toEqual([{ path: "classCode", message: "is needed for this quiz" }]);
		await expectNoKey(refused, "practice POST");
		// Sent again, it is still refused: no stored practice attempt to replay.
		expect((await api().attempts.$post({ json: practice })).status).toBe(422);
		const formRefused = await postForm(`/quiz/${quizId}`, [
			["attemptId", await pageAttemptId(quizId)],
			["studentName", "Eve"],
			["answer.q-mayor", "council"],
			["answer.q-cost", "5 million"],
		]);
		expect(formRefused.status).toBe(422);
		const formHtml = await formRefused.clone().text();
		expect(formHtml).toContain("This quiz can only be taken in a class: ask your teacher for the class code.");
		expect(formHtml).toMatch(/id="classCode"[^>]*aria-invalid="true"/);
		expect(formHtml).toContain('value="5 million"');
		await expectNoKey(formRefused, "practice form", { article: true });
		expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE quiz_id = ?").bind(quizId).first<{ n: number }>()).toEqual({
			n: 0,
		});

		// The quiz itself, as the API and the page hand it out.
		await expectNoKey(await call(`/api/quizzes/${quizId}`), "GET /api/quizzes/:id", { article: true });
		const quizPage = await call(`/quiz/${quizId}`);
		expect(quizPage.status).toBe(200);
		await expectNoKey(quizPage, "GET /quiz/:id", { article: true });

		// The graded attempt in the strict class: the score, and nothing else, on every path.
		const graded = { attemptId: issuedId(), quizId, studentName: "Eve", classCode: strict.joinCode, answers };
		const stored = await api().attempts.$post({ json: graded });
		expect(stored.status).toBe(201);
		await expectNoKey(stored, "POST in the class");
		await expectNoKey(await api().attempts.$post({ json: graded }), "replay");
		await expectNoKey(await call(`/api/attempts/${graded.attemptId}`), "GET /api/attempts/:id");
		await expectNoKey(await call(`/result/${graded.attemptId}`), "GET /result/:id");
		const formId = await pageAttemptId(quizId);
		const viaForm = await postForm(`/quiz/${quizId}`, [
			["attemptId", formId],
			["studentName", "Eve"],
			["classCode", strict.joinCode],
			["answer.q-mayor", "council"],
			["answer.q-cost", "5 million"],
		]);
		expect(viaForm.status).toBe(303);
		await expectNoKey(await call(`/result/${formId}`), "the form's result page");

		// Laundering the attempt through a lenient class of the same teacher: a code that is not the attempt's class's is an unknown code.
		const lenient = await createClass(t.token, { name: "Lenient" });
		const laundered = await api().attempts.$post({ json: { ...graded, classCode: lenient.joinCode } });
		expect(laundered.status).toBe(422);
		expect((await problemIn(laundered.clone())).title).toBe("Unknown class code");
		await expectNoKey(laundered, "replay into another class");

		// A class-less attempt stored before practice on teacher quizzes was refused shows the score only.
		const legacyId = issuedId();
		await insertAttempt(
			createDb(env.DB),
			{
				id: legacyId,
				quizId,
				quizVersion: ((await (await call(`/api/quizzes/${quizId}`)).json()) as { version: string }).version,
				classId: null,
				studentName: "Old Eve",
				studentKey: "old eve",
				startedAt: null,
				submittedAt: new Date(),
				score: 0,
				maxScore: 2,
				requestHash: "legacy",
			},
			[
				{ questionId: "q-mayor", position: 0, answer: { choiceIds: ["council"] }, correct: false, points: 0 },
				{ questionId: "q-cost", position: 1, answer: null, correct: false, points: 0 },
			],
		);
		await expectNoKey(await call(`/api/attempts/${legacyId}`), "a stored class-less attempt");
		const legacyPage = await call(`/result/${legacyId}`);
		expect(legacyPage.status).toBe(200);
		await expectNoKey(legacyPage, "a stored class-less attempt's page");

		// Once the strict class closes, its students see everything: the teacher's choice.
		await patchClass(t.token, strict.id, { closesAt: aMinuteAgo() });
		const opened = await (await call(`/api/attempts/${graded.attemptId}`)).text();
		expect(opened).toContain(SECRET_EXPLANATION);
		expect(opened).toContain('"correctChoiceIds":["okafor"]');
		// A second class the teacher opens with a lenient policy shows its students the key at once: also the teacher's choice.
		const inLenient = await api().attempts.$post({
			json: { attemptId: issuedId(), quizId, studentName: "Fay", classCode: lenient.joinCode, answers },
		});
		expect(inLenient.status).toBe(201);
		expect(await inLenient.text()).toContain(SECRET_EXPLANATION);
	});

	it("practice keeps the full review on the built-in library, which is public: the dashboard is told when that undoes a class's policy", async () => {
		const quiz = await theQuiz();
		const res = await api().attempts.$post({
			json: { attemptId: issuedId(), quizId: QUIZ_ID, studentName: "Pat", answers: perfectAnswers(quiz).slice(0, 1) },
		});
		expect(res.status).toBe(201);
		const result = await res.json();
		expectJsonAt(result, "full", "practice");
		expect(result.review).toEqual({ shown: "full", withheld: [] });
		expect(result.classCode).toBeNull();
		const page = await (await call(`/result/${result.attemptId}`)).text();
		await expectPageAt(page, "full", 1, "practice page");
		expect(page).toContain("Try this quiz again");

		const t = await createTeacher();
		const quizId = await teacherQuiz(t.token);
		const policies: [ReviewLevel, ReviewTime, boolean][] = [
			["full", "submit", false],
			["full", "close", true],
			["marks", "submit", true],
			["score", "close", true],
		];
		for (const [review, reviewAfter, leaks] of policies) {
			const cls = { review, reviewAfter };
			expect(await practiceLeaksAnswers(cls, QUIZ_ID), `${review}/${reviewAfter}`).toBe(leaks);
			expect(await practiceLeaksAnswers(cls, quizId), `${review}/${reviewAfter}, a teacher's quiz`).toBe(false);
		}
	});
});

describe("refusing early: at the quiz page, not after every answer", () => {
	it("a closed class: the quiz page says so (403) instead of the questions, and the result page offers no new attempt", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Closing" });
		const cookie = await joinCookie("Ada", cls.joinCode);
		const id = await pageAttemptId(QUIZ_ID, cookie);
		const sent = await postForm(`/quiz/${QUIZ_ID}`, [
			["attemptId", id],
			["studentName", "Ada"],
			["classCode", cls.joinCode],
			[NEXT_FIELD, SUBMIT_ANYWAY],
		]);
		expect(sent.status).toBe(303);
		expect(await (await call(`/result/${id}`)).text()).toContain("Try this quiz again");

		await patchClass(t.token, cls.id, { closesAt: "2026-01-05T09:30:00Z" });
		const res = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(res.status).toBe(403);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		const html = await res.text();
		expect(html).toContain("This class is closed");
		expect(html).toContain(
			'Your class stopped taking answers on <time datetime="2026-01-05T09:30:00.000Z">5 January 2026 at 09:30 UTC</time>',
		);
		expect(html).not.toContain('<form id="quiz"');
		expect(html).toContain('href="/"');
		expect(await (await call(`/result/${id}`)).text()).not.toContain("Try this quiz again");
	});

	it("a quiz the class does not offer: refused at the quiz page (403), the questions never shown", async () => {
		const t = await createTeacher();
		const own = await teacherQuiz(t.token);
		const cls = await createClass(t.token, { name: "Only one", openQuizIds: [own] });
		const cookie = await joinCookie("Ada", cls.joinCode, own);
		expect((await call(`/quiz/${own}`, { headers: { Cookie: cookie } })).status).toBe(200);
		const res = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(res.status).toBe(403);
		const html = await res.text();
		expect(html).toContain("Not open for your class");
		expect(html).toContain("This quiz is not open for your class.");
		expect(html).not.toContain('<form id="quiz"');
	});

	it("no attempts left: the quiz page and the form say so on a page of their own (409), the API too, and no “Try again” is offered", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Once", maxAttempts: 1 });
		const cookie = await joinCookie("Ada Lovelace", cls.joinCode);
		const fields = (id: string): [string, string][] => [
			["attemptId", id],
			["studentName", "Ada Lovelace"],
			["classCode", cls.joinCode],
			[NEXT_FIELD, SUBMIT_ANYWAY],
		];
		// A second page opened before the first was submitted: its form is refused at submission.
		const first = await pageAttemptId(QUIZ_ID, cookie);
		const second = await pageAttemptId(QUIZ_ID, cookie);
		expect((await postForm(`/quiz/${QUIZ_ID}`, fields(first))).status).toBe(303);
		const result = await (await call(`/result/${first}`)).text();
		expect(result).not.toContain("Try this quiz again");
		expect(result).toContain("Choose another quiz");

		const sentence = "You have already taken this quiz: your teacher allows one attempt.";
		const late = await postForm(`/quiz/${QUIZ_ID}`, fields(second));
		expect(late.status).toBe(409);
		const lateHtml = await late.text();
		expect(lateHtml).toContain("No attempts left");
		expect(lateHtml).toContain(sentence);
		expect(lateHtml).not.toContain('<form id="quiz"');

		const opened = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(opened.status).toBe(409);
		expect(await opened.text()).toContain(sentence);
		const viaApi = await api().attempts.$post({
			json: { attemptId: issuedId(), quizId: QUIZ_ID, studentName: "ada  lovelace", classCode: cls.joinCode, answers: [] },
		});
		expect(viaApi.status).toBe(409);
		expect(await problemIn(viaApi)).toMatchObject({ title: "No attempts left", detail: sentence });
		// Another student of the class still gets the quiz; raising the cap gives Ada her page back, and “Try again” with it.
		expect((await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: await joinCookie("Grace", cls.joinCode) } })).status).toBe(200);
		await patchClass(t.token, cls.id, { maxAttempts: 3 });
		expect((await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } })).status).toBe(200);
		expect(await (await call(`/result/${first}`)).text()).toContain("Try this quiz again");
	});

	it("a stale class code in the join cookie: the quiz page asks for the code again beside its field, and a teacher's quiz asks for one", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Short-lived" });
		const cookie = await joinCookie("Ada", cls.joinCode);
		await call(`/api/teacher/classes/${cls.id}?confirm=${cls.id}`, { method: "DELETE", headers: bearer(t.token) });
		const res = await call(`/quiz/${QUIZ_ID}`, { headers: { Cookie: cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain(`No class has the code &quot;${cls.joinCode}&quot;`);
		expect(html).toMatch(/id="classCode"[^>]*aria-invalid="true"/);

		const quizId = await teacherQuiz(t.token);
		const page = await (await call(`/quiz/${quizId}`)).text();
		expect(page).toContain("This quiz can only be taken in a class: ask your teacher for the class code.");
		expect(page).toMatch(/id="classCode"[^>]*aria-invalid="true"/);
	});
});
