/**
 * Teachers and their credentials: the operator creates teachers and hands out or revokes their
 * tokens; a teacher signs in to the dashboard by exchanging a token for a session. Returns typed
 * results; knows nothing of HTTP.
 */
import type { Database } from "../../db/client";
import { constantTimeEqual, hashSecret, newSecret, SECRET_PREFIX } from "../../domain/secrets";
import * as q from "./queries";

/** How long a dashboard session lasts at most. */
export const SESSION_HOURS = 8;
/** A session unused for this long ends (ASVS 7.3.1). */
export const SESSION_IDLE_MINUTES = 60;
/** A session's last use is written at most this often, so a busy dashboard does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Sessions last seen before this time have been idle too long. */
export const idleSince = (now: Date) => new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000);

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

export type RevokeResult = { kind: "revoked"; id: string; revoked: number; exportLinksRevoked: number } | { kind: "unknownTeacher" };

/** Revokes every token of a teacher; their dashboard sessions and the export links of their classes end with them. */
export async function revokeTokens(db: Database, teacherId: string): Promise<RevokeResult> {
	const teacher = await q.findTeacher(db, teacherId);
	if (!teacher) return { kind: "unknownTeacher" };
	const gone = await q.revokeTokens(db, teacher.id);
	return { kind: "revoked", id: teacher.id, revoked: gone.tokens, exportLinksRevoked: gone.links };
}

export type TeacherLinks =
	| {
			kind: "links";
			links: { id: string; classId: string; className: string; export: string; quizId: string | null; createdAt: Date; expiresAt: Date }[];
	  }
	| { kind: "unknownTeacher" };

/** The export links of a teacher's classes, for the operator. */
export async function teacherExportLinks(db: Database, teacherId: string): Promise<TeacherLinks> {
	if (!(await q.findTeacher(db, teacherId))) return { kind: "unknownTeacher" };
	const rows = await q.listTeacherExportLinks(db, teacherId);
	return { kind: "links", links: rows.map((r) => ({ ...r.link, className: r.className })) };
}

export type LinksRevoked = { kind: "revoked"; revoked: number } | { kind: "unknownTeacher" } | { kind: "unknownLink" };

/** Revokes the export links of a teacher's classes, or just one of them. */
export async function revokeTeacherExportLinks(db: Database, teacherId: string, linkId?: string): Promise<LinksRevoked> {
	if (!(await q.findTeacher(db, teacherId))) return { kind: "unknownTeacher" };
	const revoked = await q.deleteTeacherExportLinks(db, teacherId, linkId);
	if (linkId !== undefined && revoked === 0) return { kind: "unknownLink" };
	return { kind: "revoked", revoked };
}

export type TeacherDeleted = { kind: "deleted"; id: string } | { kind: "confirmationNeeded" } | { kind: "unknownTeacher" };

/** Deletes a teacher with everything of theirs, once `confirm` repeats their id or exact name. */
export async function removeTeacher(db: Database, teacherId: string, confirm: string | undefined): Promise<TeacherDeleted> {
	const teacher = await q.findTeacher(db, teacherId);
	if (!teacher) return { kind: "unknownTeacher" };
	if (confirm !== teacher.id && confirm !== teacher.name) return { kind: "confirmationNeeded" };
	await q.deleteTeacher(db, teacher.id);
	return { kind: "deleted", id: teacher.id };
}

/** The teacher behind an API token, or null. */
export async function teacherFromToken(db: Database, token: string): Promise<q.TeacherIdentity | null> {
	return q.findByTokenHash(db, await hashSecret(token));
}

/** The teacher behind a session secret (the cookie's value), or null when it has expired or been idle too long; marks it used. */
export async function teacherFromSession(db: Database, sid: string, now = new Date()): Promise<q.TeacherIdentity | null> {
	if (sid.length > 200) return null;
	const idHash = await hashSecret(sid);
	const found = await q.findBySessionHash(db, idHash, now, idleSince(now));
	if (!found) return null;
	if (found.lastSeenAt === null || now.getTime() - found.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await q.touchSession(db, idHash, now);
	return { teacherId: found.teacherId, teacherName: found.teacherName, tokenId: found.tokenId };
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
		lastSeenAt: now,
	});
	return { kind: "signedIn", sid, maxAgeSeconds: SESSION_HOURS * 3600 };
}

/** Ends a session (and sweeps expired ones). */
export async function signOut(db: Database, sid: string, now = new Date()): Promise<void> {
	await q.deleteSession(db, await hashSecret(sid), now);
}

/** Removes sessions that have expired or been idle too long (the daily clean-up); returns how many. */
export const sweepSessions = (db: Database, now = new Date()) => q.deleteStaleSessions(db, now, idleSince(now));
