/**
 * Starts the real Worker under workerd with `wrangler dev` on a free loopback port, with its
 * own local D1 state (migrations applied), for end-to-end, load and benchmark runs from Node.
 * The whole process group (wrangler and its workerd) is stopped by stop() or kill().
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { wranglerEnv } from "./wrangler";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRANGLER = path.join(ROOT, "node_modules/.bin/wrangler");

export interface LocalServer {
	url: string;
	port: number;
	/** Folder holding this server's local D1 (and other) state. */
	persistDir: string;
	/** The wrangler process; its process group includes workerd. */
	process: ChildProcess;
	/** Graceful stop (SIGTERM to the group), waits for exit. */
	stop(): Promise<void>;
	/** SIGKILL to the whole group at once, like a crash; waits for exit. */
	kill(): Promise<void>;
}

export interface StartOptions {
	/** Reuse a state folder (e.g. to restart after a crash); a fresh temporary one otherwise. */
	persistDir?: string;
	port?: number;
	/** Extra vars for the Worker, e.g. { ADMIN_TOKEN: "…" }. */
	vars?: Record<string, string>;
	/** Another wrangler config (bench baselines). */
	config?: string;
	/** Skip applying migrations (baselines without D1 migrations). */
	skipMigrations?: boolean;
	/** Print wrangler's output. */
	verbose?: boolean;
}

export const TEST_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
/** The secret the local server signs attempt ids with; the load tools sign theirs with it too (scripts/lib/submissions.ts). */
export const TEST_ATTEMPT_SECRET = "e2e-attempt-secret-0123456789abcdef-0123456789";

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once("error", reject);
		srv.listen(0, "127.0.0.1", () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

const baseEnv = () => wranglerEnv({ ...process.env, CI: "true", NO_COLOR: "1" });

/** Applies every migration to the local D1 kept in persistDir. */
export function applyMigrations(persistDir: string, config = "wrangler.toml"): void {
	const res = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir, "-c", config], {
		cwd: ROOT,
		env: baseEnv(),
		encoding: "utf8",
	});
	if (res.status !== 0) throw new Error(`migrations failed:\n${res.stdout}\n${res.stderr}`);
}

/** Another process took the free port between our probe and wrangler's bind. */
class PortTaken extends Error {}

export async function startLocalServer(options: StartOptions = {}): Promise<LocalServer> {
	const persistDir = options.persistDir ?? mkdtempSync(path.join(tmpdir(), "quizline-"));
	const config = options.config ?? "wrangler.toml";
	if (!options.skipMigrations) applyMigrations(persistDir, config);
	// A free port can be taken by another process before wrangler binds it: draw another and try again.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOn(options.port ?? (await freePort()), persistDir, config, options);
		} catch (err) {
			if (!(err instanceof PortTaken) || options.port !== undefined || attempt >= 3) throw err;
		}
	}
}

async function startOn(port: number, persistDir: string, config: string, options: StartOptions): Promise<LocalServer> {
	const vars = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, ATTEMPT_SECRET: TEST_ATTEMPT_SECRET, ...options.vars };
	const args = ["dev", "--local", "-c", config, "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir];
	args.push("--show-interactive-dev-session=false", "--log-level", options.verbose ? "log" : "warn");
	for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
	const child = spawn(WRANGLER, args, { cwd: ROOT, env: baseEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	const collect = (d: Buffer) => {
		output += d.toString();
		if (options.verbose) process.stderr.write(d);
	};
	child.stdout?.on("data", collect);
	child.stderr?.on("data", collect);
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	const url = `http://127.0.0.1:${port}`;
	const signal = async (sig: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		try {
			process.kill(-(child.pid as number), sig);
		} catch {
			// already gone
		}
		await exited;
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) {
			if (/Address already in use/.test(output)) throw new PortTaken(output);
			throw new Error(`wrangler dev exited early:\n${output}`);
		}
		try {
			const res = await fetch(`${url}/api/quizzes`);
			if (res.ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) {
			await signal("SIGKILL");
			throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return { url, port, persistDir, process: child, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
}

/** Removes a temporary state folder made by startLocalServer. */
export function removeState(persistDir: string): void {
	rmSync(persistDir, { recursive: true, force: true });
}
