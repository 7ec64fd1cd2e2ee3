/**
 * Request-rate benchmarks: each target driven by autocannon in a separate process (pinned to the
 * other core), a warm-up run first, then `repeats` runs of `seconds` each, the targets interleaved
 * so drift on a shared machine hits app and baseline alike; the median run is reported.
 */
import type { CannonJob, CannonResult } from "./cannon";
import { loadProcess } from "./servers";

export interface Target {
	key: string;
	label: string;
	job: Omit<CannonJob, "connections" | "seconds">;
}

export interface Measured {
	key: string;
	label: string;
	runs: CannonResult[];
	/** Median of the runs' req/s, p50 and p99, each taken separately. */
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
}

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs one autocannon job in its own Node process, pinned to LOAD_CPU when `pin`. */
export function cannon(job: CannonJob, pin: boolean): Promise<CannonResult> {
	return loadProcess<CannonResult>("cannon.ts", job, pin, 60, "autocannon");
}

export async function measureAll(
	targets: Target[],
	opts: { connections: number; seconds: number; warmupSeconds: number; repeats: number; pin: boolean },
	log: (line: string) => void,
): Promise<Measured[]> {
	const runs = new Map<string, CannonResult[]>(targets.map((t) => [t.key, []]));
	for (const t of targets) {
		await cannon({ ...t.job, connections: opts.connections, seconds: opts.warmupSeconds }, opts.pin);
	}
	for (let r = 1; r <= opts.repeats; r++) {
		for (const t of targets) {
			const res = await cannon({ ...t.job, connections: opts.connections, seconds: opts.seconds }, opts.pin);
			runs.get(t.key)?.push(res);
			log(
				`  run ${r}/${opts.repeats} ${t.label.padEnd(34)} ${res.rps.toFixed(0).padStart(6)} req/s  p50 ${res.p50} ms  p99 ${res.p99} ms${res.non2xx || res.errors ? `  non-2xx ${res.non2xx} errors ${res.errors}` : ""}`,
			);
		}
	}
	return targets.map((t) => {
		const rs = runs.get(t.key) ?? [];
		return {
			key: t.key,
			label: t.label,
			runs: rs,
			rps: median(rs.map((x) => x.rps)),
			p50: median(rs.map((x) => x.p50)),
			p99: median(rs.map((x) => x.p99)),
			non2xx: rs.reduce((a, x) => a + x.non2xx, 0),
			errors: rs.reduce((a, x) => a + x.errors, 0),
		};
	});
}
