/**
 * npm run bench — how fast and how big, as ratios against baselines measured in the same run:
 * the app and two baseline Workers (hello; raw D1 insert) under wrangler dev, load from a separate
 * autocannon process on another core, exports at 10,000 and 100,000 attempts next to sqlite3,
 * the bundle size, and the submission-rate ceiling of one D1 (bench/lib/ceiling.ts). Writes
 * bench/results/latest.json and docs/performance.md.
 * BENCH_QUICK=1 shortens every phase (for trying the script, not for the record); `-- --only ceiling`
 * runs that stage alone and merges it into the last run's figures (bench/lib/only.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HttpClient } from "../scripts/lib/http";
import { fetchQuiz, makeSubmission, rng, studentAddress } from "../scripts/lib/submissions";
import { wranglerTomlCopy } from "../scripts/lib/wrangler";
import { measureAll, type Target } from "./lib/api";
import { bundleSize } from "./lib/bundle";
import { runCeiling } from "./lib/ceiling";
import { type DashboardResult, renderDashboardMarkdown, runDashboard } from "./lib/dashboard";
import { environment } from "./lib/environment";
import { runExports } from "./lib/exports";
import { runOnly } from "./lib/only";
import { evaluate, type Results, renderMarkdown } from "./lib/report";
import { hasTaskset, ROOT, startPinned, stopAllServers, stopServer } from "./lib/servers";
import { drafterCost } from "./lib/startup";

const quick = process.env.BENCH_QUICK === "1";
// `npm run bench -- --only ceiling`: that stage alone, merged into the last full run's record (bench/lib/only.ts).
if (process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "ceiling") await runOnly(process.argv, quick);

/** wrangler.toml with [observability] disabled, written under bench/.tmp (paths made relative to it). */
function withoutObservability(): string {
	const dir = path.join(ROOT, "bench/.tmp");
	mkdirSync(dir, { recursive: true });
	const toml = wranglerTomlCopy(dir).replace(/^migrations_dir = "(.*)"$/m, (_, m: string) => `migrations_dir = "../../${m}"`);
	writeFileSync(path.join(dir, "wrangler.no-observability.toml"), toml);
	return "bench/.tmp/wrangler.no-observability.toml";
}
const API = quick
	? { connections: 10, seconds: 2, warmupSeconds: 1, repeats: 1 }
	: { connections: 10, seconds: 5, warmupSeconds: 3, repeats: 5 };
const QUIZ_ID = "nk-diplomacy-2017";

const t0 = performance.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

for (const sig of ["SIGINT", "SIGTERM"] as const) {
	process.once(sig, () => {
		void stopAllServers().finally(() => process.exit(130));
	});
}

const pin = hasTaskset();

// `npm run bench -- --only dashboard`: the class page's stage alone, printed and kept in bench/.tmp/dashboard.json (the record untouched).
if (process.argv.includes("--only")) {
	const stage = process.argv[process.argv.indexOf("--only") + 1];
	if (stage !== "dashboard") throw new Error(`--only takes "dashboard" or "ceiling", not "${stage}"`);
	const alone = await runDashboard({ pin, quick, log }).finally(stopAllServers);
	mkdirSync(path.join(ROOT, "bench/.tmp"), { recursive: true });
	writeFileSync(
		path.join(ROOT, "bench/.tmp/dashboard.json"),
		`${JSON.stringify({ date: new Date().toISOString(), ...alone }, null, "\t")}\n`,
	);
	console.log(`\n${renderDashboardMarkdown(alone)}`);
	process.exit(alone.measured ? 0 : 1);
}
let dashboard: DashboardResult = { measured: false, reason: "not run" };
const results: Results = {
	date: new Date().toISOString(),
	environment: environment(),
	method: {
		pinned: pin ? "server (wrangler + workerd) on CPU 0, autocannon on CPU 1 (taskset)" : "not pinned (taskset or a second core missing)",
		...API,
		quick,
	},
	api: [],
	pageMeasured: false,
	exports: { measured: false, reason: "not run" },
	bundle: null,
	seconds: 0,
};

try {
	log(`bench: ${results.environment.cpu}, ${results.environment.cores} cores; ${results.method.pinned}`);
	log(`[${elapsed()}] bundle size (wrangler deploy --dry-run)`);
	results.bundle = bundleSize();
	log(`[${elapsed()}] the drafter's cost: bundle and start-up with and without it`);
	results.drafter = await drafterCost(quick ? 5 : 21);

	log(`[${elapsed()}] starting the app and the baselines under wrangler dev`);
	const [app, writes, hello, raw, quiet] = [
		await startPinned({}, pin),
		// The same app, taking the submissions. Under wrangler dev the local D1 lives inside the Worker's own
		// workerd process, which grows by tens of KB of native memory per stored submission; a server that had
		// taken thousands of them answered the page with twice the p99 of one that had not (bench/notes.md,
		// "Reads on a server that has taken writes"). On Cloudflare D1 is another service. So each target runs
		// on a server whose history matches its baseline's: the reads where only reads were served, like
		// hello's; the submissions where only submissions were, like the raw insert's.
		await startPinned({}, pin),
		await startPinned({ config: "bench/baselines/hello/wrangler.toml", skipMigrations: true }, pin),
		await startPinned({ config: "bench/baselines/raw-insert/wrangler.toml" }, pin),
		// The app as configured but with [observability] off: how much local trace recording costs.
		await startPinned({ config: withoutObservability() }, pin),
	];
	// The quiz JSON's own bytes and headers as a constant (fetched once from the server of reads): what the
	// local stack alone charges for that response, next to hello's 5 bytes and one header.
	const sameBytes = await startPinned(
		{
			config: "bench/baselines/same-bytes/wrangler.toml",
			skipMigrations: true,
			vars: { SOURCE: `${app.url}/api/quizzes/${QUIZ_ID}` },
		},
		pin,
	);
	const client = new HttpClient(app.url, 4);
	const quiz = await fetchQuiz(client, QUIZ_ID);
	const template = makeSubmission(quiz, rng(1));
	// Attempts to read back in the GET /api/attempts/:id runs (on the server that takes the reads).
	const ids: string[] = [];
	for (let i = 0; i < 200; i++) {
		const s = makeSubmission(quiz, rng(1000 + i));
		const r = await client.json("POST", "/api/attempts", s, studentAddress(s.attemptId));
		if (r.status !== 201) throw new Error(`seeding attempts: ${r.status} ${r.body.slice(0, 200)}`);
		ids.push(s.attemptId);
	}
	const page = await client.request({ method: "GET", path: `/quiz/${QUIZ_ID}` });
	results.pageMeasured = page.status === 200 && String(page.headers["content-type"]).startsWith("text/html");
	client.close();

	const targets: Target[] = [
		{ key: "hello", label: "hello Worker (baseline)", job: { url: hello.url, method: "GET", path: "/" } },
		{ key: "quiz", label: `GET /api/quizzes/:id`, job: { url: app.url, method: "GET", path: `/api/quizzes/${QUIZ_ID}` } },
		{
			key: "quiz-bytes",
			label: "the quiz JSON as a constant (baseline)",
			job: { url: sameBytes.url, method: "GET", path: "/" },
		},
		...(results.pageMeasured
			? [{ key: "page", label: "GET /quiz/:id (page)", job: { url: app.url, method: "GET" as const, path: `/quiz/${QUIZ_ID}` } }]
			: []),
		{
			key: "quiz-quiet",
			label: "GET /api/quizzes/:id, observability off",
			job: { url: quiet.url, method: "GET", path: `/api/quizzes/${QUIZ_ID}` },
		},
		// The same control for the page: how much of its time and its tail is the local trace recording.
		...(results.pageMeasured
			? [
					{
						key: "page-quiet",
						label: "GET /quiz/:id (page), observability off",
						job: { url: quiet.url, method: "GET" as const, path: `/quiz/${QUIZ_ID}` },
					},
				]
			: []),
		{ key: "attempt", label: "GET /api/attempts/:id", job: { url: app.url, method: "GET", path: "/api/attempts/:id", ids } },
		{ key: "raw", label: "raw D1 insert Worker (baseline)", job: { url: raw.url, method: "POST", path: "/", body: template } },
		{
			key: "submit",
			label: "POST /api/attempts (new ids)",
			job: { url: writes.url, method: "POST", path: "/api/attempts", body: template },
		},
	];
	if (!results.pageMeasured)
		log(`  GET /quiz/${QUIZ_ID} answered ${page.status} ${page.headers["content-type"]}: the page is not measured`);
	log(`[${elapsed()}] API: ${API.connections} connections, ${API.warmupSeconds} s warm-up, ${API.repeats} × ${API.seconds} s per target`);
	results.api = await measureAll(targets, { ...API, pin }, log);
	await Promise.all([stopServer(app), stopServer(writes), stopServer(hello), stopServer(raw), stopServer(quiet), stopServer(sameBytes)]);

	log(`[${elapsed()}] exports`);
	results.exports = await runExports({ pin, quick, log });

	log(`[${elapsed()}] the class page on a big class`);
	dashboard = await runDashboard({ pin, quick, log });

	log(`[${elapsed()}] the submission ceiling of one D1`);
	results.ceiling = await runCeiling({ pin, quick, log });
} catch (err) {
	results.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
	console.error(results.error);
} finally {
	await stopAllServers();
}

results.seconds = (performance.now() - t0) / 1000;
results.targets = evaluate(results);
mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
writeFileSync(path.join(ROOT, "bench/results/latest.json"), `${JSON.stringify({ ...results, dashboard }, null, "\t")}\n`);
const markdown = `${renderMarkdown(results)}\n${renderDashboardMarkdown(dashboard)}`;
writeFileSync(path.join(ROOT, "docs/performance.md"), markdown);
console.log(`\n${markdown.slice(markdown.indexOf("## Targets"), markdown.indexOf("## Method"))}`);
console.log(`bench: done in ${elapsed()}; wrote bench/results/latest.json and docs/performance.md`);
process.exit(results.error ? 1 : 0);
