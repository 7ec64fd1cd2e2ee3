/**
 * npm run simulate:day -- [--schools 8] [--databases 4] [--students 100] [--window 40] [--class-size 25]
 *
 * A large school day, compressed: N schools on M local D1 databases (school k on database k mod M),
 * served by one `wrangler dev` with M D1 bindings and a TENANTS that gives every school its own host
 * name (worker/db/tenants.ts), as production would with one D1 per school or per group of schools.
 *
 * Each school gets a teacher (made through the operator's API at the school's host) and classes of
 * --class-size students. Every student starts at a random moment of the --window (seconds) and
 * does what a phone does: the class's quiz list, the quiz, the submission, the result (sent with the
 * x-d1-bookmark the submission returned). At the end each teacher downloads scores.csv.
 *
 * Prints, per database and in total: the schools on it, requests and submissions served, submissions
 * per second over the window, p50 and p99 of the submissions and of every request, failures; then
 * checks in each database that it holds exactly its own schools' attempts and nothing of the others'.
 *
 * All M databases live in one workerd process on this machine, sharing its cores, so the figures
 * show how load divides between databases and that isolation holds, not what M machines would do:
 * on Cloudflare each D1 is its own Durable Object, on its own thread (docs/scaling.md).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HttpClient } from "./lib/http";
import { removeState, startLocalServer, TEST_ADMIN_TOKEN } from "./lib/local-server";
import { makeSubmission, type PublicQuiz, QUIZ_ID, rng } from "./lib/submissions";
import { tenantDatabases } from "./lib/tenants";
import { wrangler, wranglerTomlCopy } from "./lib/wrangler";

const ROOT = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
	options: {
		schools: { type: "string", default: "8" },
		databases: { type: "string", default: "4" },
		students: { type: "string", default: "100" },
		window: { type: "string", default: "40" },
		"class-size": { type: "string", default: "25" },
		seed: { type: "string", default: "1" },
	},
});
const SCHOOLS = Number(values.schools);
const DATABASES = Number(values.databases);
const STUDENTS = Number(values.students);
const WINDOW_S = Number(values.window);
const CLASS_SIZE = Number(values["class-size"]);
for (const [k, v] of Object.entries({ SCHOOLS, DATABASES, STUDENTS, WINDOW_S, CLASS_SIZE }))
	if (!Number.isInteger(v) || v < 1) throw new Error(`--${k.toLowerCase()} must be a whole number ≥ 1`);
if (DATABASES > SCHOOLS) throw new Error("--databases must not exceed --schools");

const binding = (d: number) => (d === 0 ? "DB" : `DB_${d + 1}`);
const host = (s: number) => `school-${s + 1}.simulate.test`;
const databaseOf = (s: number) => s % DATABASES;

/** wrangler.toml with M databases and a TENANTS for N schools; observability off (its local trace store would be one more shared writer). */
function writeConfig(): string {
	const dir = path.join(ROOT, "bench/.tmp/simulate-day");
	mkdirSync(dir, { recursive: true });
	const base = wranglerTomlCopy(dir)
		.replace(/\[\[d1_databases\]\][\s\S]*?migrations_dir = "migrations"\n/, "")
		.replace(/^TENANTS = .*$/m, "");
	const d1 = Array.from(
		{ length: DATABASES },
		(_, d) =>
			`[[d1_databases]]\nbinding = "${binding(d)}"\ndatabase_name = "simulate-${d + 1}"\ndatabase_id = "00000000-0000-0000-0000-${String(d + 1).padStart(12, "0")}"\nmigrations_dir = "../../../migrations"\n`,
	).join("\n");
	// Every school at its own host; "default" (what the server's readiness probe at 127.0.0.1 reaches) on the first database, serving no school.
	const tenants = Object.fromEntries([
		["default", { binding: binding(0) }],
		...Array.from({ length: SCHOOLS }, (_, s) => [`school-${s + 1}`, { binding: binding(databaseOf(s)), hosts: [host(s)] }]),
	]);
	const toml = base.replace(/^\[vars\]\n/m, `[vars]\nTENANTS = '${JSON.stringify(tenants)}'\n`);
	const file = path.join(dir, "wrangler.toml");
	writeFileSync(file, `${toml}\n${d1}`);
	return path.relative(ROOT, file);
}

interface Sample {
	db: number;
	kind: "list" | "quiz" | "submit" | "result" | "export";
	ms: number;
	ok: boolean;
	at: number;
}

/** The p-th percentile of the samples' times, in whole milliseconds as the table shows it ("NaN" when there are none). */
const pct = (xs: readonly Sample[], p: number) => {
	const s = xs.map((x) => x.ms).sort((a, b) => a - b);
	return (s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number) : Number.NaN).toFixed(0);
};
/** The median and the 99th percentile of the samples' times, as one cell: "12 / 85". */
const p50p99 = (xs: readonly Sample[]) => `${pct(xs, 50)} / ${pct(xs, 99)}`;

const config = writeConfig();
const persistDir = path.join(os.tmpdir(), `quizline-simulate-${process.pid}`);
console.log(
	`simulate-day: ${SCHOOLS} schools × ${STUDENTS} students on ${DATABASES} D1 database(s), submissions over ${WINDOW_S} s; config ${config}`,
);
for (const d of tenantDatabases(config)) {
	const res = wrangler(["d1", "migrations", "apply", d.binding, "--local", "-c", config, "--persist-to", persistDir]);
	if (res.status !== 0) throw new Error(`migrations of ${d.binding} failed: ${res.stderr}`);
}
const server = await startLocalServer({ config, persistDir, skipMigrations: true });
const pinned = spawnSync("taskset", ["-V"]).status === 0 && os.availableParallelism() >= 2;
if (pinned) {
	for (const pid of spawnSync("pgrep", ["-g", String(server.process.pid)], { encoding: "utf8" })
		.stdout.split("\n")
		.filter(Boolean))
		spawnSync("taskset", ["-a", "-cp", "0", pid], { stdio: "ignore" });
	spawnSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });
}
const client = new HttpClient(server.url, 256, 60_000);
const samples: Sample[] = [];
let exitCode = 0;
try {
	// Set-up, as an operator and teachers would do it: a teacher per school, classes of CLASS_SIZE.
	const schools: { token: string; classes: { id: string; joinCode: string }[] }[] = [];
	for (let s = 0; s < SCHOOLS; s++) {
		const at = { Host: host(s) };
		const t = await client.json(
			"POST",
			"/api/admin/teachers",
			{ name: `Teacher ${s + 1}` },
			{ ...at, Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
		);
		if (t.status !== 201) throw new Error(`teacher at ${host(s)}: ${t.status} ${t.body.slice(0, 200)}`);
		const { token } = JSON.parse(t.body) as { token: string };
		const classes = [];
		for (let c = 0; c < Math.ceil(STUDENTS / CLASS_SIZE); c++) {
			const r = await client.json("POST", "/api/teacher/classes", { name: `Class ${c + 1}` }, { ...at, Authorization: `Bearer ${token}` });
			if (r.status !== 201) throw new Error(`class at ${host(s)}: ${r.status} ${r.body.slice(0, 200)}`);
			classes.push(JSON.parse(r.body) as { id: string; joinCode: string });
		}
		schools.push({ token, classes });
	}

	const random = rng(Number(values.seed));
	const t0 = performance.now() + 500;
	const timed = async (
		db: number,
		kind: Sample["kind"],
		send: () => Promise<{ status: number; body: string; headers: Record<string, unknown> }>,
	) => {
		const start = performance.now();
		const res = await send();
		samples.push({ db, kind, ms: performance.now() - start, ok: res.status >= 200 && res.status < 300, at: start - t0 });
		return res;
	};
	const student = async (s: number, i: number, startAt: number) => {
		await new Promise((r) => setTimeout(r, Math.max(0, t0 + startAt - performance.now())));
		const db = databaseOf(s);
		const cls = schools[s]?.classes[Math.floor(i / CLASS_SIZE)];
		if (!cls) return;
		// One address per student (the per-client limits see a school of phones, not one client).
		const headers = { Host: host(s), "CF-Connecting-IP": `10.${s % 256}.${(i >> 8) % 256}.${i % 256}` };
		await timed(db, "list", () => client.request({ method: "GET", path: `/api/quizzes?class=${cls.joinCode}`, headers }));
		const q = await timed(db, "quiz", () => client.request({ method: "GET", path: `/api/quizzes/${QUIZ_ID}`, headers }));
		if (q.status !== 200) return;
		const quiz = JSON.parse(q.body) as PublicQuiz & { attemptId: string };
		const submission = { ...makeSubmission(quiz, rng(s * 100_000 + i), quiz.attemptId), classCode: cls.joinCode };
		const post = await timed(db, "submit", () => client.json("POST", "/api/attempts", submission, headers));
		const bookmark = post.headers["x-d1-bookmark"];
		await timed(db, "result", () =>
			client.request({
				method: "GET",
				path: `/api/attempts/${submission.attemptId}`,
				headers: { ...headers, ...(typeof bookmark === "string" ? { "x-d1-bookmark": bookmark } : {}) },
			}),
		);
	};
	const runs: Promise<void>[] = [];
	for (let s = 0; s < SCHOOLS; s++) for (let i = 0; i < STUDENTS; i++) runs.push(student(s, i, random() * WINDOW_S * 1000));
	await Promise.all(runs);
	const windowEnd = Math.max(...samples.map((x) => x.at + x.ms));
	for (let s = 0; s < SCHOOLS; s++) {
		for (const cls of schools[s]?.classes ?? [])
			await timed(databaseOf(s), "export", () =>
				client.request({
					method: "GET",
					path: `/api/teacher/classes/${cls.id}/scores.csv`,
					headers: { Host: host(s), Authorization: `Bearer ${schools[s]?.token}` },
				}),
			);
	}

	// The figures, per database and in total.
	const rows: string[][] = [];
	const line = (label: string, schoolsOn: string, xs: Sample[]) => {
		const submits = xs.filter((x) => x.kind === "submit");
		const all = xs.filter((x) => x.kind !== "export");
		const exports = xs.filter((x) => x.kind === "export");
		rows.push([
			label,
			schoolsOn,
			String(all.length),
			String(submits.filter((x) => x.ok).length),
			((submits.length / windowEnd) * 1000).toFixed(1),
			p50p99(submits),
			p50p99(all),
			pct(exports, 99),
			String(xs.filter((x) => !x.ok).length),
		]);
	};
	for (let d = 0; d < DATABASES; d++) {
		const on = Array.from({ length: SCHOOLS }, (_, s) => s).filter((s) => databaseOf(s) === d);
		line(
			binding(d),
			on.map((s) => s + 1).join(", "),
			samples.filter((x) => x.db === d),
		);
	}
	line("all", `${SCHOOLS}`, samples);
	const head = [
		"Database",
		"Schools",
		"Requests",
		"Submissions stored",
		"Submissions/s",
		"Submit p50 / p99 ms",
		"All requests p50 / p99 ms",
		"scores.csv p99 ms",
		"Failed",
	];
	console.log(
		`\nOver ${(windowEnd / 1000).toFixed(1)} s (${pinned ? "server on CPU 0, simulator on CPU 1" : "not pinned"}; load average ${os.loadavg()[0]?.toFixed(1)}):\n`,
	);
	console.log([`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n"));

	// Isolation: each database holds its own schools' attempts, and no class of another school.
	await server.stop();
	console.log("");
	for (let d = 0; d < DATABASES; d++) {
		const own = new Set(schools.filter((_, s) => databaseOf(s) === d).flatMap((x) => x.classes.map((c) => c.id)));
		const res = wrangler([
			"d1",
			"execute",
			binding(d),
			"--local",
			"-c",
			config,
			"--persist-to",
			persistDir,
			"--json",
			"--command",
			"SELECT class_id AS id, COUNT(*) AS n FROM attempts GROUP BY class_id",
		]);
		if (res.status !== 0) throw new Error(`reading ${binding(d)}: ${res.stderr}`);
		const found =
			(JSON.parse(res.stdout.slice(res.stdout.indexOf("["))) as { results: { id: string | null; n: number }[] }[]).at(-1)?.results ?? [];
		const foreign = found.filter((r) => r.id === null || !own.has(r.id));
		const stored = found.reduce((a, r) => a + r.n, 0);
		const expected = samples.filter((x) => x.db === d && x.kind === "submit" && x.ok).length;
		const fine = foreign.length === 0 && stored === expected;
		if (!fine) exitCode = 1;
		console.log(
			`${binding(d)}: ${stored} attempts (${expected} acknowledged), in ${found.length} classes, ${foreign.length} of another school's → ${fine ? "isolated" : "NOT ISOLATED"}`,
		);
	}
} catch (err) {
	console.error(err);
	exitCode = 1;
} finally {
	client.close();
	await server.kill();
	removeState(persistDir);
}
process.exit(exitCode);
