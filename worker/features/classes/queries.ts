import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { firstOrNull, removedAny } from "../../db/results";
import { attempts, type ClassRow, classes, type RosterStudentRow, rosterStudents } from "../../db/schema";

/** What a code students type opens: its class and, for a personal code, the roster student it names (null for the class's join code). */
export interface CodeMatch {
	cls: ClassRow;
	student: RosterStudentRow | null;
}

/**
 * The statements behind findByCode, not yet sent, for a caller that sends them in one db.batch with
 * its own: the class whose join code this is or whose roster has this personal code, and that roster
 * student (each through a unique index). Two single-table selects rather than a join: D1 hands a
 * batch's rows back keyed by column name, and classes and roster_students share three of them.
 */
export function codeLookup(db: Database, code: string) {
	return [
		db
			.select()
			.from(classes)
			.where(
				or(
					eq(classes.joinCode, code),
					inArray(classes.id, db.select({ id: rosterStudents.classId }).from(rosterStudents).where(eq(rosterStudents.code, code))),
				),
			)
			.limit(1),
		db.select().from(rosterStudents).where(eq(rosterStudents.code, code)).limit(1),
	] as const;
}

/**
 * For a class joined by its join code: how many students its roster has, and the roster's own
 * spelling of the name whose key is `key` (null: not on it). A rostered class takes no typed name.
 */
export function rosterNameLookup(db: Database, code: string, key: string) {
	return db
		.select({
			total: sql<number>`count(*)`.mapWith(Number),
			name: sql<string | null>`max(CASE WHEN ${rosterStudents.nameKey} = ${key} THEN ${rosterStudents.name} END)`,
		})
		.from(rosterStudents)
		.innerJoin(classes, eq(classes.id, rosterStudents.classId))
		.where(eq(classes.joinCode, code));
}

/** codeLookup's rows as a match, or null: no class has this code and no roster student. */
export function codeMatch([classRows, studentRows]: readonly [readonly ClassRow[], readonly RosterStudentRow[]]): CodeMatch | null {
	const cls = classRows[0];
	if (!cls) return null;
	const student = studentRows[0];
	return { cls, student: student && student.classId === cls.id ? student : null };
}

/** What this code opens (a join code or a personal code), or null; one round trip. */
export async function findByCode(db: Database, code: string): Promise<CodeMatch | null> {
	return codeMatch(await db.batch(codeLookup(db, code)));
}

/** The class students join with this code (its join code, or a personal code of one of its students), or null. */
export async function findClassByCode(db: Database, code: string): Promise<ClassRow | null> {
	return (await findByCode(db, code))?.cls ?? null;
}

/** Matches the class with this id when it is this teacher's. */
const teacherClass = (teacherId: string, classId: string) => and(eq(classes.id, classId), eq(classes.teacherId, teacherId));

/** A class of this teacher, or null: another teacher's class is as unknown as a missing one. */
export function findTeacherClass(db: Database, teacherId: string, classId: string): Promise<ClassRow | null> {
	return firstOrNull(db.select().from(classes).where(teacherClass(teacherId, classId)).limit(1));
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

export type ClassChanges = Partial<
	Pick<ClassRow, "name" | "openQuizIds" | "closesAt" | "maxAttempts" | "review" | "reviewAfter" | "namePicker">
>;

export async function updateClass(db: Database, teacherId: string, classId: string, changes: ClassChanges): Promise<ClassRow | null> {
	if (Object.keys(changes).length === 0) return findTeacherClass(db, teacherId, classId);
	const [row] = await db.update(classes).set(changes).where(teacherClass(teacherId, classId)).returning();
	return row ?? null;
}

/** Deletes a class; its attempts, their responses and its export links go with it (FK cascades). */
export function deleteClass(db: Database, teacherId: string, classId: string): Promise<boolean> {
	return removedAny(db.delete(classes).where(teacherClass(teacherId, classId)).returning({ id: classes.id }));
}

/** Deletes one student's attempts (by student key) in a class; returns how many. */
export async function deleteStudentAttempts(db: Database, classId: string, studentKey: string): Promise<number> {
	const gone = await db
		.delete(attempts)
		.where(and(eq(attempts.classId, classId), eq(attempts.studentKey, studentKey)))
		.returning({ id: attempts.id });
	return gone.length;
}
