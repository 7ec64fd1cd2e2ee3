/**
 * The exports write exactly the bytes they wrote before their rows were packed by SQLite and
 * formatted without csvRow per row: the old exporters (tests/fixtures/exports-reference.ts, the
 * drizzle queries and csvRow formatting as they were) and the current ones read the same class and
 * are compared byte for byte, for every file, filter and page size, on names and answers chosen to
 * break a CSV writer (formula starts, quotes, commas, line breaks, fullwidth and zero-width-prefixed
 * signs), on times that take the slow path (before 1970, after 9999, ties), on scores that are not
 * whole numbers, on names whose order differs between UTF-8 and UTF-16, and on attempts without a
 * first response.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import type { ExportFilter } from "../../worker/features/exports/queries";
import { gradebookCsv, responsesCsv, scoresCsv } from "../../worker/features/exports/service";
import { parseCsv } from "../fixtures/csv";
import { referenceGradebookCsv, referenceResponsesCsv, referenceScoresCsv } from "../fixtures/exports-reference";
import { call } from "../fixtures/http";
import { QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, getCsv } from "../fixtures/teacher";

async function collect(gen: AsyncGenerator<string, void, undefined>): Promise<string> {
	let out = "";
	for await (const chunk of gen) out += chunk;
	return out;
}

/** Names a spreadsheet or a CSV reader could trip on, written straight into D1 (the API would normalise some). */
const HOSTILE_NAMES = [
	'=HYPERLINK("http://x")',
	"+1",
	"-2",
	"@SUM(A1)",
	"\tTabbed",
	"\r=cmd|' /C calc'!A0",
	"\0nul",
	" leading space",
	"trailing space ",
	'Doe, "Jay"',
	"two\nlines",
	"\uff1d1+2",
	"\u200b=1+1",
	"\ufeff=bom",
	"\u2060+word joiner",
	"\ufe66small equals",
	"\u2212minus",
	"\ufe32vertical dash",
	"'already quoted",
	'"quoted"',
	"comma,name",
	"Zoë O'Brien",
	"김민준",
	"Иван Петров",
	"emoji 🙂",
	// Sorted by UTF-8 bytes in SQLite: U+FF1D before U+1F642, the other way round in UTF-16 code units.
	"x\uff1d",
	"x🙂",
	"",
	"plain",
	"PLAIN",
];

const DAY = 86_400_000;
const BASE = Date.parse("2026-03-01T23:59:58.500Z");

interface Seeded {
	id: string;
	quizId: string;
	version: string;
	name: string;
	startedAt: number | null;
	submittedAt: number;
	score: number;
	maxScore: number;
}

describe("exports are byte-identical to the old exporters", () => {
	let token: string;
	let classId: string;
	let teacherQuizId: string;
	let teacherVersions: string[];

	beforeAll(async () => {
		const t = await createTeacher("Identical Exports");
		token = t.token;
		classId = (await createClass(t.token, { name: "Byte for byte" })).id;
		const quiz = await theQuiz();

		// A teacher's quiz with a hostile title and two versions, so titles are looked up per version.
		const headers = { ...bearer(token), "Content-Type": "application/json" };
		const article = (await (
			await call("/api/teacher/articles", {
				method: "POST",
				headers,
				body: JSON.stringify({
					title: "Park",
					source: "Courier",
					date: "2026-11-20",
					text: "The park opened on Saturday after ten years.",
				}),
			})
		).json()) as { id: string };
		const question = (prompt: string) => ({
			id: "q-when",
			type: "single",
			prompt,
			choices: [
				{ id: "sat", text: '=Saturday, "the" day' },
				{ id: "sun", text: "Sunday" },
			],
			answer: { choiceIds: ["sat"] },
			explanation: "It says Saturday.",
			skill: "literal",
			evidence: { paragraph: 1, quote: "The park opened on Saturday" },
		});
		const published = await call("/api/teacher/quizzes", {
			method: "POST",
			headers,
			body: JSON.stringify({ articleId: article.id, title: '=Park, "quiz"\nv1', questions: [question("When did the park open?")] }),
		});
		expect(published.status, await published.clone().text()).toBe(201);
		const tq = (await published.json()) as { id: string; version: string };
		teacherQuizId = tq.id;
		const put = await call(`/api/teacher/quizzes/${tq.id}`, {
			method: "PUT",
			headers,
			body: JSON.stringify({ questions: [question("+On which day did the park open?")] }),
		});
		expect(put.status, await put.clone().text()).toBe(200);
		teacherVersions = [tq.version, ((await put.json()) as { version: string }).version];

		// Attempts: every hostile name, several quizzes (built-in, the teacher's two versions, one gone),
		// ties on submitted_at, times before 1970 and after 9999, open and whole-number and fractional scores.
		const quizzes: [string, string][] = [
			[QUIZ_ID, quiz.version],
			[QUIZ_ID, "an-old-version"],
			[teacherQuizId, teacherVersions[0] ?? ""],
			[teacherQuizId, teacherVersions[1] ?? ""],
			["gone-quiz", "v"],
			["=evil-quiz", "v"],
		];
		const seeded: Seeded[] = [];
		let n = 0;
		for (let round = 0; round < 3; round++) {
			for (const name of HOSTILE_NAMES) {
				// The two names that sort differently in UTF-8 and UTF-16 share a quiz, so they meet in one gradebook page.
				const [quizId, version] = name.startsWith("x") ? [QUIZ_ID, quiz.version] : (quizzes[n % quizzes.length] ?? [QUIZ_ID, quiz.version]);
				const tie = n % 4 === 0 ? BASE : BASE + (n % 7) * 250 + Math.floor(n / 5) * DAY;
				const submittedAt = n === 5 ? -1 : n === 6 ? 253_402_300_800_000 + 7 : n === 7 ? 253_402_300_799_999 : tie;
				seeded.push({
					id: `${String(n).padStart(8, "0")}-${n % 3 === 0 ? "zz" : "aa"}-id`,
					quizId,
					version,
					name,
					startedAt: n % 3 === 0 ? null : n % 3 === 1 ? submittedAt - 61_500 : submittedAt + 2_000,
					submittedAt,
					score: n % 5 === 0 ? 1.5 : n % 5 === 1 ? 1 / 3 : n % 20,
					maxScore: n % 11 === 0 ? 0 : n % 2 === 0 ? 20 : 7,
				});
				n++;
			}
		}
		const insertAttempt = env.DB.prepare(
			"INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h')",
		);
		const insertResponse = env.DB.prepare(
			"INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES (?, ?, ?, ?, ?, ?)",
		);
		const choiceQuestion = quiz.questions.find((q) => q.type !== "short");
		const answersFor = (a: Seeded, i: number): (string | null)[] => {
			if (a.quizId === teacherQuizId) return ['{"choiceIds":["sat","gone"]}'];
			const choices = choiceQuestion?.choices.map((c) => c.id) ?? [];
			return [
				JSON.stringify({ choiceIds: [choices[i % choices.length], choices[(i + 1) % choices.length]] }),
				JSON.stringify({ text: HOSTILE_NAMES[i % HOSTILE_NAMES.length] }),
				null,
				'{"text":"=1+1, \\"typed\\""}',
				'{"weird":true}',
				JSON.stringify({ choiceIds: ["no-such-choice"] }),
			];
		};
		const statements: D1PreparedStatement[] = [];
		seeded.forEach((a, i) => {
			statements.push(
				insertAttempt.bind(
					a.id,
					a.quizId,
					a.version,
					classId,
					a.name,
					a.name.toLowerCase(),
					1 + (i % 3),
					a.startedAt,
					a.submittedAt,
					a.score,
					a.maxScore,
				),
			);
			const questionIds =
				a.quizId === teacherQuizId
					? ["q-when"]
					: [choiceQuestion?.id ?? "q", ...quiz.questions.slice(1, 4).map((q) => q.id), "q-unknown", "q-gone"];
			answersFor(a, i).forEach((answer, position) => {
				// Some attempts have no first response (position 0): their columns cannot come with it.
				if (i % 9 === 4 && position === 0) return;
				const questionId = questionIds[position];
				if (questionId !== undefined)
					statements.push(insertResponse.bind(a.id, questionId, position, answer, (i + position) % 2, ((i + position) % 3) / 2));
			});
		});
		await env.DB.batch(statements);
	}, 60_000);

	const filters = (): [string, Partial<ExportFilter>][] => [
		["all", {}],
		["the built-in quiz", { quizId: QUIZ_ID }],
		["the teacher's quiz", { quizId: teacherQuizId }],
		["a quiz that is gone", { quizId: "gone-quiz" }],
		["from and to", { from: new Date(BASE + 250), to: new Date(BASE + 3 * DAY) }],
	];

	for (const pageRows of [undefined, 1, 3, 7]) {
		it(`scores.csv, gradebook.csv and responses.csv, pages of ${pageRows ?? "1,000"} rows`, async () => {
			const db = createDb(env.DB);
			for (const [what, filter] of filters()) {
				const f: ExportFilter = { classId, quizId: null, from: null, to: null, ...filter };
				const opts = pageRows === undefined ? {} : { pageRows };
				for (const [file, current, reference] of [
					["scores.csv", scoresCsv, referenceScoresCsv],
					["gradebook.csv", gradebookCsv, referenceGradebookCsv],
					["responses.csv", responsesCsv, referenceResponsesCsv],
				] as const) {
					const expected = await collect(reference(db, f, opts));
					const got = await collect(current(db, f, opts));
					expect(got, `${file}, ${what}`).toBe(expected);
					expect(parseCsv(got).length, `${file}, ${what}: rows`).toBeGreaterThan(what === "a quiz that is gone" ? 1 : 2);
				}
			}
			// Pages of one row are hundreds of D1 queries for each exporter: room for a busy machine, not a speed check.
		}, 120_000);
	}

	it("serves the same bytes over HTTP", async () => {
		const db = createDb(env.DB);
		const f: ExportFilter = { classId, quizId: null, from: null, to: null };
		for (const [file, reference] of [
			["scores.csv", referenceScoresCsv],
			["gradebook.csv", referenceGradebookCsv],
			["responses.csv", referenceResponsesCsv],
		] as const) {
			const { text } = await getCsv(token, `/api/teacher/classes/${classId}/${file}`);
			expect(text, file).toBe(await collect(reference(db, f)));
		}
	});
});
