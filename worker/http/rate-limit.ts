/**
 * Slows brute force on credentials and join codes with the Workers Rate Limiting bindings
 * (wrangler.toml `[[ratelimits]]`; `wrangler dev` and the vitest pool emulate them). Counters are
 * kept by Cloudflare per client address for a minute; Quizline stores no address anywhere.
 *
 * - AUTH_LIMITER counts failed credentials (teacher, operator, sign-in, export link): the
 *   `countFailures` middleware, on every router that checks one. Tokens carry 256 random bits, so
 *   this is about scanners, not about guessing: once a client has failed too often in a minute,
 *   its failures answer "too many requests".
 * - JOIN_LIMITER counts every class-code lookup (found or not): a code has ~28 bits, so a client
 *   over the limit is refused whether or not its guess was right, and learns nothing. Services
 *   that look up a code take it as a `Limiter`, so every path that looks one up counts.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Limiter } from "../domain/limiter";
import type { AppEnv } from "../env";
import { tooManyRequests } from "./problem";

const RETRY_AFTER_S = 60;

function clientKey<E extends AppEnv>(c: Context<E>, scope: string): string {
	return `${scope}:${c.req.header("CF-Connecting-IP") ?? "local"}`;
}

/** This client's join-code limiter, for a service to consult before it looks up a code. */
export function joinLimiter<E extends AppEnv>(c: Context<E>): Limiter {
	return { allow: async () => (await c.env.JOIN_LIMITER.limit({ key: clientKey(c, "join") })).success };
}

export const tooManyJoins = () =>
	tooManyRequests("Too many class codes tried from this network. Wait a minute, then try again.", RETRY_AFTER_S);

/**
 * Counts each response that refuses a credential (`isFailure`, by default "unauthorized"); once this
 * client has failed too often in a minute, the failure is answered "too many requests" instead.
 */
export function countFailures(isFailure: (res: Response) => boolean = (res) => res.status === 401) {
	return createMiddleware<AppEnv>(async (c, next) => {
		await next();
		if (!isFailure(c.res)) return;
		const { success } = await c.env.AUTH_LIMITER.limit({ key: clientKey(c, "auth") });
		if (!success) throw tooManyRequests("Too many failed sign-ins from this network. Wait a minute, then try again.", RETRY_AFTER_S);
	});
}

/** The failure of an export link: an unknown, expired or revoked token is "not found". */
export const linkNotFound = (res: Response) => res.status === 404;
