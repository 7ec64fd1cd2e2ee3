import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/**
 * Security headers on every response, pages and API alike. Scripts and styles only from our own
 * origin or with this response's nonce; nothing may frame us, no plugins, no <base> rewrites.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
	c.set("nonce", nonce);
	await next();
	const h = c.res.headers;
	h.set(
		"Content-Security-Policy",
		[
			"default-src 'self'",
			`script-src 'self' 'nonce-${nonce}'`,
			`style-src 'self' 'nonce-${nonce}'`,
			"img-src 'self' data:",
			"connect-src 'self'",
			"object-src 'none'",
			"base-uri 'none'",
			"frame-ancestors 'none'",
			"form-action 'self'",
		].join("; "),
	);
	h.set("X-Content-Type-Options", "nosniff");
	h.set("Referrer-Policy", "no-referrer");
	h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
	h.set("X-Frame-Options", "DENY");
	h.set("Cross-Origin-Opener-Policy", "same-origin");
	h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
});
