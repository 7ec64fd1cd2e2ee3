import { zValidator } from "@hono/zod-validator";
import { createMiddleware } from "hono/factory";
import type * as z from "../lib/z";
import { Problem } from "./problem";

type Target = "json" | "query" | "param" | "form";

/**
 * zValidator whose failures are 400 problem+json naming each bad field. Read the result back with
 * c.req.valid(target).
 */
export function validate<T extends z.ZodMiniType, Tg extends Target>(target: Tg, schema: T) {
	return zValidator(target, schema, (result) => {
		if (!result.success) {
			const errors = result.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
			const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
			throw new Problem(400, "Invalid request", `The request is not valid: ${summary}`, { errors });
		}
	});
}

/** Rejects a body that is not declared as JSON with 415, before it is parsed. */
export const requireJson = createMiddleware(async (c, next) => {
	const type = c.req.header("Content-Type") ?? "";
	if (!/^application\/([a-z0-9.+-]*\+)?json(\s*;|$)/i.test(type)) {
		throw new Problem(415, undefined, 'Send the body as JSON with "Content-Type: application/json".');
	}
	await next();
});
