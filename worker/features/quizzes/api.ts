import { Hono, type TypedResponse } from "hono";
import { attemptSecrets, newAttemptId } from "../../domain/attempt-id";
import { type PublicQuiz, publicQuiz } from "../../domain/quiz/public";
import type { Quiz } from "../../domain/quiz/schema";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { boundedMemo } from "../../lib/memo";
import { Utf8Builder, utf8 } from "../../lib/utf8";
import * as z from "../../lib/z";
import { classCodeSchema } from "../attempts/schema";
import { findQuiz } from "./library";
import { offeredBy } from "./service";

/** What GET /api/quizzes/:quizId answers: the public quiz and a fresh attempt id. */
type QuizForStudent = PublicQuiz & { attemptId: string };

/**
 * The public quiz as JSON once per quiz version and isolate (a bounded number of them), in UTF-8 and
 * without its closing brace: each request only appends its own attempt id, instead of serialising
 * the article and every question again, or encoding them again.
 */
const serialised = boundedMemo<Uint8Array>(256);

function publicQuizJson(quiz: Quiz): Uint8Array {
	return serialised(`${quiz.id}\u0000${quiz.version}`, () => utf8(JSON.stringify(publicQuiz(quiz)).slice(0, -1)));
}

/** Quizzes as students get them: no answers, explanations or evidence. */
export const quizzesApi = new Hono<AppEnv>()
	.get("/", validate("query", z.object({ class: z.optional(classCodeSchema) })), async (c) => {
		const offered = await offeredBy(c.var.db, c.req.valid("query").class ?? null, joinLimiter(c));
		if (offered.kind === "rateLimited") throw tooManyJoins();
		if (offered.kind === "unknownClass") throw notFound("Class not found", `No class has the code "${offered.classCode}".`);
		return c.json({ quizzes: offered.quizzes });
	})
	.get("/:quizId", async (c) => {
		const quizId = c.req.param("quizId");
		const found = await findQuiz(c.var.db, quizId);
		if (!found || found.archived) throw notFound("Quiz not found", `There is no quiz "${quizId}".`);
		// A fresh server-issued attempt id: its timestamp is when the quiz was handed out.
		c.header("Cache-Control", "no-store");
		c.header("Content-Type", "application/json");
		const attemptId = await newAttemptId(attemptSecrets(c.env).current);
		const body = c.body(
			new Utf8Builder()
				.bytes(publicQuizJson(found.quiz))
				.text(`,"attemptId":${JSON.stringify(attemptId)}}`)
				.finish(),
		);
		// The same body c.json would write (a test compares them), typed as c.json would type it for the typed client.
		return body as unknown as Response & TypedResponse<QuizForStudent, 200, "json">;
	});
