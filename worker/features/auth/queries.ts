import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { teacherSessions, teachers, teacherTokens } from "../../db/schema";

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

/** Revokes every token of a teacher; their dashboard sessions go with them (FK cascade). Returns how many. */
export async function revokeTokens(db: Database, teacherId: string): Promise<number> {
	const gone = await db.delete(teacherTokens).where(eq(teacherTokens.teacherId, teacherId)).returning({ id: teacherTokens.id });
	return gone.length;
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

export async function insertSession(db: Database, s: { idHash: string; tokenId: string; teacherId: string; expiresAt: Date }) {
	await db.insert(teacherSessions).values(s);
}

/** The teacher of an unexpired session, or null. */
export async function findBySessionHash(db: Database, idHash: string, now: Date): Promise<TeacherIdentity | null> {
	const rows = await db
		.select({ teacherId: teachers.id, teacherName: teachers.name, tokenId: teacherSessions.tokenId })
		.from(teacherSessions)
		.innerJoin(teachers, eq(teachers.id, teacherSessions.teacherId))
		.where(and(eq(teacherSessions.idHash, idHash), gt(teacherSessions.expiresAt, now)))
		.limit(1);
	return rows[0] ?? null;
}

/** Signs a session out; also sweeps sessions that have expired. */
export async function deleteSession(db: Database, idHash: string, now: Date) {
	await db.batch([
		db.delete(teacherSessions).where(eq(teacherSessions.idHash, idHash)),
		db.delete(teacherSessions).where(lt(teacherSessions.expiresAt, now)),
	]);
}
