/**
 * Names of people and classes: one rule for students, teachers and classes, used by the API, the
 * pages and the operator's CLI alike. A name is stored NFC, trimmed, with every run of white space
 * one space; its length is counted in characters as a person counts them (code points, not UTF-16
 * units).
 */
import * as z from "../lib/z";
import { nameSkeleton } from "./confusables";
import { textProblem } from "./text";

/** The longest name of each kind, in characters. */
export const NAME_LIMITS = { student: 60, class: 80, teacher: 100 } as const;
export type NameKind = keyof typeof NAME_LIMITS;

/** A name as stored: NFC, trimmed, every run of white space one space. */
export function normaliseName(name: string): string {
	return name.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function nameLength(name: string): number {
	return [...name].length;
}

/**
 * Key that groups one student's attempts: the stored name with compatibility forms folded (NFKC:
 * fullwidth "Ａｄａ" is "Ada"), lowercased, with look-alikes from other scripts inside a Latin name
 * folded to the Latin letter they imitate (Cyrillic "Аda" is "ada") and invisible characters
 * dropped, then lowercased and normalised again. ASCII names keep the key they always had (the
 * name, NFC, lowercased); the exact rule and its reasons are in confusables.ts.
 */
export function studentKey(name: string): string {
	const folded = normaliseName(name).normalize("NFKC").toLowerCase();
	return normaliseName(nameSkeleton(folded).toLowerCase());
}

/** Why a normalised name cannot be stored, or null when it can. */
export function nameProblem(name: string, kind: NameKind): string | null {
	const text = textProblem(name);
	if (text !== null) return text;
	// A name of invisible or blank-looking letters only (Hangul fillers) groups under an empty key.
	if (nameLength(name) < 1 || studentKey(name) === "") return "must not be empty";
	if (nameLength(name) > NAME_LIMITS[kind]) return `must be at most ${NAME_LIMITS[kind]} characters`;
	return null;
}

/** The schema of a name field: normalised, then checked against its kind's limits. */
export function nameField(kind: NameKind) {
	return z.pipe(
		z.string().check(
			z.maxLength(1000, "is too long"),
			z.superRefine((raw, ctx) => {
				const problem = textProblem(raw);
				if (problem !== null) ctx.issues.push({ code: "custom", message: problem, input: raw });
			}),
		),
		z.transform(normaliseName).check(
			z.superRefine((name, ctx) => {
				const problem = nameProblem(name, kind);
				if (problem !== null) ctx.issues.push({ code: "custom", message: problem, input: name });
			}),
		),
	);
}
