/**
 * npm run test:load — correctness under pressure against the real Worker (wrangler dev, local D1):
 * (a) concurrent submissions with replays, (b) a SIGKILL mid-run and a restart on the same state,
 * (c) fast-check generated bad input across every route, (d) oversized bodies against workerd's peak
 * memory. Prints each run's numbers; exits 1 on any failed check. Size: LOAD_SCALE=smoke|ci|full (ci by default). Speed is not asserted here: bench/.
 */

import { type LocalServer, removeState, startLocalServer } from "../../scripts/lib/local-server";
import { runConcurrency } from "./concurrency";
import { runCrash } from "./crash";
import { runFuzz } from "./fuzz";
import { runMemory } from "./memory";
import { type Check, checkLines, statusSummary, table } from "./report";
import { scaleFromEnv } from "./scale";

const scale = scaleFromEnv();
const only = new Set((process.env.LOAD_ONLY ?? "a,b,c,d").split(","));
const servers = new Set<LocalServer>();
const stateDirs = new Set<string>();

async function stopAll() {
	await Promise.all([...servers].map((s) => s.kill()));
	servers.clear();
	for (const dir of stateDirs) removeState(dir);
	stateDirs.clear();
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
	process.once(sig, () => {
		void stopAll().finally(() => process.exit(130));
	});
}

async function start(persistDir?: string): Promise<LocalServer> {
	const server = await startLocalServer(persistDir ? { persistDir } : {});
	servers.add(server);
	stateDirs.add(server.persistDir);
	return server;
}

async function stop(server: LocalServer) {
	await server.stop();
	servers.delete(server);
}

const all: Check[] = [];
const t0 = performance.now();
console.log(`test:load at scale "${scale.name}" (LOAD_SCALE), against wrangler dev on 127.0.0.1`);
try {
	if (only.has("a")) {
		const server = await start();
		const r = await runConcurrency(server.url, server.persistDir, scale.submissions, scale.connections);
		await stop(server);
		console.log(
			table("(a) concurrent submissions with replays", [
				["requests", r.requests],
				["unique attempt ids", r.unique],
				["replays (same moment / later)", `${r.replays} (${r.simultaneous} / ${r.replays - r.simultaneous})`],
				["connections", scale.connections],
				["statuses", statusSummary(r.statuses)],
				["req/s", r.requests / r.seconds],
				["latency p50 / p99 ms", `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`],
				["seconds", r.seconds],
			]),
		);
		console.log(checkLines(r.checks));
		all.push(...r.checks);
	}
	if (only.has("b")) {
		const server = await start();
		const { result: r, restarted } = await runCrash(server, (dir) => start(dir), {
			afterAcks: scale.crashAfterAcks,
			maxRequests: scale.crashMaxRequests,
			connections: scale.crashConnections,
		});
		servers.delete(server);
		await stop(restarted);
		console.log(
			table("(b) SIGKILL mid-run, restart on the same state", [
				["requests sent before the kill", r.sent],
				["answered 2xx before the kill", r.acked],
				["in flight when killed", r.inFlightAtKill],
				["unanswered but stored (complete)", r.unansweredStored],
				["attempts stored after restart", r.storedAfterRestart],
				["retried after restart", r.retried],
				["restart seconds", r.restartSeconds],
			]),
		);
		console.log(checkLines(r.checks));
		all.push(...r.checks);
	}
	if (only.has("c")) {
		const server = await start();
		const r = await runFuzz(server.url, scale.fuzzRuns);
		await stop(server);
		console.log(
			table("(c) generated bad input (fast-check)", [
				["requests", r.requests],
				["seed (FUZZ_SEED to replay)", String(r.seed)],
				["statuses", statusSummary(r.statuses)],
				[
					"bodies",
					Object.entries(r.bodyKinds)
						.map(([k, n]) => `${k}×${n}`)
						.join(", "),
				],
				["req/s", r.requests / r.seconds],
				["seconds", r.seconds],
			]),
		);
		console.log(checkLines(r.checks));
		all.push(...r.checks);
	}
	if (only.has("d")) {
		const server = await start();
		const r = await runMemory(server.url, server.process.pid as number);
		await stop(server);
		console.log(
			table("(d) oversized bodies to the sign-in form, workerd's peak memory", [
				["requests (control and sign-in; 1 MiB and 3 MiB, Content-Length and chunked)", r.requests],
				["statuses", statusSummary(r.statuses)],
				["peak memory after the control / after the sign-in forms, MiB", `${r.beforeMiB.toFixed(1)} / ${r.afterMiB.toFixed(1)}`],
			]),
		);
		console.log(checkLines(r.checks));
		all.push(...r.checks);
	}
} catch (err) {
	all.push({ name: "run completed", ok: false, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) });
} finally {
	await stopAll();
}

const failed = all.filter((c) => !c.ok);
console.log(`\ntest:load: ${all.length - failed.length}/${all.length} checks passed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
for (const f of failed) console.log(`  FAIL ${f.name}: ${f.detail}`);
process.exit(failed.length === 0 ? 0 : 1);
