/**
 * Read replicas with read-your-writes (D1's Sessions API), for every route through `c.var.db`.
 *
 * Each request gets one D1 session on its tenant's database (db/tenants.ts, by host name):
 * - a write (any method but GET, HEAD, OPTIONS) starts at the primary ("first-primary"): it reads the
 *   newest state before it writes, so checks such as "is this attempt id taken" see every write;
 * - a read starts from the bookmark the client brings, so it sees at least the state that client
 *   last wrote; a client without one reads from any replica ("first-unconstrained").
 * Writes always go to the primary (D1 forwards them); read replication changes only where reads go.
 *
 * The bookmark travels two ways, both checked the same way and both optional:
 * - the `__Host-d1b` cookie (HttpOnly, Secure, SameSite=Lax, 5 minutes), set after every write that
 *   succeeded, so browsers (students' phones, the dashboard) carry it with no code on the page;
 * - the `x-d1-bookmark` header, on every response that touched the database, for API clients to
 *   send back on their next request (the header wins over the cookie).
 * A bookmark that is not in D1's format is ignored, as if none had been sent: never an error.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import { inSession, routedDatabase } from "../db/session";
import { databaseFor, tenantForHost } from "../db/tenants";
import type { AppEnv } from "../env";
import { notFound } from "./problem";

export const BOOKMARK_HEADER = "x-d1-bookmark";
export const BOOKMARK_COOKIE = "__Host-d1b";
/** Long enough for any replica to catch up with the write and for the client's next pages; no longer. */
const BOOKMARK_MAX_AGE_S = 300;
/** D1's bookmark format: three 8-digit and one 32-digit hex fields (e.g. 00000001-00000002-00004e2f-0a83ea2fceebc654de0640c422be4653). */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A bookmark as a client sent it, if it has D1's format; anything else counts as none. */
export function validBookmark(value: string | null | undefined): string | null {
	return value && BOOKMARK.test(value) ? value : null;
}

function presentedBookmark(c: Context<AppEnv>): string | null {
	return validBookmark(c.req.header(BOOKMARK_HEADER)) ?? validBookmark(getCookie(c, BOOKMARK_COOKIE));
}

export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
	const tenant = tenantForHost(c.env, new URL(c.req.url).hostname);
	if (!tenant) throw notFound("No school at this address", "This address does not belong to any school on Quizline.");
	const database = databaseFor(c.env, tenant);
	const reads = READS.has(c.req.method);
	const session = database.withSession(reads ? (presentedBookmark(c) ?? "first-unconstrained") : "first-primary");
	c.set("db", createDb(routedDatabase(database)));
	await inSession(session, next);
	const bookmark = validBookmark(session.getBookmark());
	if (bookmark === null) return;
	c.header(BOOKMARK_HEADER, bookmark);
	// Only a write that was done moves the cookie: a refused sign-in or an invalid form sets nothing.
	if (!reads && c.res.status < 400)
		setCookie(c, BOOKMARK_COOKIE, bookmark, { path: "/", httpOnly: true, secure: true, sameSite: "Lax", maxAge: BOOKMARK_MAX_AGE_S });
});
