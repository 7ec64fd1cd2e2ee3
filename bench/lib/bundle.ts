/** Worker bundle size, raw and gzip, from `wrangler deploy --dry-run --outdir <tmp>`. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { wranglerEnv } from "../../scripts/lib/wrangler";
import { ROOT } from "./servers";

export interface BundleSize {
	/** The uploaded modules (source maps excluded), bytes. */
	rawBytes: number;
	/** gzip level 9 of the same bytes, as Cloudflare counts the upload limit. */
	gzipBytes: number;
	/** What wrangler itself printed ("Total Upload: … / gzip: …"). */
	wranglerSays: string;
	files: string[];
}

export function bundleSize(): BundleSize {
	const out = mkdtempSync(path.join(tmpdir(), "quizline-bundle-"));
	try {
		const res = spawnSync(path.join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
			cwd: ROOT,
			env: wranglerEnv({ ...process.env, CI: "true", NO_COLOR: "1" }),
			encoding: "utf8",
		});
		if (res.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${res.stdout}\n${res.stderr}`);
		const files = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => /\.(m?js|wasm)$/.test(f));
		const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(out, f))));
		const said = /Total Upload:[^\n]*/.exec(res.stdout + res.stderr)?.[0] ?? "(not printed)";
		return { rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, wranglerSays: said.trim(), files };
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
}
