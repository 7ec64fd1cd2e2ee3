import { zValidator } from "@hono/zod-validator";
import { createMiddleware } from "hono/factory";
import { issuePath } from "../domain/issues";
import type * as z from "../lib/z";
import { badRequest, type FieldProblem, unsupportedMediaType } from "./problem";

type Target = "json" | "query" | "param" | "form";

/** A schema's issues as field problems: `answers.3.text` reads `answers[3].text`. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
	return issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
}

/**
 * zValidator whose failures are a bad request naming each bad field. Read the result back with
 * c.req.valid(target).
 */
export function validate<T extends z.ZodMiniType, Tg extends Target>(target: Tg, schema: T) {
	return zValidator(target, schema, (result) => {
		if (!result.success) {
			const errors = fieldProblems(result.error.issues);
			const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
			throw badRequest("Invalid request", `The request is not valid: ${summary}`, errors);
		}
	});
}

/** Refuses a body that is not declared as JSON, before it is parsed. */
export const requireJson = createMiddleware(async (c, next) => {
	const type = c.req.header("Content-Type") ?? "";
	if (!/^application\/([a-z0-9.+-]*\+)?json(\s*;|$)/i.test(type)) {
		throw unsupportedMediaType('Send the body as JSON with "Content-Type: application/json".');
	}
	await next();
});
