/**
 * Who is calling: the operator (ADMIN_TOKEN) for /api/admin, a teacher (Bearer token or dashboard
 * session cookie) for /api/teacher. Failures are 401 problem+json with `WWW-Authenticate: Bearer`;
 * repeated failures from one client are slowed (429) by the rate limiter.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Database } from "../../db/client";
import { bearerToken, constantTimeEqual, hashSecret } from "../../domain/secrets";
import type { AppEnv } from "../../env";
import { Problem, problemResponse } from "../../http/problem";
import { noteAuthFailure } from "../../http/rate-limit";
import { findBySessionHash, findByTokenHash, type TeacherIdentity } from "./queries";

export type TeacherEnv = {
	Bindings: AppEnv["Bindings"];
	Variables: AppEnv["Variables"] & { teacher: TeacherIdentity; viaSession: boolean };
};

/** The dashboard's session cookie: __Host- so it is Secure, host-only and path=/. */
export const SESSION_COOKIE = "__Host-quizline_session";

async function unauthorized(c: Context, detail: string) {
	await noteAuthFailure(c);
	c.header("WWW-Authenticate", 'Bearer realm="quizline"');
	return problemResponse(c, 401, undefined, detail);
}

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
	const token = bearerToken(c.req.header("Authorization"));
	if (token === null) return unauthorized(c, 'Send the operator token as "Authorization: Bearer <ADMIN_TOKEN>".');
	const expected = c.env.ADMIN_TOKEN ?? "";
	// An unset or short operator secret never matches: the admin API is closed until one is set.
	if (expected.length < 16 || !(await constantTimeEqual(token, expected))) return unauthorized(c, "The operator token is not valid.");
	await next();
});

/** The teacher behind a Bearer token, or null. */
export async function teacherFromToken(db: Database, token: string): Promise<TeacherIdentity | null> {
	return findByTokenHash(db, await hashSecret(token));
}

/** The teacher behind the session cookie, or null. */
export async function teacherFromSession(c: Context, db: Database): Promise<TeacherIdentity | null> {
	const sid = getCookie(c, SESSION_COOKIE);
	if (!sid || sid.length > 200) return null;
	return findBySessionHash(db, await hashSecret(sid), new Date());
}

/**
 * Cookie-authenticated writes must come from our own pages: SameSite=Strict keeps the cookie off
 * cross-site requests, and the Origin (or Sec-Fetch-Site) check stops what SameSite does not.
 */
export function assertSameOrigin(c: Context) {
	if (c.req.method === "GET" || c.req.method === "HEAD") return;
	const origin = c.req.header("Origin");
	const site = c.req.header("Sec-Fetch-Site");
	// Under our Referrer-Policy: no-referrer, browsers send "Origin: null" on form posts; then
	// Sec-Fetch-Site (which browsers set and pages cannot) says whether the post is our own.
	const ok = origin && origin !== "null" ? origin === new URL(c.req.url).origin : site === "same-origin";
	if (!ok) throw new Problem(403, undefined, "This request did not come from the Quizline dashboard.");
}

export const requireTeacher = createMiddleware<TeacherEnv>(async (c, next) => {
	const header = c.req.header("Authorization");
	let teacher: TeacherIdentity | null = null;
	let viaSession = false;
	if (header !== undefined) {
		const token = bearerToken(header);
		if (token === null) return unauthorized(c, 'Send your teacher token as "Authorization: Bearer <token>".');
		teacher = await teacherFromToken(c.var.db, token);
		if (!teacher) return unauthorized(c, "The teacher token is not valid (it may have been revoked).");
	} else {
		teacher = await teacherFromSession(c, c.var.db);
		if (!teacher) return unauthorized(c, 'Send your teacher token as "Authorization: Bearer <token>", or sign in at /teacher.');
		viaSession = true;
		assertSameOrigin(c);
	}
	c.set("teacher", teacher);
	c.set("viaSession", viaSession);
	await next();
});
