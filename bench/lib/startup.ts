/**
 * What the drafter costs the Worker: the bundle and its start-up, with and without it, built by
 * esbuild (the bundler wrangler uses) with the same settings, the drafter replaced by an empty
 * module in the second build. Start-up is the time to evaluate the bundle (`import()`) in a fresh
 * Node process, the median of many runs; the drafter is imported lazily (`await import()` on the
 * draft route), so it adds parse time only until a teacher first asks for a draft, which is timed
 * on its own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "esbuild";
import { bundleWorkerModule } from "../../scripts/lib/bundle";
import { ROOT } from "./servers";

export interface Variant {
	rawBytes: number;
	gzipBytes: number;
	/** Median milliseconds to evaluate the bundle in a fresh process. */
	startupMs: number;
}

export interface DrafterCost {
	with: Variant;
	without: Variant;
	/** Median milliseconds for the first draft of the seed article in a fresh process: the lazy import plus one draft. */
	firstDraftMs: number;
	runs: number;
}

/** The drafter as an empty module: what the Worker would be without it. */
const noDrafter: Plugin = {
	name: "no-drafter",
	setup(b) {
		b.onResolve({ filter: /domain\/drafter$/ }, () => ({ path: "no-drafter", namespace: "stub" }));
		b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export function draftQuiz() { return []; }", loader: "js" }));
	},
};

async function bundle(dir: string, name: string, plugins: Plugin[]): Promise<{ file: string; bytes: Buffer }> {
	const file = path.join(dir, `${name}.mjs`);
	const bytes = await bundleWorkerModule("worker/index.ts", { minify: true, plugins });
	writeFileSync(file, bytes);
	return { file, bytes: Buffer.from(bytes) };
}

/** Median of `runs` timings printed by a fresh Node process running `script`. */
function medianMs(script: string, runs: number): number {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
		if (res.status !== 0) throw new Error(`startup probe failed:\n${res.stderr}`);
		times.push(Number(res.stdout.trim()));
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const importTime = (file: string) =>
	`const t = performance.now(); await import(${JSON.stringify(file)}); console.log((performance.now() - t).toFixed(3));`;

export async function drafterCost(runs = 21): Promise<DrafterCost> {
	const dir = mkdtempSync(path.join(tmpdir(), "quizline-startup-"));
	try {
		const withDrafter = await bundle(dir, "with-drafter", []);
		const withoutDrafter = await bundle(dir, "without-drafter", [noDrafter]);
		const variant = (b: { file: string; bytes: Buffer }): Variant => ({
			rawBytes: b.bytes.length,
			gzipBytes: gzipSync(b.bytes, { level: 9 }).length,
			startupMs: medianMs(importTime(b.file), runs),
		});
		const drafter = await bundleWorkerModule("worker/domain/drafter/index.ts", { minify: true });
		const drafterFile = path.join(dir, "drafter.mjs");
		writeFileSync(drafterFile, drafter);
		const seed = path.join(ROOT, "quiz-data/articles/nk-diplomacy-2017.json");
		const firstDraft = `import { readFileSync } from "node:fs";
const article = JSON.parse(readFileSync(${JSON.stringify(seed)}, "utf8"));
const t = performance.now();
const { draftQuiz } = await import(${JSON.stringify(drafterFile)});
draftQuiz({ title: article.title, paragraphs: article.paragraphs });
console.log((performance.now() - t).toFixed(3));`;
		return { with: variant(withDrafter), without: variant(withoutDrafter), firstDraftMs: medianMs(firstDraft, runs), runs };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
