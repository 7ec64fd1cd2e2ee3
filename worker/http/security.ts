import { createMiddleware } from "hono/factory";
import { NONCE, secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every response, pages and API alike, through hono/secure-headers. Scripts
 * and styles only from our own origin or with this response's nonce (`c.var.secureHeadersNonce`);
 * nothing may frame us, no plugins, no <base> rewrites, no cross-origin reads of our responses.
 * Beyond the library's defaults: a two-year HSTS, X-Frame-Options DENY (not SAMEORIGIN) and a
 * Permissions-Policy that turns off camera, microphone and location.
 */
export const securityHeaders = secureHeaders({
	contentSecurityPolicy: {
		defaultSrc: ["'self'"],
		scriptSrc: ["'self'", NONCE],
		styleSrc: ["'self'", NONCE],
		imgSrc: ["'self'", "data:"],
		connectSrc: ["'self'"],
		objectSrc: ["'none'"],
		baseUri: ["'none'"],
		frameAncestors: ["'none'"],
		formAction: ["'self'"],
	},
	strictTransportSecurity: "max-age=63072000; includeSubDomains",
	xFrameOptions: "DENY",
	referrerPolicy: "no-referrer",
	crossOriginResourcePolicy: "same-origin",
	crossOriginOpenerPolicy: "same-origin",
	permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/**
 * The caching rule, in one place: no response is stored by any cache (`no-store`) unless its
 * handler says otherwise: only files that are the same for everyone do (the content-hashed static
 * files for a year, immutable; the service worker's script revalidated on every load). Pages
 * and API answers carry names, grades, answer keys, tokens or attempt ids; a shared phone or a
 * proxy must keep none of them.
 */
export const NO_STORE = "no-store";

export const noStoreByDefault = createMiddleware(async (c, next) => {
	await next();
	if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", NO_STORE);
});
