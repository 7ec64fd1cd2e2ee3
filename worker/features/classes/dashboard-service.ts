/**
 * The class page and its drill-downs: which quiz to show, its statistics (through the per-isolate
 * cache in stats-cache.ts), the sorted attempts table, one question's spread of answers and who gave
 * each, one student's attempts and answers; and the choices the settings page offers. Typed
 * results, no HTTP.
 */
import type { Database } from "../../db/client";
import type { ClassRow } from "../../db/schema";
import { normaliseAnswer } from "../../domain/quiz/answers";
import type { Question, Quiz } from "../../domain/quiz/schema";
import { type HistogramBin, histogram, type ItemAnalysisResult, type ItemStats, type QuizStats } from "../../domain/stats";
import { answerText } from "../exports/service";
import { type FoundQuiz, findQuiz, findQuizAt, getCatalog, type QuizSummary, quizzesFor } from "../quizzes/library";
import {
	type AttemptSet,
	classStamps,
	questionSpread,
	quizStamp,
	type SortDirection,
	type StampRow,
	sendBatch,
	studentAttempts,
	type TableSort,
	tableCount,
	tableRows,
} from "./dashboard-queries";
import { deleteStudentAttempts } from "./queries";
import { practiceLeaksAnswers } from "./service";
import { type CacheOutcome, classQuizAnalysis, parseStoredAnswer, StampedCache, stampOf } from "./stats-cache";

export { ATTEMPT_SETS, type AttemptSet, type SortDirection, TABLE_SORTS, type TableSort } from "./dashboard-queries";
export type { CacheOutcome } from "./stats-cache";

/** Rows per page of the attempts table. */
export const TABLE_PAGE_ROWS = 50;

/** A quiz in the class page's chooser: open to the class, or attempted in it before. */
export interface QuizOption {
	id: string;
	title: string;
	attempts: number;
	open: boolean;
}

/** One question's line in the class page's table of questions. */
export interface ItemLine {
	number: number;
	id: string;
	prompt: string;
	type: Question["type"];
	points: number;
	facility: number | null;
	discrimination: number | null;
}

/** One attempt as the table lists it. */
export interface AttemptLine {
	id: string;
	key: string;
	name: string;
	attemptNumber: number;
	score: number;
	maxScore: number;
	/** Percent of the maximum, 0–100; null when the maximum is 0. */
	percent: number | null;
	submittedAt: Date;
}

/** The quiz statistics the class page shows, Cronbach's alpha as `alpha`. */
export type QuizStatsLine = Omit<QuizStats, "cronbachAlpha"> & { alpha: number | null };

/** What the class page shows of one quiz. */
export interface QuizResults {
	quizId: string;
	title: string;
	set: AttemptSet;
	/** Null when the quiz is no longer in the library (its attempts are still listed). */
	stats: QuizStatsLine | null;
	bins: HistogramBin[];
	items: ItemLine[];
	table: { rows: AttemptLine[]; total: number; page: number; pages: number; sort: TableSort; dir: SortDirection };
	/** How the statistics were had (the page reports it in Server-Timing). */
	cache: CacheOutcome | null;
}

export interface ClassDashboard {
	quizzes: QuizOption[];
	/** Null when the class offers no quiz and has no attempts. */
	results: QuizResults | null;
	/** Library quizzes open to this class whose answers practice shows, though the class's review withholds them. */
	leaks: { id: string; title: string }[];
}

export interface DashboardQuery {
	quizId?: string | undefined;
	set: AttemptSet;
	sort: TableSort;
	dir: SortDirection;
	/** 1-based. */
	page: number;
}

/** A quiz a teacher may look into in their class: built-in, or their own (never another teacher's). */
const visibleIn = (cls: ClassRow, found: FoundQuiz | undefined): found is FoundQuiz =>
	found !== undefined && (found.teacherId === null || found.teacherId === cls.teacherId);

const percentOf = (score: number, max: number) => (max > 0 ? (score / max) * 100 : null);

/** The offered quizzes, then any other quiz attempted in the class (closed since), each with its attempts. */
async function quizOptions(
	db: Database,
	cls: ClassRow,
	offered: readonly QuizSummary[],
	stamps: readonly StampRow[],
): Promise<QuizOption[]> {
	const counts = new Map(stamps.map((s) => [s.quiz_id, s.n]));
	const options: QuizOption[] = offered.map((q) => ({ id: q.id, title: q.title, attempts: counts.get(q.id) ?? 0, open: true }));
	const listed = new Set(options.map((q) => q.id));
	const others = stamps.filter((s) => !listed.has(s.quiz_id));
	const found = await Promise.all(others.map((s) => findQuiz(db, s.quiz_id)));
	others.forEach((s, i) => {
		const f = found[i];
		if (visibleIn(cls, f)) options.push({ id: s.quiz_id, title: f.quiz.title, attempts: s.n, open: false });
	});
	return options;
}

/** Which quiz to show: the one asked for, else the one most recently attempted, else the first offered. */
function chooseQuiz(options: readonly QuizOption[], stamps: readonly StampRow[], asked: string | undefined): QuizOption | undefined {
	const byId = (id: string | undefined) => options.find((q) => q.id === id);
	const newest = [...stamps].sort((a, b) => (b.last ?? 0) - (a.last ?? 0)).find((s) => byId(s.quiz_id));
	return byId(asked) ?? byId(newest?.quiz_id) ?? options[0];
}

/** The library quizzes among `offered` whose answers practice shows while this class's review withholds them. */
async function leakingQuizzes(cls: ClassRow, offered: readonly { id: string; title: string }[]) {
	const leaks = await Promise.all(offered.map((q) => practiceLeaksAnswers(cls, q.id)));
	return offered.filter((_, i) => leaks[i]).map((q) => ({ id: q.id, title: q.title }));
}

function statsLine(result: ItemAnalysisResult): QuizStatsLine {
	const q = result.quiz;
	return {
		attempts: q.attempts,
		maxScore: q.maxScore,
		mean: q.mean,
		median: q.median,
		sd: q.sd,
		min: q.min,
		max: q.max,
		alpha: q.cronbachAlpha,
	};
}

function itemLines(quiz: Quiz, items: readonly ItemStats[] | null): ItemLine[] {
	return quiz.questions.map((q, i) => ({
		number: i + 1,
		id: q.id,
		prompt: q.prompt,
		type: q.type,
		points: q.points,
		facility: items?.[i]?.facility ?? null,
		discrimination: items?.[i]?.discrimination ?? null,
	}));
}

/** Everything the class page shows: the quiz chooser, one quiz's statistics and a page of its attempts. */
export async function classDashboard(db: Database, cls: ClassRow, q: DashboardQuery): Promise<ClassDashboard> {
	// Each quiz's stamp is taken as its read comes back (the stats cache orders views by it).
	const [offered, [stamps, stampById]] = await Promise.all([
		quizzesFor(db, cls),
		sendBatch(db, [classStamps(cls.id)]).then(([rows]) => [rows, new Map(rows.map((r) => [r.quiz_id, stampOf(r)]))] as const),
	]);
	const quizzes = await quizOptions(db, cls, offered, stamps);
	const leaks = await leakingQuizzes(cls, offered);
	const chosen = chooseQuiz(quizzes, stamps, q.quizId);
	if (!chosen) return { quizzes, results: null, leaks };
	const stamp = stampById.get(chosen.id) ?? stampOf(undefined);
	const table = { classId: cls.id, quizId: chosen.id, set: q.set };
	const offset = (q.page - 1) * TABLE_PAGE_ROWS;
	const [found, [rows]] = await Promise.all([
		findQuiz(db, chosen.id),
		sendBatch(db, [tableRows({ ...table, sort: q.sort, dir: q.dir, limit: TABLE_PAGE_ROWS, offset })]),
	]);
	const quiz = visibleIn(cls, found) ? found.quiz : null;
	const analysed = quiz ? await classQuizAnalysis(db, cls.id, quiz, q.set, stamp) : null;
	const result = analysed?.analysis.result() ?? null;
	// The statistics count exactly the table's attempts; every attempt is the stamp's count.
	const total = result?.quiz.attempts ?? (q.set === "all" ? stamp.n : ((await sendBatch(db, [tableCount(table)]))[0][0]?.n ?? 0));
	return {
		quizzes,
		leaks,
		results: {
			quizId: chosen.id,
			title: chosen.title,
			set: q.set,
			stats: result ? statsLine(result) : null,
			bins: analysed && quiz ? histogram(analysed.analysis.scoreCounts(), quiz.maxScore) : [],
			items: quiz ? itemLines(quiz, result?.items ?? null) : [],
			table: {
				rows: rows.map((r) => ({
					id: r.id,
					key: r.student_key,
					name: r.student_name,
					attemptNumber: r.attempt_number,
					score: r.score,
					maxScore: r.max_score,
					percent: percentOf(r.score, r.max_score),
					submittedAt: new Date(r.submitted_at),
				})),
				total,
				page: q.page,
				pages: Math.max(1, Math.ceil(total / TABLE_PAGE_ROWS)),
				sort: q.sort,
				dir: q.dir,
			},
			cache: analysed?.outcome ?? null,
		},
	};
}

// ---------------------------------------------------------------- one question

/** Students listed per answer; the count says how many there are in all. */
const NAMES_PER_ANSWER = 60;
/** Distinct short answers listed (the most frequent first). */
const SHORT_ANSWERS_SHOWN = 100;
/** Distinct stored answers to a choice question read (every combination of up to ten choices). */
const CHOICE_ANSWERS_READ = 1024;

/** One answer to a question and the students who gave it. */
export interface AnswerSpread {
	/** The choice's text, or the answer as typed (its most frequent spelling); null: no answer. */
	label: string | null;
	choiceId: string | null;
	count: number;
	/** Of the attempts counted; null when none are. */
	percent: number | null;
	/** Choice questions: this choice is (one of) the right answer(s). Short answers: every attempt with it was marked right. */
	correct: boolean;
	/** Short answers: some attempts with this answer were marked right and some wrong (graded against different versions). */
	mixed: boolean;
	/** Alphabetically, at most NAMES_PER_ANSWER; `count` says how many there are. */
	students: { name: string; key: string; attemptNumber: number }[];
}

/** How the counted attempts answered one question (kept per isolate while the class's attempts at the quiz keep their stamp). */
interface Spread {
	attempts: number;
	answered: number;
	answers: AnswerSpread[];
	moreAnswers: boolean;
}

const spreads = new StampedCache<Spread>(64);

export type QuestionDrilldown =
	| { kind: "notFound" }
	| ({
			kind: "found";
			quiz: { id: string; title: string };
			question: Question;
			/** 1-based, of `questionCount`; the neighbours' ids for "previous" and "next". */
			number: number;
			questionCount: number;
			prevId: string | null;
			nextId: string | null;
			set: AttemptSet;
			stats: ItemStats | null;
			cache: CacheOutcome;
	  } & Spread);

const byName = (a: { key: string; attemptNumber: number }, b: { key: string; attemptNumber: number }) =>
	a.key < b.key ? -1 : a.key > b.key ? 1 : a.attemptNumber - b.attemptNumber;

/** Reads one question's spread: the attempts per stored answer, and who gave each (two queries, one round trip). */
async function readSpread(db: Database, cls: ClassRow, quiz: Quiz, question: Question, set: AttemptSet): Promise<Spread> {
	const choice = question.type !== "short";
	const [rows, choosers] = await sendBatch(
		db,
		questionSpread({
			classId: cls.id,
			quizId: quiz.id,
			set,
			questionId: question.id,
			choice,
			names: NAMES_PER_ANSWER,
			maxAnswers: choice ? CHOICE_ANSWERS_READ : SHORT_ANSWERS_SHOWN,
			maxBuckets: choice ? question.choices.length + 1 : SHORT_ANSWERS_SHOWN + 1,
		}),
	);
	const attempts = rows[0]?.total ?? 0;
	const blank = rows.find((r) => r.answer === null)?.n ?? 0;
	const pct = (count: number) => (attempts > 0 ? (count / attempts) * 100 : null);
	const namesOf = (bucket: string | null) =>
		choosers.filter((c) => c.bucket === bucket).map((c) => ({ name: c.student_name, key: c.student_key, attemptNumber: c.attempt_number }));
	const given = rows.filter((r) => r.answer !== null);
	let answers: AnswerSpread[];
	if (choice) {
		const counted = new Map<string, number>();
		for (const r of given) {
			const answer = parseStoredAnswer(r.answer);
			if (answer === null || !("choiceIds" in answer)) continue;
			for (const id of new Set(answer.choiceIds)) counted.set(id, (counted.get(id) ?? 0) + r.n);
		}
		answers = question.choices.map((c) => ({
			label: c.text,
			choiceId: c.id,
			count: counted.get(c.id) ?? 0,
			percent: pct(counted.get(c.id) ?? 0),
			correct: question.correctChoiceIds.includes(c.id),
			mixed: false,
			students: namesOf(c.id),
		}));
	} else {
		// The same answer in other capitals or with other punctuation is one answer, shown in its most frequent spelling.
		const merged = new Map<string, { label: string; top: number; count: number; right: number; texts: string[] }>();
		for (const r of given.slice(0, SHORT_ANSWERS_SHOWN)) {
			const answer = parseStoredAnswer(r.answer);
			if (answer === null || !("text" in answer)) continue;
			const key = normaliseAnswer(answer.text) || answer.text;
			const into = merged.get(key) ?? { label: answer.text, top: 0, count: 0, right: 0, texts: [] };
			merged.set(key, into);
			into.count += r.n;
			into.right += r.right;
			into.texts.push(answer.text);
			if (r.n > into.top) {
				into.label = answer.text;
				into.top = r.n;
			}
		}
		answers = [...merged.values()]
			.map((m) => ({
				label: m.label,
				choiceId: null,
				count: m.count,
				percent: pct(m.count),
				correct: m.right === m.count,
				mixed: m.right > 0 && m.right < m.count,
				students: m.texts.flatMap(namesOf).sort(byName).slice(0, NAMES_PER_ANSWER),
			}))
			.sort((a, b) => b.count - a.count || Number(b.correct) - Number(a.correct));
	}
	answers.push({ label: null, choiceId: null, count: blank, percent: pct(blank), correct: false, mixed: false, students: namesOf(null) });
	return { attempts, answered: attempts - blank, answers, moreAnswers: !choice && given.length > SHORT_ANSWERS_SHOWN };
}

/** One question of a quiz in a class: its text, how the counted attempts answered it, and who gave each answer. */
export async function questionDrilldown(
	db: Database,
	cls: ClassRow,
	quizId: string,
	questionId: string,
	set: AttemptSet,
): Promise<QuestionDrilldown> {
	const found = await findQuiz(db, quizId);
	if (!visibleIn(cls, found)) return { kind: "notFound" };
	const { quiz } = found;
	const index = quiz.questions.findIndex((q) => q.id === questionId);
	const question = quiz.questions[index];
	if (!question) return { kind: "notFound" };
	const [stampRows] = await sendBatch(db, [quizStamp(cls.id, quiz.id)]);
	const stamp = stampOf(stampRows[0]);
	const key = [cls.id, quiz.id, quiz.version, set, question.id].join("\u0000");
	const [spread, { analysis, outcome }] = await Promise.all([
		spreads.get(key, stamp, () => readSpread(db, cls, quiz, question, set)),
		classQuizAnalysis(db, cls.id, quiz, set, stamp),
	]);
	return {
		kind: "found",
		quiz: { id: quiz.id, title: quiz.title },
		question,
		number: index + 1,
		questionCount: quiz.questions.length,
		prevId: quiz.questions[index - 1]?.id ?? null,
		nextId: quiz.questions[index + 1]?.id ?? null,
		set,
		...spread,
		stats: analysis.result().items[index] ?? null,
		cache: outcome,
	};
}

// ---------------------------------------------------------------- one student

/** Attempts listed on a student's page (their latest first). */
const STUDENT_ATTEMPTS_SHOWN = 100;

export interface StudentAnswerLine {
	number: number;
	questionId: string;
	prompt: string | null;
	answer: string;
	answered: boolean;
	correct: boolean;
	points: number;
	maxPoints: number | null;
}

export interface StudentAttempt {
	id: string;
	attemptNumber: number;
	score: number;
	maxScore: number;
	percent: number | null;
	startedAt: Date | null;
	submittedAt: Date;
	answers: StudentAnswerLine[];
}

export type StudentDrilldown =
	| { kind: "notFound" }
	| {
			kind: "found";
			key: string;
			/** The name on their latest attempt. */
			name: string;
			/** Every attempt of theirs in the class; `quizzes` lists the latest STUDENT_ATTEMPTS_SHOWN. */
			total: number;
			quizzes: { id: string; title: string; attempts: StudentAttempt[] }[];
	  };

/** A student's attempts in a class (grouped by their student key), quiz by quiz, each with their answers. */
export async function studentDrilldown(db: Database, cls: ClassRow, key: string): Promise<StudentDrilldown> {
	const [attempts, responses, count] = await sendBatch(db, studentAttempts(cls.id, key, STUDENT_ATTEMPTS_SHOWN));
	const latest = attempts[0];
	if (!latest) return { kind: "notFound" };
	const versions = new Map(attempts.map((a) => [`${a.quiz_id}\u0000${a.quiz_version}`, a]));
	const quizzes = new Map<string, Quiz | null>();
	await Promise.all(
		[...versions].map(async ([k, a]) => {
			const found = await findQuizAt(db, a.quiz_id, a.quiz_version);
			quizzes.set(k, visibleIn(cls, found) ? found.quiz : null);
		}),
	);
	const byAttempt = new Map<string, typeof responses>();
	for (const r of responses) {
		const list = byAttempt.get(r.attempt_id) ?? [];
		byAttempt.set(r.attempt_id, list);
		list.push(r);
	}
	const groups = new Map<string, { id: string; title: string; attempts: StudentAttempt[] }>();
	for (const a of attempts) {
		const quiz = quizzes.get(`${a.quiz_id}\u0000${a.quiz_version}`) ?? null;
		const group = groups.get(a.quiz_id) ?? { id: a.quiz_id, title: quiz?.title ?? a.quiz_id, attempts: [] };
		groups.set(a.quiz_id, group);
		const answers = (byAttempt.get(a.id) ?? []).map((r): StudentAnswerLine => {
			const question = quiz?.questions.find((q) => q.id === r.question_id);
			const answer = parseStoredAnswer(r.answer);
			return {
				number: r.position + 1,
				questionId: r.question_id,
				prompt: question?.prompt ?? null,
				answer: answerText(question, answer),
				answered: answer !== null,
				correct: r.correct === 1,
				points: r.points,
				maxPoints: question?.points ?? null,
			};
		});
		group.attempts.push({
			id: a.id,
			attemptNumber: a.attempt_number,
			score: a.score,
			maxScore: a.max_score,
			percent: percentOf(a.score, a.max_score),
			startedAt: a.started_at === null ? null : new Date(a.started_at),
			submittedAt: new Date(a.submitted_at),
			answers,
		});
	}
	return { kind: "found", key, name: latest.student_name, total: count[0]?.n ?? attempts.length, quizzes: [...groups.values()] };
}

/**
 * Deletes every attempt stored under this student key in a class; returns how many. For keys stored
 * under an older rule for names, which the API's removeStudent (by name) no longer reaches.
 */
export function removeStudentByKey(db: Database, cls: ClassRow, key: string): Promise<number> {
	return deleteStudentAttempts(db, cls.id, key);
}

// ---------------------------------------------------------------- settings

/** What the settings page offers: every quiz the class could open (the library, the teacher's own not archived), and the leak warning. */
export async function settingsChoices(db: Database, cls: ClassRow) {
	const [everything, offered, { byId }] = await Promise.all([
		quizzesFor(db, { ...cls, openQuizIds: null }),
		quizzesFor(db, cls),
		getCatalog(),
	]);
	return {
		library: everything.filter((q) => byId.has(q.id)),
		own: everything.filter((q) => !byId.has(q.id)),
		leaks: await leakingQuizzes(cls, offered),
	};
}
