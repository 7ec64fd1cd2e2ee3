/**
 * (b) A crash in the middle of the bell: unique submissions stream in over several connections;
 * once `afterAcks` of them have been answered 2xx, the whole server (wrangler and workerd) gets a
 * SIGKILL while requests are still in flight. It is started again on the same local state.
 * Then: every attempt acknowledged before the kill is stored with all its responses and reads
 * back as acknowledged; no half-written attempt (SQL); nothing stored that was never sent; and a
 * student retrying an unanswered request after the restart gets a normal 201/200.
 */

import { integrity, storedAttemptIds } from "../../scripts/lib/d1";
import { HttpClient, pool } from "../../scripts/lib/http";
import type { LocalServer } from "../../scripts/lib/local-server";
import { fetchQuiz, makeSubmission, type PublicQuiz, rng, type Submission, studentAddress } from "../../scripts/lib/submissions";
import type { Check } from "./report";

export interface CrashResult {
	sent: number;
	acked: number;
	inFlightAtKill: number;
	storedAfterRestart: number;
	unansweredStored: number;
	retried: number;
	restartSeconds: number;
	checks: Check[];
}

const canonical = (body: string) => JSON.stringify(JSON.parse(body));

export async function runCrash(
	server: LocalServer,
	restart: (persistDir: string) => Promise<LocalServer>,
	opts: { afterAcks: number; maxRequests: number; connections: number },
): Promise<{ result: CrashResult; restarted: LocalServer }> {
	const client = new HttpClient(server.url, opts.connections, 10_000);
	let quiz: PublicQuiz;
	const acked = new Map<string, string>();
	const inFlight = new Map<string, Submission>();
	const errors: string[] = [];
	const fivexx: string[] = [];
	let sent = 0;
	let killed = false;
	let inFlightAtKill = 0;
	let resolveKilled: () => void = () => {};
	const killedNow = new Promise<void>((r) => {
		resolveKilled = r;
	});
	try {
		quiz = await fetchQuiz(client);
		const random = rng(2017_11_29);
		const lane = async () => {
			while (!killed && sent < opts.maxRequests) {
				const s = makeSubmission(quiz, random);
				sent++;
				inFlight.set(s.attemptId, s);
				try {
					const r = await client.json("POST", "/api/attempts", s, studentAddress(s.attemptId));
					if (r.status >= 500) fivexx.push(`${r.status} ${r.body.slice(0, 200)}`);
					if (r.status === 201 || r.status === 200) {
						acked.set(s.attemptId, canonical(r.body));
						inFlight.delete(s.attemptId);
					}
					if (!killed && acked.size >= opts.afterAcks) {
						killed = true;
						inFlightAtKill = inFlight.size;
						resolveKilled();
					}
				} catch (err) {
					// Expected only once the server is gone: the request stays "unanswered".
					if (!killed) errors.push((err as Error).message);
				}
			}
		};
		const lanes = Promise.all(Array.from({ length: opts.connections }, lane));
		await Promise.race([killedNow, lanes]);
		if (!killed) throw new Error(`only ${acked.size} acknowledgements within ${opts.maxRequests} requests; no crash happened`);
		await server.kill();
		await lanes;
	} finally {
		client.close();
	}

	const t = performance.now();
	const restarted = await restart(server.persistDir);
	const restartSeconds = (performance.now() - t) / 1000;
	const after = new HttpClient(restarted.url, opts.connections);
	try {
		const badReads: string[] = [];
		await pool([...acked], opts.connections, async ([id, body]) => {
			const r = await after.request({ method: "GET", path: `/api/attempts/${id}` });
			if (r.status !== 200) badReads.push(`${id}: GET ${r.status}`);
			else if (canonical(r.body) !== body) badReads.push(`${id}: stored result differs from the acknowledged one`);
		});
		const stored = storedAttemptIds(restarted.persistDir);
		const missing = [...acked.keys()].filter((id) => !stored.has(id));
		const fromNowhere = [...stored].filter((id) => !acked.has(id) && !inFlight.has(id));
		const unansweredStored = [...inFlight.keys()].filter((id) => stored.has(id)).length;
		const sqlAfterCrash = integrity(restarted.persistDir, quiz.questionCount);

		// The students whose request died with the server press "submit" again.
		const retryStatuses: number[] = [];
		await pool([...inFlight.values()], opts.connections, async (s) => {
			const r = await after.json("POST", "/api/attempts", s, studentAddress(s.attemptId));
			retryStatuses.push(r.status);
		});
		const badRetries = retryStatuses.filter((s) => s !== 200 && s !== 201);
		const sqlFinal = integrity(restarted.persistDir, quiz.questionCount);
		const checks: Check[] = [
			{
				name: "no 5xx before the kill",
				ok: fivexx.length === 0 && errors.length === 0,
				detail: `${fivexx.length} 5xx, ${errors.length} errors: ${[...fivexx, ...errors].slice(0, 3).join("; ")}`,
			},
			{
				name: "every 2xx before the kill is stored, reads back the same",
				ok: missing.length === 0 && badReads.length === 0,
				detail: `${missing.length} missing; ${badReads.slice(0, 5).join("; ")}`,
			},
			{
				name: "SQL after the crash: no half-written attempt",
				ok: sqlAfterCrash.partialAttempts === 0 && sqlAfterCrash.orphanResponses === 0,
				detail: JSON.stringify(sqlAfterCrash),
			},
			{ name: "SQL: nothing stored that was never sent", ok: fromNowhere.length === 0, detail: `${fromNowhere.length} unknown ids` },
			{
				name: "retries of unanswered requests after restart get 201/200",
				ok: badRetries.length === 0,
				detail: `statuses ${badRetries.slice(0, 10).join(",")}`,
			},
			{
				name: "SQL after retries: every attempt complete, one per id",
				ok: sqlFinal.partialAttempts === 0 && sqlFinal.orphanResponses === 0 && sqlFinal.attempts === acked.size + inFlight.size,
				detail: `${JSON.stringify(sqlFinal)}; expected ${acked.size + inFlight.size} attempts`,
			},
		];
		return {
			result: {
				sent,
				acked: acked.size,
				inFlightAtKill,
				storedAfterRestart: sqlAfterCrash.attempts,
				unansweredStored,
				retried: retryStatuses.length,
				restartSeconds,
				checks,
			},
			restarted,
		};
	} finally {
		after.close();
	}
}
