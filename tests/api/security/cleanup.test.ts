/**
 * Finding 7 (retention) and finding 11 (expired sessions): the daily Cron Trigger deletes practice
 * attempts after 30 days, and expired or idle sessions and expired export links.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../worker";
import { issuedId } from "../../fixtures/attempt-ids";
import { createClass, createTeacher, seedAttempts } from "../../fixtures/teacher";

const DAY = 86_400_000;

/** Runs the Worker's exported `scheduled` handler as the Cron Trigger would, at `at`. */
async function runCron(at: number) {
	await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "17 3 * * *" }), env);
}
const count = async (sql: string, ...args: unknown[]) =>
	(
		await env.DB.prepare(sql)
			.bind(...args)
			.first<{ n: number }>()
	)?.n;

describe("the daily clean-up", () => {
	it("finding 7: practice attempts older than 30 days are deleted by the Cron Trigger; class attempts and newer ones stay", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const now = Date.now();
		const old = issuedId();
		const recent = issuedId();
		const inClass = issuedId();
		await seedAttempts([{ id: inClass, classId: cls.id, name: "Kept In Class", submittedAt: now - 90 * DAY }]);
		await env.DB.batch([
			env.DB.prepare(
				"INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, submitted_at, score, max_score, request_hash) VALUES (?, 'q', 'v', NULL, 'Old', 'old', 1, ?, 1, 2, 'h'), (?, 'q', 'v', NULL, 'New', 'new', 1, ?, 1, 2, 'h')",
			).bind(old, now - 31 * DAY, recent, now - 29 * DAY),
			env.DB.prepare(
				"INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES (?, 'q1', 0, NULL, 0, 0)",
			).bind(old),
		]);
		await runCron(now);
		expect(await count("SELECT COUNT(*) AS n FROM attempts WHERE id = ?", old)).toBe(0);
		expect(await count("SELECT COUNT(*) AS n FROM responses WHERE attempt_id = ?", old)).toBe(0);
		expect(await count("SELECT COUNT(*) AS n FROM attempts WHERE id IN (?, ?)", recent, inClass)).toBe(2);
	});

	it("finding 11: expired and idle sessions and expired export links are removed by the same job", async () => {
		const t = await createTeacher();
		const cls = await createClass(t.token);
		const now = Date.now();
		const tokenId = (await env.DB.prepare("SELECT id FROM teacher_tokens WHERE teacher_id = ?").bind(t.id).first<{ id: string }>())?.id;
		const session = env.DB.prepare(
			"INSERT INTO teacher_sessions (id_hash, token_id, teacher_id, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
		);
		const link = env.DB.prepare(
			"INSERT INTO export_links (id, class_id, token_hash, export, quiz_id, created_at, expires_at) VALUES (?, ?, ?, 'scores', NULL, ?, ?)",
		);
		await env.DB.batch([
			session.bind("expired", tokenId, t.id, now - 1000, now - 2000),
			session.bind("idle", tokenId, t.id, now + DAY, now - 2 * 3_600_000),
			session.bind("live", tokenId, t.id, now + DAY, now - 60_000),
			link.bind("gone", cls.id, "h-gone", now - 2 * DAY, now - DAY),
			link.bind("live", cls.id, "h-live", now - DAY, now + DAY),
		]);
		await runCron(now);
		const sessions = await env.DB.prepare("SELECT id_hash AS id FROM teacher_sessions WHERE teacher_id = ?")
			.bind(t.id)
			.all<{ id: string }>();
		expect(sessions.results.map((r) => r.id)).toEqual(["live"]);
		const links = await env.DB.prepare("SELECT id FROM export_links WHERE class_id = ?").bind(cls.id).all<{ id: string }>();
		expect(links.results.map((r) => r.id)).toEqual(["live"]);
	});
});
