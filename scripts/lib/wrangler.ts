/**
 * Running wrangler from the operator's scripts without reaching out to anyone. By default (each can
 * be overridden from the environment):
 * - WRANGLER_SEND_METRICS=false: no usage metrics;
 * - CLOUDFLARE_CF_FETCH_ENABLED=false: miniflare does not download the `Request.cf` sample from
 *   workers.cloudflare.com/cf.json (offline, that fails with a stack trace) and uses its built-in
 *   placeholder; the app reads nothing from `request.cf`;
 * - WRANGLER_HIDE_BANNER=true: no banner, which is also what asks the npm registry for a newer
 *   wrangler.
 */
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const WRANGLER = path.join(ROOT, "node_modules/.bin/wrangler");
export const WRANGLER_CONFIG = path.join(ROOT, "wrangler.toml");

const OFFLINE_DEFAULTS = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };

/** The environment for a wrangler process (or for wrangler's API in this one): the offline defaults under the caller's own settings. */
export function wranglerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return { ...OFFLINE_DEFAULTS, ...env };
}

/** Puts the offline defaults into this process's environment, for wrangler's API (getPlatformProxy) run in-process. */
export function useOfflineDefaults(): void {
	for (const [key, value] of Object.entries(OFFLINE_DEFAULTS)) process.env[key] ??= value;
}

/** Runs a wrangler command from the project root and returns its output (never throws for a failed command). */
export function wrangler(args: string[], options: Omit<SpawnSyncOptions, "encoding"> = {}) {
	return spawnSync(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), maxBuffer: 64 * 1024 * 1024, ...options, encoding: "utf8" });
}

/**
 * wrangler.toml as a copy of it kept in `dir` (absolute, below ROOT) would need it: no `#:schema`
 * line, `main` relative to `dir`, and [observability] off (its local trace store would be one more
 * writer sharing the machine with what is being measured). Throws if it could not be turned off.
 */
export function wranglerTomlCopy(dir: string): string {
	const up = path.relative(dir, ROOT).split(path.sep).join("/");
	const toml = readFileSync(WRANGLER_CONFIG, "utf8")
		.replace(/^#:schema .*$/m, "")
		.replace(/^main = "(.*)"$/m, (_, m: string) => `main = "${up}/${m}"`)
		.replace(/(\[observability\]\s*\nenabled = )true/, "$1false");
	if (!toml.includes("enabled = false")) throw new Error("could not turn [observability] off in a copy of wrangler.toml");
	return toml;
}
