import { Hono } from "hono";
import { newAttemptId } from "../../domain/attempt-id";
import { publicQuiz, quizSummary } from "../../domain/quiz/public";
import type { AppEnv } from "../../env";
import { loadQuizOr404 } from "../attempts/service";
import { getCatalog } from "./library";

/** Quizzes as students get them: no answers, explanations or evidence. */
export const quizzes = new Hono<AppEnv>()
	.get("/", async (c) => {
		const { quizzes: all } = await getCatalog();
		return c.json({ quizzes: all.map(quizSummary) });
	})
	.get("/:quizId", async (c) => {
		const quiz = await loadQuizOr404(c.req.param("quizId"));
		// A fresh server-issued attempt id: its timestamp is when the quiz was handed out.
		c.header("Cache-Control", "no-store");
		return c.json({ ...publicQuiz(quiz), attemptId: newAttemptId() });
	});
