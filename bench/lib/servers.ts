/**
 * Servers for the bench: the app and the two baselines, each under `wrangler dev` (workerd) with
 * its own local D1, pinned to one core (taskset) so the load generator can have another; and
 * the workerd process's memory, read from /proc.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { type LocalServer, removeState, type StartOptions, startLocalServer } from "../../scripts/lib/local-server";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_CPU = "0";
export const LOAD_CPU = "1";

const started = new Set<LocalServer>();

export function hasTaskset(): boolean {
	return spawnSync("taskset", ["-V"], { encoding: "utf8" }).status === 0 && availableParallelism() >= 2;
}

/** Every process in the server's process group (wrangler, workerd, helpers). */
export function groupPids(server: LocalServer): number[] {
	const res = spawnSync("pgrep", ["-g", String(server.process.pid)], { encoding: "utf8" });
	return res.stdout
		.split("\n")
		.map((s) => Number.parseInt(s, 10))
		.filter((n) => Number.isInteger(n));
}

export function workerdPid(server: LocalServer): number {
	for (const pid of groupPids(server)) {
		try {
			if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd") return pid;
		} catch {
			// gone
		}
	}
	throw new Error(`no workerd process in the group of wrangler ${server.process.pid}`);
}

/** A /proc/<pid>/status field in KiB (VmHWM = peak resident set, VmRSS = current). */
export function procKiB(pid: number, field: "VmHWM" | "VmRSS"): number {
	const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
	if (!m) throw new Error(`${field} not found for ${pid}`);
	return Number(m[1]);
}

/** Resets the peak-RSS mark (Linux: "5" to clear_refs); false when the kernel refuses. */
export function resetPeak(pid: number): boolean {
	const res = spawnSync("sh", ["-c", `echo 5 > /proc/${pid}/clear_refs`]);
	return res.status === 0;
}

export async function startPinned(options: StartOptions, pin: boolean): Promise<LocalServer> {
	const server = await startLocalServer(options);
	started.add(server);
	if (pin) for (const pid of groupPids(server)) spawnSync("taskset", ["-a", "-cp", SERVER_CPU, String(pid)], { stdio: "ignore" });
	return server;
}

export async function stopServer(server: LocalServer, keepState = false): Promise<void> {
	await server.stop();
	started.delete(server);
	if (!keepState) removeState(server.persistDir);
}

/** Kills every server this process started; for finally blocks and signal handlers. */
export async function stopAllServers(): Promise<void> {
	await Promise.all([...started].map((s) => s.kill()));
	for (const s of started) removeState(s.persistDir);
	started.clear();
}

/**
 * Runs a load script (bench/lib/<script>) with its job as the one argument, in its own Node process
 * pinned to LOAD_CPU when `pin`, killed `graceSeconds` after the job's own length; resolves with the
 * JSON the script prints on its last line. `what` names the load in errors.
 */
export function loadProcess<R>(script: string, job: { seconds: number }, pin: boolean, graceSeconds: number, what: string): Promise<R> {
	const node = process.execPath;
	const args = ["--import", "tsx", path.join(ROOT, "bench/lib", script), JSON.stringify(job)];
	const [cmd, argv] = pin ? ["taskset", ["-c", LOAD_CPU, node, ...args]] : [node, args];
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, argv as string[], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
		let out = "";
		let err = "";
		child.stdout.on("data", (d: Buffer) => {
			out += d;
		});
		child.stderr.on("data", (d: Buffer) => {
			err += d;
		});
		const timer = setTimeout(() => child.kill("SIGKILL"), (job.seconds + graceSeconds) * 1000);
		child.on("exit", (code) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`${what} process failed (${code}): ${err.slice(0, 2000)}`));
			try {
				resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "") as R);
			} catch {
				reject(new Error(`${what} printed no result: ${out.slice(0, 500)} ${err.slice(0, 500)}`));
			}
		});
	});
}
