/**
 * Teachers and their credentials: the operator creates teachers and hands out or revokes their
 * tokens; a teacher signs in to the dashboard by exchanging a token for a session. Returns typed
 * results; knows nothing of HTTP.
 */
import type { Database } from "../../db/client";
import { constantTimeEqual, hashSecret, newSecret, SECRET_PREFIX } from "../../domain/secrets";
import * as q from "./queries";

/** How long a dashboard session lasts. */
export const SESSION_HOURS = 8;

/** Whether `token` is the operator's secret. An unset or short secret never matches: the admin API stays closed until one is set. */
export async function isOperatorToken(token: string, operatorSecret: string | undefined): Promise<boolean> {
	const expected = operatorSecret ?? "";
	return expected.length >= 16 && (await constantTimeEqual(token, expected));
}

export async function createTeacher(db: Database, name: string, now = new Date()) {
	const id = crypto.randomUUID();
	const token = newSecret(SECRET_PREFIX.teacherToken);
	await q.insertTeacher(db, { id, name, tokenId: crypto.randomUUID(), tokenHash: await hashSecret(token), now });
	return { id, name, token };
}

export type TokenResult = { kind: "issued"; id: string; name: string; token: string } | { kind: "unknownTeacher" };

export async function issueToken(db: Database, teacherId: string, now = new Date()): Promise<TokenResult> {
	const teacher = await q.findTeacher(db, teacherId);
	if (!teacher) return { kind: "unknownTeacher" };
	const token = newSecret(SECRET_PREFIX.teacherToken);
	await q.addToken(db, { id: crypto.randomUUID(), teacherId: teacher.id, tokenHash: await hashSecret(token), now });
	return { kind: "issued", id: teacher.id, name: teacher.name, token };
}

export type RevokeResult = { kind: "revoked"; id: string; revoked: number } | { kind: "unknownTeacher" };

/** Revokes every token of a teacher; their dashboard sessions end with them. */
export async function revokeTokens(db: Database, teacherId: string): Promise<RevokeResult> {
	const teacher = await q.findTeacher(db, teacherId);
	if (!teacher) return { kind: "unknownTeacher" };
	return { kind: "revoked", id: teacher.id, revoked: await q.revokeTokens(db, teacher.id) };
}

/** The teacher behind an API token, or null. */
export async function teacherFromToken(db: Database, token: string): Promise<q.TeacherIdentity | null> {
	return q.findByTokenHash(db, await hashSecret(token));
}

/** The teacher behind a session secret (the cookie's value), or null. */
export async function teacherFromSession(db: Database, sid: string, now = new Date()): Promise<q.TeacherIdentity | null> {
	if (sid.length > 200) return null;
	return q.findBySessionHash(db, await hashSecret(sid), now);
}

export type SignInResult =
	| { kind: "signedIn"; sid: string; maxAgeSeconds: number }
	| { kind: "invalidToken" }
	/** The operator's token was typed: it opens the admin API, not a dashboard. */
	| { kind: "operatorToken" };

/** Exchanges a teacher token for a new dashboard session; the token itself is never kept. */
export async function signIn(db: Database, rawToken: string, operatorSecret: string | undefined, now = new Date()): Promise<SignInResult> {
	const token = rawToken.trim();
	const teacher = token.length > 0 && token.length <= 512 ? await teacherFromToken(db, token) : null;
	if (!teacher) return (await isOperatorToken(token, operatorSecret)) ? { kind: "operatorToken" } : { kind: "invalidToken" };
	const sid = newSecret(SECRET_PREFIX.session);
	await q.insertSession(db, {
		idHash: await hashSecret(sid),
		tokenId: teacher.tokenId,
		teacherId: teacher.teacherId,
		expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
	});
	return { kind: "signedIn", sid, maxAgeSeconds: SESSION_HOURS * 3600 };
}

/** Ends a session (and sweeps expired ones). */
export async function signOut(db: Database, sid: string, now = new Date()): Promise<void> {
	await q.deleteSession(db, await hashSecret(sid), now);
}
