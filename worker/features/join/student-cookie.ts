/**
 * Who is answering: the name and code a student joined with, kept in one small first-party cookie
 * (HttpOnly, SameSite=Lax, 12 hours) so the name never appears in a URL. It holds nothing else, is
 * read by nobody else and is no identifier of ours: there is no tracking. Names and codes are
 * normalised exactly as submissions are, through the same schema fields.
 *
 * `{"n": name, "c": code}`, as since the first version. The code is a class's join code, or a roster
 * student's personal code (eight characters, `isPersonalCode`): then `n` is the roster's name, for
 * the pages to greet them with, and the quiz page submits with the personal code, which names the
 * student whatever name comes with it. A student who picked their name from a roster is kept as the
 * roster's name and the class's join code.
 */
import type { Context, Env } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { nameField } from "../../domain/names";
import * as z from "../../lib/z";
import { classCodeSchema } from "../attempts/schema";

export const STUDENT_COOKIE = "quizline_student";
const MAX_AGE_S = 12 * 60 * 60;

export interface Student {
	name: string;
	classCode: string | null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const studentName = nameField("student");

/** The name as it will be stored, or why it cannot be. */
export function checkName(raw: string): Checked<string> {
	const r = studentName.safeParse(raw);
	return r.success ? { ok: true, value: r.data } : { ok: false, message: `Your name ${r.error.issues[0]?.message ?? "is not valid"}.` };
}

/** The class code normalised (spaces and dashes out, upper case), null when empty, or why it cannot be. */
export function checkClassCode(raw: string): Checked<string | null> {
	const r = classCodeSchema.safeParse(raw);
	return r.success ? { ok: true, value: r.data } : { ok: false, message: "That class code is too long." };
}

const cookieSchema = z.object({ n: z.string(), c: z.optional(z.string()) });

export function readStudent<E extends Env>(c: Context<E>): Student | null {
	const raw = getCookie(c, STUDENT_COOKIE);
	if (!raw) return null;
	let data: unknown;
	try {
		data = JSON.parse(raw);
	} catch {
		return null;
	}
	const parsed = cookieSchema.safeParse(data);
	if (!parsed.success) return null;
	const name = checkName(parsed.data.n);
	const code = checkClassCode(parsed.data.c ?? "");
	return name.ok && code.ok ? { name: name.value, classCode: code.value } : null;
}

export function writeStudent<E extends Env>(c: Context<E>, s: Student): void {
	setCookie(c, STUDENT_COOKIE, JSON.stringify({ n: s.name, c: s.classCode ?? "" }), {
		path: "/",
		httpOnly: true,
		sameSite: "Lax",
		secure: new URL(c.req.url).protocol === "https:",
		maxAge: MAX_AGE_S,
	});
}
