import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { classes, exportLinks, responses } from "../../worker/db/schema";

const rows = async (sql: string) => (await env.MIGRATION_DB.prepare(sql).all()).results;

/** Data as 0001 stored it: JSON in plain text columns, the export kind as free text. */
async function seedBeforeTypedColumns() {
	await env.MIGRATION_DB.batch(
		[
			"INSERT INTO teachers (id, name, created_at) VALUES ('t1', 'Ms Frizzle', 1)",
			"INSERT INTO teacher_tokens (id, teacher_id, token_hash, created_at) VALUES ('tok1', 't1', 'hash1', 1)",
			"INSERT INTO teacher_sessions (id_hash, token_id, teacher_id, expires_at) VALUES ('sess1', 'tok1', 't1', 9999999999999)",
			`INSERT INTO classes (id, teacher_id, name, join_code, created_at, open_quiz_ids, closes_at, max_attempts)
			 VALUES ('c1', 't1', '7B', 'ACDEFG', 1, '["nk-diplomacy-2017"]', NULL, 2), ('c2', 't1', '7C', 'HJKMNP', 2, NULL, 5, NULL)`,
			`INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash)
			 VALUES ('a1', 'nk-diplomacy-2017', 'v1', 'c1', 'Ada', 'ada', 1, NULL, 10, 1, 2, 'h1'),
			        ('a2', 'nk-diplomacy-2017', 'v1', NULL, 'Bo', 'bo', 1, 5, 11, 0, 2, 'h2')`,
			`INSERT INTO responses (attempt_id, question_id, position, answer, correct, points)
			 VALUES ('a1', 'q1', 0, '{"choiceIds":["pashin"]}', 1, 1), ('a1', 'q2', 1, '{"text":"Hwasong-15"}', 0, 0),
			        ('a2', 'q1', 0, NULL, 0, 0), ('a2', 'q2', 1, '{"text":"x"}', 0, 0)`,
			"INSERT INTO export_links (id, class_id, token_hash, export, quiz_id, created_at, expires_at) VALUES ('l1', 'c1', 'lh1', 'gradebook', NULL, 1, 2)",
		].map((sql) => env.MIGRATION_DB.prepare(sql)),
	);
}

describe("migration 0002 (typed JSON and enum columns)", () => {
	it("keeps every existing row, and the typed columns read them back without a cast", async () => {
		const before = env.TEST_MIGRATIONS.filter((m) => m.name < "0002");
		expect(before.map((m) => m.name)).toEqual(["0000_init.sql", "0001_teachers.sql"]);
		await applyD1Migrations(env.MIGRATION_DB, before);
		await seedBeforeTypedColumns();
		const snapshot = async () => ({
			teachers: await rows("SELECT * FROM teachers ORDER BY id"),
			tokens: await rows("SELECT * FROM teacher_tokens ORDER BY id"),
			sessions: await rows("SELECT * FROM teacher_sessions ORDER BY id_hash"),
			classes: await rows("SELECT * FROM classes ORDER BY id"),
			attempts: await rows("SELECT * FROM attempts ORDER BY id"),
			responses: await rows("SELECT * FROM responses ORDER BY attempt_id, question_id"),
			links: await rows("SELECT * FROM export_links ORDER BY id"),
		});
		const old = await snapshot();

		await applyD1Migrations(env.MIGRATION_DB, env.TEST_MIGRATIONS);

		// 0004 adds sessions' last_seen_at: null for a session from before it, which then counts as idle and ends.
		// 0005 adds classes' review policy and name picker: as before it, full feedback at once, names typed.
		expect(await snapshot()).toEqual({
			...old,
			sessions: old.sessions.map((row) => ({ ...row, last_seen_at: null })),
			classes: old.classes.map((row) => ({ ...row, review: "full", review_after: "submit", name_picker: 0 })),
		});
		expect(old.sessions).toHaveLength(1);
		expect(old.responses).toHaveLength(4);
		expect(old.attempts).toHaveLength(2);
		const db = createDb(env.MIGRATION_DB);
		const [c1] = await db.select().from(classes).where(eq(classes.id, "c1"));
		expect(c1?.openQuizIds).toEqual(["nk-diplomacy-2017"]);
		const answers = await db.select({ answer: responses.answer }).from(responses).where(eq(responses.attemptId, "a1"));
		expect(answers.map((r) => r.answer)).toEqual([{ choiceIds: ["pashin"] }, { text: "Hwasong-15" }]);
		const [link] = await db.select().from(exportLinks);
		expect(link?.export).toBe("gradebook");
	});

	it("refuses what the typed columns cannot hold: an answer that is not JSON, an export of no known kind", async () => {
		await applyD1Migrations(env.MIGRATION_DB, env.TEST_MIGRATIONS);
		await seedBeforeTypedColumns().catch(() => undefined);
		await expect(
			env.MIGRATION_DB.prepare(
				"INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES ('a1', 'q9', 9, 'not json', 0, 0)",
			).run(),
		).rejects.toThrow(/CHECK constraint failed/);
		await expect(
			env.MIGRATION_DB.prepare(
				"INSERT INTO export_links (id, class_id, token_hash, export, quiz_id, created_at, expires_at) VALUES ('l9', 'c1', 'lh9', 'everything', NULL, 1, 2)",
			).run(),
		).rejects.toThrow(/CHECK constraint failed/);
	});
});
