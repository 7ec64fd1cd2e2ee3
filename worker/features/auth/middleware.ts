/**
 * Who is calling: the operator (ADMIN_TOKEN) for /api/admin; a teacher (Bearer token, or the
 * dashboard's session cookie) for /api/teacher; a signed-in teacher for the dashboard's pages.
 * Each is applied once per router. Failures are "unauthorized" with `WWW-Authenticate: Bearer`
 * (the router's countFailures slows repeated ones).
 */
import type { Context, Env } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env";
import { bearerToken } from "../../http/bearer";
import { sameOriginWrites } from "../../http/csrf";
import { seeOther, unauthorized } from "../../http/problem";
import type { TeacherIdentity } from "./queries";
import { isOperatorToken, teacherFromSession, teacherFromToken } from "./service";

/** The dashboard's session cookie: __Host- so it is Secure, host-only and path=/. */
export const SESSION_COOKIE = "__Host-quizline_session";

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
	const token = bearerToken(c.req.header("Authorization"));
	if (token === null) throw unauthorized('Send the operator token as "Authorization: Bearer <ADMIN_TOKEN>".');
	if (!(await isOperatorToken(token, c.env.ADMIN_TOKEN))) throw unauthorized("The operator token is not valid.");
	await next();
});

/**
 * A teacher by Bearer token, or by the dashboard's cookie. Writes made with the cookie must come
 * from our own pages whatever their content type (hono/csrf checks only the form types; see
 * http/csrf.ts).
 */
export const requireTeacher = createMiddleware<{ Variables: { teacher: TeacherIdentity; viaSession: boolean } } & AppEnv>(
	async (c, next) => {
		const header = c.req.header("Authorization");
		if (header !== undefined) {
			const token = bearerToken(header);
			if (token === null) throw unauthorized('Send your teacher token as "Authorization: Bearer <token>".');
			const teacher = await teacherFromToken(c.var.db, token);
			if (!teacher) throw unauthorized("The teacher token is not valid (it may have been revoked).");
			c.set("teacher", teacher);
			c.set("viaSession", false);
		} else {
			const teacher = await sessionTeacher(c);
			if (!teacher) throw unauthorized('Send your teacher token as "Authorization: Bearer <token>", or sign in at /teacher.');
			c.set("teacher", teacher);
			c.set("viaSession", true);
			return sameOriginWrites(c, next);
		}
		await next();
	},
);

/** The signed-in teacher of the dashboard, or null: for pages that show something to everyone. */
export const withSession = createMiddleware<{ Variables: { teacher: TeacherIdentity | null } } & AppEnv>(async (c, next) => {
	c.set("teacher", await sessionTeacher(c));
	await next();
});

/** Dashboard pages for signed-in teachers only; anyone else is sent to the sign-in form. */
export const requireSession = createMiddleware<{ Variables: { teacher: TeacherIdentity } } & AppEnv>(async (c, next) => {
	const teacher = await sessionTeacher(c);
	if (!teacher) return seeOther(c, "/teacher");
	c.set("teacher", teacher);
	await next();
});

function sessionTeacher<E extends AppEnv>(c: Context<E>): Promise<TeacherIdentity | null> {
	const sid = getCookie(c, SESSION_COOKIE);
	return sid ? teacherFromSession(c.var.db, sid) : Promise.resolve(null);
}

/** Sets the session cookie: HttpOnly, Secure, SameSite=Strict, __Host-. */
export function setSessionCookie<E extends Env>(c: Context<E>, sid: string, maxAgeSeconds: number) {
	setCookie(c, SESSION_COOKIE, sid, { path: "/", httpOnly: true, secure: true, sameSite: "Strict", maxAge: maxAgeSeconds });
}

/** The session secret of this request, if any, and a response that forgets it. */
export function takeSessionCookie<E extends Env>(c: Context<E>): string | undefined {
	const sid = getCookie(c, SESSION_COOKIE);
	deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
	return sid;
}
