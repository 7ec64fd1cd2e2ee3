/**
 * How big a test:load run is. LOAD_SCALE=ci (the default, what `npm test` and .ci/run use) meets
 * the counts; `smoke` is for quick local iterations; `full` is a longer soak.
 */
export interface Scale {
	name: string;
	/** (a) submissions in total, 20% of them replays. */
	submissions: number;
	connections: number;
	/** (b) 2xx answers to wait for before the SIGKILL, and a hard cap on requests sent. */
	crashAfterAcks: number;
	crashMaxRequests: number;
	crashConnections: number;
	/** (c) generated requests. */
	fuzzRuns: number;
}

const SCALES: Record<string, Scale> = {
	smoke: {
		name: "smoke",
		submissions: 200,
		connections: 20,
		crashAfterAcks: 50,
		crashMaxRequests: 2_000,
		crashConnections: 10,
		fuzzRuns: 300,
	},
	ci: {
		name: "ci",
		submissions: 2_000,
		connections: 50,
		crashAfterAcks: 400,
		crashMaxRequests: 10_000,
		crashConnections: 20,
		fuzzRuns: 5_000,
	},
	full: {
		name: "full",
		submissions: 10_000,
		connections: 50,
		crashAfterAcks: 2_000,
		crashMaxRequests: 50_000,
		crashConnections: 50,
		fuzzRuns: 20_000,
	},
};

export function scaleFromEnv(value = process.env.LOAD_SCALE ?? "ci"): Scale {
	const scale = SCALES[value];
	if (!scale) throw new Error(`LOAD_SCALE must be one of ${Object.keys(SCALES).join(", ")}, not "${value}"`);
	return scale;
}
