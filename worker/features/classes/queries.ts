import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attempts, type ClassRow, classes } from "../../db/schema";

/** The class students join with this code, or null. */
export async function findClassByCode(db: Database, joinCode: string): Promise<ClassRow | null> {
	const rows = await db.select().from(classes).where(eq(classes.joinCode, joinCode)).limit(1);
	return rows[0] ?? null;
}

/** A class of this teacher, or null: another teacher's class is as unknown as a missing one. */
export async function findTeacherClass(db: Database, teacherId: string, classId: string): Promise<ClassRow | null> {
	const rows = await db
		.select()
		.from(classes)
		.where(and(eq(classes.id, classId), eq(classes.teacherId, teacherId)))
		.limit(1);
	return rows[0] ?? null;
}

/** A teacher's classes, oldest first, each with its number of attempts. */
export function listTeacherClasses(db: Database, teacherId: string) {
	return db
		.select({
			cls: classes,
			// Written out: inside a one-table select drizzle would print both columns unqualified.
			attempts: sql<number>`(SELECT COUNT(*) FROM attempts a WHERE a.class_id = "classes"."id")`.mapWith(Number),
		})
		.from(classes)
		.where(eq(classes.teacherId, teacherId))
		.orderBy(asc(classes.createdAt), asc(classes.id));
}

export type NewClass = typeof classes.$inferInsert;

/** Inserts a class; throws the driver's unique violation when the join code is taken. */
export async function insertClass(db: Database, cls: NewClass): Promise<ClassRow> {
	const [row] = await db.insert(classes).values(cls).returning();
	if (!row) throw new Error(`class ${cls.id} was not inserted`);
	return row;
}

export type ClassChanges = Partial<Pick<ClassRow, "name" | "openQuizIds" | "closesAt" | "maxAttempts">>;

export async function updateClass(db: Database, teacherId: string, classId: string, changes: ClassChanges): Promise<ClassRow | null> {
	if (Object.keys(changes).length === 0) return findTeacherClass(db, teacherId, classId);
	const [row] = await db
		.update(classes)
		.set(changes)
		.where(and(eq(classes.id, classId), eq(classes.teacherId, teacherId)))
		.returning();
	return row ?? null;
}

/** Deletes a class; its attempts, their responses and its export links go with it (FK cascades). */
export async function deleteClass(db: Database, teacherId: string, classId: string): Promise<boolean> {
	const gone = await db
		.delete(classes)
		.where(and(eq(classes.id, classId), eq(classes.teacherId, teacherId)))
		.returning({ id: classes.id });
	return gone.length > 0;
}

/** Deletes one student's attempts (by student key) in a class; returns how many. */
export async function deleteStudentAttempts(db: Database, classId: string, studentKey: string): Promise<number> {
	const gone = await db
		.delete(attempts)
		.where(and(eq(attempts.classId, classId), eq(attempts.studentKey, studentKey)))
		.returning({ id: attempts.id });
	return gone.length;
}

/** The first `limit` attempts at a quiz in a class, in submission order, as the class page lists them. */
export function firstAttempts(db: Database, classId: string, quizId: string, limit: number) {
	return db
		.select({
			studentName: attempts.studentName,
			attemptNumber: attempts.attemptNumber,
			score: attempts.score,
			maxScore: attempts.maxScore,
			submittedAt: attempts.submittedAt,
		})
		.from(attempts)
		.where(and(eq(attempts.classId, classId), eq(attempts.quizId, quizId)))
		.orderBy(asc(attempts.submittedAt), asc(attempts.id))
		.limit(limit);
}
