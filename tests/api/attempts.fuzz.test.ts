import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issuedId } from "../fixtures/attempt-ids";
import { call } from "../fixtures/http";
import { QUIZ_ID } from "../fixtures/quiz";

/** Sends a body and checks the answer is a 4xx problem+json, never a 5xx or a success. */
async function expectRejected(body: string, contentType = "application/json") {
	const res = await call("/api/attempts", { method: "POST", headers: { "Content-Type": contentType }, body });
	const type = res.headers.get("Content-Type") ?? "";
	const text = await res.text();
	if (res.status < 400 || res.status >= 500 || !type.startsWith("application/problem+json")) {
		throw new Error(`${res.status} ${type} for body ${body.slice(0, 200)}: ${text.slice(0, 200)}`);
	}
	const problem = JSON.parse(text) as { status: number; detail: string };
	expect(problem.status).toBe(res.status);
	expect(problem.detail.length).toBeGreaterThan(0);
}

const valid = () => ({
	attemptId: issuedId(),
	quizId: QUIZ_ID,
	studentName: "Fuzz Student",
	answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
});

/** A value of any JSON type other than the one a field needs. */
const notA = (kind: "string" | "array" | "object") =>
	fc.oneof(
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		...(kind !== "string" ? [fc.string()] : []),
		...(kind !== "array" ? [fc.array(fc.jsonValue(), { maxLength: 3 })] : []),
		...(kind !== "object" ? [fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 })] : []),
	);

const field = fc.constantFrom("attemptId", "quizId", "studentName", "answers");

describe("POST /api/attempts under generated malformed input", { timeout: 120_000 }, () => {
	it("answers random text and random JSON with a 4xx problem", async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
				),
				async (body) => expectRejected(body),
			),
			{ numRuns: 120 },
		);
	});

	it("answers a valid body with one field of the wrong type or missing with a 4xx problem", async () => {
		await fc.assert(
			fc.asyncProperty(field, fc.oneof(notA("string"), fc.constant(undefined)), async (key, value) => {
				const body: Record<string, unknown> = valid();
				if (key === "answers" && typeof value !== "undefined" && Array.isArray(value)) return; // an array is the right type
				body[key] = value;
				await expectRejected(JSON.stringify(body));
			}),
			{ numRuns: 120 },
		);
	});

	it("answers broken answers (unknown ids, wrong shapes, duplicates) with a 4xx problem", async () => {
		const badAnswer = fc.oneof(
			fc.record({
				questionId: fc.string({ maxLength: 20 }).filter((s) => !s.startsWith("q-")),
				choiceIds: fc.array(fc.string(), { maxLength: 3 }),
			}),
			fc.record({
				questionId: fc.constant("q-third-party"),
				choiceIds: fc.array(
					fc.string({ maxLength: 8 }).filter((s) => s !== "pashin"),
					{ minLength: 1, maxLength: 3 },
				),
			}),
			fc.record({ questionId: fc.constant("q-third-party"), text: fc.string() }),
			fc.record({ questionId: fc.constant("q-third-party"), choiceIds: notA("array") }),
			fc.record({ questionId: notA("string") }),
			notA("object"),
		);
		await fc.assert(
			fc.asyncProperty(fc.array(badAnswer, { minLength: 1, maxLength: 4 }), async (answers) => {
				await expectRejected(JSON.stringify({ ...valid(), answers }));
			}),
			{ numRuns: 120 },
		);
	});

	it("answers wrong content types and truncated JSON with a 4xx problem", async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "", "application/xml"),
				fc.nat(200),
				async (type, cut) => {
					const body = JSON.stringify(valid());
					await expectRejected(body, type);
					await expectRejected(body.slice(0, Math.min(cut, body.length - 1)));
				},
			),
			{ numRuns: 60 },
		);
	});

	it("stored nothing for any of it", async () => {
		const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM attempts").first<{ n: number }>();
		expect(row?.n).toBe(0);
	});
});
