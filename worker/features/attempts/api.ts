import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { Problem } from "../../http/problem";
import { noteJoinLookup } from "../../http/rate-limit";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { findAttempt } from "./queries";
import { attemptIdSchema, attemptResult, loadQuizOr404, recordSubmission, submissionSchema } from "./service";

/** 64 KiB: a full quiz's answers take a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

export const tooLarge = limitBody(MAX_BODY_BYTES);

export const attempts = new Hono<AppEnv>()
	.post("/", tooLarge, requireJson, validate("json", submissionSchema), async (c) => {
		if (c.req.valid("json").classCode !== null) await noteJoinLookup(c);
		const { status, result } = await recordSubmission(c.var.db, c.req.valid("json"));
		c.header("Location", `/api/attempts/${result.attemptId}`);
		return c.json(result, status);
	})
	.get("/:attemptId", validate("param", z.object({ attemptId: attemptIdSchema })), async (c) => {
		const { attemptId } = c.req.valid("param");
		const stored = await findAttempt(c.var.db, attemptId);
		if (!stored) throw new Problem(404, "Attempt not found", `There is no attempt ${attemptId}.`);
		const quiz = await loadQuizOr404(stored.attempt.quizId);
		return c.json(attemptResult(quiz, stored));
	});
