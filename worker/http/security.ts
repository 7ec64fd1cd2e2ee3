import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/**
 * The caching rule, in one place: no response is stored by any cache (`no-store`) unless its
 * handler says otherwise: only files that are the same for everyone do (the content-hashed static
 * files for a year, immutable; the service worker's script revalidated on every load). Pages
 * and API answers carry names, grades, answer keys, tokens or attempt ids; a shared phone or a
 * proxy must keep none of them.
 */
export const NO_STORE = "no-store";

/**
 * The headers every response gets besides its Content-Security-Policy (whose `frame-ancestors 'none'`
 * keeps every response out of frames), Cache-Control and HSTS (below): those that protect a response
 * whatever it holds. nosniff (ASVS 5.0 3.4.4 asks for it on every response), and CORP so that no
 * other site can load it. Built once per isolate, like the list below.
 */
const DATA_HEADERS: readonly (readonly [string, string])[] = [
	["Cross-Origin-Resource-Policy", "same-origin"],
	["X-Content-Type-Options", "nosniff"],
];

/**
 * HSTS for two years, subdomains included (ASVS 5.0 3.4.1), on every response that goes over HTTPS,
 * which on Cloudflare is every response a browser gets once the zone redirects plain HTTP
 * (docs/CONTRIBUTING.md, "Releasing"). Never over plain HTTP: RFC 6797 7.2 says an HSTS host "MUST
 * NOT include the STS header field in HTTP responses conveyed over non-secure transport", and a
 * browser ignores it there anyway (8.1), since anyone on the path could have added or removed it.
 * Plain HTTP is what `npm start` and the bench serve, on the loopback.
 */
const HSTS = "max-age=63072000; includeSubDomains";

/**
 * What a document (a page, a script, an error a browser shows) gets besides: no Referer on the
 * requests it makes, X-Frame-Options DENY for browsers older than `frame-ancestors`, the rest of the
 * set hono/secure-headers sends by default, and a Permissions-Policy that turns off camera,
 * microphone and location. Each acts only on a document the browser renders or a script it runs
 * (the requests it makes, its window, its frame, its prefetching, its downloads, its plugins, its
 * features), so JSON and CSV go without them (docs/security.md, "Headers on JSON and CSV"):
 * - Referrer-Policy governs the requests a document or script makes, and a data response makes none:
 *   nosniff keeps it from being read as HTML, and its policy (`default-src 'none'`) would block every
 *   request even if it were (OWASP's REST Security Cheat Sheet lists it among the headers for HTML
 *   only: "Non-HTML responses should not trigger additional requests"). Redirects, which pass their policy on, have no data type and keep it.
 * - X-Frame-Options is ignored by every browser that knows `frame-ancestors`, which every response
 *   carries (HTML's X-Frame-Options check gives way to it; ASVS 5.0 3.4.6 requires `frame-ancestors`
 *   and calls X-Frame-Options obsolete; the same cheat sheet still lists it beside
 *   `frame-ancestors` for the same protection). Documents keep it for browsers older than CSP Level 2.
 * On a phone's connection every data response is nine headers shorter.
 */
const DOCUMENT_HEADERS: readonly (readonly [string, string])[] = [
	...DATA_HEADERS,
	["Referrer-Policy", "no-referrer"],
	["X-Frame-Options", "DENY"],
	["Cross-Origin-Opener-Policy", "same-origin"],
	["Origin-Agent-Cluster", "?1"],
	["X-DNS-Prefetch-Control", "off"],
	["X-Download-Options", "noopen"],
	["X-Permitted-Cross-Domain-Policies", "none"],
	["X-XSS-Protection", "0"],
	["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
];

/**
 * Scripts and styles only from our own origin or with this response's nonce; nothing may frame us,
 * no plugins, no <base> rewrites, forms only to ourselves.
 */
export function contentSecurityPolicy(nonce: string): string {
	return (
		`default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; ` +
		"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	);
}

/**
 * The policy of a response that is data, not a document (JSON, problem+json, CSV): it may load,
 * run, frame, submit or be framed by nothing. Stricter in every directive than the page policy, and
 * a fifth of its length, which each response carries through every proxy in front of the Worker.
 */
export const DATA_CONTENT_SECURITY_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Content types that are data, never rendered as a page or run as a script (a service worker's script keeps the page policy). */
const DATA_TYPE = /^(application\/(json|problem\+json)|text\/csv)\b/i;

/** 128 random bits, base64: this response's CSP nonce. */
function newNonce(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let binary = "";
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}

/**
 * Security headers and the caching rule on every response, pages and API alike: the nonce is on
 * `c.var.secureHeadersNonce` for the page being rendered (the name hono/secure-headers uses), the
 * headers and the CSP are set once the handler has answered (a document's headers and the page
 * policy with this nonce, or the data headers and policy for JSON and CSV), and
 * `Cache-Control: no-store` unless the handler set its own. (Written out instead of
 * hono/secure-headers, which rebuilt its header list and CSP from arrays on every request.)
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	const nonce = newNonce();
	c.set("secureHeadersNonce", nonce);
	await next();
	const headers = c.res.headers;
	const data = DATA_TYPE.test(headers.get("Content-Type") ?? "");
	for (const [name, value] of data ? DATA_HEADERS : DOCUMENT_HEADERS) headers.set(name, value);
	if (c.req.url.startsWith("https:")) headers.set("Strict-Transport-Security", HSTS);
	headers.set("Content-Security-Policy", data ? DATA_CONTENT_SECURITY_POLICY : contentSecurityPolicy(nonce));
	headers.delete("X-Powered-By");
	if (!headers.has("Cache-Control")) headers.set("Cache-Control", NO_STORE);
});
