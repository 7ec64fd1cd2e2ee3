/** Classes: created with a fresh join code, changed, deleted with confirmation. Typed results, no HTTP. */
import type { Database } from "../../db/client";
import type { ClassRow, ReviewLevel, ReviewTime } from "../../db/schema";
import type { Issue } from "../../domain/issues";
import { normaliseName, studentKey } from "../../domain/names";
import { withholdsAnything } from "../../domain/review";
import { newJoinCode } from "../../domain/secrets";
import { isUniqueViolation } from "../attempts/queries";
import { getCatalog, unknownQuizIds } from "../quizzes/library";
import { type ClassChanges, deleteClass, deleteStudentAttempts, findTeacherClass, insertClass, updateClass } from "./queries";

/** The policy a class sets for its students. */
export interface ClassPolicy {
	openQuizIds?: string[] | null | undefined;
	closesAt?: Date | null | undefined;
	maxAttempts?: number | null | undefined;
	/** What students see after submitting, and when (domain/review.ts). */
	review?: ReviewLevel | undefined;
	reviewAfter?: ReviewTime | undefined;
	/** Rostered students pick their name from the list instead of typing a personal code. */
	namePicker?: boolean | undefined;
}

/** A class's settings were refused: they name quizzes the teacher cannot open. */
export type UnknownQuizzes = { kind: "unknownQuizzes"; issues: Issue[] };

/** The open quizzes of a policy that name no quiz this teacher can open (built-in, or their own and not archived). */
async function unknownOpenQuizzes(db: Database, teacherId: string, policy: ClassPolicy): Promise<UnknownQuizzes | null> {
	const ids = policy.openQuizIds ?? [];
	const unknown = new Set(await unknownQuizIds(db, teacherId, ids));
	if (unknown.size === 0) return null;
	const issues = ids.flatMap((id, i) => (unknown.has(id) ? [{ path: `openQuizIds[${i}]`, message: `there is no quiz "${id}"` }] : []));
	return { kind: "unknownQuizzes", issues };
}

/** Creates a class with a fresh join code, drawing again in the rare case the code is taken. */
export async function createClass(
	db: Database,
	teacherId: string,
	input: { name: string } & ClassPolicy,
): Promise<{ kind: "created"; cls: ClassRow } | UnknownQuizzes> {
	const unknown = await unknownOpenQuizzes(db, teacherId, input);
	if (unknown) return unknown;
	return { kind: "created", cls: await insertWithFreshCode(db, teacherId, input) };
}

async function insertWithFreshCode(db: Database, teacherId: string, input: { name: string } & ClassPolicy): Promise<ClassRow> {
	for (let tries = 0; ; tries++) {
		try {
			return await insertClass(db, {
				id: crypto.randomUUID(),
				teacherId,
				name: input.name,
				joinCode: newJoinCode(),
				createdAt: new Date(),
				openQuizIds: input.openQuizIds ?? null,
				closesAt: input.closesAt ?? null,
				maxAttempts: input.maxAttempts ?? null,
				// Undefined: the column's default (the full review, at once; no name picker).
				review: input.review,
				reviewAfter: input.reviewAfter,
				namePicker: input.namePicker,
			});
		} catch (err) {
			if (!isUniqueViolation(err) || tries >= 5) throw err;
		}
	}
}

/** Applies the fields given (undefined: leave as is). */
export async function changeClass(
	db: Database,
	cls: ClassRow,
	input: { name?: string | undefined } & ClassPolicy,
): Promise<{ kind: "changed"; cls: ClassRow } | UnknownQuizzes> {
	const unknown = await unknownOpenQuizzes(db, cls.teacherId, input);
	if (unknown) return unknown;
	const changes: ClassChanges = {};
	if (input.name !== undefined) changes.name = input.name;
	if (input.openQuizIds !== undefined) changes.openQuizIds = input.openQuizIds;
	if (input.closesAt !== undefined) changes.closesAt = input.closesAt;
	if (input.maxAttempts !== undefined) changes.maxAttempts = input.maxAttempts;
	if (input.review !== undefined) changes.review = input.review;
	if (input.reviewAfter !== undefined) changes.reviewAfter = input.reviewAfter;
	if (input.namePicker !== undefined) changes.namePicker = input.namePicker;
	return { kind: "changed", cls: (await updateClass(db, cls.teacherId, cls.id, changes)) ?? cls };
}

/**
 * Whether students of this class can read the answers of this quiz before its review policy shows
 * them: built-in quizzes are public, and practice (without a class code) on them gets the full
 * review at once, so a policy that withholds anything does not hold for them. The dashboard warns
 * beside such a quiz. A teacher's own quiz cannot be practised: false.
 */
export async function practiceLeaksAnswers(cls: Pick<ClassRow, "review" | "reviewAfter">, quizId: string): Promise<boolean> {
	return withholdsAnything(cls) && (await getCatalog()).byId.has(quizId);
}

/** The teacher's class, or null whether it is missing or another teacher's: never confirm it exists. */
export const findClass = findTeacherClass;

export type DeleteResult = { kind: "deleted" } | { kind: "confirmationNeeded" };

/** Deletes a class and everything in it, once the teacher has repeated its id or exact name. */
export async function removeClass(db: Database, cls: ClassRow, confirm: string | undefined): Promise<DeleteResult> {
	if (confirm !== cls.id && confirm !== cls.name) return { kind: "confirmationNeeded" };
	await deleteClass(db, cls.teacherId, cls.id);
	return { kind: "deleted" };
}

/** Deletes every attempt of one student (by name, grouped as the exports group it) in a class. */
export async function removeStudent(db: Database, cls: ClassRow, rawName: string) {
	const studentName = normaliseName(rawName);
	return { studentName, deleted: await deleteStudentAttempts(db, cls.id, studentKey(studentName)) };
}
