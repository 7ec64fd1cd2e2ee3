import { Hono } from "hono";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { apiErrorHandler, noRoute } from "./http/problem";
import { noStoreByDefault, securityHeaders } from "./http/security";

/**
 * The app's frame: security headers and the caching rule (`no-store` unless a handler says otherwise)
 * on every response, the drizzle client on `c.var.db`, and the
 * API's error handling (problem+json). Browser-facing routers set their own HTML error handler.
 */
export function createApp() {
	return new Hono<AppEnv>()
		.use(securityHeaders, noStoreByDefault)
		.use(async (c, next) => {
			c.set("db", createDb(c.env.DB));
			await next();
		})
		.notFound(noRoute)
		.onError(apiErrorHandler);
}
