/**
 * The open-loop load generator of the ceiling stage (bench/lib/ceiling.ts), run as its own process
 * (pinned to another core than the server): submissions sent at a fixed offered rate, each at its
 * scheduled time whatever the server is doing, so a slow server meets a growing queue as it would
 * with a class of phones (a closed loop, like autocannon's connections, would wait for it and
 * hide the queue). Latency is measured from each request's scheduled time to the end of its
 * response. Prints one JSON line: a PacedResult.
 */
import http from "node:http";
import { issuedAttemptId, studentAddress } from "../../scripts/lib/submissions";

export interface PacedJob {
	url: string;
	path: string;
	/** Requests per second, offered. */
	rate: number;
	seconds: number;
	/** A submission; attemptId is replaced by a fresh server-style id in every request. */
	body: object;
	/** Sockets at most (requests beyond wait in the client's queue, and that wait counts as latency). */
	sockets: number;
}

export interface PacedResult {
	rate: number;
	seconds: number;
	sent: number;
	ok: number;
	non2xx: number;
	errors: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
	/** Responses received per second, from the first scheduled send to the last response. */
	completedPerSecond: number;
}

const TIMEOUT_MS = 30_000;

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function runPaced(job: PacedJob): Promise<PacedResult> {
	const base = new URL(job.url);
	if (base.hostname !== "127.0.0.1") throw new Error("bench traffic goes to 127.0.0.1 only");
	const agent = new http.Agent({ keepAlive: true, maxSockets: job.sockets, maxFreeSockets: job.sockets });
	const latencies: number[] = [];
	let ok = 0;
	let non2xx = 0;
	let errors = 0;
	let lastEnd = 0;
	const total = Math.round(job.rate * job.seconds);
	const inFlight: Promise<void>[] = [];

	const send = (scheduled: number) =>
		new Promise<void>((resolve) => {
			const attemptId = issuedAttemptId();
			const body = Buffer.from(JSON.stringify({ ...job.body, attemptId }));
			const req = http.request(
				{
					host: "127.0.0.1",
					port: base.port,
					path: job.path,
					method: "POST",
					agent,
					timeout: TIMEOUT_MS,
					headers: { "Content-Type": "application/json", "Content-Length": String(body.length), ...studentAddress(attemptId) },
				},
				(res) => {
					res.resume();
					res.on("end", () => {
						const end = performance.now();
						lastEnd = Math.max(lastEnd, end);
						latencies.push(end - scheduled);
						if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok++;
						else non2xx++;
						resolve();
					});
					res.on("error", () => {
						errors++;
						resolve();
					});
				},
			);
			req.on("timeout", () => req.destroy(new Error("timeout")));
			req.on("error", () => {
				errors++;
				lastEnd = Math.max(lastEnd, performance.now());
				resolve();
			});
			req.end(body);
		});

	const start = performance.now() + 20;
	let sent = 0;
	await new Promise<void>((resolve) => {
		const tick = () => {
			const now = performance.now();
			// Every request whose time has come, each stamped with its own scheduled time.
			while (sent < total && start + (sent * 1000) / job.rate <= now) {
				inFlight.push(send(start + (sent * 1000) / job.rate));
				sent++;
			}
			if (sent >= total) resolve();
			else setTimeout(tick, Math.max(0, Math.min(5, start + (sent * 1000) / job.rate - now)));
		};
		setTimeout(tick, 20);
	});
	await Promise.all(inFlight);
	agent.destroy();
	const sorted = latencies.sort((a, b) => a - b);
	return {
		rate: job.rate,
		seconds: job.seconds,
		sent,
		ok,
		non2xx,
		errors,
		p50: Math.round(percentile(sorted, 50)),
		p90: Math.round(percentile(sorted, 90)),
		p99: Math.round(percentile(sorted, 99)),
		max: Math.round(sorted.at(-1) ?? Number.NaN),
		completedPerSecond: (ok + non2xx) / ((lastEnd - start) / 1000),
	};
}

process.stdout.write(`${JSON.stringify(await runPaced(JSON.parse(process.argv[2] ?? "{}") as PacedJob))}\n`);
