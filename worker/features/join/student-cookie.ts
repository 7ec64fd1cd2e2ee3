/**
 * Who is answering: the name and class code a student typed at join, kept in one small
 * first-party cookie (HttpOnly, SameSite=Lax, 12 hours) so the name never appears in a URL. It
 * holds nothing else, is read by nobody else and is no identifier of ours: there is no tracking.
 * Names and codes are normalised exactly as submissions are, through the same schema fields.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { submissionSchema } from "../attempts/service";

export const STUDENT_COOKIE = "quizline_student";
const MAX_AGE_S = 12 * 60 * 60;

export interface Student {
	name: string;
	classCode: string | null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The name as it will be stored, or why it cannot be. */
export function checkName(raw: string): Checked<string> {
	const r = submissionSchema.shape.studentName.safeParse(raw);
	return r.success ? { ok: true, value: r.data } : { ok: false, message: `Your name ${r.error.issues[0]?.message ?? "is not valid"}.` };
}

/** The class code normalised (spaces and dashes out, upper case), null when empty, or why it cannot be. */
export function checkClassCode(raw: string): Checked<string | null> {
	const r = submissionSchema.shape.classCode.safeParse(raw);
	return r.success ? { ok: true, value: r.data } : { ok: false, message: "That class code is too long." };
}

export function readStudent(c: Context): Student | null {
	const raw = getCookie(c, STUDENT_COOKIE);
	if (!raw) return null;
	try {
		const data = JSON.parse(raw) as { n?: unknown; c?: unknown };
		const name = checkName(typeof data.n === "string" ? data.n : "");
		const code = checkClassCode(typeof data.c === "string" ? data.c : "");
		return name.ok && code.ok ? { name: name.value, classCode: code.value } : null;
	} catch {
		return null;
	}
}

export function writeStudent(c: Context, s: Student): void {
	setCookie(c, STUDENT_COOKIE, JSON.stringify({ n: s.name, c: s.classCode ?? "" }), {
		path: "/",
		httpOnly: true,
		sameSite: "Lax",
		secure: new URL(c.req.url).protocol === "https:",
		maxAge: MAX_AGE_S,
	});
}
