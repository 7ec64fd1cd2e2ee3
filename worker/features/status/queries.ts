/**
 * What the status page and the projector view read: a class's roster, who submitted what, who opened
 * what, and the titles of the teacher's own quizzes, in one D1 round trip (one `db.batch`, one
 * implicit transaction, so the four answers agree with each other). Each statement leads with the
 * class id and walks an index: roster_students (class_id, position), attempts (class_id, quiz_id,
 * student_key), quiz_opens by its primary key, teacher_quizzes (teacher_id, created_at).
 */
import { and, asc, eq, max, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "../../db/client";
import { attempts, quizOpens, rosterStudents, teacherQuizzes } from "../../db/schema";

/** `column` is one of `ids` (bound as one JSON array: D1 takes at most 100 parameters, a class lists up to 200 quizzes). */
const among = (column: SQLiteColumn, ids: readonly string[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The class's activity at the quizzes `quizIds` (null: at every quiz). */
export async function readClassActivity(db: Database, classId: string, teacherId: string, quizIds: readonly string[] | null) {
	const [roster, submitted, opened, ownQuizzes] = await db.batch([
		db
			.select({ id: rosterStudents.id, name: rosterStudents.name, nameKey: rosterStudents.nameKey })
			.from(rosterStudents)
			.where(eq(rosterStudents.classId, classId))
			.orderBy(asc(rosterStudents.position), asc(rosterStudents.id)),
		// One row per quiz and student (grouped as every export groups them: by student key). With one MAX
		// and no other min/max, SQLite takes the bare student_name from the row holding the maximum: the
		// name on the latest attempt, as gradebook.csv names a student.
		db
			.select({
				quizId: attempts.quizId,
				studentKey: attempts.studentKey,
				lastSubmittedAt: max(attempts.submittedAt),
				studentName: sql<string>`${attempts.studentName}`,
			})
			.from(attempts)
			.where(and(eq(attempts.classId, classId), quizIds === null ? undefined : among(attempts.quizId, quizIds)))
			.groupBy(attempts.quizId, attempts.studentKey),
		db
			.select({ rosterStudentId: quizOpens.rosterStudentId, quizId: quizOpens.quizId, openedAt: quizOpens.openedAt })
			.from(quizOpens)
			.innerJoin(rosterStudents, eq(rosterStudents.id, quizOpens.rosterStudentId))
			.where(and(eq(rosterStudents.classId, classId), quizIds === null ? undefined : among(quizOpens.quizId, quizIds))),
		db.select({ id: teacherQuizzes.id, title: teacherQuizzes.title }).from(teacherQuizzes).where(eq(teacherQuizzes.teacherId, teacherId)),
	]);
	return { roster, submitted, opened, ownQuizzes };
}

export type ClassActivity = Awaited<ReturnType<typeof readClassActivity>>;
