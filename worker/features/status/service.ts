/**
 * Who has submitted: every roster student's state at each quiz of the class, the students who
 * submitted without being on the roster, and the counts the projector shows. Typed results, no HTTP.
 *
 * A roster student's state at a quiz:
 * - "submitted": at least one attempt at the quiz in this class under the student's name key (a
 *   personal code or a typed name: attempts are grouped by studentKey either way);
 * - "in-progress": no attempt, but the student opened the quiz (a quiz_opens row);
 * - "not-started": neither.
 * There is no "late": a class's closing time (closesAt) refuses new attempts, so nothing is ever
 * submitted after it, and a class has no due time distinct from closing.
 *
 * The projector's counts, at one quiz (or every quiz of the class when there is none yet):
 * "joined" is the roster students who opened or submitted it plus the students not on the roster who
 * submitted it (typed names leave no trace before they submit); "submitted" is everyone who submitted it.
 */
import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import { getCatalog } from "../quizzes/library";
import { type ClassActivity, readClassActivity } from "./queries";

export const STUDENT_STATES = ["not-started", "in-progress", "submitted"] as const;
export type StudentState = (typeof STUDENT_STATES)[number];

export interface QuizCounts {
	/** Students on the roster. */
	roster: number;
	notStarted: number;
	inProgress: number;
	submitted: number;
	/** Students not on the roster who submitted this quiz. */
	notOnRoster: number;
}

export interface StatusQuiz {
	id: string;
	title: string;
	counts: QuizCounts;
}

export interface RosterLine {
	id: string;
	name: string;
	/** One state per quiz, in the order of `quizzes`. */
	states: StudentState[];
}

export interface OtherLine {
	/** The student key attempts are grouped by. */
	key: string;
	/** The name on the student's latest attempt. */
	name: string;
	/** "submitted" or "not-started" per quiz (without a roster entry nobody is seen opening a quiz). */
	states: StudentState[];
}

export interface ClassStatus {
	/**
	 * The quizzes shown, in order: the quizzes open in the class (its list, as the teacher ordered it;
	 * for a class that opens every quiz, each one a student opened or submitted, by title), or the one asked for.
	 */
	quizzes: StatusQuiz[];
	roster: RosterLine[];
	/** Students who submitted at least one of the quizzes shown without being on the roster, by name key. */
	notOnRoster: OtherLine[];
	/** The class stopped taking answers (closesAt has passed). */
	closed: boolean;
	closesAt: Date | null;
	asOf: Date;
	/** The quiz the projector counts unless told otherwise: the newest on the class's list, else the one worked on last; null before any. */
	currentQuizId: string | null;
}

export type StatusResult = { kind: "found"; status: ClassStatus } | { kind: "unknownQuiz"; quizId: string };

/**
 * The class's status at the quizzes open in it, or at `quizId` (one of them, or any quiz a student
 * opened or submitted in the class, such as one since taken off its list); one D1 round trip.
 */
export async function classStatus(db: Database, cls: ClassRow, quizId?: string, now = new Date()): Promise<StatusResult> {
	const quizIds = quizId !== undefined ? [quizId] : cls.openQuizIds;
	const [activity, catalog] = await Promise.all([readClassActivity(db, cls.id, cls.teacherId, quizIds), getCatalog()]);
	const titles = new Map<string, string>([
		...catalog.quizzes.map((q) => [q.id, q.title] as const),
		...activity.ownQuizzes.map((q) => [q.id, q.title] as const),
	]);
	return buildStatus(cls, activity, (id) => titles.get(id) ?? id, quizId, now);
}

/** The status from what D1 holds (pure: exported for the projector's counts and for tests). */
export function buildStatus(
	cls: Pick<ClassRow, "openQuizIds" | "closesAt">,
	activity: ClassActivity,
	titleOf: (quizId: string) => string,
	quizId: string | undefined,
	now: Date,
): StatusResult {
	const shown = quizId === undefined ? (cls.openQuizIds ?? byTitle(activity, titleOf)) : [quizId];
	if (quizId !== undefined && !(cls.openQuizIds ?? []).includes(quizId) && !hasActivity(activity, quizId)) {
		return { kind: "unknownQuiz", quizId };
	}

	const submitted = new Map<string, Set<string>>(shown.map((q) => [q, new Set<string>()]));
	const latest = new Map<string, { name: string; at: number }>();
	for (const s of activity.submitted) {
		submitted.get(s.quizId)?.add(s.studentKey);
		const at = s.lastSubmittedAt?.getTime() ?? 0;
		const seen = latest.get(s.studentKey);
		if (!seen || at > seen.at) latest.set(s.studentKey, { name: s.studentName, at });
	}
	const opened = new Set(activity.opened.map((o) => `${o.rosterStudentId}\u0000${o.quizId}`));

	const roster: RosterLine[] = activity.roster.map((r) => ({
		id: r.id,
		name: r.name,
		states: shown.map((q) =>
			submitted.get(q)?.has(r.nameKey) ? "submitted" : opened.has(`${r.id}\u0000${q}`) ? "in-progress" : "not-started",
		),
	}));
	const rosterKeys = new Set(activity.roster.map((r) => r.nameKey));
	const notOnRoster: OtherLine[] = [...latest.entries()]
		.filter(([key]) => !rosterKeys.has(key) && shown.some((q) => submitted.get(q)?.has(key)))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, { name }]) => ({ key, name, states: shown.map((q) => (submitted.get(q)?.has(key) ? "submitted" : "not-started")) }));

	const quizzes = shown.map((id, i) => {
		const counts: QuizCounts = { roster: roster.length, notStarted: 0, inProgress: 0, submitted: 0, notOnRoster: 0 };
		for (const r of roster) {
			const state = r.states[i];
			if (state === "submitted") counts.submitted++;
			else if (state === "in-progress") counts.inProgress++;
			else counts.notStarted++;
		}
		for (const o of notOnRoster) if (o.states[i] === "submitted") counts.notOnRoster++;
		return { id, title: titleOf(id), counts };
	});
	return {
		kind: "found",
		status: {
			quizzes,
			roster,
			notOnRoster,
			closed: cls.closesAt !== null && now.getTime() >= cls.closesAt.getTime(),
			closesAt: cls.closesAt,
			asOf: now,
			currentQuizId: currentQuiz(cls.openQuizIds ?? [], activity),
		},
	};
}

/** Every quiz with activity (an attempt, an open), by title: the columns of a class that opens every quiz. */
function byTitle(activity: ClassActivity, titleOf: (quizId: string) => string): string[] {
	const ids = new Set([...activity.submitted, ...activity.opened].map((a) => a.quizId));
	return [...ids].sort((a, b) => titleOf(a).localeCompare(titleOf(b), "en") || (a < b ? -1 : a > b ? 1 : 0));
}

const hasActivity = (activity: ClassActivity, quizId: string) =>
	activity.submitted.some((s) => s.quizId === quizId) || activity.opened.some((o) => o.quizId === quizId);

/** The newest quiz on the class's list; with no list, the quiz opened or submitted last; null before any activity. */
function currentQuiz(listed: readonly string[], activity: ClassActivity): string | null {
	const newest = listed.at(-1);
	if (newest !== undefined) return newest;
	let best: { quizId: string; at: number } | null = null;
	const events = [
		...activity.submitted.map((s) => ({ quizId: s.quizId, at: s.lastSubmittedAt?.getTime() ?? 0 })),
		...activity.opened.map((o) => ({ quizId: o.quizId, at: o.openedAt.getTime() })),
	];
	for (const e of events) if (best === null || e.at > best.at || (e.at === best.at && e.quizId < best.quizId)) best = e;
	return best?.quizId ?? null;
}

export interface PresentCounts {
	/** The quiz counted; null: every quiz of the class (there is none yet). */
	quiz: { id: string; title: string } | null;
	joined: number;
	submitted: number;
	/** Students on the roster (0: the class has none). */
	roster: number;
	closed: boolean;
	closesAt: Date | null;
	asOf: Date;
}

export type PresentResult =
	/** `quizzes`: the quizzes counted over (the status page's columns; with `quizId`, that one). */
	{ kind: "found"; counts: PresentCounts; quizzes: { id: string; title: string }[] } | { kind: "unknownQuiz"; quizId: string };

/**
 * The projector's counts at `quizId` (any quiz the status page takes), or at the class's current
 * quiz: no names, no scores. One D1 round trip, the same as the status page's.
 */
export async function presentCounts(db: Database, cls: ClassRow, quizId?: string, now = new Date()): Promise<PresentResult> {
	const result = await classStatus(db, cls, quizId, now);
	if (result.kind !== "found") return result;
	const { status } = result;
	const chosen = quizId ?? status.currentQuizId;
	const index = chosen === null ? -1 : status.quizzes.findIndex((q) => q.id === chosen);
	const at = <T>(states: readonly T[]) => (index < 0 ? states : states.slice(index, index + 1));
	const joined =
		status.roster.filter((r) => at(r.states).some((s) => s !== "not-started")).length +
		status.notOnRoster.filter((o) => at(o.states).includes("submitted")).length;
	const submittedCount =
		status.roster.filter((r) => at(r.states).includes("submitted")).length +
		status.notOnRoster.filter((o) => at(o.states).includes("submitted")).length;
	const quiz = status.quizzes[index];
	return {
		kind: "found",
		counts: {
			quiz: quiz ? { id: quiz.id, title: quiz.title } : null,
			joined,
			submitted: submittedCount,
			roster: status.roster.length,
			closed: status.closed,
			closesAt: status.closesAt,
			asOf: status.asOf,
		},
		quizzes: status.quizzes.map((q) => ({ id: q.id, title: q.title })),
	};
}

/** The quizzes a projector may count (the status page's columns), for choosing another. */
export async function classQuizzes(db: Database, cls: ClassRow): Promise<{ id: string; title: string }[]> {
	const result = await classStatus(db, cls);
	return result.kind === "found" ? result.status.quizzes.map((q) => ({ id: q.id, title: q.title })) : [];
}
