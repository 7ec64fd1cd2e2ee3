import { env } from "cloudflare:workers";
import { parseCsv } from "../fixtures/csv";
import { call, postJson } from "./http";
import { QUIZ_ID } from "./quiz";

/** The ADMIN_TOKEN vitest.config.ts gives the Worker. */
export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

let ip = 0;
/**
 * A fresh client address per call: the auth rate limiter counts failures per address, and a test
 * file makes more deliberate failures than one address may in a minute.
 */
export const freshIp = () => `198.51.100.${(ip++ % 250) + 1}`;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, "CF-Connecting-IP": freshIp() });

export interface TeacherCreds {
	id: string;
	name: string;
	token: string;
}

export async function createTeacher(name = "Ms Frizzle"): Promise<TeacherCreds> {
	const res = await postJson("/api/admin/teachers", { name }, bearer(ADMIN_TOKEN));
	if (res.status !== 201) throw new Error(`createTeacher: ${res.status} ${await res.text()}`);
	return res.json();
}

export interface ClassJson {
	id: string;
	name: string;
	joinCode: string;
	joinUrl: string;
	openQuizIds: string[] | null;
	closesAt: string | null;
	maxAttempts: number | null;
	attempts?: number;
}

export async function createClass(token: string, body: Record<string, unknown> = { name: "7B English" }): Promise<ClassJson> {
	const res = await postJson("/api/teacher/classes", body, bearer(token));
	if (res.status !== 201) throw new Error(`createClass: ${res.status} ${await res.text()}`);
	return res.json();
}

export function submit(classCode: string | null, studentName: string, answers: unknown[] = [], attemptId = crypto.randomUUID()) {
	return postJson("/api/attempts", { attemptId, quizId: QUIZ_ID, studentName, classCode, answers }, { "CF-Connecting-IP": freshIp() });
}

export function teacherGet(token: string, path: string) {
	return call(path, { headers: bearer(token) });
}

/** GETs a CSV export and parses it (asserting the BOM), keeping the raw text for byte-level checks. */
export async function getCsv(token: string, path: string) {
	const res = await teacherGet(token, path);
	const bytes = new Uint8Array(await res.arrayBuffer());
	const text = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
	return { res, bytes, text, rows: res.ok ? parseCsv(text) : [] };
}

/** Inserts attempt rows straight into D1 (for names the API would normalise): multi-row INSERTs, bound, under 100 parameters each. */
export async function seedAttempts(
	rows: { id?: string; classId: string; name: string; quizId?: string; score?: number; submittedAt: number; startedAt?: number | null }[],
) {
	const PER_STATEMENT = 8; // 12 columns × 8 rows = 96 bound parameters
	const statements = [];
	for (let i = 0; i < rows.length; i += PER_STATEMENT) {
		const part = rows.slice(i, i + PER_STATEMENT);
		const values = part.flatMap((r, j) => [
			r.id ?? crypto.randomUUID(),
			r.quizId ?? QUIZ_ID,
			"v",
			r.classId,
			r.name,
			r.name.toLowerCase(),
			i + j + 1,
			r.startedAt ?? null,
			r.submittedAt,
			r.score ?? 1,
			20,
			"h",
		]);
		statements.push(
			env.DB.prepare(
				`INSERT INTO attempts (id, quiz_id, quiz_version, class_id, student_name, student_key, attempt_number, started_at, submitted_at, score, max_score, request_hash) VALUES ${part.map(() => "(?,?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
			).bind(...values),
		);
	}
	await env.DB.batch(statements);
}
