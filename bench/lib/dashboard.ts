/**
 * The class page on a big class: a teacher and a class made through the API, 20,000 attempts (20
 * responses each) seeded with SQL straight into the local D1 file while the server is stopped (as
 * bench/lib/exports.ts seeds its classes), then, against the restarted server:
 *
 * - the class page with its statistics counted afresh (cold: the first view of each set of attempts
 *   in a fresh isolate), kept (warm), and after one new attempt (the new attempt added to what was
 *   kept); one question's drill-down cold and warm;
 * - the scores.csv export of the same class, as the yardstick: the page against it, as ratios;
 * - the p99 of students' submissions into the class, alone and while 5 dashboards refresh the
 *   class page as fast as they can (every refresh sees new attempts), interleaved runs, medians.
 */
import { spawnSync } from "node:child_process";
import { HttpClient } from "../../scripts/lib/http";
import { TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";
import { fetchQuiz, makeSubmission, rng, studentAddress } from "../../scripts/lib/submissions";
import { cannon, median } from "./api";
import { d1File, seedSql } from "./exports";
import { startPinned, stopServer } from "./servers";

interface Timing {
	ms: number;
	status: number;
	/** The page's Server-Timing: how its statistics were had (full, incremental, hit). */
	stats: string | null;
}

export interface DashboardFigures {
	attempts: number;
	seedSeconds: number;
	/** First view of the class page per set of attempts counted (each counted afresh). */
	coldMs: { first: number; all: number; latest: number };
	/** Median of repeated views, nothing new. */
	warmMs: number;
	/** Median view right after one new attempt (the new attempt added to the kept statistics). */
	afterAttemptMs: number;
	question: { coldMs: number; warmMs: number };
	/** The yardstick: the same class's scores.csv (median of 3), plain and with ?quizId= (its per-question points). */
	scoresCsvMs: number;
	scoresCsvQuizMs: number;
	submissions: {
		connections: number;
		seconds: number;
		runs: number;
		aloneP99: number;
		/** 5 dashboards viewing the class page again as soon as a view is done. */
		withDashboardsP99: number;
		/** 5 dashboards viewing it once a second each (a teacher's browser refreshing). */
		pacedP99: number;
		aloneRps: number;
		withDashboardsRps: number;
		pacedRps: number;
		/** Class page views made by the non-stop dashboards, their median time, and how each had its statistics. */
		dashboardViews: number;
		dashboardViewMs: number;
		dashboardOutcomes: Record<string, number>;
		non2xx: number;
	};
	statuses: Record<string, number>;
}

export type DashboardResult = { measured: false; reason: string } | { measured: true; figures: DashboardFigures; notes: string[] };

function ensureSqlite3(): boolean {
	if (spawnSync("sqlite3", ["--version"]).status === 0) return true;
	const res = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3"], {
		stdio: "inherit",
	});
	return res.status === 0 && spawnSync("sqlite3", ["--version"]).status === 0;
}

/** A GET, timed to the end of its body. */
async function timed(client: HttpClient, path: string, headers: Record<string, string>): Promise<Timing> {
	const r = await client.request({ method: "GET", path, headers });
	const stats = /desc="([a-z]+)"/.exec(String(r.headers["server-timing"] ?? ""))?.[1] ?? null;
	return { ms: r.ms, status: r.status, stats };
}

export async function runDashboard(opts: { pin: boolean; quick: boolean; log: (l: string) => void }): Promise<DashboardResult> {
	const { log } = opts;
	const n = opts.quick ? 2_000 : 20_000;
	const server = await startPinned({}, opts.pin);
	let current = server;
	let client = new HttpClient(server.url, 8);
	try {
		const quiz = (await fetchQuiz(client)) as Awaited<ReturnType<typeof fetchQuiz>> & { version: string };
		const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
		const teacher = await client.json("POST", "/api/admin/teachers", { name: "Bench Dashboard" }, admin);
		if (teacher.status !== 201) return { measured: false, reason: `POST /api/admin/teachers answered ${teacher.status}` };
		const { token } = JSON.parse(teacher.body) as { token: string };
		const bearer = { Authorization: `Bearer ${token}` };
		const made = await client.json("POST", "/api/teacher/classes", { name: "Bench big class" }, bearer);
		if (made.status !== 201) return { measured: false, reason: `POST /api/teacher/classes answered ${made.status}` };
		const cls = JSON.parse(made.body) as { id: string; joinCode: string };
		if (!ensureSqlite3()) return { measured: false, reason: "sqlite3 is not installed and could not be installed with apt-get" };

		client.close();
		await stopServer(server, true);
		const t = performance.now();
		const seed = spawnSync("sqlite3", [d1File(server.persistDir)], { input: seedSql(cls.id, n, 0xda5, quiz), encoding: "utf8" });
		if (seed.status !== 0) return { measured: false, reason: `seeding failed: ${seed.stderr.slice(0, 500)}` };
		const seedSeconds = (performance.now() - t) / 1000;
		log(
			`  seeded ${n.toLocaleString("en-GB")} attempts (+${(n * quiz.questions.length).toLocaleString("en-GB")} responses) in ${seedSeconds.toFixed(1)} s`,
		);
		current = await startPinned({ persistDir: server.persistDir, skipMigrations: true }, opts.pin);
		client = new HttpClient(current.url, 16);

		const signIn = await client.request({
			method: "POST",
			path: "/teacher/sign-in",
			headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: current.url },
			body: new URLSearchParams({ token }).toString(),
		});
		const cookie = String(signIn.headers["set-cookie"] ?? "").split(";")[0] ?? "";
		if (signIn.status !== 303 || !cookie) return { measured: false, reason: `signing in answered ${signIn.status}` };
		const session = { Cookie: cookie };
		const page = `/teacher/classes/${cls.id}?quizId=${quiz.id}`;
		const statuses: Record<string, number> = {};
		const note = (label: string, r: Timing) => {
			statuses[label] = r.status;
			log(`  ${label.padEnd(40)} ${r.status} ${r.ms.toFixed(0).padStart(6)} ms${r.stats ? `  stats: ${r.stats}` : ""}`);
			return r;
		};

		// Warm the isolate (module, library, first D1 use) on pages that count nothing.
		await timed(client, "/teacher", session);
		await timed(client, `/api/teacher/classes/${cls.id}/scores.csv?from=2000-01-01&to=2000-01-02`, bearer);
		const scores: number[] = [];
		const scoresQuiz: number[] = [];
		for (let i = 0; i < 3; i++) {
			scores.push(note("scores.csv", await timed(client, `/api/teacher/classes/${cls.id}/scores.csv`, bearer)).ms);
			scoresQuiz.push(
				note("scores.csv?quizId=", await timed(client, `/api/teacher/classes/${cls.id}/scores.csv?quizId=${quiz.id}`, bearer)).ms,
			);
		}
		const coldMs = {
			first: note("class page, first attempts, cold", await timed(client, page, session)).ms,
			all: note("class page, every attempt, cold", await timed(client, `${page}&set=all`, session)).ms,
			latest: note("class page, latest attempts, cold", await timed(client, `${page}&set=latest`, session)).ms,
		};
		const warm: number[] = [];
		for (let i = 0; i < (opts.quick ? 5 : 20); i++) warm.push((await timed(client, page, session)).ms);
		log(`  class page, warm: median ${median(warm).toFixed(0)} ms over ${warm.length}`);
		const template = { ...makeSubmission(quiz, rng(7)), classCode: cls.joinCode };
		const after: number[] = [];
		for (let i = 0; i < (opts.quick ? 3 : 10); i++) {
			const s = { ...makeSubmission(quiz, rng(100 + i)), classCode: cls.joinCode };
			const posted = await client.json("POST", "/api/attempts", s, studentAddress(s.attemptId));
			statuses["POST /api/attempts"] = posted.status;
			const r = await timed(client, page, session);
			if (r.stats !== "incremental") log(`  (after a new attempt the page's statistics were ${r.stats})`);
			after.push(r.ms);
		}
		log(`  class page after one new attempt: median ${median(after).toFixed(0)} ms over ${after.length}`);
		const question = `/teacher/classes/${cls.id}/questions/${quiz.questions[0]?.id}?quizId=${quiz.id}`;
		const qCold = note("question drill-down, cold", await timed(client, question, session)).ms;
		const qWarm: number[] = [];
		for (let i = 0; i < (opts.quick ? 3 : 10); i++) qWarm.push((await timed(client, question, session)).ms);
		log(`  question drill-down, warm: median ${median(qWarm).toFixed(0)} ms`);

		// Students' submissions into the class, alone and with 5 dashboards refreshing the class page.
		const connections = 10;
		const seconds = opts.quick ? 3 : 10;
		const runs = opts.quick ? 1 : 3;
		const job = { url: current.url, method: "POST" as const, path: "/api/attempts", body: template, connections, seconds };
		await cannon({ ...job, seconds: 2 }, opts.pin);
		const alone = [];
		const loaded = [];
		const paced = [];
		const views: number[] = [];
		const outcomes: Record<string, number> = {};
		/** Submissions while 5 dashboards view the class page, each again as soon as its view is done (`pauseMs` 0) or after a pause. */
		const withDashboards = async (pauseMs: number) => {
			let running = true;
			const dashboards = Array.from({ length: 5 }, async () => {
				while (running) {
					const v = await timed(client, page, session);
					if (pauseMs === 0) {
						views.push(v.ms);
						outcomes[v.stats ?? "none"] = (outcomes[v.stats ?? "none"] ?? 0) + 1;
					} else await new Promise((resolve) => setTimeout(resolve, pauseMs));
				}
			});
			const result = await cannon(job, opts.pin);
			running = false;
			await Promise.all(dashboards);
			return result;
		};
		for (let r = 0; r < runs; r++) {
			alone.push(await cannon(job, opts.pin));
			loaded.push(await withDashboards(0));
			paced.push(await withDashboards(1000));
			log(
				`  submissions run ${r + 1}/${runs}: p99 alone ${alone.at(-1)?.p99} ms (${alone.at(-1)?.rps.toFixed(0)} req/s); 5 dashboards non-stop ${loaded.at(-1)?.p99} ms (${loaded.at(-1)?.rps.toFixed(0)} req/s); 5 dashboards each once a second ${paced.at(-1)?.p99} ms (${paced.at(-1)?.rps.toFixed(0)} req/s)`,
			);
		}
		const figures: DashboardFigures = {
			attempts: n,
			seedSeconds,
			coldMs,
			warmMs: median(warm),
			afterAttemptMs: median(after),
			question: { coldMs: qCold, warmMs: median(qWarm) },
			scoresCsvMs: median(scores),
			scoresCsvQuizMs: median(scoresQuiz),
			submissions: {
				connections,
				seconds,
				runs,
				aloneP99: median(alone.map((a) => a.p99)),
				withDashboardsP99: median(loaded.map((a) => a.p99)),
				pacedP99: median(paced.map((a) => a.p99)),
				aloneRps: median(alone.map((a) => a.rps)),
				withDashboardsRps: median(loaded.map((a) => a.rps)),
				pacedRps: median(paced.map((a) => a.rps)),
				dashboardViews: views.length,
				dashboardViewMs: views.length > 0 ? median(views) : 0,
				dashboardOutcomes: outcomes,
				non2xx: [...alone, ...loaded, ...paced].reduce((sum, a) => sum + a.non2xx + a.errors, 0),
			},
			statuses,
		};
		const notes = [
			`Seeding: ${n.toLocaleString("en-GB")} attempts in ${seedSeconds.toFixed(1)} s (SQL into the D1 file with sqlite3, as for the exports).`,
			"Cold: the first view of each set of attempts after the server started (the isolate already warm from other pages); the statistics are counted from every attempt's marks, a page of 2,000 attempts per query.",
			`Submissions: ${connections} connections for ${seconds} s per run, ${runs} run(s) each alone, with 5 dashboards non-stop and with 5 dashboards once a second, interleaved; medians of the runs. Server and load generator share the machine's cores with the dashboards' client (this process).`,
		];
		return { measured: true, figures, notes };
	} finally {
		client.close();
		await stopServer(current);
	}
}

const x = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "—");
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** The class page's section of docs/performance.md. */
export function renderDashboardMarkdown(r: DashboardResult): string {
	const out = ["## The class page on a big class", ""];
	if (!r.measured) return [...out, `Not measured: ${r.reason}`, ""].join("\n");
	const f = r.figures;
	const s = f.submissions;
	out.push(
		`One class, ${f.attempts.toLocaleString("en-GB")} attempts at one 20-question quiz. Yardstick: the same class's scores.csv, ${ms(f.scoresCsvMs)} (with ?quizId=, which reads every response's points: ${ms(f.scoresCsvQuizMs)}).`,
		"",
		"| View | Time | vs scores.csv | vs scores.csv?quizId= | Target |",
		"| --- | ---: | ---: | ---: | --- |",
		`| Class page, statistics kept (warm) | ${ms(f.warmMs)} | ${x(f.warmMs, f.scoresCsvMs)} | ${x(f.warmMs, f.scoresCsvQuizMs)} | ≤ 2× |`,
		`| Class page, one new attempt since | ${ms(f.afterAttemptMs)} | ${x(f.afterAttemptMs, f.scoresCsvMs)} | ${x(f.afterAttemptMs, f.scoresCsvQuizMs)} | ≤ 2× |`,
		`| Class page, counted afresh (cold): first attempts | ${ms(f.coldMs.first)} | ${x(f.coldMs.first, f.scoresCsvMs)} | ${x(f.coldMs.first, f.scoresCsvQuizMs)} | once per isolate |`,
		`| Class page, cold: every attempt | ${ms(f.coldMs.all)} | ${x(f.coldMs.all, f.scoresCsvMs)} | ${x(f.coldMs.all, f.scoresCsvQuizMs)} | |`,
		`| Class page, cold: latest attempts | ${ms(f.coldMs.latest)} | ${x(f.coldMs.latest, f.scoresCsvMs)} | ${x(f.coldMs.latest, f.scoresCsvQuizMs)} | |`,
		`| Question drill-down, cold | ${ms(f.question.coldMs)} | ${x(f.question.coldMs, f.scoresCsvMs)} | ${x(f.question.coldMs, f.scoresCsvQuizMs)} | |`,
		`| Question drill-down, warm | ${ms(f.question.warmMs)} | ${x(f.question.warmMs, f.scoresCsvMs)} | ${x(f.question.warmMs, f.scoresCsvQuizMs)} | ≤ 2× |`,
		"",
		`Submissions into the class (${s.connections} connections), p99 and throughput:`,
		"",
		"| While | p99 | vs alone | req/s |",
		"| --- | ---: | ---: | ---: |",
		`| Nothing else | ${ms(s.aloneP99)} | 1.00× | ${s.aloneRps.toFixed(0)} |`,
		`| 5 dashboards refreshing the class page non-stop | ${ms(s.withDashboardsP99)} | **${x(s.withDashboardsP99, s.aloneP99)}** | ${s.withDashboardsRps.toFixed(0)} |`,
		`| 5 dashboards refreshing it once a second each | ${ms(s.pacedP99)} | ${x(s.pacedP99, s.aloneP99)} | ${s.pacedRps.toFixed(0)} |`,
		"",
		`The non-stop dashboards made ${s.dashboardViews.toLocaleString("en-GB")} views (median ${ms(s.dashboardViewMs)}; statistics ${Object.entries(
			s.dashboardOutcomes,
		)
			.map(([k, v]) => `${k} ${v}`)
			.join(", ")}).${s.non2xx ? ` ${s.non2xx} submissions failed.` : ""}`,
		"",
		...r.notes.map((n) => `- ${n}`),
		"",
	);
	return out.join("\n");
}
