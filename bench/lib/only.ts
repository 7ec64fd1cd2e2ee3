/**
 * npm run bench -- --only ceiling: one stage alone, its figures merged into the last full run's
 * (bench/results/latest.json), so docs/performance.md keeps every other section as it was measured
 * and the stage's section says when it was measured. For a stage that takes minutes of a run that
 * takes many more; the full `npm run bench` stays the record.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCeiling } from "./ceiling";
import { environment } from "./environment";
import { evaluate, type Results, renderMarkdown } from "./report";
import { hasTaskset, ROOT, stopAllServers } from "./servers";

const STAGES = ["ceiling"] as const;

export async function runOnly(argv: string[], quick: boolean): Promise<never> {
	const stage = argv[argv.indexOf("--only") + 1];
	if (!STAGES.some((s) => s === stage)) {
		console.error(`--only takes one of: ${STAGES.join(", ")}`);
		process.exit(2);
	}
	const latest = path.join(ROOT, "bench/results/latest.json");
	const pin = hasTaskset();
	const results: Results = existsSync(latest)
		? (JSON.parse(readFileSync(latest, "utf8")) as Results)
		: {
				date: new Date().toISOString(),
				environment: environment(),
				method: { pinned: pin ? "server (wrangler + workerd) on CPU 0, load on CPU 1 (taskset)" : "not pinned", quick },
				api: [],
				pageMeasured: false,
				exports: { measured: false, reason: "not run (--only)" },
				bundle: null,
				seconds: 0,
			};
	let failed = false;
	try {
		console.log(`bench --only ${stage}: ${pin ? "server on CPU 0, load on CPU 1" : "not pinned"}`);
		results.ceiling = await runCeiling({ pin, quick, log: (l) => console.log(l) });
	} catch (err) {
		failed = true;
		console.error(err);
	} finally {
		await stopAllServers();
	}
	results.targets = evaluate(results);
	mkdirSync(path.dirname(latest), { recursive: true });
	writeFileSync(latest, `${JSON.stringify(results, null, "\t")}\n`);
	writeFileSync(path.join(ROOT, "docs/performance.md"), renderMarkdown(results));
	console.log(`bench --only ${stage}: wrote bench/results/latest.json and docs/performance.md`);
	process.exit(failed ? 1 : 0);
}
