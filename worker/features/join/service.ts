/**
 * Joining: checking what a student typed before the quiz opens. Typed results, no HTTP.
 *
 * A code is a class's join code or a roster student's personal code (one box takes both). What the
 * student is asked for depends on the class:
 *
 * - a personal code names the student: no name is typed, the roster's name is used;
 * - the join code of a class with a roster and the name picker on: the student picks their name
 *   from the roster (anyone with the class code can pick any name: the teacher's trade-off);
 * - the join code of a class with a roster and the picker off: the student must type their
 *   personal code; a typed name is not accepted;
 * - the join code of a class without a roster, or no code at all: a typed name, as always.
 */
import type { Database } from "../../db/client";
import type { ClassRow, RosterStudentRow } from "../../db/schema";
import type { Limiter } from "../../domain/limiter";
import { isPersonalCode } from "../../domain/secrets";
import { codeLookup, codeMatch } from "../classes/queries";
import { classOffers, findQuiz } from "../quizzes/library";
import { rosterByJoinCode } from "../roster/queries";
import { checkClassCode, checkName } from "./student-cookie";

/** A name on a class's roster, as the name picker lists it. */
export interface RosterName {
	id: string;
	name: string;
}

/** What a code opens. */
export type CodeCheck =
	/** No code: practice, a typed name. */
	| { kind: "none" }
	/** A class's join code; `roster` is empty when the class has none. */
	| { kind: "class"; classCode: string; cls: ClassRow; roster: RosterName[] }
	/** A roster student's personal code. */
	| { kind: "personal"; classCode: string; cls: ClassRow; student: RosterStudentRow }
	| { kind: "invalid"; classCode: string; message: string }
	| { kind: "rateLimited" };

/** How a class's students say who they are. */
export type Identify = "typeName" | "pickName" | "personalCode";

/** How a class with this roster asks its students who they are. */
export const identifyBy = (cls: ClassRow, roster: readonly RosterName[]): Identify =>
	roster.length === 0 ? "typeName" : cls.namePicker ? "pickName" : "personalCode";

const unknownCode = (code: string) =>
	code.length > 6
		? `No class and no student has the code “${code}”. Check the code on your card, or ask your teacher.`
		: `No class has the code “${code}”. Check the code your teacher gave you, or leave it empty.`;

/**
 * A code as typed, normalised, and what it opens; one join-limiter count and one D1 round trip (the
 * class, the roster student, and the roster of a class joined by its join code). A closed class's
 * code opens nothing.
 */
export async function checkCode(db: Database, raw: string, limiter: Limiter, now = new Date()): Promise<CodeCheck> {
	const code = checkClassCode(raw);
	if (!code.ok) return { kind: "invalid", classCode: raw, message: code.message };
	if (code.value === null) return { kind: "none" };
	if (!(await limiter.allow())) return { kind: "rateLimited" };
	const [classRows, studentRows, roster] = await db.batch([...codeLookup(db, code.value), rosterByJoinCode(db, code.value)]);
	const match = codeMatch([classRows, studentRows]);
	if (!match) return { kind: "invalid", classCode: code.value, message: unknownCode(code.value) };
	// A closed class is refused here, at the join page, before the student reads and answers anything.
	if (match.cls.closesAt && now.getTime() >= match.cls.closesAt.getTime()) {
		return { kind: "invalid", classCode: code.value, message: "This class has closed and takes no more answers. Ask your teacher." };
	}
	if (match.student) return { kind: "personal", classCode: code.value, cls: match.cls, student: match.student };
	return { kind: "class", classCode: code.value, cls: match.cls, roster };
}

export interface JoinErrors {
	name?: string;
	classCode?: string;
	personalCode?: string;
	pick?: string;
	quiz?: string;
}

/** What the join form sent. */
export interface JoinInput {
	name: string;
	classCode: string;
	/** The personal code typed where a rostered class asks for it. */
	personalCode: string;
	/** The roster student picked from the list (an id). */
	pick: string;
	quiz: string;
}

export type JoinResult =
	/** Who the student is from now on, as the student cookie keeps it: the name, and the code the quiz page submits with. */
	| { kind: "joined"; name: string; classCode: string | null; quizId: string }
	/** What to fix, and what the code opened (so the form shows the same choices again). */
	| { kind: "invalid"; errors: JoinErrors; code: CodeCheck }
	| { kind: "rateLimited" };

/**
 * Name (or personal code, or picked name), class code and quiz from the join form, checked; the
 * class and the quiz must exist. A student picked from the list is remembered by the roster's name
 * and the class code, never by their personal code, so picking a name never reveals a classmate's code.
 */
export async function join(db: Database, raw: JoinInput, limiter: Limiter): Promise<JoinResult> {
	const errors: JoinErrors = {};
	const code = await checkCode(db, raw.classCode, limiter);
	if (code.kind === "rateLimited") return code;
	if (code.kind === "invalid") errors.classCode = code.message;
	const cls = code.kind === "class" || code.kind === "personal" ? code.cls : null;

	const found = await findQuiz(db, raw.quiz);
	if (!found || found.archived) errors.quiz = "That quiz is no longer here. Choose another one.";
	else if (cls && !classOffers(cls, found)) errors.quiz = "That quiz is not open for your class. Choose another one.";
	else if (!cls && found.teacherId !== null) errors.quiz = "That quiz is only for a class: type the code your teacher gave you.";

	let who: { name: string; classCode: string | null } | null = null;
	if (code.kind === "personal") who = { name: code.student.name, classCode: code.student.code };
	else if (code.kind === "class" && identifyBy(code.cls, code.roster) === "personalCode") {
		const personal = raw.personalCode.trim() === "" ? null : await checkCode(db, raw.personalCode, limiter);
		if (personal?.kind === "rateLimited") return personal;
		if (personal?.kind === "personal" && personal.cls.id === code.cls.id) {
			who = { name: personal.student.name, classCode: personal.student.code };
		} else {
			errors.personalCode =
				personal === null
					? "Type the personal code from your card: this class does not take typed names."
					: `“${raw.personalCode.trim()}” is not a personal code of this class. Check the code on your card.`;
		}
	} else if (code.kind === "class" && identifyBy(code.cls, code.roster) === "pickName") {
		const picked = code.roster.find((s) => s.id === raw.pick);
		if (picked) who = { name: picked.name, classCode: code.classCode };
		else errors.pick = "Pick your name from the list.";
	} else if (code.kind !== "invalid") {
		const name = checkName(raw.name);
		if (name.ok) who = { name: name.value, classCode: code.kind === "class" ? code.classCode : null };
		else errors.name = name.message;
	} else if (!isPersonalCode(code.classCode)) {
		// An unknown class code: the name is checked too, so one round of corrections fixes both.
		const name = checkName(raw.name);
		if (!name.ok) errors.name = name.message;
	}
	if (!who || Object.keys(errors).length > 0) return { kind: "invalid", errors, code };
	return { kind: "joined", ...who, quizId: raw.quiz };
}
