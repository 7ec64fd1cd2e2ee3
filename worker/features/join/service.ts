/** Joining: checking what a student typed before the quiz opens. Typed results, no HTTP. */
import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import type { Limiter } from "../../domain/limiter";
import { findClassByCode } from "../classes/queries";
import { classOffers, findQuiz } from "../quizzes/library";
import { checkClassCode, checkName } from "./student-cookie";

export type ClassCodeCheck =
	| { kind: "ok"; classCode: string | null; cls: ClassRow | null }
	| { kind: "invalid"; classCode: string; message: string }
	| { kind: "rateLimited" };

/** A class code normalised (null when none), and why it will not do: too long, or no such class. */
export async function checkClass(db: Database, raw: string, limiter: Limiter): Promise<ClassCodeCheck> {
	const code = checkClassCode(raw);
	if (!code.ok) return { kind: "invalid", classCode: raw, message: code.message };
	if (code.value === null) return { kind: "ok", classCode: null, cls: null };
	if (!(await limiter.allow())) return { kind: "rateLimited" };
	const cls = await findClassByCode(db, code.value);
	if (!cls) {
		return {
			kind: "invalid",
			classCode: code.value,
			message: `No class has the code “${code.value}”. Check the code your teacher gave you, or leave it empty.`,
		};
	}
	return { kind: "ok", classCode: code.value, cls };
}

export interface JoinErrors {
	name?: string;
	classCode?: string;
	quiz?: string;
}

export type JoinResult =
	| { kind: "joined"; name: string; classCode: string | null; quizId: string }
	/** What to fix, and the class when its code was sound (so the form lists its quizzes again). */
	| { kind: "invalid"; errors: JoinErrors; cls: ClassRow | null }
	| { kind: "rateLimited" };

/** Name, class code and quiz from the join form, checked; the class and the quiz must exist. */
export async function join(db: Database, raw: { name: string; classCode: string; quiz: string }, limiter: Limiter): Promise<JoinResult> {
	const errors: JoinErrors = {};
	const name = checkName(raw.name);
	if (!name.ok) errors.name = name.message;
	const code = await checkClass(db, raw.classCode, limiter);
	if (code.kind === "rateLimited") return code;
	if (code.kind === "invalid") errors.classCode = code.message;
	const found = await findQuiz(db, raw.quiz);
	if (!found || found.archived) errors.quiz = "That quiz is no longer here. Choose another one.";
	else if (code.kind === "ok" && code.cls && !classOffers(code.cls, found))
		errors.quiz = "That quiz is not open for your class. Choose another one.";
	if (!name.ok || code.kind !== "ok" || errors.quiz) return { kind: "invalid", errors, cls: code.kind === "ok" ? code.cls : null };
	return { kind: "joined", name: name.value, classCode: code.classCode, quizId: raw.quiz };
}
