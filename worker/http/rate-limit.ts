/**
 * Slows brute force on credentials and join codes with the Workers Rate Limiting bindings
 * (wrangler.toml `[[ratelimits]]`; `wrangler dev` and the vitest pool emulate them). Counters are
 * kept by Cloudflare per client address for a minute; Quizline stores no address anywhere.
 *
 * - AUTH_LIMITER counts failed credentials (teacher, operator, sign-in, export link). Tokens carry
 *   256 random bits, so this is about scanners, not about guessing: once a client has failed too
 *   often in a minute, its failures answer 429.
 * - JOIN_LIMITER counts every class-code lookup (found or not): a code has ~28 bits, so a client
 *   that is over the limit gets 429 whether or not its guess was right, and learns nothing.
 */
import type { Context } from "hono";
import { Problem } from "./problem";

const RETRY_AFTER_S = 60;

function clientKey(c: Context, scope: string): string {
	return `${scope}:${c.req.header("CF-Connecting-IP") ?? "local"}`;
}

function tooMany(c: Context, what: string): never {
	c.header("Retry-After", String(RETRY_AFTER_S));
	throw new Problem(429, undefined, `Too many ${what} from this network. Wait a minute, then try again.`);
}

/** Counts one failed credential; throws 429 when this client has failed too often. */
// biome-ignore lint/suspicious/noExplicitAny: any app's context; only c.env and the request are read
export async function noteAuthFailure(c: Context<any>): Promise<void> {
	const { success } = await (c.env as Env).AUTH_LIMITER.limit({ key: clientKey(c, "auth") });
	if (!success) tooMany(c, "failed sign-ins");
}

/** Counts one class-code lookup; throws 429 when this client has looked up too many. */
// biome-ignore lint/suspicious/noExplicitAny: any app's context; only c.env and the request are read
export async function noteJoinLookup(c: Context<any>): Promise<void> {
	const { success } = await (c.env as Env).JOIN_LIMITER.limit({ key: clientKey(c, "join") });
	if (!success) tooMany(c, "class codes tried");
}
