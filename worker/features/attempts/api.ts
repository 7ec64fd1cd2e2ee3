import { type Context, Hono } from "hono";
import { attemptSecrets } from "../../domain/attempt-id";
import { describeIssue } from "../../domain/issues";
import type { AppEnv } from "../../env";
import { JSON_BODY_BYTES, limitBody } from "../../http/body-limit";
import { conflict, created, type FieldProblem, forbidden, type HttpProblem, notFound, unprocessable } from "../../http/problem";
import { joinLimiter, practiceLimiter, tooManyJoins, tooManyPractice } from "../../http/rate-limit";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { attemptIdSchema, submissionSchema } from "./schema";
import { findResult, recordSubmission, refusalSentence, type SubmitGuards, type SubmitResult } from "./service";

/** 64 KiB: a full quiz's answers take a few KiB. */
export const MAX_BODY_BYTES = JSON_BODY_BYTES;

/** What the service checks a submission against, for this request's client: the API and the quiz form alike. */
export function submitGuards<E extends AppEnv>(c: Context<E>): SubmitGuards {
	return { secrets: attemptSecrets(c.env), join: joinLimiter(c), practice: practiceLimiter(c) };
}

type Refused = Exclude<SubmitResult, { kind: "stored" | "replayed" }>;

/** Refusals whose problem says the same whatever the refused submission: the service's sentence under a fixed title. */
type PlainRefusal = Exclude<Refused["kind"], "invalidAnswers" | "notOnRoster" | "rateLimited" | "practiceLimited">;

/** How the API answers each plain refusal: the outcome, its title, and for an unprocessable one the field at fault. */
const PLAIN_REFUSALS: Record<
	PlainRefusal,
	{ problem: (title: string, detail: string, errors?: FieldProblem[]) => HttpProblem; title: string; fault?: FieldProblem }
> = {
	conflict: { problem: conflict, title: "Attempt id already used" },
	noAttemptsLeft: { problem: conflict, title: "No attempts left" },
	unknownQuiz: { problem: unprocessable, title: "Unknown quiz", fault: { path: "quizId", message: "unknown quiz" } },
	unknownClass: { problem: unprocessable, title: "Unknown class code", fault: { path: "classCode", message: "unknown class code" } },
	classRequired: { problem: unprocessable, title: "Class code needed", fault: { path: "classCode", message: "is needed for this quiz" } },
	classClosed: { problem: forbidden, title: "Class closed" },
	quizNotOpen: { problem: forbidden, title: "Quiz not open" },
	unissuedId: {
		problem: unprocessable,
		title: "Attempt id not issued",
		fault: { path: "attemptId", message: "was not issued by this server" },
	},
};

/** A refused submission as the API's problem. */
function submitProblem(result: Refused): HttpProblem {
	switch (result.kind) {
		case "invalidAnswers":
			return unprocessable("Answers do not fit the quiz", result.issues.map(describeIssue).join("; "), result.issues);
		case "notOnRoster":
			return unprocessable("Not on the class list", refusalSentence(result), [
				result.namePicker
					? { path: "studentName", message: "is not on the class's roster" }
					: { path: "classCode", message: "is a rostered class's join code: send a personal code" },
			]);
		case "rateLimited":
			return tooManyJoins();
		case "practiceLimited":
			return tooManyPractice();
		default: {
			const { problem, title, fault } = PLAIN_REFUSALS[result.kind];
			return problem(title, refusalSentence(result), fault && [fault]);
		}
	}
}

export const attemptsApi = new Hono<AppEnv>()
	.post("/", limitBody(MAX_BODY_BYTES), requireJson, validate("json", submissionSchema), async (c) => {
		const outcome = await recordSubmission(c.var.db, c.req.valid("json"), submitGuards(c));
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
		// Shown as the attempt's review policy allows now: the answer key only once the class's teacher shows it.
		if (found.kind === "notFound") throw notFound("Attempt not found", `There is no attempt ${attemptId}.`);
		return c.json(found.result);
	});
