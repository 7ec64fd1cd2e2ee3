import { Hono } from "hono";
import { describeIssue } from "../../domain/issues";
import type { AppEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { conflict, created, forbidden, type HttpProblem, notFound, unprocessable } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { attemptIdSchema, submissionSchema } from "./schema";
import { findResult, recordSubmission, refusalSentence, type SubmitResult } from "./service";

/** 64 KiB: a full quiz's answers take a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

type Refused = Exclude<SubmitResult, { kind: "stored" | "replayed" }>;

/** A refused submission as the API's problem. */
function submitProblem(result: Refused): HttpProblem {
	const sentence = refusalSentence(result);
	switch (result.kind) {
		case "conflict":
			return conflict("Attempt id already used", sentence);
		case "noAttemptsLeft":
			return conflict("No attempts left", sentence);
		case "unknownQuiz":
			return unprocessable("Unknown quiz", sentence, [{ path: "quizId", message: "unknown quiz" }]);
		case "invalidAnswers":
			return unprocessable("Answers do not fit the quiz", result.issues.map(describeIssue).join("; "), result.issues);
		case "unknownClass":
			return unprocessable("Unknown class code", sentence, [{ path: "classCode", message: "unknown class code" }]);
		case "classClosed":
			return forbidden("Class closed", sentence);
		case "quizNotOpen":
			return forbidden("Quiz not open", sentence);
		case "rateLimited":
			return tooManyJoins();
	}
}

export const attemptsApi = new Hono<AppEnv>()
	.post("/", limitBody(MAX_BODY_BYTES), requireJson, validate("json", submissionSchema), async (c) => {
		const outcome = await recordSubmission(c.var.db, c.req.valid("json"), joinLimiter(c));
		if (outcome.kind === "stored") return created(c, outcome.result, `/api/attempts/${outcome.result.attemptId}`);
		if (outcome.kind === "replayed") {
			c.header("Location", `/api/attempts/${outcome.result.attemptId}`);
			return c.json(outcome.result);
		}
		throw submitProblem(outcome);
	})
	.get("/:attemptId", validate("param", z.object({ attemptId: attemptIdSchema })), async (c) => {
		const { attemptId } = c.req.valid("param");
		const found = await findResult(c.var.db, attemptId);
		if (found.kind === "notFound") throw notFound("Attempt not found", `There is no attempt ${attemptId}.`);
		return c.json(found.result);
	});
