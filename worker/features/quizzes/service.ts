/**
 * Quizzes: what a class offers its students, and teachers' own quizzes, published from an article
 * and versioned immutably. Typed results, no HTTP.
 */
import type { Database } from "../../db/client";
import type { Limiter } from "../../domain/limiter";
import { findClassByCode } from "../classes/queries";
import { type QuizSummary, quizzesFor } from "./library";

export type OfferedResult =
	| { kind: "offered"; quizzes: QuizSummary[] }
	| { kind: "unknownClass"; classCode: string }
	| { kind: "rateLimited" };

/** The quizzes a class code opens (the built-in library without one); looking a code up counts against `limiter`. */
export async function offeredBy(db: Database, classCode: string | null, limiter: Limiter): Promise<OfferedResult> {
	if (classCode === null) return { kind: "offered", quizzes: await quizzesFor(db, null) };
	if (!(await limiter.allow())) return { kind: "rateLimited" };
	const cls = await findClassByCode(db, classCode);
	if (!cls) return { kind: "unknownClass", classCode };
	return { kind: "offered", quizzes: await quizzesFor(db, cls) };
}
