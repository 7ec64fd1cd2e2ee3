/**
 * (a) Submissions at the bell: `total` POST /api/attempts over `connections` sockets, of which 20%
 * replay an earlier attempt id — half of those fired at the same moment as the original, half
 * once the original has been answered. Afterwards: exactly one stored attempt per unique id (by
 * the API and by SQL), every replay got the original result, nothing answered 5xx.
 */
import { integrity, storedAttemptIds } from "../../scripts/lib/d1";
import { HttpClient, pool, type Reply } from "../../scripts/lib/http";
import { fetchQuiz, makeSubmission, rng, type Submission, studentAddress } from "../../scripts/lib/submissions";
import type { Check } from "./report";

interface Job {
	submission: Submission;
	/** Send this many copies at once (1 = just the original). */
	copies: number;
	/** Index of an earlier job to replay once it has been answered. */
	replayOf?: number;
}

export interface ConcurrencyResult {
	requests: number;
	unique: number;
	replays: number;
	simultaneous: number;
	statuses: Record<string, number>;
	p50: number;
	p99: number;
	seconds: number;
	checks: Check[];
}

const canonical = (body: string) => JSON.stringify(JSON.parse(body));

export async function runConcurrency(url: string, persistDir: string, total: number, connections: number): Promise<ConcurrencyResult> {
	const client = new HttpClient(url, connections);
	try {
		const quiz = await fetchQuiz(client);
		const random = rng(20170829);
		const replays = Math.round(total * 0.2);
		const unique = total - replays;
		const simultaneous = Math.floor(replays / 2);
		const later = replays - simultaneous;
		// Originals; the first `simultaneous` of them (spread over the run) are sent twice at once.
		const jobs: Job[] = Array.from({ length: unique }, () => ({ submission: makeSubmission(quiz, random), copies: 1 }));
		const stride = Math.max(1, Math.floor(unique / simultaneous));
		for (let k = 0; k < simultaneous; k++) (jobs[(k * stride) % unique] as Job).copies += 1;
		// Later replays, slotted in after their original so they run while the load goes on.
		for (let k = 0; k < later; k++) {
			const of = Math.floor(random() * (unique - 1));
			const at = Math.min(jobs.length, of + 1 + Math.floor(random() * 200));
			jobs.splice(at, 0, { submission: (jobs[of] as Job).submission, copies: 1, replayOf: of });
		}
		const answered = new Map<string, Promise<unknown>>();
		const replies = new Map<string, { reply: Reply; replay: boolean }[]>();
		const errors: string[] = [];
		const started = performance.now();
		await pool(jobs, connections, async (job) => {
			const id = job.submission.attemptId;
			if (job.replayOf !== undefined) await answered.get(id);
			const send = () =>
				client.json("POST", "/api/attempts", job.submission, studentAddress(id)).then(
					(reply) => {
						const list = replies.get(id) ?? [];
						list.push({ reply, replay: job.replayOf !== undefined });
						replies.set(id, list);
					},
					(err: Error) => {
						errors.push(`${id}: ${err.message}`);
					},
				);
			const done = Promise.all(Array.from({ length: job.copies }, send));
			if (job.replayOf === undefined) answered.set(id, done);
			await done;
		});
		const seconds = (performance.now() - started) / 1000;

		const all = [...replies.values()].flat().map((r) => r.reply);
		const statuses: Record<string, number> = {};
		for (const r of all) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
		const times = all.map((r) => r.ms).sort((a, b) => a - b);
		const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN;

		// Per unique id: exactly one 201, every other answer a 200 with the same body.
		const badReplays: string[] = [];
		const originals = new Map<string, string>();
		for (const [id, list] of replies) {
			const created = list.filter((r) => r.reply.status === 201);
			const others = list.filter((r) => r.reply.status !== 201);
			const first = created[0];
			if (created.length !== 1 || !first || others.some((r) => r.reply.status !== 200)) {
				badReplays.push(`${id}: statuses ${list.map((r) => r.reply.status).join(",")}`);
				continue;
			}
			const body = canonical(first.reply.body);
			originals.set(id, body);
			for (const o of others) if (canonical(o.reply.body) !== body) badReplays.push(`${id}: replay body differs`);
		}

		// Every unique id readable through the API, with the result its submitter got.
		const badReads: string[] = [];
		await pool([...originals], connections, async ([id, body]) => {
			const r = await client.request({ method: "GET", path: `/api/attempts/${id}` });
			if (r.status !== 200) badReads.push(`${id}: GET ${r.status}`);
			else if (canonical(r.body) !== body) badReads.push(`${id}: GET body differs from the 201`);
		});

		const stored = storedAttemptIds(persistDir);
		const sent = new Set(jobs.map((j) => j.submission.attemptId));
		const missing = [...sent].filter((id) => !stored.has(id));
		const extra = [...stored].filter((id) => !sent.has(id));
		const sql = integrity(persistDir, quiz.questionCount);
		const fivexx = all.filter((r) => r.status >= 500).length;
		const checks: Check[] = [
			{
				name: "no 5xx, no network error",
				ok: fivexx === 0 && errors.length === 0,
				detail: `${fivexx} 5xx, ${errors.length} errors ${errors.slice(0, 3).join("; ")}`,
			},
			{ name: "all requests answered", ok: all.length === total, detail: `${all.length} of ${total}` },
			{
				name: "one 201 per unique id, replays 200 with the original body",
				ok: badReplays.length === 0,
				detail: badReplays.slice(0, 5).join("; "),
			},
			{
				name: "GET /api/attempts/:id = original result for every id",
				ok: badReads.length === 0 && originals.size === unique,
				detail: `${originals.size} read; ${badReads.slice(0, 5).join("; ")}`,
			},
			{
				name: "SQL: one attempt row per unique id",
				ok: sql.attempts === unique && stored.size === unique && missing.length === 0 && extra.length === 0,
				detail: `${sql.attempts} rows, ${unique} unique ids, ${missing.length} missing, ${extra.length} unexpected`,
			},
			{
				name: "SQL: every attempt has all its responses",
				ok: sql.partialAttempts === 0 && sql.orphanResponses === 0 && sql.responses === unique * quiz.questionCount,
				detail: `${sql.responses} responses, ${sql.partialAttempts} partial, ${sql.orphanResponses} orphans`,
			},
		];
		return { requests: all.length, unique, replays, simultaneous, statuses, p50: pct(50), p99: pct(99), seconds, checks };
	} finally {
		client.close();
	}
}
