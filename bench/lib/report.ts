/** The bench's results, its pass/fail targets, and docs/performance.md. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Measured, median } from "./api";
import type { BundleSize } from "./bundle";
import { type CeilingResult, ceilingMarkdown } from "./ceiling";
import type { Environment } from "./environment";
import type { ExportsResult } from "./exports";
import { ROOT } from "./servers";
import type { DrafterCost } from "./startup";

export interface TargetLine {
	name: string;
	/** null when the figure could not be measured. */
	pass: boolean | null;
	value: string;
}

export interface Results {
	date: string;
	environment: Environment;
	method: Record<string, unknown> & { pinned: string };
	api: Measured[];
	pageMeasured: boolean;
	exports: ExportsResult;
	bundle: BundleSize | null;
	/** The bundle and start-up with and without the quiz drafter (absent in runs made before it). */
	drafter?: DrafterCost | null;
	/** The submission-rate ceiling of one D1 (absent in runs made before it). */
	ceiling?: CeilingResult;
	seconds: number;
	targets?: TargetLine[];
	error?: string;
}

const BASELINE: Record<string, string> = {
	"quiz-bytes": "hello",
	"quiz-quiet": "hello",
	"page-quiet": "hello",
	quiz: "hello",
	page: "hello",
	attempt: "hello",
	submit: "raw",
};
const KB = 1000;
/** Ours, for cold starts: 300 KB gzip with the drafter in (150 KB before it; Cloudflare's own limit is 3 MB on the Free plan). */
const GZIP_BUDGET = 300 * KB;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const x = (n: number) => `${n.toFixed(2)}×`;

/**
 * A target's ratio to its baseline, paired round by round: run r of the target against run r of its
 * baseline (the runs are interleaved, so a round's drift on a shared machine hits both), then the
 * median of those ratios, and their range, which a target near its line needs beside it. The ratio
 * of the two medians would pair a target's run with a baseline run from another round. Runs recorded
 * without a partner (none so far) fall back to that ratio of medians.
 */
export function pairedRatio(m: Measured, b: Measured, figure: (run: { rps: number; p99: number }) => number) {
	const ratios = m.runs.flatMap((run, i) => {
		const base = b.runs[i];
		return base && figure(base) > 0 ? [figure(run) / figure(base)] : [];
	});
	if (ratios.length === 0 || ratios.length !== m.runs.length) {
		const whole = figure(m) / figure(b);
		return { ratio: whole, min: whole, max: whole, rounds: 0 };
	}
	return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), rounds: ratios.length };
}

function describe(p: ReturnType<typeof pairedRatio>): string {
	return p.rounds > 1 ? `${x(p.ratio)} (median of ${p.rounds} rounds, ${p.min.toFixed(2)}–${x(p.max)})` : x(p.ratio);
}

/** The request targets: a req/s ratio floor, and a p99 ratio ceiling per target (both against its baseline, same run). */
const RPS_TARGETS: [key: string, min: number, what: string][] = [
	["quiz", 0.9, "Quiz JSON (GET /api/quizzes/:id)"],
	["submit", 0.6, "Submission (POST /api/attempts)"],
];
const P99_TARGETS: [key: string, max: number][] = [
	["quiz", 3],
	["page", 2],
	["attempt", 2],
	["submit", 3],
];
/** Exports at the largest size: at most this many times `sqlite3 -csv` running the same query. */
const EXPORT_FLOOR_RATIO = 2;

export function evaluate(r: Results): TargetLine[] {
	const lines: TargetLine[] = [];
	const api = new Map(r.api.map((m) => [m.key, m]));
	for (const [key, min, what] of RPS_TARGETS) {
		const m = api.get(key);
		const b = api.get(BASELINE[key] ?? "");
		if (!m || !b) {
			lines.push({ name: `${what} req/s ≥ ${min}× baseline`, pass: null, value: "not measured" });
			continue;
		}
		const paired = pairedRatio(m, b, (run) => run.rps);
		lines.push({
			name: `${what} req/s ≥ ${min}× ${b.label}`,
			pass: paired.ratio >= min,
			value: `${describe(paired)}; medians ${fmt(m.rps)} vs ${fmt(b.rps)} req/s`,
		});
	}
	for (const [key, max] of P99_TARGETS) {
		const m = api.get(key);
		const b = api.get(BASELINE[key] ?? "");
		const name = `${m?.label ?? key} p99 ≤ ${max}× ${b?.label ?? "baseline"}'s`;
		if (!m || !b)
			lines.push({
				name,
				pass: null,
				value: key === "page" && !r.pageMeasured ? "not measured: GET /quiz/:id is not served yet" : "not measured",
			});
		else {
			const paired = pairedRatio(m, b, (run) => run.p99);
			lines.push({
				name,
				pass: paired.ratio <= max,
				value: `${describe(paired)}; medians ${m.p99} vs ${b.p99} ms`,
			});
		}
	}
	const ex = r.exports;
	if (!ex.measured) {
		for (const name of [
			`100k exports ≤ ${EXPORT_FLOOR_RATIO}× sqlite3 -csv`,
			"Export time to first byte < 300 ms",
			"Export peak memory at 100k ≤ 1.5× at 10k",
		]) {
			lines.push({ name, pass: null, value: `not measured: ${ex.reason}` });
		}
	} else {
		const big = ex.sizes.at(-1);
		const small = ex.sizes[0];
		for (const file of big?.files ?? []) {
			lines.push(
				file.floorMs > 0
					? {
							name: `${fmt(big?.attempts ?? 0)} attempts' ${file.name} ≤ ${EXPORT_FLOOR_RATIO}× sqlite3 -csv`,
							pass: file.totalMs <= EXPORT_FLOOR_RATIO * file.floorMs,
							value: `${fmt(file.totalMs)} ms vs ${fmt(file.floorMs)} ms = ${x(file.totalMs / file.floorMs)}`,
						}
					: { name: `${file.name} ≤ ${EXPORT_FLOOR_RATIO}× sqlite3 -csv`, pass: null, value: "not measured" },
			);
		}
		const all = ex.sizes.flatMap((s) => s.files.map((f) => ({ ...f, attempts: s.attempts })));
		const worst = all.reduce((a, f) => (f.ttfbMs > a.ttfbMs ? f : a), all[0] ?? { ttfbMs: Number.NaN, name: "?", attempts: 0 });
		lines.push({
			name: "Export time to first byte < 300 ms (every file, every size)",
			pass: all.length > 0 && all.every((f) => f.ttfbMs < 300),
			value: `worst ${fmt(worst.ttfbMs)} ms (${worst.name} at ${fmt(worst.attempts)})`,
		});
		for (const name of ["scores.csv", "gradebook.csv", "responses.csv"]) {
			const a = small?.files.find((f) => f.name === name);
			const b = big?.files.find((f) => f.name === name);
			if (!a || !b || !a.peakKiB || !b.peakKiB)
				lines.push({ name: `${name} peak memory at 100k ≤ 1.5× at 10k`, pass: null, value: "not measured" });
			else
				lines.push({
					name: `${name} workerd peak memory at ${fmt(big?.attempts ?? 0)} ≤ 1.5× at ${fmt(small?.attempts ?? 0)}`,
					pass: b.peakKiB <= 1.5 * a.peakKiB,
					value: `${fmt(b.peakKiB / 1024, 1)} MiB vs ${fmt(a.peakKiB / 1024, 1)} MiB = ${x(b.peakKiB / a.peakKiB)}`,
				});
		}
	}
	if (r.bundle) {
		lines.push({
			name: "Bundle ≤ 300 KB gzip",
			pass: r.bundle.gzipBytes <= GZIP_BUDGET,
			value: `${fmt(r.bundle.gzipBytes / KB, 1)} KB gzip (${fmt(r.bundle.rawBytes / KB, 1)} KB raw)`,
		});
	} else lines.push({ name: "Bundle ≤ 300 KB gzip", pass: null, value: "not measured" });
	if (r.drafter) {
		const d = r.drafter;
		lines.push({
			name: "Start-up with the drafter ≤ 1.5× without",
			pass: d.with.startupMs <= 1.5 * d.without.startupMs,
			value: `${fmt(d.with.startupMs, 1)} ms vs ${fmt(d.without.startupMs, 1)} ms = ${x(d.with.startupMs / d.without.startupMs)}; the drafter adds ${fmt((d.with.gzipBytes - d.without.gzipBytes) / KB, 1)} KB gzip`,
		});
	}
	// The ceiling is a measurement for docs/scaling.md, not a target: its own section gives it as ratios.
	return lines;
}

function table(head: string[], rows: (string | number)[][]): string {
	return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function renderMarkdown(r: Results): string {
	const e = r.environment;
	const api = new Map(r.api.map((m) => [m.key, m]));
	const out: string[] = [];
	out.push("# Performance", "");
	out.push(
		`Written by \`npm run bench\` (bench/run.ts) on ${r.date.slice(0, 16).replace("T", " ")} UTC in ${fmt(r.seconds)} s; raw figures in \`bench/results/latest.json\`. Absolute numbers from a shared machine mean little: read the ratios, each against a baseline measured in the same run.`,
		"",
	);
	if (r.method.quick) out.push("**BENCH_QUICK=1: a shortened run, not a record.**", "");
	if (r.error) out.push("**The run stopped early:**", "", "```", r.error.slice(0, 2000), "```", "");
	out.push("## Targets", "");
	for (const t of r.targets ?? []) out.push(`- **${t.pass === null ? "NOT MEASURED" : t.pass ? "PASS" : "FAIL"}** ${t.name}: ${t.value}`);
	out.push("");
	out.push("## Requests", "");
	out.push(
		table(
			["Target", "req/s", "p50 ms", "p99 ms", "req/s ratio", "p99 ratio", "non-2xx"],
			r.api.map((m) => {
				const b = api.get(BASELINE[m.key] ?? "");
				return [
					m.label,
					fmt(m.rps),
					m.p50,
					m.p99,
					b ? x(pairedRatio(m, b, (run) => run.rps).ratio) : "baseline",
					b ? x(pairedRatio(m, b, (run) => run.p99).ratio) : "baseline",
					m.non2xx + m.errors,
				];
			}),
		),
		"",
		"Ratios: the GETs against the hello Worker, the submission against the raw D1 insert Worker, each the median over the rounds of a run's figure against its baseline's run in the same round. req/s, p50 and p99 are each the median of the runs, taken separately; every run is in latest.json.",
		"",
	);
	const quiz = api.get("quiz");
	const bytes = api.get("quiz-bytes");
	const hello = api.get("hello");
	if (quiz && bytes && hello)
		out.push(
			`What the local stack charges for the quiz JSON's response itself (a reading, not a target): a constant Worker answering the same bytes with the same headers, with no routing and no work (bench/baselines/same-bytes), served ${describe(pairedRatio(bytes, hello, (run) => run.rps))} hello's req/s; the quiz JSON served ${describe(pairedRatio(quiz, bytes, (run) => run.rps))} the constant's.`,
			"",
		);
	if (!r.pageMeasured)
		out.push(
			"GET /quiz/:id (the student page) is not measured: it answered something other than a 200 HTML page when the bench ran (the page is issue #3).",
			"",
		);
	out.push("## Exports", "");
	const ex = r.exports;
	if (!ex.measured) out.push(`Not measured: ${ex.reason}`, "");
	else {
		out.push(
			table(
				["Attempts", "File", "Rows", "Bytes", "Total ms", "TTFB ms", "Rows/s", "workerd peak MiB", "sqlite3 -csv ms", "× sqlite3"],
				ex.sizes.flatMap((s) =>
					s.files.map((f) => [
						fmt(s.attempts),
						f.name,
						fmt(f.rows),
						fmt(f.bytes),
						fmt(f.totalMs),
						fmt(f.ttfbMs),
						fmt(f.rowsPerSec),
						f.peakKiB ? fmt(f.peakKiB / 1024, 1) : "?",
						fmt(f.floorMs),
						f.floorMs ? x(f.totalMs / f.floorMs) : "?",
					]),
				),
			),
			"",
			...ex.notes,
			"",
		);
	}
	out.push(...ceilingMarkdown(r.ceiling));
	out.push("## Bundle", "");
	if (r.bundle)
		out.push(
			`${fmt(r.bundle.rawBytes)} bytes raw, ${fmt(r.bundle.gzipBytes)} bytes gzip (level 9) over ${r.bundle.files.join(", ")}; wrangler: \`${r.bundle.wranglerSays}\`.`,
			"",
		);
	if (r.drafter) {
		const d = r.drafter;
		out.push(
			"## What the drafter costs",
			"",
			"The drafter is imported lazily by the draft route (`await import()`), so the student routes never run it; it is in the one bundle, so every cold start parses it. The same esbuild settings, with the drafter and with an empty module in its place:",
			"",
			table(
				["Build", "Raw", "gzip", `Start-up (median of ${d.runs} fresh processes)`],
				[
					[
						"without the drafter",
						`${fmt(d.without.rawBytes / KB, 1)} KB`,
						`${fmt(d.without.gzipBytes / KB, 1)} KB`,
						`${fmt(d.without.startupMs, 1)} ms`,
					],
					[
						"with the drafter",
						`${fmt(d.with.rawBytes / KB, 1)} KB`,
						`${fmt(d.with.gzipBytes / KB, 1)} KB`,
						`${fmt(d.with.startupMs, 1)} ms`,
					],
					[
						"ratio",
						x(d.with.rawBytes / d.without.rawBytes),
						x(d.with.gzipBytes / d.without.gzipBytes),
						x(d.with.startupMs / d.without.startupMs),
					],
				],
			),
			"",
			`A teacher's first draft in a fresh process (the lazy import plus one draft of the seed article): ${fmt(d.firstDraftMs, 1)} ms.`,
			"",
		);
	}
	out.push("## Method", "");
	out.push(
		`- Machine: ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB, ${e.os}.`,
		`- Versions: ${Object.entries(e.versions)
			.map(([k, v]) => `${k} ${v}`)
			.join(", ")}.`,
		`- Servers: the app (wrangler.toml) twice, one taking the GETs (with 200 attempts stored first, for GET /api/attempts/:id) and one the submissions, so that reads are not timed in a process the writes have grown (bench/notes.md), and three baselines (bench/baselines/hello: a constant response; bench/baselines/same-bytes: the quiz JSON as a constant, its bytes and headers fetched once from the app; bench/baselines/raw-insert: one D1 batch of the attempt row and its 20 response rows, the app's migrations, no validation), each under \`wrangler dev --local\` (workerd) with its own local D1; ${r.method.pinned}.`,
		`- Load: autocannon ${e.versions.autocannon} in a separate Node process per run, ${String(r.method.connections)} connections, ${String(r.method.warmupSeconds)} s warm-up per target, then ${String(r.method.repeats)} runs of ${String(r.method.seconds)} s per target, targets interleaved run by run; each ratio is the median of the rounds' ratios (run r against the baseline's run r), with their range beside each target. POST bodies are one fixed valid practice submission, each request with a fresh server-issued attempt id and its own client address (CF-Connecting-IP: a class of phones, so the practice limiter counts each student, as it would in class); GET /api/attempts/:id cycles through 200 stored attempts.`,
		"- Exports: attempts (each with 20 responses, each by a different student) seeded with SQL straight into the local D1 SQLite file while the server is stopped; scores.csv, gradebook.csv and responses.csv each downloaded once to warm up, then three times timed to the first body byte and to the end (the medians reported); workerd peak RSS (VmHWM, reset before each download; the highest of the three) from /proc; the floor is `sqlite3 -csv` running one query for the same data (same filter, order and stored values as the file writes, no pages, no formatting) on the same file, after each timed download (the median of the three).",
		"- Bundle: `wrangler deploy --dry-run --outdir <tmp>`, source maps excluded.",
		"- Drafter cost: esbuild (the bundler wrangler uses) builds worker/index.ts twice with the same settings, once with worker/domain/drafter replaced by an empty module; start-up is the time `import()` of the bundle takes in a fresh Node process (V8, as workerd), the median of the runs.",
		"",
	);
	const notes = path.join(ROOT, "bench/notes.md");
	if (existsSync(notes)) out.push(readFileSync(notes, "utf8").trim(), "");
	return `${out.join("\n")}\n`;
}
