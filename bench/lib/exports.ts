/**
 * Teacher exports (scores.csv, gradebook.csv, responses.csv) at 10,000 and 100,000 attempts (20
 * responses each, every attempt a different student): a teacher and two classes
 * made through the API, the attempts seeded with SQL straight into the local D1 SQLite file
 * while the server is stopped, then each CSV downloaded once warm: time to first body byte,
 * total time, rows/s, workerd peak RSS — next to `sqlite3 -csv` running the same query on the
 * same file as the floor.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { HttpClient } from "../../scripts/lib/http";
import { TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";
import { fetchQuiz } from "../../scripts/lib/submissions";
import { procKiB, resetPeak, startPinned, stopServer, workerdPid } from "./servers";

/** The files measured, in download order. */
export const EXPORT_FILES = ["scores.csv", "gradebook.csv", "responses.csv"] as const;
export type ExportName = (typeof EXPORT_FILES)[number];

export interface ExportFile {
	name: ExportName;
	rows: number;
	bytes: number;
	totalMs: number;
	ttfbMs: number;
	rowsPerSec: number;
	peakKiB: number | null;
	floorMs: number;
	status: number;
}

export interface ExportSize {
	attempts: number;
	seedSeconds: number;
	files: ExportFile[];
}

export type ExportsResult = { measured: false; reason: string } | { measured: true; sizes: ExportSize[]; notes: string[] };

/**
 * The data each export reads, as one plain SQL query for the sqlite3 floor: the same filter, order
 * and stored values as the export writes (worker/features/exports/queries.ts reads them), in the
 * file's column order, unpaginated and unformatted. Every column the file takes from D1 is there
 * (scores.csv's started_at and attempt id, responses.csv's attempt id and question position were
 * missing until 2026-11-29); what the file takes from the quiz (titles, prompts, choice texts) or
 * works out (percent, duration) is not. gradebook.csv's values need its first and latest attempt
 * per student, so its floor runs the export's own correlated lookups.
 */
export const FLOOR_SQL: Record<ExportName, (classId: string) => string> = {
	"scores.csv": (classId) =>
		`SELECT a.student_name, a.quiz_id, a.attempt_number, a.score, a.max_score, a.started_at, a.submitted_at, a.id FROM attempts a WHERE a.class_id = '${classId}' ORDER BY a.submitted_at, a.id`,
	"gradebook.csv": (classId) => {
		const latest = (column: string, order: string) =>
			`(SELECT g.${column} FROM attempts g INDEXED BY attempts_class_quiz_student_idx WHERE g.class_id = a.class_id AND g.quiz_id = a.quiz_id AND g.student_key = a.student_key ORDER BY g.submitted_at ${order}, g.id ${order} LIMIT 1)`;
		return `SELECT a.quiz_id, a.student_key, COUNT(*), MAX(a.score), MAX(a.max_score), MIN(a.submitted_at), MAX(a.submitted_at), ${latest("score", "ASC")}, ${latest("score", "DESC")}, ${latest("student_name", "DESC")} FROM attempts a WHERE a.class_id = '${classId}' GROUP BY a.quiz_id, a.student_key ORDER BY a.quiz_id, a.student_key`;
	},
	"responses.csv": (classId) =>
		`SELECT a.student_name, a.quiz_id, a.id, a.attempt_number, a.submitted_at, r.position, r.question_id, r.answer, r.correct, r.points FROM attempts a JOIN responses r ON r.attempt_id = a.id WHERE a.class_id = '${classId}' ORDER BY a.submitted_at, a.id, r.position`,
};

function ensureSqlite3(log: (l: string) => void): boolean {
	if (spawnSync("sqlite3", ["--version"]).status === 0) return true;
	log("  sqlite3 is missing: running `apt-get update && apt-get install -y sqlite3` (the export floor needs it)");
	const res = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3"], {
		stdio: "inherit",
	});
	return res.status === 0 && spawnSync("sqlite3", ["--version"]).status === 0;
}

export function d1File(persistDir: string): string {
	const dir = path.join(persistDir, "v3/d1/miniflare-D1DatabaseObject");
	const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
	if (!file) throw new Error(`no D1 database file in ${dir}`);
	return path.join(dir, file);
}

function sqlite(file: string, args: string[], input?: string) {
	const res = spawnSync("sqlite3", [...args, file], { input, encoding: "utf8", maxBuffer: 2 ** 30 });
	if (res.status !== 0) throw new Error(`sqlite3 failed: ${res.stderr}`);
	return res;
}

/** n attempts of one class, each with one response per question, in one transaction. */
export function seedSql(
	classId: string,
	n: number,
	prefix: number,
	quiz: { id: string; version: string; questions: { id: string; type: string; choices: { id: string }[] }[] },
) {
	const answers = quiz.questions.map((q, pos) => {
		const answer = q.type === "short" ? JSON.stringify({ text: "oil" }) : JSON.stringify({ choiceIds: [q.choices[0]?.id ?? "a"] });
		return `SELECT '${q.id}' AS qid, ${pos} AS pos, '${answer.replace(/'/g, "''")}' AS answer`;
	});
	return `BEGIN;
INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash)
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
SELECT printf('%08x-0000-4000-8000-%012x', ${prefix}, i), '${quiz.id}', '${quiz.version}', '${classId}', 'Student ' || i, 'student ' || i, 1, NULL,
       1764000000000 + i * 1000, i % 21, 20, printf('%064x', i) FROM k;
INSERT INTO responses (attempt_id, question_id, position, answer, correct, points)
SELECT a.id, q.qid, q.pos, q.answer, (q.pos + a.score) % 2, (q.pos + a.score) % 2 FROM attempts a
CROSS JOIN (${answers.join(" UNION ALL ")}) q WHERE a.class_id = '${classId}';
COMMIT;`;
}

/** Downloads one URL, timing the first body byte and the end, counting bytes and lines. */
function download(url: string, token: string): Promise<{ status: number; ttfbMs: number; totalMs: number; bytes: number; lines: number }> {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		let ttfb = Number.NaN;
		let bytes = 0;
		let lines = 0;
		const req = http.get(url, { headers: { Authorization: `Bearer ${token}` }, timeout: 600_000 }, (res) => {
			res.on("data", (d: Buffer) => {
				if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
				bytes += d.length;
				for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
			});
			res.on("end", () => resolve({ status: res.statusCode ?? 0, ttfbMs: ttfb, totalMs: performance.now() - t0, bytes, lines }));
			res.on("error", reject);
		});
		req.on("timeout", () => req.destroy(new Error("export download timed out")));
		req.on("error", reject);
	});
}

/** Timed downloads of each export (and runs of its floor); the figures are their medians. */
const TIMED_RUNS = 3;

const median = (xs: readonly number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function runExports(opts: { pin: boolean; quick: boolean; log: (l: string) => void }): Promise<ExportsResult> {
	const { log } = opts;
	const sizes = opts.quick ? [1_000, 10_000] : [10_000, 100_000];
	const server = await startPinned({}, opts.pin);
	const client = new HttpClient(server.url, 2);
	let current = server;
	try {
		const quiz = (await fetchQuiz(client)) as Awaited<ReturnType<typeof fetchQuiz>> & { version: string };
		const teacher = await client.json(
			"POST",
			"/api/admin/teachers",
			{ name: "Bench Teacher" },
			{ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
		);
		if (teacher.status !== 201 && teacher.status !== 200) {
			return {
				measured: false,
				reason: `POST /api/admin/teachers answered ${teacher.status} (the teacher routes of issue #4 are not in this build)`,
			};
		}
		const { token } = JSON.parse(teacher.body) as { token: string };
		const classIds: string[] = [];
		for (const n of sizes) {
			const c = await client.json("POST", "/api/teacher/classes", { name: `Bench ${n}` }, { Authorization: `Bearer ${token}` });
			if (c.status !== 201 && c.status !== 200)
				return { measured: false, reason: `POST /api/teacher/classes answered ${c.status}: ${c.body.slice(0, 200)}` };
			classIds.push((JSON.parse(c.body) as { id: string }).id);
		}
		const probe = await client.request({
			method: "GET",
			path: `/api/teacher/classes/${classIds[0]}/scores.csv`,
			headers: { Authorization: `Bearer ${token}` },
		});
		if (probe.status !== 200) return { measured: false, reason: `GET …/scores.csv answered ${probe.status}: ${probe.body.slice(0, 200)}` };
		if (!ensureSqlite3(log)) return { measured: false, reason: "sqlite3 is not installed and could not be installed with apt-get" };

		await stopServer(server, true);
		const file = d1File(server.persistDir);
		const seedSeconds: number[] = [];
		for (const [i, n] of sizes.entries()) {
			const t = performance.now();
			sqlite(file, [], seedSql(classIds[i] as string, n, i + 1, quiz));
			seedSeconds.push((performance.now() - t) / 1000);
			log(
				`  seeded ${n.toLocaleString("en-GB")} attempts (+${(n * quiz.questions.length).toLocaleString("en-GB")} responses) in ${seedSeconds[i]?.toFixed(1)} s`,
			);
		}
		current = await startPinned({ persistDir: server.persistDir, skipMigrations: true }, opts.pin);
		const pid = workerdPid(current);
		const results: ExportSize[] = [];
		let peakResets = true;
		for (const [i, n] of sizes.entries()) {
			const classId = classIds[i] as string;
			const files: ExportFile[] = [];
			for (const name of EXPORT_FILES) {
				const url = `${current.url}/api/teacher/classes/${classId}/${name}`;
				await download(url, token); // warm: first-run compilation and page cache out of the figure
				// Three timed downloads and three floor runs, each figure their median: one run of either is at the mercy of a shared machine.
				const runs: Awaited<ReturnType<typeof download>>[] = [];
				const peaks: number[] = [];
				const floors: number[] = [];
				let floorBytes = 0;
				for (let run = 0; run < TIMED_RUNS; run++) {
					peakResets = resetPeak(pid) && peakResets;
					runs.push(await download(url, token));
					if (peakResets) peaks.push(procKiB(pid, "VmHWM"));
					const f0 = performance.now();
					floorBytes = sqlite(file, ["-csv", "-header", "-readonly"], `${FLOOR_SQL[name](classId)};\n`).stdout.length;
					floors.push(performance.now() - f0);
				}
				const d = {
					...(runs[0] as (typeof runs)[number]),
					totalMs: median(runs.map((r) => r.totalMs)),
					ttfbMs: median(runs.map((r) => r.ttfbMs)),
				};
				const peakKiB = peakResets && peaks.length > 0 ? Math.max(...peaks) : null;
				const floorMs = median(floors);
				const rows = Math.max(0, d.lines - 1);
				files.push({
					name,
					rows,
					bytes: d.bytes,
					totalMs: d.totalMs,
					ttfbMs: d.ttfbMs,
					rowsPerSec: rows / (d.totalMs / 1000),
					peakKiB,
					floorMs,
					status: d.status,
				});
				log(
					`  ${n.toLocaleString("en-GB")} ${name}: ${d.status}, ${rows.toLocaleString("en-GB")} rows, ${(d.bytes / 2 ** 20).toFixed(1)} MiB in ${d.totalMs.toFixed(0)} ms (TTFB ${d.ttfbMs.toFixed(0)} ms, peak ${peakKiB ? (peakKiB / 1024).toFixed(0) : "?"} MiB); sqlite3 ${floorMs.toFixed(0)} ms, ${floorBytes} bytes`,
				);
			}
			results.push({ attempts: n, seedSeconds: seedSeconds[i] ?? 0, files });
		}
		const notes = [
			`Seeding: ${sizes.map((n, i) => `${n.toLocaleString("en-GB")} attempts in ${seedSeconds[i]?.toFixed(1)} s`).join(", ")} (SQL into the D1 file with sqlite3).`,
			peakResets
				? "Peak memory: workerd's VmHWM after resetting it (clear_refs) right before each download."
				: "Peak memory: the kernel refused to reset VmHWM, so peaks are cumulative.",
			"sqlite3 floor queries (same filter, order and values as the export; one query, no pages, no formatting):",
			"",
			"```sql",
			...EXPORT_FILES.map((f) => FLOOR_SQL[f]("<class id>")),
			"```",
		];
		return { measured: true, sizes: results, notes };
	} finally {
		client.close();
		await stopServer(current);
	}
}
