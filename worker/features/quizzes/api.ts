import { Hono } from "hono";
import { attemptSecrets, newAttemptId } from "../../domain/attempt-id";
import { publicQuiz } from "../../domain/quiz/public";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import * as z from "../../lib/z";
import { classCodeSchema } from "../attempts/schema";
import { findQuiz } from "./library";
import { offeredBy } from "./service";

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
		return c.json({ ...publicQuiz(found.quiz), attemptId: await newAttemptId(attemptSecrets(c.env).current) });
	});
