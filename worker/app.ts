import { Hono } from "hono";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { apiErrorHandler, noRoute } from "./http/problem";
import { securityHeaders } from "./http/security";

/**
 * The app's frame: security headers and the caching rule (`no-store` unless a handler says otherwise)
 * on every response, the drizzle client (one per binding and isolate) on `c.var.db`, and the
 * API's error handling (problem+json). Browser-facing routers set their own HTML error handler.
 */
export function createApp() {
	return new Hono<AppEnv>()
		.use(securityHeaders)
		.use(async (c, next) => {
			c.set("db", createDb(c.env.DB));
			await next();
		})
		.notFound(noRoute)
		.onError(apiErrorHandler);
}
