/**
 * Bench baseline: POST reads the JSON body for its attemptId and writes one attempt and 20
 * responses in one D1 batch (the same statements and row shapes as the app's insertAttempt), with
 * no validation, grading or idempotency check. GET answers a constant, for the readiness probe.
 */
/** The slice of D1's binding used here (typed locally: bench/ is checked with Node's types). */
interface D1Statement {
	bind(...values: unknown[]): D1Statement;
}
interface Env {
	DB: { prepare(sql: string): D1Statement; batch(statements: D1Statement[]): Promise<unknown> };
}

const QUESTIONS = 20;
/** D1 binds at most 100 parameters per statement: 6 columns → 16 rows per INSERT, like the app. */
const ROWS_PER_STATEMENT = 16;

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		if (request.method !== "POST") return new Response("raw-insert", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
		const { attemptId } = (await request.json()) as { attemptId: string };
		const now = Date.now();
		const statements = [
			env.DB.prepare(
				`INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash)
				 VALUES (?, ?, ?, NULL, ?, ?, 1, NULL, ?, ?, ?, ?) RETURNING *`,
			).bind(attemptId, "nk-diplomacy-2017", "v0", "Bench Student", "bench student", now, 10, 20, "0".repeat(64)),
		];
		for (let first = 0; first < QUESTIONS; first += ROWS_PER_STATEMENT) {
			const rows = Math.min(ROWS_PER_STATEMENT, QUESTIONS - first);
			const values: unknown[] = [];
			for (let i = first; i < first + rows; i++) values.push(attemptId, `q-${i}`, i, '{"choiceIds":["a"]}', i % 2, i % 2);
			const placeholders = Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?)").join(", ");
			statements.push(
				env.DB.prepare(`INSERT INTO responses (attempt_id, question_id, position, answer, correct, points) VALUES ${placeholders}`).bind(
					...values,
				),
			);
		}
		await env.DB.batch(statements);
		return Response.json({ attemptId }, { status: 201 });
	},
};
