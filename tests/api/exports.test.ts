import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import {
	GRADEBOOK_COLUMNS,
	gradebookCsv,
	RESPONSES_COLUMNS,
	responsesCsv,
	SCORES_COLUMNS,
	scoresCsv,
} from "../../worker/features/exports/service";
import { client } from "../fixtures/client";
import { parseCsv } from "../fixtures/csv";
import { watchedD1 } from "../fixtures/d1-watch";
import { call, postJson } from "../fixtures/http";
import { perfectAnswers, QUIZ_ID, theQuiz } from "../fixtures/quiz";
import { bearer, createClass, createTeacher, getCsv, seedAttempts, submit, teacherWithClasses } from "../fixtures/teacher";

const DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\n", "\0"];
const today = () => new Date().toISOString().slice(0, 10);

/** Reads a whole export generator into text. */
async function collect(gen: AsyncGenerator<string, void, undefined>): Promise<string> {
	let out = "";
	for await (const chunk of gen) out += chunk;
	return out;
}

/**
 * The rows a D1 query returned: a page that SQLite packed into one JSON array (json_group_array: one
 * row whose first value is the array) counts as the rows in it, and an attempt packed with its
 * responses (a nested list) as that many responses.
 */
function rowsIn(rows: readonly unknown[][]): number {
	const only = rows.length === 1 ? rows[0]?.[0] : undefined;
	if (typeof only === "string" && only.startsWith("[")) {
		const packed: unknown = JSON.parse(only);
		if (Array.isArray(packed)) {
			return packed.reduce((n: number, row: unknown) => {
				const nested = Array.isArray(row) ? row.find((v) => Array.isArray(v) && v.every(Array.isArray)) : undefined;
				return n + (Array.isArray(nested) ? nested.length : 1);
			}, 0);
		}
	}
	return rows.length;
}

/** The real local D1, with every query's returned row count written down (each statement of a batch too). */
function countingD1(db: D1Database, rowsPerQuery: number[]): D1Database {
	return watchedD1(db, {
		statement(method, _args, result) {
			if (method === "all") rowsPerQuery.push(rowsIn((result as D1Result).results.map((row) => Object.values(row as object))));
			if (method === "raw") rowsPerQuery.push(rowsIn(result as unknown[][]));
		},
		batch(results) {
			for (const r of results) rowsPerQuery.push(rowsIn(r.results.map((row) => Object.values(row as object))));
		},
	});
}

/** Line breaks outside quoted fields that are not part of a CRLF pair (0 for RFC 4180 record ends). */
function bareLineBreaks(text: string): number {
	let quoted = false;
	let bare = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && c === "\r" && text[i + 1] !== "\n") bare++;
		else if (!quoted && c === "\n" && text[i - 1] !== "\r") bare++;
	}
	return bare;
}

describe("CSV safety: formula injection, quoting, Unicode", () => {
	const viaApi = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "김민준", "Иван Петров"];
	// The API collapses white space in names, so these are written straight into D1.
	const viaD1 = ["\tTabbed", 'Doe, "Jay"\nSecond line', "\r=cmd|' /C calc'!A0", "\0nul"];
	const expected = (name: string) => (DANGEROUS.includes(name.charAt(0)) ? `'${name}` : name);

	it("round-trips every name (with a leading ' where dangerous) and no cell of any export starts with a dangerous character", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Класс 7Б / 김" });
		const quiz = await theQuiz();
		for (const name of viaApi) expect((await submit(cls.joinCode, name, perfectAnswers(quiz))).status).toBe(201);
		await seedAttempts(viaD1.map((name, i) => ({ classId: cls.id, name, submittedAt: Date.now() + 1000 + i })));

		for (const file of ["scores.csv", "gradebook.csv", "responses.csv", "item-analysis.csv"]) {
			const { res, bytes, text, rows } = await getCsv(t.token, `/api/teacher/classes/${cls.id}/${file}`);
			expect(res.status, file).toBe(200);
			expect(res.headers.get("Content-Type")).toMatch(/^text\/csv; charset=utf-8/);
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			expect(text.endsWith("\r\n")).toBe(true);
			expect(bareLineBreaks(text), file).toBe(0);
			for (const row of rows) for (const cell of row) expect(DANGEROUS, `${file}: ${JSON.stringify(cell)}`).not.toContain(cell.charAt(0));
			if (file === "item-analysis.csv") continue;
			const names = rows.slice(1).map((r) => r[0]);
			const wanted = file === "responses.csv" ? viaApi : [...viaApi, ...viaD1];
			expect(new Set(names), file).toEqual(new Set(wanted.map(expected)));
		}
		const korean = await createClass(t.token, { name: "국어 반" });
		const koreanFile = await getCsv(t.token, `/api/teacher/classes/${korean.id}/scores.csv`);
		expect(koreanFile.res.headers.get("Content-Disposition")).toContain(
			`filename="class-${korean.joinCode.toLowerCase()}_all-quizzes_scores_`,
		);
		const scores = await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv`);
		expect(scores.rows.slice(1).map((r) => r[0])).toEqual([...viaApi, ...viaD1].map(expected));
		const disposition = scores.res.headers.get("Content-Disposition") ?? "";
		// Only ASCII survives in the file name's slug; a name with no ASCII at all falls back to the join code.
		const fileName = `7_all-quizzes_scores_${today()}.csv`;
		expect(disposition).toContain(`filename="${fileName}"`);
		expect(disposition).toContain(`filename*=UTF-8''${fileName}`);
	});
});

describe("scores.csv", () => {
	it("has one row per attempt with server-side times and durations, and with quizId one points column per question in quiz order", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "9C" });
		const quiz = await theQuiz();
		const handedOut = (await (await call(`/api/quizzes/${QUIZ_ID}`)).json()) as { attemptId: string };
		const answers = perfectAnswers(quiz).slice(0, 3);
		const res = await submit(cls.joinCode, "Ada", answers, handedOut.attemptId);
		expect(res.status).toBe(201);
		const stored = await env.DB.prepare("SELECT started_at, submitted_at FROM attempts WHERE id = ?")
			.bind(handedOut.attemptId)
			.first<{ started_at: number; submitted_at: number }>();
		expect(stored?.started_at).toBeTypeOf("number");

		const all = await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv`);
		expect(all.rows[0]).toEqual(SCORES_COLUMNS);
		const byQuiz = await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv?quizId=${QUIZ_ID}`);
		expect(byQuiz.res.headers.get("Content-Disposition")).toContain(`9c_${QUIZ_ID}_scores_${today()}.csv`);
		const [header, row] = byQuiz.rows;
		expect(header?.slice(0, SCORES_COLUMNS.length)).toEqual(SCORES_COLUMNS);
		expect(header?.slice(SCORES_COLUMNS.length)).toEqual(quiz.questions.map((q, i) => `Q${i + 1} ${q.id} /${q.points}`));
		const cell = (name: string) => row?.[SCORES_COLUMNS.indexOf(name)];
		expect(cell("student_name")).toBe("Ada");
		expect(cell("quiz_title")).toBe(quiz.title);
		expect(cell("attempt_number")).toBe("1");
		expect(cell("score")).toBe("3");
		expect(cell("max_score")).toBe(String(quiz.maxScore));
		expect(cell("percent")).toBe(String(Math.round((3 / quiz.maxScore) * 1000) / 10));
		expect(cell("started_at")).toBe(new Date(stored?.started_at as number).toISOString());
		expect(cell("submitted_at")).toBe(new Date(stored?.submitted_at as number).toISOString());
		expect(cell("submitted_at")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(cell("duration_seconds")).toBe(String(Math.round(((stored?.submitted_at as number) - (stored?.started_at as number)) / 1000)));
		expect(cell("attempt_id")).toBe(handedOut.attemptId);
		expect(row?.slice(SCORES_COLUMNS.length)).toEqual(quiz.questions.map((_, i) => (i < 3 ? "1" : "0")));
	});

	it("filters by quizId, from and to (a `to` day includes that whole day), and rejects bad filters with 400", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const day = (d: string) => Date.parse(`${d}Z`);
		await seedAttempts([
			{ classId: cls.id, name: "Jan", submittedAt: day("2026-01-10T12:00:00") },
			{ classId: cls.id, name: "Feb", submittedAt: day("2026-02-10T23:59:59") },
			{ classId: cls.id, name: "Mar", submittedAt: day("2026-03-10T00:00:00") },
			{ classId: cls.id, name: "Other quiz", quizId: "another-quiz", submittedAt: day("2026-02-11T00:00:00") },
		]);
		const names = async (q: string) =>
			(await getCsv(t.token, `/api/teacher/classes/${cls.id}/scores.csv${q}`)).rows.slice(1).map((r) => r[0]);
		expect(await names("")).toEqual(["Jan", "Feb", "Other quiz", "Mar"]);
		expect(await names(`?quizId=${QUIZ_ID}`)).toEqual(["Jan", "Feb", "Mar"]);
		expect(await names("?quizId=another-quiz")).toEqual(["Other quiz"]);
		expect(await names("?from=2026-02-01&to=2026-02-10")).toEqual(["Feb"]);
		expect(await names("?from=2026-02-10T23:59:59Z")).toEqual(["Feb", "Other quiz", "Mar"]);
		expect(await names("?to=2026-03-10T00:00:00%2B00:00")).toEqual(["Jan", "Feb", "Other quiz"]);
		for (const q of ["?from=yesterday", "?to=2026-13-01", "?quizId="]) {
			expect((await call(`/api/teacher/classes/${cls.id}/scores.csv${q}`, { headers: bearer(t.token) })).status, q).toBe(400);
		}
	});
});

describe("gradebook.csv", () => {
	it("has one row per student and quiz with best, latest and first score and the number of attempts, across pages", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Gradebook" });
		const base = Date.parse("2026-05-01T08:00:00Z");
		await seedAttempts([
			{ classId: cls.id, name: "Zoe", score: 5, submittedAt: base + 1 },
			{ classId: cls.id, name: "Ada", score: 9, submittedAt: base + 2 },
			{ classId: cls.id, name: "Zoe", score: 12, submittedAt: base + 3 },
			{ classId: cls.id, name: "Bo", score: 20, submittedAt: base + 4 },
			{ classId: cls.id, name: "ZOE", score: 8, submittedAt: base + 5 },
			{ classId: cls.id, name: "Ada", score: 3, quizId: "another-quiz", submittedAt: base + 6 },
		]);
		const expected = [
			GRADEBOOK_COLUMNS,
			["Ada", "another-quiz", "", "1", "3", "3", "3", "20", "15", "2026-05-01T08:00:00.006Z", "2026-05-01T08:00:00.006Z"],
			["Ada", QUIZ_ID, (await theQuiz()).title, "1", "9", "9", "9", "20", "45", "2026-05-01T08:00:00.002Z", "2026-05-01T08:00:00.002Z"],
			["Bo", QUIZ_ID, (await theQuiz()).title, "1", "20", "20", "20", "20", "100", "2026-05-01T08:00:00.004Z", "2026-05-01T08:00:00.004Z"],
			["ZOE", QUIZ_ID, (await theQuiz()).title, "3", "12", "8", "5", "20", "60", "2026-05-01T08:00:00.001Z", "2026-05-01T08:00:00.005Z"],
		];
		const viaRoute = await getCsv(t.token, `/api/teacher/classes/${cls.id}/gradebook.csv`);
		expect(viaRoute.res.headers.get("Content-Disposition")).toContain(`gradebook_all-quizzes_gradebook_${today()}.csv`);
		expect(viaRoute.rows).toEqual(expected);
		// Two groups per page: the keyset on (quiz_id, student_key) carries on exactly where it stopped.
		const log: number[] = [];
		const paged = await collect(
			gradebookCsv(createDb(countingD1(env.DB, log)), { classId: cls.id, quizId: null, from: null, to: null }, { pageRows: 2 }),
		);
		expect(parseCsv(paged)).toEqual(expected);
		// First the gradebook's scope, one batch (the class row, the 2 quizzes attempted, none opened by a
		// roster student, the roster count), then the pages of at most two groups.
		expect(log).toEqual([1, 2, 0, 1, 2, 2, 0]);
		const zoeOnly = await getCsv(t.token, `/api/teacher/classes/${cls.id}/gradebook.csv?quizId=${QUIZ_ID}&from=2026-05-01T08:00:00.003Z`);
		expect(zoeOnly.rows.slice(1).map((r) => [r[0], r[3], r[4], r[5], r[6]])).toEqual([
			["Bo", "1", "20", "20", "20"],
			["ZOE", "2", "12", "8", "12"],
		]);
	});
});

describe("responses.csv", () => {
	it("has one row per attempt and question with the prompt, the answer as text, correct and points", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const quiz = await theQuiz();
		const multiple = quiz.questions.find((q) => q.type === "multiple");
		const short = quiz.questions.find((q) => q.type === "short");
		if (!multiple || !short) throw new Error("the quiz needs a multiple-answer and a short-answer question");
		const picked = multiple.choices.slice(0, 2).map((c) => c.id);
		await submit(cls.joinCode, "Ada", [
			{ questionId: multiple.id, choiceIds: picked },
			{ questionId: short.id, text: '=1+1, "typed"' },
		]);
		const { rows } = await getCsv(t.token, `/api/teacher/classes/${cls.id}/responses.csv`);
		expect(rows[0]).toEqual(RESPONSES_COLUMNS);
		expect(rows).toHaveLength(1 + quiz.questions.length);
		expect(rows.slice(1).map((r) => r[6])).toEqual(quiz.questions.map((q) => q.id));
		const col = (row: string[] | undefined, name: string) => row?.[RESPONSES_COLUMNS.indexOf(name)];
		const m = rows.find((r) => col(r, "question_id") === multiple.id);
		expect(col(m, "prompt")).toBe(multiple.prompt);
		expect(col(m, "answer")).toBe(
			multiple.choices
				.slice(0, 2)
				.map((c) => c.text)
				.join("; "),
		);
		const sameSet = picked.length === multiple.correctChoiceIds.length && picked.every((id) => multiple.correctChoiceIds.includes(id));
		expect(col(m, "correct")).toBe(String(sameSet));
		const s = rows.find((r) => col(r, "question_id") === short.id);
		expect(col(s, "answer")).toBe('\'=1+1, "typed"');
		expect(col(s, "correct")).toBe("false");
		expect(col(s, "points")).toBe("0");
		expect(col(s, "question_number")).toBe(String(quiz.questions.indexOf(short) + 1));
		const blank = rows.find((r) => col(r, "question_id") === quiz.questions.find((q) => q !== multiple && q !== short)?.id);
		expect(col(blank, "answer")).toBe("");
	});
});

describe("a class with 50,000 responses", () => {
	it("streams every response exactly once and in order, in pages of at most 1,000 rows per D1 query", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Big school" });
		const quiz = await theQuiz();
		const questions = quiz.questions.map((q) => q.id);
		const ATTEMPTS = 2_500; // × 20 questions = 50,000 responses
		expect(ATTEMPTS * questions.length).toBe(50_000);
		const base = Date.parse("2026-09-01T07:00:00Z");
		// Three attempts share each submitted_at, so the attempt id must break ties in the keyset.
		const seeded = Array.from({ length: ATTEMPTS }, (_, i) => ({
			id: crypto.randomUUID(),
			classId: cls.id,
			name: `Student ${i}`,
			submittedAt: base + Math.floor(i / 3) * 1000,
		}));
		await seedAttempts(seeded);
		const statements: D1PreparedStatement[] = [];
		const PER_STATEMENT = 500;
		const all = seeded.flatMap((a, i) =>
			questions.map((q, position) => `('${a.id}','${q}',${position},NULL,${(i + position) % 2},${(i + position) % 2})`),
		);
		for (let i = 0; i < all.length; i += PER_STATEMENT) {
			statements.push(
				env.DB.prepare(
					`INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES ${all.slice(i, i + PER_STATEMENT).join(",")}`,
				),
			);
		}
		await env.DB.batch(statements);
		const count = env.DB.prepare("SELECT COUNT(*) AS n FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE a.class_id = ?");
		expect((await count.bind(cls.id).first<{ n: number }>())?.n).toBe(50_000);

		const order = [...seeded].sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const expected = order.flatMap((a) => questions.map((q, p) => `${a.id}|${p + 1}|${q}`));

		const log: number[] = [];
		const text = await collect(responsesCsv(createDb(countingD1(env.DB, log)), { classId: cls.id, quizId: null, from: null, to: null }));
		const rows = parseCsv(text);
		const got = rows.slice(1).map((r) => `${r[2]}|${r[5]}|${r[6]}`);
		expect(got.length).toBe(50_000);
		expect(new Set(got).size).toBe(50_000);
		expect(got).toEqual(expected);
		expect(Math.max(...log)).toBeLessThanOrEqual(1_000);
		expect(log.length).toBeGreaterThanOrEqual(50);

		// The route streams the same bytes.
		const viaRoute = await getCsv(t.token, `/api/teacher/classes/${cls.id}/responses.csv`);
		expect(viaRoute.text).toBe(text);

		// scores.csv with a points column per question: 2,500 rows, attempt pages sized so the points query stays ≤ 1,000 rows.
		const scoreLog: number[] = [];
		const scores = parseCsv(
			await collect(scoresCsv(createDb(countingD1(env.DB, scoreLog)), { classId: cls.id, quizId: QUIZ_ID, from: null, to: null })),
		);
		expect(scores.slice(1).map((r) => r[10])).toEqual(order.map((a) => a.id));
		const first = scores[1]?.slice(SCORES_COLUMNS.length);
		const firstIndex = seeded.indexOf(order[0] as (typeof seeded)[number]);
		expect(first).toEqual(questions.map((_, p) => String((firstIndex + p) % 2)));
		expect(Math.max(...scoreLog)).toBeLessThanOrEqual(1_000);
	}, 120_000);
});

describe("responses.csv pages", () => {
	it("hold whole attempts of uneven length, at most pageRows responses each unless one attempt alone has more, every response once and in order", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token, { name: "Uneven" });
		const base = Date.parse("2026-10-01T07:00:00Z");
		// 0 to 11 responses an attempt (a hand-written row may have none), two attempts to each second.
		const sizes = Array.from({ length: 60 }, (_, i) => (i * 7) % 12);
		const seeded = sizes.map((_, i) => ({
			id: crypto.randomUUID(),
			classId: cls.id,
			name: `Student ${i}`,
			submittedAt: base + Math.floor(i / 2) * 1000,
		}));
		await seedAttempts(seeded);
		const values = seeded.flatMap((a, i) =>
			Array.from({ length: sizes[i] as number }, (_, p) => `('${a.id}','q-${String(p).padStart(2, "0")}',${p},NULL,0,0)`),
		);
		await env.DB.prepare(
			`INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES ${values.join(",")}`,
		).run();
		const order = seeded
			.map((a, i) => ({ ...a, size: sizes[i] as number }))
			.sort((a, b) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : 1));
		const expected = order.flatMap((a) => Array.from({ length: a.size }, (_, p) => `${a.id}|${p + 1}`));
		const filter = { classId: cls.id, quizId: null, from: null, to: null };

		for (const pageRows of [1, 10, 11, 25, 1000]) {
			const log: number[] = [];
			const rows = parseCsv(await collect(responsesCsv(createDb(countingD1(env.DB, log)), filter, { pageRows })));
			expect(
				rows.slice(1).map((r) => `${r[2]}|${r[5]}`),
				`pages of ${pageRows}`,
			).toEqual(expected);
			// No page passes pageRows, save a page of one attempt that alone has more (11 responses against pages of 1 or 10).
			expect(Math.max(...log), `pages of ${pageRows}`).toBeLessThanOrEqual(Math.max(pageRows, 11));
		}
	});
});

describe("item analysis", () => {
	/**
	 * The hand-worked example (docs/teacher.md): five students answer three questions of the quiz
	 * (Q1 q-third-party, Q3 q-missile-landing, Q6 q-diplomacy-failed) and leave the other 17 blank.
	 *   marks Q1 = 1 1 1 0 0, Q3 = 1 1 0 0 0, Q6 = 1 0 0 1 0; totals T = 3 2 1 1 0.
	 *   mean T = 7/5 = 1.4; median 1; SS(T) = 15 − 49/5 = 5.2; sd = √(5.2/4) = 1.1402.
	 *   SS(Q1) = SS(Q3) = SS(Q6) = 1.2, the 17 blank items 0; alpha = 20/19 · (1 − 3.6/5.2) = 0.3239.
	 *   Q1: rest R = 2 1 0 1 0, SP = 3 − 3·4/5 = 0.6, SS(R) = 6 − 16/5 = 2.8, r = 0.6/√(1.2·2.8) = 0.3273;
	 *       sorted pairing (0,0)(0,0)(1,1)(1,1)(1,2): SPmax = 4 − 2.4 = 1.6, efficiency = 0.375.
	 *   Q3: R = 2 1 1 1 0, SP = 3 − 2·5/5 = 1, SS(R) = 7 − 5 = 2, r = 1/√2.4 = 0.6455; SPmax = 3 − 2 = 1, efficiency 1.
	 *   Q6: R = 2 2 1 0 0, SP = 2 − 2 = 0, r = 0, efficiency 0.
	 *   Q1 choices: pashin ×3, chepa ×1, xi ×1, mattis 0, haley 0.
	 */
	async function seedExample(classCode: string) {
		const a = (q: string, c: string) => ({ questionId: q, choiceIds: [c] });
		const students: [string, unknown[]][] = [
			["A", [a("q-third-party", "pashin"), a("q-missile-landing", "japanese-waters"), a("q-diplomacy-failed", "false")]],
			["B", [a("q-third-party", "pashin"), a("q-missile-landing", "japanese-waters"), a("q-diplomacy-failed", "true")]],
			["C", [a("q-third-party", "pashin"), a("q-missile-landing", "chinese-waters")]],
			["D", [a("q-third-party", "chepa"), a("q-diplomacy-failed", "false")]],
			["E", [a("q-third-party", "xi")]],
		];
		for (const [name, answers] of students) expect((await submit(classCode, name, answers)).status).toBe(201);
	}

	it("matches the hand-worked example to 3 decimal places, as JSON and as CSV", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		await seedExample(cls.joinCode);
		const res = await client(bearer(t.token)).api.teacher.classes[":classId"]["item-analysis"].$get({
			param: { classId: cls.id },
			query: { quizId: QUIZ_ID },
		});
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.quizzes).toHaveLength(1);
		const [analysis] = body.quizzes;
		expect(analysis?.quiz.attempts).toBe(5);
		expect(analysis?.quiz.mean).toBeCloseTo(1.4, 3);
		expect(analysis?.quiz.median).toBeCloseTo(1, 3);
		expect(analysis?.quiz.sd).toBeCloseTo(1.1402, 3);
		expect(analysis?.quiz.cronbachAlpha).toBeCloseTo(0.3239, 3);
		const q = (id: string) => {
			const found = analysis?.questions.find((x) => x.questionId === id);
			if (!found) throw new Error(`no question ${id} in the analysis`);
			return found;
		};
		expect(q("q-third-party").facility).toBeCloseTo(0.6, 3);
		expect(q("q-third-party").discrimination).toBeCloseTo(0.3273, 3);
		expect(q("q-third-party").discriminativeEfficiency).toBeCloseTo(0.375, 3);
		expect(q("q-missile-landing").facility).toBeCloseTo(0.4, 3);
		expect(q("q-missile-landing").discrimination).toBeCloseTo(0.6455, 3);
		expect(q("q-missile-landing").discriminativeEfficiency).toBeCloseTo(1, 3);
		expect(q("q-diplomacy-failed").facility).toBeCloseTo(0.4, 3);
		expect(q("q-diplomacy-failed").discrimination).toBeCloseTo(0, 3);
		expect(q("q-diplomacy-failed").discriminativeEfficiency).toBeCloseTo(0, 3);
		expect(q("q-buy-time").facility).toBe(0);
		expect(q("q-buy-time").discrimination).toBeNull();
		expect(q("q-third-party").choices.map((c) => [c.choiceId, c.count])).toEqual([
			["pashin", 3],
			["chepa", 1],
			["mattis", 0],
			["haley", 0],
			["xi", 1],
		]);

		const csv = await getCsv(t.token, `/api/teacher/classes/${cls.id}/item-analysis.csv?quizId=${QUIZ_ID}`);
		const [header, ...rows] = csv.rows;
		const col = (row: string[] | undefined, name: string) => Number(row?.[(header ?? []).indexOf(name)]);
		const first = rows.find((r) => r[3] === "q-third-party");
		expect(rows).toHaveLength(20);
		expect(col(first, "discrimination")).toBeCloseTo(0.3273, 3);
		expect(col(first, "discriminative_efficiency")).toBeCloseTo(0.375, 3);
		expect(col(first, "cronbach_alpha")).toBeCloseTo(0.3239, 3);
		expect(col(first, "quiz_sd")).toBeCloseTo(1.1402, 3);
	});
});

describe("export links", () => {
	it("serves that one export without a header until revoked or expired, and nothing else", async () => {
		const [t, cls, other] = await teacherWithClasses({ name: "Linked" }, { name: "Other" });
		await submit(cls.joinCode, "Ada");
		await submit(other.joinCode, "Secret student");
		const made = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "scores", quizId: QUIZ_ID }, bearer(t.token));
		expect(made.status).toBe(201);
		const link = (await made.json()) as { id: string; url: string; expiresAt: string };
		const url = new URL(link.url);
		expect(url.pathname).toMatch(/^\/export\/qle_[A-Za-z0-9_-]{43}\/scores\.csv$/);
		const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(29.9);
		expect(days).toBeLessThanOrEqual(30);

		const got = await call(url.pathname);
		expect(got.status).toBe(200);
		const rows = parseCsv(await got.text());
		expect(rows.slice(1).map((r) => r[0])).toEqual(["Ada"]);
		expect(rows[0]?.length).toBeGreaterThan(SCORES_COLUMNS.length); // the quiz's question columns

		const token = url.pathname.split("/")[2];
		for (const path of [
			`/export/${token}/responses.csv`,
			`/export/${token}/gradebook.csv`,
			`/export/${token}x/scores.csv`,
			"/export/qle_nothing/scores.csv",
		]) {
			const res = await call(path, { headers: { "CF-Connecting-IP": `192.0.2.${path.length}` } });
			expect(res.status, path).toBe(404);
		}
		// The token is no teacher token either.
		expect((await call("/api/teacher/classes", { headers: bearer(token as string) })).status).toBe(401);

		const list = await call(`/api/teacher/classes/${cls.id}/export-links`, { headers: bearer(t.token) });
		const { links } = (await list.json()) as { links: { id: string; export: string }[] };
		expect(links.map((l) => [l.id, l.export])).toEqual([[link.id, "scores"]]);
		expect(JSON.stringify(links)).not.toContain(token);

		const revoke = await call(`/api/teacher/classes/${cls.id}/export-links/${link.id}`, { method: "DELETE", headers: bearer(t.token) });
		expect(revoke.status).toBe(204);
		expect((await call(url.pathname)).status).toBe(404);
		const again = await call(`/api/teacher/classes/${cls.id}/export-links/${link.id}`, { method: "DELETE", headers: bearer(t.token) });
		expect(again.status).toBe(404);
	});

	it("stops working when it expires, and refuses an unknown quiz or export", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const made = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "gradebook", expiresInDays: 1 }, bearer(t.token));
		const link = (await made.json()) as { id: string; url: string };
		const path = new URL(link.url).pathname;
		expect((await call(path)).status).toBe(200);
		await env.DB.prepare("UPDATE export_links SET expires_at = ? WHERE id = ?")
			.bind(Date.now() - 1, link.id)
			.run();
		expect((await call(path)).status).toBe(404);
		const badQuiz = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "scores", quizId: "nope" }, bearer(t.token));
		expect(badQuiz.status).toBe(422);
		const badKind = await postJson(`/api/teacher/classes/${cls.id}/export-links`, { export: "everything" }, bearer(t.token));
		expect(badKind.status).toBe(400);
	});
});
