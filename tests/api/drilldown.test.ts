/**
 * The class page and its drill-downs, through the real Worker and D1: the attempts table sorted on
 * the server, with percents and times in the teacher's zone; every statistic explained; the
 * statistics cached and counted again when an attempt arrives or is deleted; one question's spread
 * of answers with counts, percents and the students who chose each; one student's answers; deleting
 * a student's attempts after a confirmation.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { issuedId } from "../fixtures/attempt-ids";
import { expectPassages, page, post, signedInClass, signIn, textOf } from "../fixtures/dashboard";
import { call, postJson } from "../fixtures/http";
import { choiceQuestion, perfectAnswers, QUIZ_ID, shortQuestion, theQuiz } from "../fixtures/quiz";
import { bearer, createTeacher, freshIp, seedAttempts, submit } from "../fixtures/teacher";

let cls: { id: string; joinCode: string };
let cookie: string;
const classPage = (query = "") => `/teacher/classes/${cls.id}${query}`;
const question = (id: string, query = "") => `/teacher/classes/${cls.id}/questions/${id}?quizId=${QUIZ_ID}${query}`;

async function submitted(name: string, answers: unknown[]) {
	const res = await submit(cls.joinCode, name, answers);
	expect(res.status, await res.clone().text()).toBe(201);
}

/**
 * Zoë gets everything right; bob gets one question (a short answer); Cy none; Ann answers nothing;
 * then Cy tries again and gets everything right. First attempts: Zoë, bob, Cy, Ann.
 */
beforeAll(async () => {
	({ cls, cookie } = await signedInClass("7B English"));
	const quiz = await theQuiz();
	await submitted("Zoë", perfectAnswers(quiz));
	await submitted("bob", [
		{ questionId: "q-third-party", choiceIds: ["chepa"] },
		{ questionId: "q-missile-name", text: "hwasong 15" },
		{ questionId: "q-launch-reactions", choiceIds: ["more-sanctions", "cut-oil"] },
	]);
	await submitted("Cy", [
		{ questionId: "q-third-party", choiceIds: ["chepa"] },
		{ questionId: "q-missile-name", text: "Rocket" },
	]);
	await submitted("Ann", []);
	await submitted("Cy", perfectAnswers(quiz));
});

/** The student names of the attempts table, in order. */
function tableNames(html: string): string[] {
	const table = html.slice(html.indexOf('<table class="attempts"'), html.indexOf("</table>", html.indexOf('<table class="attempts"')));
	return [...table.matchAll(/<a href="\/teacher\/classes\/[^/"]+\/students\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1] ?? "");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** A time as the page should show it at a fixed offset from UTC (worked out without Intl). */
function atOffset(ms: number, hours: number): string {
	const d = new Date(ms + hours * 3_600_000);
	const two = (n: number) => String(n).padStart(2, "0");
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

describe("the attempts table", () => {
	it("lists each student's first attempt by default, by name, with score, percent and a link to the student", async () => {
		const html = await (await page(classPage(), cookie)).text();
		expect(tableNames(html)).toEqual(["Ann", "bob", "Cy", "Zoë"]);
		expect(html).toContain(`href="/teacher/classes/${cls.id}/students/zo%C3%AB"`);
		const text = textOf(html);
		expect(text).toContain("Zoë 1 20 / 20 100%");
		expect(text).toContain("bob 1 1 / 20 5%");
		expect(text).toContain("Each student's first attempt, by name, A to Z: 4 rows.");
		expect(html).toMatch(/<th scope="col" aria-sort="ascending"><a href="[^"]*\?quizId=[^"&]*&amp;dir=desc">Student/);
	});

	it("offers the gradebook as Canvas and Moodle import files from the class page", async () => {
		const html = await (await page(classPage(), cookie)).text();
		for (const [format, header] of [
			["canvas", "Student,ID,SIS User ID,SIS Login ID,Section,"],
			["moodle", "Email address,Full name,"],
		] as const) {
			const href = `/api/teacher/classes/${cls.id}/gradebook.csv?quizId=${QUIZ_ID}&format=${format}`;
			expect(html).toContain(`href="${href.replaceAll("&", "&amp;")}"`);
			const csv = await (await page(href, cookie)).text();
			expect(csv.replace(/^\uFEFF/, "")).toMatch(new RegExp(`^${header}`));
		}
	});

	it("sorts on the server by name, score and time submitted, either way, through links (no script)", async () => {
		const names = async (query: string) => tableNames(await (await page(classPage(`?quizId=${QUIZ_ID}${query}`), cookie)).text());
		expect(await names("&sort=name&dir=desc")).toEqual(["Zoë", "Cy", "bob", "Ann"]);
		expect(await names("&sort=score&dir=desc")).toEqual(["Zoë", "bob", "Cy", "Ann"]);
		expect(await names("&sort=score&dir=asc")).toEqual(["Cy", "Ann", "bob", "Zoë"]);
		expect(await names("&sort=submitted&dir=desc")).toEqual(["Ann", "Cy", "bob", "Zoë"]);
		expect(await names("&sort=submitted&dir=asc")).toEqual(["Zoë", "bob", "Cy", "Ann"]);
		// Every attempt, and each student's latest.
		expect(await names("&set=all&sort=submitted")).toEqual(["Zoë", "bob", "Cy", "Ann", "Cy"]);
		// Equal scores: the earlier submission first.
		expect(await names("&set=latest&sort=score&dir=desc")).toEqual(["Zoë", "Cy", "bob", "Ann"]);
		const html = await (await page(classPage(`?quizId=${QUIZ_ID}&sort=score&dir=desc`), cookie)).text();
		expect(html).toMatch(/<th scope="col" class="num" aria-sort="descending"><a href="[^"]*&amp;sort=score">Score/);
		expect(textOf(html)).toContain("by score, highest first");
	});

	it("shows times in UTC, saying so, until a zone is chosen; then in that zone", async () => {
		const row = await env.DB.prepare("SELECT submitted_at FROM attempts WHERE class_id = ? AND student_key = 'bob'")
			.bind(cls.id)
			.first<{ submitted_at: number }>();
		const at = row?.submitted_at ?? 0;
		const utc = await (await page(classPage(), cookie)).text();
		expect(textOf(utc)).toContain("Submitted (UTC)");
		expect(textOf(utc)).toContain(`bob 1 1 / 20 5% ${atOffset(at, 0)}`);
		expect(utc).toContain('data-time-zone-chosen="false"');
		const tokyo = await (await page(classPage(), cookie, "quizline_tz=Asia/Tokyo")).text();
		expect(textOf(tokyo)).toContain("Submitted (Asia/Tokyo)");
		expect(textOf(tokyo)).toContain(`bob 1 1 / 20 5% ${atOffset(at, 9)}`);
		expect(textOf(tokyo)).toContain("Times are in Asia/Tokyo (UTC+09:00).");
		// A cookie naming no zone is ignored.
		expect(textOf(await (await page(classPage(), cookie, "quizline_tz=Mars/Olympus")).text())).toContain("Submitted (UTC)");
	});

	it("loads the time-zone script, and works without it", async () => {
		const html = await (await page(classPage(), cookie)).text();
		const src = html.match(/<script src="(\/static\/dashboard\.[0-9a-f]{12}\.js)" defer=""><\/script>/)?.[1];
		expect(src).toBeDefined();
		const script = await page(src ?? "", cookie);
		expect(script.status).toBe(200);
		expect(await script.text()).toContain("data-time-zone-chosen");
		expect(html).toContain(`data-time-zone-action="/teacher/classes/${cls.id}/settings/time-zone"`);
	});

	it("pages a long table, 50 rows a page, with links to the pages before and after", async () => {
		const big = await signedInClass("Big class");
		const names = Array.from({ length: 120 }, (_, i) => `Student ${String(i).padStart(3, "0")}`);
		await seedAttempts(names.map((name, i) => ({ classId: big.cls.id, name, submittedAt: Date.parse("2026-11-01T08:00:00Z") + i * 1000 })));
		const at = (p: number) => page(`/teacher/classes/${big.cls.id}?quizId=${QUIZ_ID}&set=all${p === 1 ? "" : `&page=${p}`}`, big.cookie);
		const first = await (await at(1)).text();
		expect(tableNames(first)).toEqual(names.slice(0, 50));
		expect(textOf(first)).toContain("Every attempt, by name, A to Z: 120 rows, page 1 of 3.");
		expect(first).toContain(`href="/teacher/classes/${big.cls.id}?quizId=${QUIZ_ID}&amp;set=all&amp;page=2">Next page</a>`);
		const last = await (await at(3)).text();
		expect(tableNames(last)).toEqual(names.slice(100));
		expect(last).toContain(">Previous page</a>");
		expect(last).not.toContain(">Next page</a>");
		expect(tableNames(await (await at(4)).text())).toEqual([]);
	});

	it("refuses an address no link makes as a bad request page (400)", async () => {
		for (const query of ["?set=best", "?sort=age", "?dir=up", "?page=0", "?page=x", `?quizId=${"q".repeat(101)}`]) {
			const res = await page(classPage(query), cookie);
			expect(res.status, query).toBe(400);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		}
	});
});

describe("the statistics", () => {
	it("explain each number in a sentence, and name questions by their text", async () => {
		const text = textOf(await (await page(classPage(), cookie)).text());
		expectPassages(text, [
			"The average score: every score added up, divided by the number of attempts.",
			"The middle score: half the attempts scored this or less, half this or more.",
			"How reliably the quiz ranks students; above 0.7 is good",
			"How many attempts scored in each band of 10% of the maximum score.",
			"The share of the marks students got on a question",
			"Whether students who did well on the rest of the quiz got this question right more often than those who did not",
			"Each student's first attempt only: what they knew before any feedback.",
		]);
		expect(text).toContain("Attempts counted 4");
		expect(text).toContain("Mean 5.3 / 20");
		// Facility bars carry the question's text, linking to its drill-down.
		expect(text).toContain(
			"Who said North Korea would negotiate with the US if Russia took part as a third party? Facility 25% (hard) · Discrimination",
		);
		const html = await (await page(classPage(), cookie)).text();
		expect(html).toContain(`href="/teacher/classes/${cls.id}/questions/q-third-party?quizId=${QUIZ_ID}"`);
	});

	it("are kept between views, and counted again when an attempt arrives: view, submit, view again", async () => {
		const first = await page(classPage(), cookie);
		expect(first.headers.get("Server-Timing")).toMatch(/stats;desc="(hit|full|incremental)"/);
		const again = await page(classPage(), cookie);
		expect(again.headers.get("Server-Timing")).toBe('stats;desc="hit"');
		expect(textOf(await again.text())).toContain("Attempts counted 4");

		await submitted("Eve", perfectAnswers(await theQuiz()));
		const after = await page(classPage(), cookie);
		expect(after.headers.get("Server-Timing")).toBe('stats;desc="incremental"');
		const text = textOf(await after.text());
		expect(text).toContain("Attempts counted 5");
		expect(text).toContain("Mean 8.2 / 20");
		expect(text).toContain(
			"Who said North Korea would negotiate with the US if Russia took part as a third party? Facility 40% (moderate)",
		);

		// Each student's latest attempt: a new attempt replaces one, so that set is counted afresh.
		await page(classPage("?set=latest"), cookie);
		await submitted("Ann", perfectAnswers(await theQuiz()));
		const latest = await page(classPage("?set=latest"), cookie);
		expect(latest.headers.get("Server-Timing")).toBe('stats;desc="full"');
		expect(textOf(await latest.text())).toContain("Attempts counted 5");
	});
});

describe("a question's drill-down", () => {
	it("shows the question, the right answer in words, each choice's count and percent, and who chose it", async () => {
		const res = await page(question("q-third-party"), cookie);
		expect(res.status).toBe(200);
		const html = await res.text();
		expectPassages(textOf(html), [
			"Who said North Korea would negotiate with the US if Russia took part as a third party?",
			"Right answer: Vitaly Pashin",
			"question 1 of 20 · One answer to choose · 1 point",
			// First attempts: Zoë, bob, Cy, Ann, Eve (Ann's second attempt does not count).
			"5 attempts, 4 answered this question.",
			"Vitaly Pashin ✓ right answer 2 40% 2 students Eve Zoë",
			"Alexei Chepa 2 40% 2 students bob Cy",
			"Jim Mattis 0 0% nobody",
			"No answer 1 20% 1 student Ann",
			"Facility 40% (moderate)",
		]);
		expect(html).toContain(`href="/teacher/classes/${cls.id}/students/cy"`);
		expect(html).toContain(`href="/teacher/classes/${cls.id}/questions/q-missile-name?quizId=${QUIZ_ID}"`);
	});

	it("counts each student's latest attempt, or every attempt, when asked", async () => {
		const latest = textOf(await (await page(question("q-third-party", "&set=latest"), cookie)).text());
		expect(latest).toContain("Vitaly Pashin ✓ right answer 4 80% 4 students Ann (attempt 2) Cy (attempt 2) Eve Zoë");
		expect(latest).toContain("Alexei Chepa 1 20% 1 student bob");
		const all = textOf(await (await page(question("q-third-party", "&set=all"), cookie)).text());
		expect(all).toContain("7 attempts, 6 answered this question.");
		expect(all).toContain("Alexei Chepa 2 29% 2 students bob Cy");
	});

	it("lists the distinct short answers given (other capitals and punctuation as one), each marked", async () => {
		const text = textOf(await (await page(question("q-missile-name"), cookie)).text());
		expect(text).toContain("Accepted answers: Hwasong-15; Hwasong 15; Hwasong15");
		expect(text).toMatch(/Hwasong-15 ✓ accepted 3 60% 3 students bob Eve Zoë/);
		expect(text).toContain("Rocket 1 20% 1 student Cy");
		expect(text).toContain("No answer 1 20% 1 student Ann");
	});

	it("counts a student who picked two choices under both", async () => {
		const text = textOf(await (await page(question("q-launch-reactions"), cookie)).text());
		expect(text).toContain("Choose every answer that applies");
		expect(text).toContain("Put more sanctions on North Korea ✓ right answer 3 60% 3 students bob Eve Zoë");
		expect(text).toContain("Cut off oil supplies to North Korea 1 20% 1 student bob");
	});

	it("is not found for a question or quiz the class does not have (404), and a bad request without its quiz (400)", async () => {
		expect((await page(question("q-nothing"), cookie)).status).toBe(404);
		expect((await page(`/teacher/classes/${cls.id}/questions/q-third-party?quizId=no-such-quiz`, cookie)).status).toBe(404);
		expect((await page(`/teacher/classes/${cls.id}/questions/q-third-party`, cookie)).status).toBe(400);
		expect((await page(question("q-third-party", "&set=some"), cookie)).status).toBe(400);
	});
});

describe("a student's drill-down", () => {
	it("lists their attempts, each answer with right or wrong in words", async () => {
		const res = await page(`/teacher/classes/${cls.id}/students/cy`, cookie);
		expect(res.status).toBe(200);
		const text = textOf(await res.text());
		expect(text).toContain("2 attempts in 7B English");
		expect(text).toContain("Attempt 2: 20 / 20 (100%)");
		expect(text).toContain("Attempt 1: 0 / 20 (0%)");
		expect(text).toContain(
			"1 Who said North Korea would negotiate with the US if Russia took part as a third party? Alexei Chepa ✗ Wrong 0 / 1",
		);
		expect(text).toContain("Rocket ✗ Wrong 0 / 1");
		expect(text).toContain("Vitaly Pashin ✓ Right 1 / 1");
		expect(text).toMatch(/Where did North Korea’s ICBM land\? No answer ✗ Wrong 0 \/ 1/);
	});

	it("finds a student by their URL-encoded key, and is not found for nobody (404)", async () => {
		const res = await page(`/teacher/classes/${cls.id}/students/zo%C3%AB`, cookie);
		expect(res.status).toBe(200);
		expect(textOf(await res.text())).toContain("1 attempt in 7B English");
		expect((await page(`/teacher/classes/${cls.id}/students/nobody`, cookie)).status).toBe(404);
		expect((await page(`/teacher/classes/${cls.id}/students/${"x".repeat(257)}`, cookie)).status).toBe(400);
	});

	it("reaches a student whose name holds a slash, a percent sign or a question mark", async () => {
		const own = await signedInClass("Odd names");
		const name = "Ann/Bo 100% sure?";
		expect((await submit(own.cls.joinCode, name, [])).status).toBe(201);
		const html = await (await page(`/teacher/classes/${own.cls.id}`, own.cookie)).text();
		const href = html.match(/href="(\/teacher\/classes\/[^/"]+\/students\/[^"]+)"/)?.[1] ?? "";
		expect(href).toBe(`/teacher/classes/${own.cls.id}/students/ann%2Fbo%20100%25%20sure%3F`);
		const res = await page(href, own.cookie);
		expect(res.status).toBe(200);
		expect(textOf(await res.text())).toContain(`${name} in Odd names`);
	});

	it("deletes a student's attempts after a confirmation page; the statistics follow", async () => {
		await page(classPage(), cookie);
		const confirm = await page(`/teacher/classes/${cls.id}/students/cy/delete`, cookie);
		expect(confirm.status).toBe(200);
		const html = await confirm.text();
		expect(textOf(html)).toContain("This deletes all 2 attempts of Cy in 7B English, with every answer in them. It cannot be undone.");
		expect(html).toContain(`<form method="post" action="/teacher/classes/${cls.id}/students/cy/delete">`);

		const unconfirmed = await post(`/teacher/classes/${cls.id}/students/cy/delete`, cookie, {});
		expect(unconfirmed.status).toBe(400);
		const count = () =>
			env.DB.prepare("SELECT COUNT(*) AS n FROM attempts WHERE class_id = ? AND student_key = 'cy'").bind(cls.id).first<{ n: number }>();
		expect((await count())?.n).toBe(2);

		const res = await post(`/teacher/classes/${cls.id}/students/cy/delete`, cookie, { confirm: "yes" });
		expect(res.status).toBe(303);
		expect(res.headers.get("Location")).toBe(`/teacher/classes/${cls.id}?deleted=2&student=Cy`);
		expect((await count())?.n).toBe(0);
		const after = await page(res.headers.get("Location") ?? "", cookie);
		expect(after.headers.get("Server-Timing")).toBe('stats;desc="full"');
		const text = textOf(await after.text());
		expect(text).toContain("Deleted 2 attempts of Cy.");
		expect(text).toContain("Attempts counted 4");
		expect(tableNames(await (await page(classPage(), cookie)).text())).toEqual(["Ann", "bob", "Eve", "Zoë"]);

		// Sent again (a reload): nothing left, nothing broken.
		const again = await post(`/teacher/classes/${cls.id}/students/cy/delete`, cookie, { confirm: "yes" });
		expect(again.headers.get("Location")).toBe(`/teacher/classes/${cls.id}?deleted=0&student=cy`);
	});
});

describe("a teacher's own quiz", () => {
	/** An article and a two-question quiz of this teacher, published; its id. */
	async function ownQuiz(token: string): Promise<string> {
		const send = (path: string, body: unknown) =>
			call(path, { method: "POST", headers: { ...bearer(token), "Content-Type": "application/json" }, body: JSON.stringify(body) });
		const article = await send("/api/teacher/articles", {
			title: "River park opens",
			source: "The Valley Courier",
			date: "2026-11-20",
			text: "The river park opened on Saturday.\n\nMayor Dana Okafor said the park belongs to every family. It cost $4.2 million.",
		});
		expect(article.status).toBe(201);
		const { id: articleId } = (await article.json()) as { id: string };
		const quiz = await send("/api/teacher/quizzes", {
			articleId,
			title: "River park",
			questions: [
				choiceQuestion(
					"single",
					"q-mayor",
					"Who said the park belongs to every family?",
					[
						["okafor", "Dana Okafor"],
						["ferreira", "Luis Ferreira"],
					],
					["okafor"],
					[2, "Mayor Dana Okafor said the park belongs to every family."],
				),
				shortQuestion("q-cost", "How much did the park cost?", ["$4.2 million", "4.2 million"], [2, "It cost $4.2 million."]),
			],
		});
		expect(quiz.status, await quiz.clone().text()).toBe(201);
		return ((await quiz.json()) as { id: string }).id;
	}

	it("has its statistics and drill-downs in the teacher's class, and is not found from another teacher's", async () => {
		const mine = await signedInClass("River class", "Ms River");
		const quizId = await ownQuiz(mine.teacher.token);
		expect(
			(await post(`/teacher/classes/${mine.cls.id}/settings/quizzes`, mine.cookie, { scope: "chosen", quizId: [quizId] })).status,
		).toBe(303);
		for (const [name, mayor, cost] of [
			["Ola", "okafor", "4.2 million"],
			["Pim", "ferreira", "five"],
		] as const) {
			const res = await postJson(
				"/api/attempts",
				{
					attemptId: issuedId(),
					quizId,
					studentName: name,
					classCode: mine.cls.joinCode,
					answers: [
						{ questionId: "q-mayor", choiceIds: [mayor] },
						{ questionId: "q-cost", text: cost },
					],
				},
				{ "CF-Connecting-IP": freshIp() },
			);
			expect(res.status, await res.clone().text()).toBe(201);
		}
		const classText = textOf(await (await page(`/teacher/classes/${mine.cls.id}`, mine.cookie)).text());
		expect(classText).toContain("River park (2 attempts)");
		expect(classText).toContain("Who said the park belongs to every family? Facility 50% (moderate)");
		const settingsHtml = await (await page(`/teacher/classes/${mine.cls.id}/settings`, mine.cookie)).text();
		expect(textOf(settingsHtml)).toContain("Your quizzes River park · 2 questions");
		// An own quiz cannot be practised without the class code: no warning, whatever the review.
		await post(`/teacher/classes/${mine.cls.id}/settings/review`, mine.cookie, { review: "score", reviewAfter: "close" });
		expect(textOf(await (await page(`/teacher/classes/${mine.cls.id}`, mine.cookie)).text())).not.toContain("library quizzes anyway");

		const spread = textOf(await (await page(`/teacher/classes/${mine.cls.id}/questions/q-cost?quizId=${quizId}`, mine.cookie)).text());
		expect(spread).toContain("4.2 million ✓ accepted 1 50% 1 student Ola");
		expect(spread).toContain("five 1 50% 1 student Pim");

		const other = await signedInClass("Not River", "Mr Other");
		expect((await page(`/teacher/classes/${other.cls.id}/questions/q-cost?quizId=${quizId}`, other.cookie)).status).toBe(404);
		const otherPage = textOf(await (await page(`/teacher/classes/${other.cls.id}?quizId=${quizId}`, other.cookie)).text());
		expect(otherPage).not.toContain("River park");
	});
});

describe("another teacher", () => {
	it("finds none of the class's pages (HTML 404)", async () => {
		const other = await signIn((await createTeacher("Mr Other")).token);
		for (const path of [
			classPage(),
			question("q-third-party"),
			`/teacher/classes/${cls.id}/students/bob`,
			`/teacher/classes/${cls.id}/students/bob/delete`,
		]) {
			const res = await page(path, other);
			expect(res.status, path).toBe(404);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
			expect(await res.text()).not.toContain("bob");
		}
	});
});
