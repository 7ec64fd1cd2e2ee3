/**
 * Every quiz students can meet, by id: the built-in library (quiz-data/, checked and versioned once
 * per isolate) and teachers' own quizzes (D1, one immutable row per version). Every lookup of a
 * quiz by id goes through here.
 */
import { articleFiles, quizFiles } from "../../../quiz-data";
import type { Database } from "../../db/client";
import type { ClassRow, TeacherQuizRow } from "../../db/schema";
import { buildCatalog, type Catalog, toQuiz } from "../../domain/quiz/catalog";
import { quizSummary } from "../../domain/quiz/public";
import type { Quiz, QuizContent } from "../../domain/quiz/schema";
import { boundedMemo } from "../../lib/memo";
import { findCurrentVersion, findVersion, listOpenTeacherQuizzes } from "./queries";

/** Teachers' quiz ids start with this (and built-in ids never do: `npm run quiz:check` refuses them). */
export const TEACHER_QUIZ_PREFIX = "tq";
const isTeacherQuizId = (id: string) => id.startsWith(`${TEACHER_QUIZ_PREFIX}-`);

let catalog: Promise<Catalog> | undefined;

/** The built-in library. */
export function getCatalog(): Promise<Catalog> {
	catalog ??= buildCatalog(articleFiles, quizFiles);
	return catalog;
}

/** A quiz found by id: whose it is (null: the built-in library) and whether it still takes attempts. */
export interface FoundQuiz {
	quiz: Quiz;
	teacherId: string | null;
	archived: boolean;
}

/** Versions never change, so a built quiz is kept per isolate by id and version (a bounded number of them). */
const built = boundedMemo<Promise<Quiz>>(256);

async function found(row: { quiz: TeacherQuizRow; content: QuizContent }, version: string): Promise<FoundQuiz> {
	const quiz = await built(`${row.quiz.id}\u0000${version}`, () => toQuiz(row.content));
	return { quiz, teacherId: row.quiz.teacherId, archived: row.quiz.archivedAt !== null };
}

/** The quiz as students take it now (a teacher's current version), or undefined. */
export async function findQuiz(db: Database, id: string): Promise<FoundQuiz | undefined> {
	const builtIn = (await getCatalog()).byId.get(id);
	if (builtIn) return { quiz: builtIn, teacherId: null, archived: false };
	if (!isTeacherQuizId(id) || id.length > 100) return undefined;
	const row = await findCurrentVersion(db, id);
	return row ? found(row, row.quiz.version) : undefined;
}

/** The quiz at the version an attempt was graded on (a built-in quiz: as it is now), or undefined. */
export async function findQuizAt(db: Database, id: string, version: string): Promise<FoundQuiz | undefined> {
	const builtIn = (await getCatalog()).byId.get(id);
	if (builtIn) return { quiz: builtIn, teacherId: null, archived: false };
	if (!isTeacherQuizId(id)) return undefined;
	const row = await findVersion(db, id, version);
	return row ? found(row, version) : undefined;
}

/** A quiz as lists show it. */
export type QuizSummary = ReturnType<typeof quizSummary>;

/**
 * The quizzes a class offers, in order: with no list of open quizzes, the whole built-in library and
 * every quiz of the class's teacher that takes attempts; with a list, exactly those. Without a
 * class, the built-in library.
 */
export async function quizzesFor(db: Database, cls: ClassRow | null): Promise<QuizSummary[]> {
	const { quizzes: library } = await getCatalog();
	const librarySummaries = library.map(quizSummary);
	if (cls === null) return librarySummaries;
	const own = await listOpenTeacherQuizzes(db, cls.teacherId);
	if (cls.openQuizIds === null) return [...librarySummaries, ...own];
	const all = new Map<string, QuizSummary>([...librarySummaries, ...own].map((q) => [q.id, q]));
	return cls.openQuizIds.flatMap((id) => all.get(id) ?? []);
}

/** Whether a class takes attempts at this quiz: one of its open quizzes, or (with no list) the library's or its own teacher's. */
export function classOffers(cls: ClassRow, found: FoundQuiz): boolean {
	if (found.archived) return false;
	if (cls.openQuizIds !== null) return cls.openQuizIds.includes(found.quiz.id);
	return found.teacherId === null || found.teacherId === cls.teacherId;
}

/** Which of these ids name no quiz a class of this teacher can open (built-in, or the teacher's own, not archived). */
export async function unknownQuizIds(db: Database, teacherId: string, ids: readonly string[]): Promise<string[]> {
	const { byId } = await getCatalog();
	const own = ids.some(isTeacherQuizId) ? new Set((await listOpenTeacherQuizzes(db, teacherId)).map((q) => q.id)) : new Set<string>();
	return ids.filter((id) => !byId.has(id) && !own.has(id));
}
