import { Hono } from "hono";
import { newAttemptId } from "../../domain/attempt-id";
import { publicQuiz, quizSummary } from "../../domain/quiz/public";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/problem";
import { findQuiz, getCatalog } from "./library";

export const noQuiz = (quizId: string) => notFound("Quiz not found", `There is no quiz "${quizId}".`);

/** Quizzes as students get them: no answers, explanations or evidence. */
export const quizzesApi = new Hono<AppEnv>()
	.get("/", async (c) => {
		const { quizzes } = await getCatalog();
		return c.json({ quizzes: quizzes.map(quizSummary) });
	})
	.get("/:quizId", async (c) => {
		const quizId = c.req.param("quizId");
		const quiz = await findQuiz(quizId);
		if (!quiz) throw noQuiz(quizId);
		// A fresh server-issued attempt id: its timestamp is when the quiz was handed out.
		c.header("Cache-Control", "no-store");
		return c.json({ ...publicQuiz(quiz), attemptId: newAttemptId() });
	});
