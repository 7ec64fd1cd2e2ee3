import { and, asc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { classes, exportLinks, teacherSessions, teachers, teacherTokens } from "../../db/schema";

export interface TeacherIdentity {
	teacherId: string;
	teacherName: string;
	tokenId: string;
}

/** Stores a teacher with a first token (given as its hash), in one batch. */
export async function insertTeacher(db: Database, t: { id: string; name: string; tokenId: string; tokenHash: string; now: Date }) {
	await db.batch([
		db.insert(teachers).values({ id: t.id, name: t.name, createdAt: t.now }),
		db.insert(teacherTokens).values({ id: t.tokenId, teacherId: t.id, tokenHash: t.tokenHash, createdAt: t.now }),
	]);
}

export function listTeachers(db: Database) {
	return db.select().from(teachers).orderBy(asc(teachers.createdAt), asc(teachers.id));
}

export async function findTeacher(db: Database, id: string) {
	const rows = await db.select().from(teachers).where(eq(teachers.id, id)).limit(1);
	return rows[0] ?? null;
}

export async function addToken(db: Database, t: { id: string; teacherId: string; tokenHash: string; now: Date }) {
	await db.insert(teacherTokens).values({ id: t.id, teacherId: t.teacherId, tokenHash: t.tokenHash, createdAt: t.now });
}

/** The teacher's classes' ids, as a subquery. */
const classesOf = (db: Database, teacherId: string) => db.select({ id: classes.id }).from(classes).where(eq(classes.teacherId, teacherId));

/**
 * Revokes every token of a teacher, in one batch with every export link of their classes; their
 * dashboard sessions go with the tokens (FK cascade). Returns how many tokens and links.
 */
export async function revokeTokens(db: Database, teacherId: string): Promise<{ tokens: number; links: number }> {
	const [tokens, links] = await db.batch([
		db.delete(teacherTokens).where(eq(teacherTokens.teacherId, teacherId)).returning({ id: teacherTokens.id }),
		db
			.delete(exportLinks)
			.where(inArray(exportLinks.classId, classesOf(db, teacherId)))
			.returning({ id: exportLinks.id }),
	]);
	return { tokens: tokens.length, links: links.length };
}

/** Every export link of a teacher's classes, with the class's name. */
export function listTeacherExportLinks(db: Database, teacherId: string) {
	return db
		.select({ link: exportLinks, className: classes.name })
		.from(exportLinks)
		.innerJoin(classes, eq(classes.id, exportLinks.classId))
		.where(eq(classes.teacherId, teacherId))
		.orderBy(asc(exportLinks.createdAt), asc(exportLinks.id));
}

/** Deletes the export links of a teacher's classes (one when linkId is given); returns how many. */
export async function deleteTeacherExportLinks(db: Database, teacherId: string, linkId?: string): Promise<number> {
	const ofTeacher = inArray(exportLinks.classId, classesOf(db, teacherId));
	const gone = await db
		.delete(exportLinks)
		.where(linkId === undefined ? ofTeacher : and(ofTeacher, eq(exportLinks.id, linkId)))
		.returning({ id: exportLinks.id });
	return gone.length;
}

/** Deletes a teacher; their tokens, sessions, classes (with attempts and links), articles and quizzes go with them (FK cascade). */
export async function deleteTeacher(db: Database, teacherId: string): Promise<void> {
	await db.delete(teachers).where(eq(teachers.id, teacherId));
}

/** The teacher a token hash belongs to, or null. */
export async function findByTokenHash(db: Database, tokenHash: string): Promise<TeacherIdentity | null> {
	const rows = await db
		.select({ teacherId: teachers.id, teacherName: teachers.name, tokenId: teacherTokens.id })
		.from(teacherTokens)
		.innerJoin(teachers, eq(teachers.id, teacherTokens.teacherId))
		.where(eq(teacherTokens.tokenHash, tokenHash))
		.limit(1);
	return rows[0] ?? null;
}

export async function insertSession(
	db: Database,
	s: { idHash: string; tokenId: string; teacherId: string; expiresAt: Date; lastSeenAt: Date },
) {
	await db.insert(teacherSessions).values(s);
}

/** The teacher of a session that has neither expired nor been idle since `idleSince`, with when it was last seen; or null. */
export async function findBySessionHash(
	db: Database,
	idHash: string,
	now: Date,
	idleSince: Date,
): Promise<(TeacherIdentity & { lastSeenAt: Date | null }) | null> {
	const rows = await db
		.select({
			teacherId: teachers.id,
			teacherName: teachers.name,
			tokenId: teacherSessions.tokenId,
			lastSeenAt: teacherSessions.lastSeenAt,
		})
		.from(teacherSessions)
		.innerJoin(teachers, eq(teachers.id, teacherSessions.teacherId))
		.where(and(eq(teacherSessions.idHash, idHash), gt(teacherSessions.expiresAt, now), gt(teacherSessions.lastSeenAt, idleSince)))
		.limit(1);
	return rows[0] ?? null;
}

/** Marks a session as used now. */
export async function touchSession(db: Database, idHash: string, now: Date): Promise<void> {
	await db.update(teacherSessions).set({ lastSeenAt: now }).where(eq(teacherSessions.idHash, idHash));
}

/** Removes sessions that have expired or been idle since `idleSince`; returns how many. */
export async function deleteStaleSessions(db: Database, now: Date, idleSince: Date): Promise<number> {
	const gone = await db
		.delete(teacherSessions)
		.where(or(lt(teacherSessions.expiresAt, now), isNull(teacherSessions.lastSeenAt), lt(teacherSessions.lastSeenAt, idleSince)))
		.returning({ idHash: teacherSessions.idHash });
	return gone.length;
}

/** Signs a session out; also sweeps sessions that have expired. */
export async function deleteSession(db: Database, idHash: string, now: Date) {
	await db.batch([
		db.delete(teacherSessions).where(eq(teacherSessions.idHash, idHash)),
		db.delete(teacherSessions).where(lt(teacherSessions.expiresAt, now)),
	]);
}
