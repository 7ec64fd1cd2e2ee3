/**
 * A class's roster in D1. Writes that touch many students are single statements over one JSON
 * parameter (`json_each`), so a roster of any size is a handful of statements in one `db.batch`
 * (one implicit transaction), far under D1's 100 bound parameters and its statements per request.
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import { firstOrNull, removedAny } from "../../db/results";
import { attempts, classes, type RosterStudentRow, rosterStudents } from "../../db/schema";

/** A class's roster in order. */
export function readRoster(db: Database, classId: string) {
	return db
		.select()
		.from(rosterStudents)
		.where(eq(rosterStudents.classId, classId))
		.orderBy(asc(rosterStudents.position), asc(rosterStudents.id));
}

/** Matches the student with this id on this class's roster. */
const rosterStudentOf = (classId: string, id: string) => and(eq(rosterStudents.classId, classId), eq(rosterStudents.id, id));

/** One student of a class's roster, or null. */
export function findRosterStudent(db: Database, classId: string, id: string): Promise<RosterStudentRow | null> {
	return firstOrNull(db.select().from(rosterStudents).where(rosterStudentOf(classId, id)).limit(1));
}

/** The names on the roster of the class with this join code, in order (empty when it has none): the name picker's list. */
export function rosterByJoinCode(db: Database, joinCode: string) {
	return db
		.select({ id: rosterStudents.id, name: rosterStudents.name })
		.from(rosterStudents)
		.innerJoin(classes, eq(classes.id, rosterStudents.classId))
		.where(eq(classes.joinCode, joinCode))
		.orderBy(asc(rosterStudents.position), asc(rosterStudents.id));
}

/** A student as written: every column but the class, the code and the creation time, which never change. */
export interface StudentWrite {
	id: string;
	name: string;
	nameKey: string;
	email: string | null;
	studentId: string | null;
	section: string | null;
	position: number;
}

/** A renamed student: the key their attempts are grouped under now, and the name and key they get. */
export interface Rename {
	id: string;
	oldKey: string;
	name: string;
	nameKey: string;
}

export interface RosterWrite {
	insert: (StudentWrite & { code: string })[];
	update: StudentWrite[];
	remove: string[];
	rename: Rename[];
}

/** Every row of a JSON array parameter, its fields as columns named `j_<field>`: a table of any size in one bound parameter. */
function jsonRows(value: readonly object[], fields: readonly string[]) {
	const columns = fields.map((f) => `json_extract(value, '$.${f}') AS j_${f}`).join(", ");
	return sql`(SELECT ${sql.raw(columns)} FROM json_each(${JSON.stringify(value)}))`;
}

/** A key no name has (names cannot hold control characters): where a renamed student's key waits within the batch. */
const parked = (id: SQL) => sql`char(1) || ${id}`;

/**
 * Writes an import in one batch: removes, parks the keys of renamed students (and of their
 * attempts) so that two students may swap names, updates, then inserts. A renamed student's
 * attempts in this class follow the new name, so their results stay theirs. Throws the driver's
 * unique violation when a personal code is taken or the roster changed meanwhile.
 */
export async function writeRoster(db: Database, classId: string, w: RosterWrite, now: Date): Promise<void> {
	const ofClass = eq(rosterStudents.classId, classId);
	const statements: BatchItem<"sqlite">[] = [];
	if (w.remove.length > 0) {
		const ids = jsonRows(
			w.remove.map((id) => ({ id })),
			["id"],
		);
		statements.push(db.delete(rosterStudents).where(and(ofClass, sql`${rosterStudents.id} IN (SELECT j_id FROM ${ids})`)));
	}
	if (w.rename.length > 0) {
		const renames = () => jsonRows(w.rename, ["id", "oldKey", "name", "nameKey"]);
		statements.push(
			db
				.update(rosterStudents)
				.set({ nameKey: parked(sql`${rosterStudents.id}`) })
				.where(and(ofClass, sql`${rosterStudents.id} IN (SELECT j_id FROM ${renames()})`)),
			db
				.update(attempts)
				.set({ studentKey: parked(sql`r.j_id`) })
				.from(sql`${renames()} AS r`)
				.where(and(eq(attempts.classId, classId), sql`${attempts.studentKey} = r.j_oldKey`)),
			db
				.update(attempts)
				.set({ studentKey: sql`r.j_nameKey`, studentName: sql`r.j_name` })
				.from(sql`${renames()} AS r`)
				.where(and(eq(attempts.classId, classId), sql`${attempts.studentKey} = ${parked(sql`r.j_id`)}`)),
		);
	}
	if (w.update.length > 0) {
		statements.push(
			db
				.update(rosterStudents)
				.set({
					name: sql`u.j_name`,
					nameKey: sql`u.j_nameKey`,
					email: sql`u.j_email`,
					studentId: sql`u.j_studentId`,
					section: sql`u.j_section`,
					position: sql`u.j_position`,
				})
				.from(sql`${jsonRows(w.update, ["id", "name", "nameKey", "email", "studentId", "section", "position"])} AS u`)
				.where(and(ofClass, sql`${rosterStudents.id} = u.j_id`)),
		);
	}
	if (w.insert.length > 0) {
		const rows = jsonRows(w.insert, ["id", "name", "nameKey", "email", "studentId", "section", "code", "position"]);
		statements.push(
			db
				.insert(rosterStudents)
				.select(
					sql`SELECT j_id, ${classId}, j_name, j_nameKey, j_email, j_studentId, j_section, j_code, j_position, ${now.getTime()} FROM ${rows}`,
				),
		);
	}
	const [head, ...rest] = statements;
	if (head) await db.batch([head, ...rest]);
}

/** Changes one student (and, renamed, moves their attempts in this class to the new name); null when they are not on this roster. */
export async function updateRosterStudent(
	db: Database,
	classId: string,
	student: StudentWrite,
	oldKey: string,
): Promise<RosterStudentRow | null> {
	const { id, ...changes } = student;
	const update = db.update(rosterStudents).set(changes).where(rosterStudentOf(classId, id)).returning();
	if (oldKey === student.nameKey) return (await update)[0] ?? null;
	const [rows] = await db.batch([
		update,
		db
			.update(attempts)
			.set({ studentKey: student.nameKey, studentName: student.name })
			.where(and(eq(attempts.classId, classId), eq(attempts.studentKey, oldKey))),
	]);
	return rows[0] ?? null;
}

/** Removes one student from the roster (their attempts stay); false when they were not on it. */
export function deleteRosterStudent(db: Database, classId: string, id: string): Promise<boolean> {
	return removedAny(db.delete(rosterStudents).where(rosterStudentOf(classId, id)).returning({ id: rosterStudents.id }));
}

/** Gives a student a new personal code; null when they are not on this roster. Throws the unique violation when the code is taken. */
export function setRosterCode(db: Database, classId: string, id: string, code: string): Promise<RosterStudentRow | null> {
	return firstOrNull(db.update(rosterStudents).set({ code }).where(rosterStudentOf(classId, id)).returning());
}
