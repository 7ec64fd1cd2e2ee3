/**
 * The teacher's exports as streams: each export is an async generator of text chunks (one chunk per
 * page of a keyset-paginated D1 query) wrapped in a ReadableStream that pulls the next page only
 * when the client has taken the last one. Memory stays bounded by one page, whatever the class size.
 */
import type { Database } from "../../db/client";
import type { ExportKind } from "../../db/schema";
import { CSV_BOM, type CsvValue, csvCell, csvRow, isoCells } from "../../domain/csv";
import {
	type GradebookQuiz,
	type GradebookSpec,
	gradebookHeadCsv,
	gradebookRowCsv,
	type LmsGradebookFormat,
	type MoodleIdentifier,
} from "../../domain/lms/gradebook";
import { readStoredAnswer, type StoredAnswer } from "../../domain/quiz/grading";
import type { Question, Quiz } from "../../domain/quiz/schema";
import { ItemAnalysis, type ItemAnalysisResult } from "../../domain/stats";
import { findQuiz, findQuizAt } from "../quizzes/library";
import { DEFAULT_GRADEBOOK_LAYOUT, type GradebookLayout, type ScoreChoice } from "./params";
import {
	type AttemptCursor,
	type AttemptExportRow,
	type AttemptResponses,
	attemptPages,
	type ExportFilter,
	type GradebookCursor,
	type GradebookRow,
	type GradebookScope,
	gradebookPages,
	gradebookScope,
	otherStudentsGradebookPage,
	type RosterCursor,
	responsePages,
	rosterGradebookPage,
	type StudentQuizGroup,
} from "./queries";

export { EXPORT_KINDS, type ExportKind } from "../../db/schema";

export interface ExportOptions {
	/** Most rows one D1 query may return (attempts, responses or gradebook groups). */
	pageRows?: number;
	/** gradebook.csv's layout; DEFAULT_GRADEBOOK_LAYOUT when absent. */
	gradebook?: GradebookLayout;
}

const DEFAULT_PAGE_ROWS = 1000;

/**
 * Pages per D1 round trip: the first trip brings one page (so the first rows go out at once), each
 * next trip twice as many, up to this many. Memory stays bounded by these pages' rows.
 */
const MAX_PAGES_PER_TRIP = 8;
const nextTrip = (pages: number) => Math.min(MAX_PAGES_PER_TRIP, pages * 2);

/** An export as it is written: its CSV in chunks, one a page of rows (the first with the BOM and the header). */
export type CsvChunks = AsyncGenerator<string, void, undefined>;

/** Text chunks → UTF-8 bytes, one chunk per pull. Cancelling the response stops the queries. */
export function streamOf(chunks: CsvChunks): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		async cancel() {
			await chunks.return(undefined);
		},
	});
}

const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const percent = (score: number, max: number) => (max > 0 ? Math.round((score / max) * 1000) / 10 : null);

/** A number as its CSV cell (what csvCell writes for a number). */
const numberCell = (n: number | null) => (n === null || !Number.isFinite(n) ? "" : String(n));

/**
 * Cells an export writes again and again (a quiz's id and title, a question's prompt, an answer's
 * text), formatted once each: a bounded map from key to cell, emptied when it is full.
 */
class CellCache<T = string> {
	readonly #cells = new Map<string, T>();
	constructor(readonly max = 10_000) {}
	get(key: string, make: () => T): T {
		let cell = this.#cells.get(key);
		if (cell === undefined) {
			if (this.#cells.size >= this.max) this.#cells.clear();
			cell = make();
			this.#cells.set(key, cell);
		}
		return cell;
	}
}

/**
 * The quizzes an export meets, looked up once each: by id and the version an attempt was graded on
 * (a teacher's quiz keeps every version), or by id alone for its current version. Each page of rows
 * is loaded first (`load`), then formatted without waiting (`get`).
 */
export class QuizShelf {
	readonly #byKey = new Map<string, Quiz | null>();
	constructor(readonly db: Database) {}

	async load(keys: Iterable<readonly [string, string | null]>): Promise<void> {
		for (const [id, version] of keys) {
			const key = `${id}\u0000${version ?? ""}`;
			if (this.#byKey.has(key)) continue;
			const found = version === null ? await findQuiz(this.db, id) : await findQuizAt(this.db, id, version);
			this.#byKey.set(key, found?.quiz ?? null);
		}
	}

	get(id: string, version: string | null): Quiz | undefined {
		return this.#byKey.get(`${id}\u0000${version ?? ""}`) ?? undefined;
	}
}

/** The distinct (quiz, version) pairs of a page of rows. */
export const versionsOf = (rows: readonly { quiz_id: string; quiz_version: string }[]) =>
	new Map(rows.map((r) => [`${r.quiz_id}\u0000${r.quiz_version}`, [r.quiz_id, r.quiz_version] as const])).values();

export const SCORES_COLUMNS = [
	"student_name",
	"quiz_id",
	"quiz_title",
	"attempt_number",
	"score",
	"max_score",
	"percent",
	"started_at",
	"submitted_at",
	"duration_seconds",
	"attempt_id",
];

/** The header of one question's points column in scores.csv (quiz given). */
export const questionColumn = (q: Question, i: number) => `Q${i + 1} ${q.id} /${q.points}`;

/**
 * One scores.csv row: the cells csvRow would write for [student_name, quiz_id, quiz_title,
 * attempt_number, score, max_score, percent, started_at, submitted_at, duration_seconds,
 * attempt_id, ...the points of each of `questions`], built without an array per row. `quizCells`
 * is the row's quiz id and title, already as cells.
 */
export function scoresRow(a: AttemptExportRow, quizCells: string, questions: readonly Question[], iso: (ms: number) => string): string {
	let line = `${csvCell(a.student_name)},${quizCells},${numberCell(a.attempt_number)},${numberCell(a.score)},${numberCell(a.max_score)},${numberCell(percent(a.score, a.max_score))},${a.started_at === null ? "" : iso(a.started_at)},${iso(a.submitted_at)},${a.started_at === null ? "" : numberCell(Math.max(0, Math.round((a.submitted_at - a.started_at) / 1000)))},${csvCell(a.id)}`;
	for (const q of questions) line += `,${numberCell(a.points?.get(q.id) ?? null)}`;
	return `${line}\r\n`;
}

/**
 * What scores.csv's layout depends on: the quiz of the filter (if any), whose questions each get a
 * points column, and how many attempts a page holds so that a page stays within `maxRows` responses.
 */
export async function scoresLayout(db: Database, f: ExportFilter, maxRows: number) {
	const shelf = new QuizShelf(db);
	if (f.quizId !== null) await shelf.load([[f.quizId, null]]);
	const questions = (f.quizId === null ? undefined : shelf.get(f.quizId, null))?.questions ?? [];
	return { shelf, questions, pageSize: Math.max(1, Math.floor(maxRows / Math.max(1, questions.length))) };
}

/**
 * scores.csv: one row per attempt in submission order. With a quiz filter, one more column per
 * question of that quiz (its points), in quiz order, brought by the attempts' own query.
 */
export async function* scoresCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): CsvChunks {
	const { shelf, questions, pageSize } = await scoresLayout(db, f, opts.pageRows ?? DEFAULT_PAGE_ROWS);
	const cells = new CellCache();
	const iso = isoCells();
	let quizId: string | null = null;
	let quizVersion: string | null = null;
	let quizCells = "";
	yield CSV_BOM + csvRow([...SCORES_COLUMNS, ...questions.map(questionColumn)]);
	let cursor: AttemptCursor | null = null;
	for (let trip = 1; ; trip = nextTrip(trip)) {
		const pages = await attemptPages(db, f, cursor, pageSize, trip, questions.length > 0, f.quizId ?? quizId ?? "");
		for (const rows of pages) {
			await shelf.load(versionsOf(rows));
			let out = "";
			for (const a of rows) {
				// Consecutive attempts are mostly at one quiz: its cells are looked up when it changes.
				if (a.quiz_id !== quizId || a.quiz_version !== quizVersion) {
					quizId = a.quiz_id;
					quizVersion = a.quiz_version;
					quizCells = cells.get(`${a.quiz_id}\u0000${a.quiz_version}`, () =>
						[csvCell(a.quiz_id), csvCell(shelf.get(a.quiz_id, a.quiz_version)?.title ?? null)].join(","),
					);
				}
				out += scoresRow(a, quizCells, questions, iso);
			}
			yield out;
			const last = rows.at(-1);
			if (!last || rows.length < pageSize) return;
			cursor = { submittedAt: last.submitted_at, id: last.id };
		}
		if (pages.length < trip) return;
	}
}

export const GRADEBOOK_COLUMNS = [
	"student_name",
	"quiz_id",
	"quiz_title",
	"attempts",
	"best_score",
	"latest_score",
	"first_score",
	"max_score",
	"best_percent",
	"first_submitted_at",
	"last_submitted_at",
];

/** One gradebook.csv row (GRADEBOOK_COLUMNS) of a (quiz, student) group, given the quiz's title. */
function gradebookRow(g: GradebookRow, title: string | null, iso: (ms: number) => string): string {
	return `${csvCell(g.student_name)},${csvCell(g.quiz_id)},${csvCell(title)},${numberCell(g.attempts)},${numberCell(g.best_score)},${numberCell(g.latest_score)},${numberCell(g.first_score)},${numberCell(g.max_score)},${numberCell(percent(g.best_score, g.max_score))},${iso(g.first_submitted_at)},${iso(g.last_submitted_at)}\r\n`;
}

/** The gradebook of a class with a roster, generic layout: GRADEBOOK_COLUMNS, then who the student is on the roster and where they are. */
export const ROSTER_GRADEBOOK_COLUMNS = [...GRADEBOOK_COLUMNS, "status", "email", "student_id", "section"];

/**
 * gradebook.csv, laid out as `opts.gradebook` says (DEFAULT_GRADEBOOK_LAYOUT: the generic layout).
 *
 * - Generic, class without a roster: one row per quiz and student who attempted it, students grouped
 *   by their case-folded name (GRADEBOOK_COLUMNS), exactly the file it has always been.
 * - Generic, class with a roster: one row per roster student (in roster order) and quiz of the
 *   gradebook, those who never submitted included with empty scores, then one row per quiz attempted
 *   by each student not on the roster (by name key); ROSTER_GRADEBOOK_COLUMNS, whose `status` is
 *   "submitted", "in progress" (opened, nothing sent), "not started" or "not on roster".
 * - Canvas or Moodle: one row per student in the same order, one column per quiz holding the chosen
 *   score (`score`: best, latest or first attempt), written by the LMS's gradebook writer.
 *
 * A gradebook's quizzes: the one of the filter; else the class's list of open quizzes, in its order,
 * then every other quiz attempted (within the dates) or opened by a roster student, by title.
 * Keyset pages of at most `pageRows` (quiz, student) groups per D1 query, so memory stays flat.
 */
export async function* gradebookCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): CsvChunks {
	const layout = opts.gradebook ?? DEFAULT_GRADEBOOK_LAYOUT;
	const scope = await gradebookScope(db, f);
	if (layout.format === "generic" && scope.rosterSize === 0) {
		yield* attemptGroupsCsv(db, f, opts);
		return;
	}
	const shelf = new QuizShelf(db);
	const quizzes = await gradebookQuizzes(shelf, f, scope);
	const spec = layout.format === "generic" ? null : lmsSpec(layout.format, scope);
	yield CSV_BOM + (spec === null ? csvRow(ROSTER_GRADEBOOK_COLUMNS) : gradebookHeadCsv(spec, quizzes));
	const perPage = Math.max(1, Math.floor((opts.pageRows ?? DEFAULT_PAGE_ROWS) / Math.max(1, quizzes.length)));
	for await (const students of gradebookStudents(db, f, scope.rosterSize > 0, perPage)) {
		let out = "";
		for (const student of students) {
			out += spec === null ? genericRosterRows(student, quizzes) : lmsRow(spec, layout.score, student, quizzes);
		}
		yield out;
	}
}

/**
 * The LMS writer's options for this class. Moodle finds students by one user field: the file's
 * identifier column is the email address, or the ID number (the roster's student id) when more of
 * the roster's students have one of those than an email. A student without it can have no row
 * (Moodle would credit the row to someone else), and nor can a student not on the roster.
 */
function lmsSpec(format: LmsGradebookFormat, scope: GradebookScope): GradebookSpec {
	if (format === "canvas") return { format };
	const identifier: MoodleIdentifier = scope.withStudentId > scope.withEmail ? "idNumber" : "email";
	return { format, identifier };
}

/** gradebook.csv of a class without a roster, generic layout: one row per quiz and student, in (quiz_id, student_key) order. */
async function* attemptGroupsCsv(db: Database, f: ExportFilter, opts: ExportOptions): CsvChunks {
	const shelf = new QuizShelf(db);
	const pageSize = opts.pageRows ?? DEFAULT_PAGE_ROWS;
	const isoCell = isoCells();
	yield CSV_BOM + csvRow(GRADEBOOK_COLUMNS);
	let cursor: GradebookCursor | null = null;
	for (let trip = 1; ; trip = nextTrip(trip)) {
		const pages = await gradebookPages(db, f, cursor, pageSize, trip);
		for (const rows of pages) {
			await shelf.load([...new Set(rows.map((g) => g.quiz_id))].map((id) => [id, null] as const));
			let out = "";
			for (const g of rows) out += gradebookRow(g, shelf.get(g.quiz_id, null)?.title ?? null, isoCell);
			yield out;
			const last = rows.at(-1);
			if (!last || rows.length < pageSize) return;
			cursor = { quizId: last.quiz_id, studentKey: last.student_key };
		}
		if (pages.length < trip) return;
	}
}

/** A time as its ISO 8601 cell (the roster gradebook writes a few per student, through csvRow). */
const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GRADEBOOK_COLUMNS of one (quiz, student) group. */
function groupCells(name: string, quizId: string, title: string | null, g: StudentQuizGroup): CsvValue[] {
	return [
		name,
		quizId,
		title,
		g.attempts,
		g.bestScore,
		g.latestScore,
		g.firstScore,
		g.maxScore,
		percent(g.bestScore, g.maxScore),
		isoOrNull(g.firstSubmittedAt),
		isoOrNull(g.lastSubmittedAt),
	];
}

async function gradebookQuizzes(shelf: QuizShelf, f: ExportFilter, scope: GradebookScope) {
	const listed = f.quizId === null ? scope.listed : [f.quizId];
	const rest = f.quizId === null ? [...new Set([...scope.attempted, ...scope.opened])].filter((id) => !listed.includes(id)) : [];
	const ids = [...listed, ...rest];
	await shelf.load(ids.map((id) => [id, null] as const));
	const quiz = (id: string): GradebookQuiz => {
		const found = shelf.get(id, null);
		return { id, title: found?.title ?? id, maxScore: found?.maxScore ?? null };
	};
	const byTitle = (a: GradebookQuiz, b: GradebookQuiz) => a.title.localeCompare(b.title, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	return [...listed.map(quiz), ...rest.map(quiz).sort(byTitle)];
}

/** One student of a gradebook: who (the roster's entry, or null for a student not on it) and their groups of attempts and opened quizzes. */
export interface GradebookLine {
	roster: { id: string; email: string | null; studentId: string | null; section: string | null } | null;
	/** The roster's name, or the name on the student's latest attempt. */
	name: string;
	groups: Map<string, StudentQuizGroup>;
	opened: Set<string>;
}

/** The students of a gradebook, a page at a time: the roster in its order, then everyone else who attempted a quiz, by name key. */
async function* gradebookStudents(
	db: Database,
	f: ExportFilter,
	hasRoster: boolean,
	perPage: number,
): AsyncGenerator<GradebookLine[], void, undefined> {
	let cursor: RosterCursor | null = null;
	while (hasRoster) {
		const page = await rosterGradebookPage(db, f, cursor, perPage);
		const byKey = new Map<string, GradebookLine>();
		const byId = new Map<string, GradebookLine>();
		const students = page.students.map((r) => {
			const student: GradebookLine = {
				roster: { id: r.id, email: r.email, studentId: r.studentId, section: r.section },
				name: r.name,
				groups: new Map(),
				opened: new Set(),
			};
			byKey.set(r.nameKey, student);
			byId.set(r.id, student);
			return student;
		});
		for (const g of page.groups) byKey.get(g.studentKey)?.groups.set(g.quizId, g);
		for (const o of page.opens) byId.get(o.rosterStudentId)?.opened.add(o.quizId);
		if (students.length > 0) yield students;
		const last = page.students.at(-1);
		if (!last || page.students.length < perPage) break;
		cursor = { position: last.position, id: last.id };
	}
	let afterKey: string | null = null;
	for (;;) {
		const groups = await otherStudentsGradebookPage(db, f, afterKey, perPage);
		const students = new Map<string, GradebookLine>();
		const latest = new Map<string, number>();
		for (const g of groups) {
			const student = students.get(g.studentKey) ?? { roster: null, name: g.studentName, groups: new Map(), opened: new Set<string>() };
			students.set(g.studentKey, student);
			student.groups.set(g.quizId, g);
			if (g.lastSubmittedAt > (latest.get(g.studentKey) ?? Number.NEGATIVE_INFINITY)) {
				latest.set(g.studentKey, g.lastSubmittedAt);
				student.name = g.studentName;
			}
		}
		if (students.size > 0) yield [...students.values()];
		const last = groups.at(-1);
		if (!last || students.size < perPage) return;
		afterKey = last.studentKey;
	}
}

/** What a student has done at one quiz, as the gradebook's status column says it. */
function quizStatus(student: GradebookLine, quizId: string): string {
	if (student.roster === null) return "not on roster";
	if (student.groups.has(quizId)) return "submitted";
	return student.opened.has(quizId) ? "in progress" : "not started";
}

/** ROSTER_GRADEBOOK_COLUMNS rows of one student: a row per quiz for a roster student, per quiz attempted for anyone else. */
function genericRosterRows(student: GradebookLine, quizzes: readonly GradebookQuiz[]): string {
	let out = "";
	for (const q of quizzes) {
		const g = student.groups.get(q.id);
		if (!g && student.roster === null) continue;
		const scores: CsvValue[] = g
			? groupCells(student.name, q.id, q.title, g)
			: [student.name, q.id, q.title, 0, null, null, null, q.maxScore, null, null, null];
		out += csvRow([
			...scores,
			quizStatus(student, q.id),
			student.roster?.email ?? null,
			student.roster?.studentId ?? null,
			student.roster?.section ?? null,
		]);
	}
	return out;
}

/** The chosen attempt's score of a group. */
const SCORE_OF: Record<ScoreChoice, (g: StudentQuizGroup) => number> = {
	best: (g) => g.bestScore,
	latest: (g) => g.latestScore,
	first: (g) => g.firstScore,
};

/**
 * One status for a student's row of an LMS layout, where the row spans every quiz: the quiz's own
 * status when there is one quiz; otherwise "submitted" (every quiz), "2 of 3 submitted", "in
 * progress" (none sent, one opened) or "not started".
 */
function rowStatus(student: GradebookLine, quizzes: readonly GradebookQuiz[]): string {
	if (student.roster === null) return "not on roster";
	const only = quizzes.length === 1 ? quizzes[0] : undefined;
	if (only) return quizStatus(student, only.id);
	if (quizzes.length === 0) return "not started";
	const submitted = quizzes.filter((q) => student.groups.has(q.id)).length;
	if (submitted === quizzes.length) return "submitted";
	if (submitted > 0) return `${submitted} of ${quizzes.length} submitted`;
	return quizzes.some((q) => student.opened.has(q.id)) ? "in progress" : "not started";
}

/** One student's row, written by the LMS writer (domain/lms/gradebook.ts): the roster's identifiers, the chosen score per quiz (none: no attempt), the status. */
function lmsRow(spec: GradebookSpec, score: ScoreChoice, student: GradebookLine, quizzes: readonly GradebookQuiz[]): string {
	const scores = quizzes.map((q) => {
		const g = student.groups.get(q.id);
		return g ? SCORE_OF[score](g) : null;
	});
	const who = {
		name: student.name,
		email: student.roster?.email ?? null,
		studentId: student.roster?.studentId ?? null,
		section: student.roster?.section ?? null,
	};
	return gradebookRowCsv(spec, who, scores, rowStatus(student, quizzes));
}

/**
 * Attempts with their responses in export order, a page at a time (the shared walk of responses.csv
 * and item analysis): pages of whole attempts with at most `pageRows` responses. The first page
 * finds how many attempts that is (as many as fit); the pages after it ask for that many, several
 * pages to a round trip.
 */
async function* attemptResponses(db: Database, f: ExportFilter, opts: ExportOptions): AsyncGenerator<AttemptResponses[], void, undefined> {
	const maxRows = opts.pageRows ?? DEFAULT_PAGE_ROWS;
	let perPage = maxRows;
	let cursor: AttemptCursor | null = null;
	for (let trip = 1; ; trip = nextTrip(trip)) {
		const { pages, more } = await responsePages(db, f, cursor, perPage, trip, maxRows);
		for (const page of pages) if (page.length > 0) yield page;
		const lastPage = pages.at(-1) ?? [];
		const last = lastPage.at(-1);
		if (!more || last === undefined) return;
		cursor = { submittedAt: last.submitted_at, id: last.id };
		if (lastPage.length < perPage) perPage = lastPage.length;
	}
}

/** A stored answer's JSON (valid JSON by the table's CHECK) read back, its shape checked: anything else counts as unanswered. */
function parseAnswer(raw: string | null): StoredAnswer {
	return raw === null ? null : readStoredAnswer(JSON.parse(raw));
}

/** The answer as a teacher reads it: the choices' texts joined with "; ", or the text typed. */
export function answerText(question: Question | undefined, answer: StoredAnswer): string {
	if (answer === null) return "";
	if ("text" in answer) return answer.text;
	return answer.choiceIds.map((id) => question?.choices.find((c) => c.id === id)?.text ?? id).join("; ");
}

export const RESPONSES_COLUMNS = [
	"student_name",
	"quiz_id",
	"attempt_id",
	"attempt_number",
	"submitted_at",
	"question_number",
	"question_id",
	"prompt",
	"answer",
	"correct",
	"points",
	"max_points",
];

/**
 * responses.csv: one row per attempt and question, in submission then quiz order: the cells
 * csvRow would write for [student_name, quiz_id, attempt_id, attempt_number, submitted_at,
 * question_number, question_id, prompt, answer, correct, points, max_points]. What repeats is
 * formatted once: an attempt's cells for its rows, a question's id and prompt, each distinct answer's
 * text (a class answers the same choices again and again).
 */
export async function* responsesCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): CsvChunks {
	const shelf = new QuizShelf(db);
	const iso = isoCells();
	const versions = new CellCache<Map<string, QuestionCells>>(1_000);
	// Every question's answer texts share one bounded cache, as the file's memory stays flat however many quizzes it meets.
	const answers = new CellCache();
	yield CSV_BOM + csvRow(RESPONSES_COLUMNS);
	for await (const attempts of attemptResponses(db, f, opts)) {
		await shelf.load(versionsOf(attempts));
		let out = "";
		for (const a of attempts) {
			const attemptCells = `${csvCell(a.student_name)},${csvCell(a.quiz_id)},${csvCell(a.id)},${numberCell(a.attempt_number)},${iso(a.submitted_at)},`;
			const questions = versions.get(`${a.quiz_id}\u0000${a.quiz_version}`, () => new Map());
			for (const r of a.responses) {
				let q = questions.get(r.question_id);
				if (q === undefined) {
					const question = shelf.get(a.quiz_id, a.quiz_version)?.questions.find((x) => x.id === r.question_id);
					q = new QuestionCells(
						question,
						`${csvCell(r.question_id)},${csvCell(question?.prompt ?? null)}`,
						numberCell(question?.points ?? null),
						answers,
					);
					questions.set(r.question_id, q);
				}
				out += `${attemptCells}${numberCell(r.position + 1)},${q.cells},${r.answer === null ? "" : q.answer(r.answer)},${r.correct === 1 ? "true" : "false"},${numberCell(r.points)},${q.maxPoints}\r\n`;
			}
		}
		yield out;
	}
}

/**
 * A question's cells in responses.csv: its id and prompt, its points, and each distinct answer's
 * text (a class gives the same answers again and again), kept in the export's shared cache under
 * this question's own short key.
 */
class QuestionCells {
	static #made = 0;
	readonly #key = `${QuestionCells.#made++}\u0000`;
	constructor(
		readonly question: Question | undefined,
		readonly cells: string,
		readonly maxPoints: string,
		readonly answers: CellCache,
	) {}
	answer(stored: string): string {
		return this.answers.get(this.#key + stored, () => csvCell(answerText(this.question, parseAnswer(stored))));
	}
}

export interface QuizAnalysis {
	quiz: Quiz;
	result: ItemAnalysisResult;
	scoreCounts: Map<number, number>;
}

/**
 * Streams every response of the filter through one ItemAnalysis per quiz (bounded memory: the
 * accumulators keep histograms, not attempts). Quizzes no longer in the catalog are skipped.
 */
export async function analyseItems(db: Database, f: ExportFilter, opts: ExportOptions = {}): Promise<QuizAnalysis[]> {
	const shelf = new QuizShelf(db);
	const analyses = new Map<string, ItemAnalysis>();
	const add = (quizId: string, marks: Map<string, number>, choices: Record<string, string[]>) => {
		// Every version of a quiz counts towards its current questions (by question id).
		const quiz = shelf.get(quizId, null);
		if (quiz) {
			let analysis = analyses.get(quiz.id);
			if (!analysis) {
				analysis = new ItemAnalysis(
					quiz.questions.map((q) => ({
						id: q.id,
						maxPoints: q.points,
						...(q.type === "short" ? {} : { choiceIds: q.choices.map((c) => c.id) }),
					})),
				);
				analyses.set(quiz.id, analysis);
			}
			analysis.add({ marks, choices });
		}
	};
	for await (const attempts of attemptResponses(db, f, opts)) {
		await shelf.load([...new Set(attempts.map((a) => a.quiz_id))].map((id) => [id, null] as const));
		for (const a of attempts) {
			if (a.responses.length === 0) continue;
			const marks = new Map<string, number>();
			const choices: Record<string, string[]> = {};
			for (const r of a.responses) {
				marks.set(r.question_id, r.points);
				const answer = parseAnswer(r.answer);
				if (answer !== null && "choiceIds" in answer) choices[r.question_id] = answer.choiceIds;
			}
			add(a.quiz_id, marks, choices);
		}
	}
	return [...analyses.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.flatMap(([quizId, analysis]) => {
			const quiz = shelf.get(quizId, null);
			return quiz ? [{ quiz, result: analysis.result(), scoreCounts: analysis.scoreCounts() }] : [];
		});
}

/** The item analysis as JSON: per quiz its statistics, per question its statistics with prompts and choice texts. */
export function itemAnalysisJson(analyses: readonly QuizAnalysis[]) {
	return analyses.map(({ quiz, result }) => ({
		quizId: quiz.id,
		quizTitle: quiz.title,
		quiz: result.quiz,
		questions: result.items.map((item, i) => {
			const q = quiz.questions[i];
			return {
				number: i + 1,
				questionId: item.id,
				prompt: q?.prompt ?? null,
				maxPoints: item.maxPoints,
				attempts: item.n,
				mean: item.mean,
				facility: item.facility,
				sd: item.sd,
				discrimination: item.discrimination,
				discriminativeEfficiency: item.discriminativeEfficiency,
				choices: item.choiceCounts.map((cc) => ({ ...cc, text: q?.choices.find((c) => c.id === cc.choiceId)?.text ?? null })),
			};
		}),
	}));
}

export const ITEM_ANALYSIS_COLUMNS = [
	"quiz_id",
	"quiz_title",
	"question_number",
	"question_id",
	"prompt",
	"max_points",
	"attempts",
	"mean",
	"facility",
	"sd",
	"discrimination",
	"discriminative_efficiency",
	"choice_counts",
	"quiz_mean",
	"quiz_median",
	"quiz_sd",
	"cronbach_alpha",
];

/** item-analysis.csv: one row per question; the quiz's own statistics repeated on each of its rows. */
export async function* itemAnalysisCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): CsvChunks {
	const analyses = itemAnalysisJson(await analyseItems(db, f, opts));
	let out = CSV_BOM + csvRow(ITEM_ANALYSIS_COLUMNS);
	for (const a of analyses) {
		for (const q of a.questions) {
			out += csvRow([
				a.quizId,
				a.quizTitle,
				q.number,
				q.questionId,
				q.prompt,
				q.maxPoints,
				q.attempts,
				round(q.mean),
				round(q.facility),
				round(q.sd),
				round(q.discrimination),
				round(q.discriminativeEfficiency),
				q.choices.map((c) => `${c.text ?? c.choiceId}: ${c.count}`).join("; "),
				round(a.quiz.mean),
				round(a.quiz.median),
				round(a.quiz.sd),
				round(a.quiz.cronbachAlpha),
			]);
		}
	}
	yield out;
}

export const CSV_EXPORTS: Record<ExportKind, (db: Database, f: ExportFilter, opts?: ExportOptions) => CsvChunks> = {
	scores: scoresCsv,
	gradebook: gradebookCsv,
	responses: responsesCsv,
	"item-analysis": itemAnalysisCsv,
};
