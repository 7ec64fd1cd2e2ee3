import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { quizVersions, type TeacherQuizRow, teacherQuizzes } from "../../db/schema";
import type { QuizContent } from "../../domain/quiz/schema";

/** A teacher's quiz with the content of its current version, in one round trip; null when unknown. */
export async function findCurrentVersion(db: Database, quizId: string) {
	const rows = await db
		.select({ quiz: teacherQuizzes, content: quizVersions.content })
		.from(teacherQuizzes)
		.innerJoin(quizVersions, and(eq(quizVersions.quizId, teacherQuizzes.id), eq(quizVersions.version, teacherQuizzes.version)))
		.where(eq(teacherQuizzes.id, quizId))
		.limit(1);
	return rows[0] ?? null;
}

/** One stored version of a teacher's quiz, with the quiz's row; null when unknown. */
export async function findVersion(db: Database, quizId: string, version: string) {
	const rows = await db
		.select({ quiz: teacherQuizzes, content: quizVersions.content })
		.from(quizVersions)
		.innerJoin(teacherQuizzes, eq(teacherQuizzes.id, quizVersions.quizId))
		.where(and(eq(quizVersions.quizId, quizId), eq(quizVersions.version, version)))
		.limit(1);
	return rows[0] ?? null;
}

/** A teacher's quizzes (archived ones too), newest first. */
export function listTeacherQuizzes(db: Database, teacherId: string) {
	return db
		.select()
		.from(teacherQuizzes)
		.where(eq(teacherQuizzes.teacherId, teacherId))
		.orderBy(desc(teacherQuizzes.createdAt), desc(teacherQuizzes.id));
}

/** The quizzes of a teacher that still take attempts, as lists show them (no content), oldest first. */
export function listOpenTeacherQuizzes(db: Database, teacherId: string) {
	return db
		.select({
			id: teacherQuizzes.id,
			title: teacherQuizzes.title,
			questionCount: teacherQuizzes.questionCount,
			version: teacherQuizzes.version,
		})
		.from(teacherQuizzes)
		.where(and(eq(teacherQuizzes.teacherId, teacherId), isNull(teacherQuizzes.archivedAt)))
		.orderBy(asc(teacherQuizzes.createdAt), asc(teacherQuizzes.id));
}

/** Every version of a quiz, oldest first. */
export function listVersions(db: Database, quizId: string) {
	return db
		.select({ version: quizVersions.version, createdAt: quizVersions.createdAt })
		.from(quizVersions)
		.where(eq(quizVersions.quizId, quizId))
		.orderBy(asc(quizVersions.createdAt), asc(quizVersions.version));
}

/** Stores a new quiz and its first version in one batch: both or neither. */
export async function insertQuiz(db: Database, quiz: TeacherQuizRow, content: QuizContent): Promise<void> {
	await db.batch([
		db.insert(teacherQuizzes).values(quiz),
		db.insert(quizVersions).values({ quizId: quiz.id, version: quiz.version, content, createdAt: quiz.createdAt }),
	]);
}

/**
 * Makes `version` the quiz's current one, storing it unless that exact content is stored already
 * (versions never change: the same content is the same version), in one batch.
 */
export async function publishVersion(db: Database, quizId: string, version: string, title: string, content: QuizContent, now: Date) {
	await db.batch([
		db.insert(quizVersions).values({ quizId, version, content, createdAt: now }).onConflictDoNothing(),
		db
			.update(teacherQuizzes)
			.set({ version, title, questionCount: content.quiz.questions.length, updatedAt: now })
			.where(eq(teacherQuizzes.id, quizId)),
	]);
}

/** Archives a teacher's quiz (kept for results and exports; archiving twice keeps the first time); false when it is not theirs. */
export async function archiveTeacherQuiz(db: Database, teacherId: string, quizId: string, now: Date): Promise<boolean> {
	const rows = await db
		.update(teacherQuizzes)
		.set({ archivedAt: sql`coalesce(${teacherQuizzes.archivedAt}, ${now.getTime()})` })
		.where(and(eq(teacherQuizzes.id, quizId), eq(teacherQuizzes.teacherId, teacherId)))
		.returning({ id: teacherQuizzes.id, archivedAt: teacherQuizzes.archivedAt });
	return rows.length > 0;
}
