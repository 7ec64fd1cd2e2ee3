/**
 * How far one D1 goes (issue 13, point 4): the submission rate one local D1 sustains, and what a
 * submission costs in CPU, each as a ratio to the raw-insert baseline measured in the same run.
 *
 * - Ceiling: an open-loop client (bench/lib/paced.ts, its own process on the other core) offers
 *   POST /api/attempts at a fixed rate for a step; the rate climbs a ladder (×LADDER per step, app
 *   and baseline interleaved rung by rung) until a step's p99 passes 1 s or a request fails, then
 *   the last passing and first failing rates are bisected. The ceiling is the highest rate whose
 *   step passed. The app's submissions are a class's (a class code, so the class lookup, attempt
 *   numbering and grading all run); the baseline writes the same rows with nothing around them.
 * - CPU: workerd reports no CPU time locally (wrangler dev's trace store holds cpu_time_ms 0, and a
 *   D1 result's meta.duration is 0: workerd's clock does not move during synchronous work), so
 *   the figure is the server's own, from Linux: utime + stime (/proc/<pid>/stat) of the workerd
 *   process that runs the Worker and its D1 (wrangler dev starts a second, entry workerd in front
 *   of it) and of the whole `wrangler dev` process group, over a fixed-rate run, minus the same
 *   span idle, per request. The hello Worker's figure is the HTTP path alone; raw − hello is what
 *   one D1 batch of an attempt and its 20 responses costs (with reading the JSON body).
 * - Row sizes: once the app is stopped, sqlite3's dbstat over its D1 file: the bytes of the
 *   attempts and responses tables and of their indexes (whole pages, as the file holds them), per
 *   stored attempt.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { HttpClient } from "../../scripts/lib/http";
import { type LocalServer, TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";
import { fetchQuiz, makeSubmission, rng } from "../../scripts/lib/submissions";
import { d1File } from "./exports";
import type { PacedJob, PacedResult } from "./paced";
import { groupPids, loadProcess, startPinned, stopServer } from "./servers";

/** A step passes while p99 stays at or under this. */
export const P99_LIMIT_MS = 1000;
const LADDER_START = 20;

type Key = "hello" | "raw" | "app";

export interface CeilingStep extends PacedResult {
	target: Key;
	phase: "ladder" | "bisect";
	pass: boolean;
}

export interface CpuSample {
	target: Key;
	rate: number;
	seconds: number;
	requests: number;
	/**
	 * CPU milliseconds per request, busy minus idle: the workerd that runs the Worker and its local
	 * D1 (the one holding the state folder open), and the whole server process group (wrangler's
	 * Node, its entry workerd, esbuild).
	 */
	workerdMs: number;
	groupMs: number;
	idleWorkerdMs: number;
	idleGroupMs: number;
}

export interface RowSizes {
	attempts: number;
	responses: number;
	pageSize: number;
	fileBytes: number;
	/** Bytes (whole pages) of each table and index of attempts and responses. */
	objects: { name: string; table: string; bytes: number; payload: number }[];
	bytesPerAttempt: number;
	/** SQLite alone: CPU per submission batch when sqlite3 runs the batch's SQL on a copy of the file. */
	sqlite?: { batches: number; cpuMsPerBatch: number } | { error: string };
}

export type CeilingResult =
	| { measured: false; reason: string; date: string }
	| {
			measured: true;
			date: string;
			quick: boolean;
			stepSeconds: number;
			ladder: number;
			steps: CeilingStep[];
			/** The machine's 1-minute load average when the stage started and ended (other work on a shared machine shows here). */
			load: [number, number];
			ceiling: Record<"raw" | "app", { pass: number | null; fail: number | null }>;
			cpu: CpuSample[];
			rows: RowSizes | { error: string };
	  };

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One paced run in its own process, pinned to LOAD_CPU when `pin`. */
function paced(job: PacedJob, pin: boolean): Promise<PacedResult> {
	return loadProcess<PacedResult>("paced.ts", job, pin, 120, "paced load");
}

/** utime + stime of a process in milliseconds (Linux /proc, clock ticks of 1/100 s). */
function cpuMs(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		// Fields after the command name (which may hold spaces) start at index 2 ("state").
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return (Number(fields[11]) + Number(fields[12])) * (1000 / clockTicks());
	} catch {
		return 0;
	}
}

let ticks = 0;
function clockTicks(): number {
	if (ticks === 0) ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
	return ticks;
}

/**
 * `wrangler dev` runs two workerd processes: an entry one on the public port, which passes each
 * request on, and the one that runs the Worker and its local D1. The latter is the one with the
 * server's state folder open.
 */
function workerPid(server: LocalServer): number {
	for (const pid of groupPids(server)) {
		try {
			if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "workerd") continue;
			const open = readdirSync(`/proc/${pid}/fd`).some((fd) => {
				try {
					return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(server.persistDir);
				} catch {
					return false;
				}
			});
			if (open) return pid;
		} catch {
			// gone
		}
	}
	throw new Error(`no workerd of wrangler ${server.process.pid} has ${server.persistDir} open`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rowSizes(file: string): RowSizes {
	const q = (sql: string) => {
		// A busy timeout: the stopped server's workerd can hold its lock on the file for a moment after wrangler exits.
		const res = spawnSync("sqlite3", ["-json", "-readonly", "-cmd", ".timeout 10000", file, sql], { encoding: "utf8" });
		if (res.status !== 0) throw new Error(`sqlite3: ${res.stderr}`);
		return JSON.parse(res.stdout || "[]") as Record<string, number | string>[];
	};
	const objects = q(
		`SELECT s.name AS name, m.tbl_name AS tbl, SUM(s.pgsize) AS bytes, SUM(s.payload) AS payload FROM dbstat s JOIN sqlite_schema m ON m.name = s.name
		 WHERE m.tbl_name IN ('attempts', 'responses') GROUP BY s.name ORDER BY m.tbl_name, s.name`,
	).map((r) => ({ name: String(r.name), table: String(r.tbl), bytes: Number(r.bytes), payload: Number(r.payload) }));
	const [counts] = q("SELECT (SELECT COUNT(*) FROM attempts) AS attempts, (SELECT COUNT(*) FROM responses) AS responses");
	const [page] = q("SELECT page_size AS size, page_count AS count FROM pragma_page_size, pragma_page_count");
	const attempts = Number(counts?.attempts ?? 0);
	return {
		attempts,
		responses: Number(counts?.responses ?? 0),
		pageSize: Number(page?.size ?? 0),
		fileBytes: Number(page?.size ?? 0) * Number(page?.count ?? 0),
		objects,
		bytesPerAttempt: attempts > 0 ? objects.reduce((a, o) => a + o.bytes, 0) / attempts : Number.NaN,
	};
}

const sqlText = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/**
 * The floor under one D1 batch: sqlite3 runs `batches` submissions' SQL on a copy of the app's D1
 * file (an attempt row whose number is counted as the app counts it, and its responses in
 * multi-row INSERTs of 16 rows as the app chunks them, each submission one transaction), with
 * synchronous=OFF (D1 makes writes durable by replicating them, not by this file). The CPU (user +
 * sys, from bash's `time`) of that run minus the same run with no batches, per batch.
 */
function sqliteBatchCpu(file: string, batches: number): { batches: number; cpuMsPerBatch: number } {
	const dir = mkdtempSync(path.join(tmpdir(), "quizline-sqlite-"));
	try {
		const copy = path.join(dir, "d1.sqlite");
		copyFileSync(file, copy);
		const json = (sql: string) => {
			const res = spawnSync("sqlite3", ["-json", copy, sql], { encoding: "utf8" });
			if (res.status !== 0) throw new Error(`sqlite3: ${res.stderr}`);
			return JSON.parse(res.stdout || "[]") as Record<string, string | number | null>[];
		};
		const [head] = json("SELECT * FROM attempts WHERE class_id IS NOT NULL ORDER BY submitted_at DESC LIMIT 1");
		if (!head) throw new Error("no class attempt to copy");
		const rows = json(`SELECT * FROM responses WHERE attempt_id = ${sqlText(head.id ?? "")} ORDER BY position`);
		const script: string[] = ["PRAGMA synchronous=OFF;"];
		for (let i = 0; i < batches; i++) {
			const id = `ffffffff-${String(i).padStart(4, "0").slice(-4)}-7000-8000-${String(i).padStart(12, "0")}`;
			const name = `Floor Student ${i}`;
			const key = name.toLowerCase();
			script.push(
				"BEGIN;",
				`INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash) VALUES (${sqlText(id)}, ${sqlText(head.quiz_id ?? "")}, ${sqlText(head.quiz_version ?? "")}, ${sqlText(head.class_id ?? null)}, ${sqlText(name)}, ${sqlText(key)}, (SELECT COUNT(*) + 1 FROM attempts WHERE class_id = ${sqlText(head.class_id ?? null)} AND quiz_id = ${sqlText(head.quiz_id ?? "")} AND student_key = ${sqlText(key)}), ${sqlText(head.started_at ?? null)}, ${Number(head.submitted_at) + i}, ${sqlText(head.score ?? 0)}, ${sqlText(head.max_score ?? 0)}, ${sqlText(head.request_hash ?? "")}) RETURNING *;`,
			);
			for (let first = 0; first < rows.length; first += 16)
				script.push(
					`INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES ${rows
						.slice(first, first + 16)
						.map(
							(r) =>
								`(${sqlText(id)}, ${sqlText(r.question_id ?? "")}, ${sqlText(r.position ?? 0)}, ${sqlText(r.answer ?? null)}, ${sqlText(r.correct ?? 0)}, ${sqlText(r.points ?? 0)})`,
						)
						.join(", ")};`,
				);
			script.push("COMMIT;");
		}
		const scriptFile = path.join(dir, "batches.sql");
		const cpu = (sqlFile: string) => {
			const res = spawnSync("bash", ["-c", `TIMEFORMAT="%U %S"; { time sqlite3 "$0" < "$1" > /dev/null; } 2>&1`, copy, sqlFile], {
				encoding: "utf8",
			});
			const [user, sys] = res.stdout.trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
			if (res.status !== 0 || user === undefined || sys === undefined || Number.isNaN(user + sys))
				throw new Error(`sqlite3 run failed: ${res.stdout} ${res.stderr}`);
			return (user + sys) * 1000;
		};
		writeFileSync(scriptFile, `${script.join("\n")}\n`);
		const emptyFile = path.join(dir, "empty.sql");
		writeFileSync(emptyFile, "PRAGMA synchronous=OFF;\n");
		const busy = cpu(scriptFile);
		const idle = cpu(emptyFile);
		return { batches, cpuMsPerBatch: (busy - idle) / batches };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function runCeiling(opts: { pin: boolean; quick: boolean; log: (l: string) => void }): Promise<CeilingResult> {
	const { pin, quick, log } = opts;
	const date = new Date().toISOString();
	const loadAtStart = loadavg()[0] ?? 0;
	const stepSeconds = quick ? 2 : 8;
	const ladder = quick ? 1.6 : 1.3;
	const bisections = quick ? 1 : 2;
	const cpuSeconds = quick ? 3 : 10;
	const sockets = 512;

	const hello = await startPinned({ config: "bench/baselines/hello/wrangler.toml", skipMigrations: true }, pin);
	const raw = await startPinned({ config: "bench/baselines/raw-insert/wrangler.toml" }, pin);
	const app = await startPinned({}, pin);
	const servers = { hello, raw, app };
	try {
		// A class to submit to, made through the API as a teacher would.
		const client = new HttpClient(app.url, 2);
		const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
		const teacher = await client.json("POST", "/api/admin/teachers", { name: "Ceiling Teacher" }, admin);
		if (teacher.status !== 201) return { measured: false, reason: `POST /api/admin/teachers answered ${teacher.status}`, date };
		const { token } = JSON.parse(teacher.body) as { token: string };
		const cls = await client.json("POST", "/api/teacher/classes", { name: "Ceiling 9Z" }, { Authorization: `Bearer ${token}` });
		if (cls.status !== 201) return { measured: false, reason: `POST /api/teacher/classes answered ${cls.status}`, date };
		const { joinCode } = JSON.parse(cls.body) as { joinCode: string };
		const quiz = await fetchQuiz(client);
		client.close();
		const body = { ...makeSubmission(quiz, rng(7)), classCode: joinCode };

		const job = (key: Key, rate: number, seconds: number): PacedJob => ({
			url: servers[key].url,
			path: key === "app" ? "/api/attempts" : "/",
			rate,
			seconds,
			body,
			sockets,
		});
		const steps: CeilingStep[] = [];
		const step = async (key: "raw" | "app", rate: number, phase: CeilingStep["phase"]) => {
			const r = await paced(job(key, Math.round(rate), stepSeconds), pin);
			const pass = r.p99 <= P99_LIMIT_MS && r.errors === 0 && r.non2xx === 0;
			steps.push({ ...r, target: key, phase, pass });
			log(
				`  ${key.padEnd(3)} ${String(r.rate).padStart(5)} req/s offered: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.completedPerSecond.toFixed(0)} done/s${r.non2xx || r.errors ? `, non-2xx ${r.non2xx}, errors ${r.errors}` : ""} → ${pass ? "pass" : "FAIL"}`,
			);
			await sleep(1000);
			return pass;
		};

		log(`  warm-up: 2 s at 20 req/s each`);
		for (const key of ["raw", "app"] as const) await paced(job(key, 20, 2), pin);

		const ceiling: Record<"raw" | "app", { pass: number | null; fail: number | null }> = {
			raw: { pass: null, fail: null },
			app: { pass: null, fail: null },
		};
		// The ladder, app and baseline interleaved rung by rung, until both have failed a step.
		for (let rate = LADDER_START; rate < 5000 && (ceiling.raw.fail === null || ceiling.app.fail === null); rate *= ladder) {
			for (const key of ["raw", "app"] as const) {
				if (ceiling[key].fail !== null) continue;
				if (await step(key, rate, "ladder")) ceiling[key].pass = Math.round(rate);
				else ceiling[key].fail = Math.round(rate);
			}
		}
		// Bisection (geometric) between the last rate that passed and the first that failed.
		for (let i = 0; i < bisections; i++) {
			for (const key of ["raw", "app"] as const) {
				const { pass, fail } = ceiling[key];
				if (pass === null || fail === null) continue;
				const mid = Math.round(Math.sqrt(pass * fail));
				if (mid <= pass || mid >= fail) continue;
				if (await step(key, mid, "bisect")) ceiling[key].pass = mid;
				else ceiling[key].fail = mid;
			}
		}

		// CPU per request at one rate all three sustain: half the lower ceiling.
		const cpuRate = Math.max(10, Math.round(0.5 * Math.min(ceiling.raw.pass ?? LADDER_START, ceiling.app.pass ?? LADDER_START)));
		const cpu: CpuSample[] = [];
		for (const key of ["hello", "raw", "app"] as const) {
			const server = servers[key];
			const wpid = workerPid(server);
			const sample = () => ({ w: cpuMs(wpid), g: groupPids(server).reduce((a, pid) => a + cpuMs(pid), 0) });
			const idle0 = sample();
			await sleep(cpuSeconds * 1000);
			const idle1 = sample();
			const r = await paced({ ...job(key, cpuRate, cpuSeconds), path: key === "app" ? "/api/attempts" : "/" }, pin);
			const busy1 = sample();
			const requests = r.ok + r.non2xx;
			const idleW = idle1.w - idle0.w;
			const idleG = idle1.g - idle0.g;
			const s: CpuSample = {
				target: key,
				rate: cpuRate,
				seconds: cpuSeconds,
				requests,
				workerdMs: (busy1.w - idle1.w - idleW) / requests,
				groupMs: (busy1.g - idle1.g - idleG) / requests,
				idleWorkerdMs: idleW,
				idleGroupMs: idleG,
			};
			cpu.push(s);
			log(
				`  CPU ${key.padEnd(5)} ${requests} requests at ${cpuRate} req/s: workerd ${s.workerdMs.toFixed(2)} ms/request, process group ${s.groupMs.toFixed(2)} ms/request (idle ${idleW.toFixed(0)} / ${idleG.toFixed(0)} ms over ${cpuSeconds} s)`,
			);
		}

		await stopServer(app, true);
		let rows: RowSizes | { error: string };
		try {
			rows = rowSizes(d1File(app.persistDir));
			try {
				rows.sqlite = sqliteBatchCpu(d1File(app.persistDir), quick ? 200 : 2000);
			} catch (err) {
				rows.sqlite = { error: err instanceof Error ? err.message : String(err) };
			}
			log(
				`  rows: ${rows.attempts} attempts, ${rows.responses} responses; ${rows.bytesPerAttempt.toFixed(0)} bytes per attempt with its responses and index entries`,
			);
			if ("cpuMsPerBatch" in rows.sqlite) log(`  sqlite3 alone: ${rows.sqlite.cpuMsPerBatch.toFixed(3)} ms of CPU per submission batch`);
		} catch (err) {
			rows = { error: err instanceof Error ? err.message : String(err) };
		}
		return { measured: true, date, quick, stepSeconds, ladder, steps, load: [loadAtStart, loadavg()[0] ?? 0], ceiling, cpu, rows };
	} finally {
		await Promise.all([stopServer(hello), stopServer(raw), stopServer(app)]);
	}
}

function table(head: string[], rows: (string | number)[][]): string {
	return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function ceilingMarkdown(r: CeilingResult | undefined): string[] {
	if (!r) return [];
	const out = ["## How far one D1 goes: the submission ceiling", ""];
	if (!r.measured) return [...out, `Not measured (${r.date.slice(0, 16).replace("T", " ")} UTC): ${r.reason}`, ""];
	const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
	const { raw, app } = r.ceiling;
	const last = (key: "raw" | "app", rate: number | null) => r.steps.find((s) => s.target === key && s.rate === rate);
	out.push(
		`Measured ${r.date.slice(0, 16).replace("T", " ")} UTC${r.quick ? " (BENCH_QUICK=1: short steps, not a record)" : ""}; \`npm run bench -- --only ceiling\` repeats this section alone. Open-loop POSTs at a fixed offered rate, ${r.stepSeconds} s per step, the rate ×${r.ladder} per step from ${LADDER_START} req/s, then bisected; a step passes while p99 ≤ ${P99_LIMIT_MS} ms with no error and no non-2xx. The machine's 1-minute load average: ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end (other work on a shared machine takes cores from both targets alike, which the interleaved rungs share).`,
		"",
		table(
			["Target", "Ceiling req/s (last pass)", "its p50 / p99 ms", "First failing rate", "its p99 ms", "Ceiling ratio"],
			(["raw", "app"] as const).map((key) => {
				const c = r.ceiling[key];
				const p = last(key, c.pass);
				const f = last(key, c.fail);
				return [
					key === "raw" ? "raw D1 insert Worker (baseline)" : "POST /api/attempts (class submission)",
					c.pass === null ? "none" : fmt(c.pass),
					p ? `${p.p50} / ${p.p99}` : "",
					c.fail === null ? "not reached" : fmt(c.fail),
					f ? `${fmt(f.p99)}${f.errors + f.non2xx ? ` (${f.errors + f.non2xx} failed)` : ""}` : "",
					key === "raw" ? "baseline" : app.pass !== null && raw.pass !== null ? x(app.pass, raw.pass) : "?",
				];
			}),
		),
		"",
	);
	const cpuBy = new Map(r.cpu.map((s) => [s.target, s]));
	const rawCpu = cpuBy.get("raw");
	const hello = cpuBy.get("hello");
	if (r.cpu.length > 0) {
		out.push(
			`CPU per request (Linux utime + stime of the workerd process that runs the Worker and its local D1, and of all of wrangler dev's processes, while serving ${fmt(r.cpu[0]?.requests ?? 0)} requests at ${fmt(r.cpu[0]?.rate ?? 0)} req/s for ${r.cpu[0]?.seconds} s, minus the same span idle; workerd reports no CPU time locally):`,
			"",
			table(
				[
					"Target",
					"Worker's workerd ms/request",
					"whole wrangler dev group ms/request",
					"Worker's workerd, ratio to raw insert",
					"beyond the hello Worker's",
				],
				r.cpu.map((s) => [
					s.target === "hello"
						? "hello Worker (baseline: the HTTP path)"
						: s.target === "raw"
							? "raw D1 insert Worker (baseline)"
							: "POST /api/attempts",
					s.workerdMs.toFixed(2),
					s.groupMs.toFixed(2),
					rawCpu ? x(s.workerdMs, rawCpu.workerdMs) : "?",
					hello && s.target !== "hello" ? `${(s.workerdMs - hello.workerdMs).toFixed(2)} ms` : "",
				]),
			),
			"",
			rawCpu && hello
				? `One D1 batch of an attempt and its 20 responses, with reading its JSON (raw insert − hello): ${(rawCpu.workerdMs - hello.workerdMs).toFixed(2)} ms of CPU in the Worker's workerd, the local D1's SQLite included.`
				: "",
			"",
		);
	}
	if ("error" in r.rows) out.push(`Row sizes not measured: ${r.rows.error}`, "");
	else {
		const rows = r.rows;
		out.push(
			`Row sizes (sqlite3 dbstat over the app's D1 file after the run: ${fmt(rows.attempts)} attempts, ${fmt(rows.responses)} responses, pages of ${fmt(rows.pageSize)} bytes, file ${fmt(rows.fileBytes / 2 ** 20, 1)} MiB):`,
			"",
			table(
				["Table or index", "Bytes (whole pages)", "Payload bytes", "Bytes per attempt"],
				rows.objects.map((o) => [
					o.name === o.table ? `${o.table} (table)` : `${o.name} (index of ${o.table})`,
					fmt(o.bytes),
					fmt(o.payload),
					fmt(o.bytes / rows.attempts),
				]),
			),
			"",
			`One attempt with its ${rows.attempts ? fmt(rows.responses / rows.attempts, 1) : "?"} responses and every index entry: **${fmt(rows.bytesPerAttempt)} bytes**.`,
			"",
			rows.sqlite === undefined
				? ""
				: "error" in rows.sqlite
					? `SQLite alone: not measured (${rows.sqlite.error}).`
					: `SQLite alone (the floor under D1's own time per submission): sqlite3 runs ${fmt(rows.sqlite.batches)} submissions' SQL on a copy of the app's D1 file, each one transaction (the attempt row with its number counted as the app counts it, its responses in INSERTs of 16 rows), synchronous=OFF: **${rows.sqlite.cpuMsPerBatch.toFixed(3)} ms of CPU per submission batch** (user + sys, minus an empty run).`,
			"",
		);
	}
	out.push(
		"<details><summary>Every step</summary>",
		"",
		table(
			["Target", "Phase", "Offered req/s", "Sent", "Done/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "Failed", "Pass"],
			r.steps.map((s) => [
				s.target,
				s.phase,
				fmt(s.rate),
				fmt(s.sent),
				fmt(s.completedPerSecond),
				fmt(s.p50),
				fmt(s.p90),
				fmt(s.p99),
				fmt(s.max),
				s.errors + s.non2xx,
				s.pass ? "yes" : "no",
			]),
		),
		"",
		"</details>",
		"",
	);
	return out;
}
