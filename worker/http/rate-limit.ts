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
 * - PRACTICE_LIMITER counts submissions without a class code (practice), which anyone may make:
 *   the service consults it, on the API and the quiz form alike.
 *
 * A client is its address, IPv6 clients by their /64 (one home or phone network hands out a whole
 * /64). Without CF-Connecting-IP (only off Cloudflare: wrangler dev, the tests) a client is a hash
 * of the headers it sends, never one bucket shared by everyone.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Limiter } from "../domain/limiter";
import type { AppEnv } from "../env";
import { sha256Hex } from "../lib/hash";
import { tooManyRequests } from "./problem";

const RETRY_AFTER_S = 60;

/** An address as a limiter counts it: IPv4 as itself, IPv6 by its /64 prefix; null when it is neither. */
export function clientNetwork(address: string): string | null {
	const a = address.trim().toLowerCase();
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(a)) return a;
	if (!/^[0-9a-f:.]+$/.test(a) || !a.includes(":")) return null;
	const [head = "", tail] = a.split("::");
	const left = head === "" ? [] : head.split(":");
	const right = tail === undefined || tail === "" ? [] : tail.split(":");
	const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
	const prefix = groups.slice(0, 4).map((g) => (g.includes(".") ? "0" : Number.parseInt(g || "0", 16).toString(16)));
	while (prefix.length < 4) prefix.push("0");
	return `${prefix.join(":")}::/64`;
}

/** Who is asking, as the limiters count them (see above). */
export async function clientKey<E extends AppEnv>(c: Context<E>, scope: string): Promise<string> {
	const network = clientNetwork(c.req.header("CF-Connecting-IP") ?? "");
	if (network) return `${scope}:${network}`;
	const headers = ["User-Agent", "Accept-Language", "Accept", "Sec-CH-UA"].map((h) => c.req.header(h) ?? "").join("\n");
	return `${scope}:anon:${(await sha256Hex(headers)).slice(0, 32)}`;
}

function limiterOf<E extends AppEnv>(c: Context<E>, binding: RateLimit, scope: string): Limiter {
	return { allow: async () => (await binding.limit({ key: await clientKey(c, scope) })).success };
}

/** This client's join-code limiter, for a service to consult before it looks up a code. */
export function joinLimiter<E extends AppEnv>(c: Context<E>): Limiter {
	return limiterOf(c, c.env.JOIN_LIMITER, "join");
}

/** This client's limiter of practice (class-less) submissions. */
export function practiceLimiter<E extends AppEnv>(c: Context<E>): Limiter {
	return limiterOf(c, c.env.PRACTICE_LIMITER, "practice");
}

export const tooManyPractice = () =>
	tooManyRequests("Too many practice attempts from this network. Wait a minute, then try again.", RETRY_AFTER_S);

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
		const { success } = await c.env.AUTH_LIMITER.limit({ key: await clientKey(c, "auth") });
		if (!success) throw tooManyRequests("Too many failed sign-ins from this network. Wait a minute, then try again.", RETRY_AFTER_S);
	});
}

/** The failure of an export link: an unknown, expired or revoked token is "not found". */
export const linkNotFound = (res: Response) => res.status === 404;
