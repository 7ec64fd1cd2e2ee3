/**
 * Reads the local D1 of a server's state folder the way an operator would:
 * `wrangler d1 execute DB --local --persist-to <dir> --command "…" --json`.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { wranglerEnv } from "./wrangler";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRANGLER = path.join(ROOT, "node_modules/.bin/wrangler");

export function d1Query<Row = Record<string, unknown>>(persistDir: string, sql: string, config = "wrangler.toml"): Row[] {
	const res = spawnSync(
		WRANGLER,
		["d1", "execute", "DB", "--local", "--persist-to", persistDir, "-c", config, "--command", sql, "--json"],
		{
			cwd: ROOT,
			env: wranglerEnv({ ...process.env, CI: "true", NO_COLOR: "1" }),
			encoding: "utf8",
			maxBuffer: 256 * 1024 * 1024,
			timeout: 120_000,
		},
	);
	if (res.status !== 0) throw new Error(`wrangler d1 execute failed (${res.status}): ${res.stderr}\n${res.stdout.slice(0, 2000)}`);
	const start = res.stdout.indexOf("[");
	const parsed = JSON.parse(res.stdout.slice(start)) as { results: Row[]; success: boolean }[];
	const last = parsed.at(-1);
	if (!last?.success) throw new Error(`query failed: ${sql}\n${res.stdout.slice(0, 2000)}`);
	return last.results;
}

/** Integrity of the attempts/responses pair: what a half-written attempt would show. */
export interface Integrity {
	attempts: number;
	responses: number;
	/** Attempts with a number of responses other than the quiz's question count. */
	partialAttempts: number;
	/** Responses whose attempt row does not exist. */
	orphanResponses: number;
}

export function integrity(persistDir: string, questionCount: number): Integrity {
	const [row] = d1Query<Integrity>(
		persistDir,
		`SELECT (SELECT COUNT(*) FROM attempts) AS attempts,
		        (SELECT COUNT(*) FROM responses) AS responses,
		        (SELECT COUNT(*) FROM attempts a WHERE (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id) <> ${questionCount}) AS partialAttempts,
		        (SELECT COUNT(*) FROM responses r WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.id = r.attempt_id)) AS orphanResponses`,
	);
	if (!row) throw new Error("integrity query returned nothing");
	return row;
}

/** The ids of every stored attempt. */
export function storedAttemptIds(persistDir: string): Set<string> {
	return new Set(d1Query<{ id: string }>(persistDir, "SELECT id FROM attempts").map((r) => r.id));
}
