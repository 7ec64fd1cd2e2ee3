/**
 * Cross-site request forgery. The dashboard's session cookie is SameSite=Strict, so browsers keep
 * it off cross-site requests; these checks stop what SameSite does not (a sibling subdomain, an
 * old browser).
 *
 * hono/csrf refuses an unsafe request whose body a form can send (urlencoded, multipart,
 * text/plain) unless its Origin is ours or its Sec-Fetch-Site is same-origin. It lets any other
 * content type through, on the grounds that a browser must ask first (CORS preflight). Writes made
 * with the session cookie take the same check whatever their content type: that is the gap
 * `sameOriginWrites` fills, for the teacher API when it is called with the cookie.
 */
import type { Context, Env } from "hono";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { forbidden } from "./problem";

/** Form posts from our own pages only (hono/csrf with its defaults: our origin, or Sec-Fetch-Site same-origin). */
export const formCsrf = csrf();

const SAFE = /^(GET|HEAD|OPTIONS)$/;

/** Whether an unsafe request came from our own pages, by Origin or (when Origin is absent or "null") Sec-Fetch-Site. */
export function fromOurPages<E extends Env>(c: Context<E>): boolean {
	if (SAFE.test(c.req.method)) return true;
	const origin = c.req.header("Origin");
	if (origin && origin !== "null" && origin === new URL(c.req.url).origin) return true;
	return c.req.header("Sec-Fetch-Site") === "same-origin";
}

/** Every unsafe request, of any content type, from our own pages only. */
export const sameOriginWrites = createMiddleware(async (c, next) => {
	if (!fromOurPages(c)) throw forbidden("Forbidden", "This request did not come from the Quizline dashboard.");
	await next();
});
