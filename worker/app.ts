import { Hono } from "hono";
import type { AppEnv } from "./env";
import { d1Session } from "./http/d1-session";
import { apiErrorHandler, noRoute } from "./http/problem";
import { securityHeaders } from "./http/security";

/**
 * The app's frame: security headers and the caching rule (`no-store` unless a handler says otherwise)
 * on every response, the drizzle client on `c.var.db` (on a D1 session of the tenant's database: http/d1-session.ts), and the
 * API's error handling (problem+json). Browser-facing routers set their own HTML error handler.
 */
export function createApp() {
	return new Hono<AppEnv>().use(securityHeaders).use(d1Session).notFound(noRoute).onError(apiErrorHandler);
}
