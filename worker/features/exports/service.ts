/**
 * The teacher's exports as streams: each export is an async generator of text chunks (one chunk per
 * page of a keyset-paginated D1 query) wrapped in a ReadableStream that pulls the next page only
 * when the client has taken the last one. Memory stays bounded by one page, whatever the class size.
 */
import type { Database } from "../../db/client";
import type { ExportKind } from "../../db/schema";
import { CSV_BOM, type CsvValue, csvRow } from "../../domain/csv";
import { readStoredAnswer, type StoredAnswer } from "../../domain/quiz/grading";
import type { Question, Quiz } from "../../domain/quiz/schema";
import { ItemAnalysis, type ItemAnalysisResult } from "../../domain/stats";
import { findQuiz, findQuizAt } from "../quizzes/library";
import {
	type AttemptCursor,
	attemptsPage,
	type ExportFilter,
	type GradebookCursor,
	gradebookPage,
	pointsInRange,
	type ResponseCursor,
	type ResponseExportRow,
	responsesPage,
} from "./queries";

export { EXPORT_KINDS, type ExportKind } from "../../db/schema";

export interface ExportOptions {
	/** Most rows one D1 query may return (attempts, responses or gradebook groups). */
	pageRows?: number;
}

const DEFAULT_PAGE_ROWS = 1000;

/** Text chunks → UTF-8 bytes, one chunk per pull. Cancelling the response stops the queries. */
export function streamOf(chunks: AsyncGenerator<string, void, undefined>): ReadableStream<Uint8Array> {
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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const percent = (score: number, max: number) => (max > 0 ? Math.round((score / max) * 1000) / 10 : null);

/**
 * The quizzes an export meets, looked up once each: by id and the version an attempt was graded on
 * (a teacher's quiz keeps every version), or by id alone for its current version. Each page of rows
 * is loaded first (`load`), then formatted without waiting (`get`).
 */
class QuizShelf {
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
const versionsOf = (rows: readonly { quiz_id: string; quiz_version: string }[]) =>
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
 * scores.csv: one row per attempt in submission order. With a quiz filter, one more column per
 * question of that quiz (its points), in quiz order; their points come from one query per page.
 */
export async function* scoresCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
	const shelf = new QuizShelf(db);
	if (f.quizId !== null) await shelf.load([[f.quizId, null]]);
	const quiz = f.quizId === null ? undefined : shelf.get(f.quizId, null);
	const questions = quiz?.questions ?? [];
	const maxRows = opts.pageRows ?? DEFAULT_PAGE_ROWS;
	const pageSize = Math.max(1, Math.floor(maxRows / Math.max(1, questions.length)));
	yield CSV_BOM + csvRow([...SCORES_COLUMNS, ...questions.map(questionColumn)]);
	let cursor: AttemptCursor | null = null;
	for (;;) {
		const rows = await attemptsPage(db, f, cursor, pageSize);
		const last = rows.at(-1);
		if (!last) return;
		const next: AttemptCursor = { submittedAt: last.submitted_at, id: last.id };
		await shelf.load(versionsOf(rows));
		const points = new Map<string, Map<string, number>>();
		if (questions.length > 0) {
			for (const p of await pointsInRange(db, f, cursor, next)) {
				const perAttempt = points.get(p.attempt_id) ?? new Map<string, number>();
				points.set(p.attempt_id, perAttempt);
				perAttempt.set(p.question_id, p.points);
			}
		}
		let out = "";
		for (const a of rows) {
			const cells: CsvValue[] = [
				a.student_name,
				a.quiz_id,
				shelf.get(a.quiz_id, a.quiz_version)?.title ?? null,
				a.attempt_number,
				a.score,
				a.max_score,
				percent(a.score, a.max_score),
				iso(a.started_at),
				iso(a.submitted_at),
				a.started_at === null ? null : Math.max(0, Math.round((a.submitted_at - a.started_at) / 1000)),
				a.id,
			];
			const mine = points.get(a.id);
			for (const q of questions) cells.push(mine?.get(q.id) ?? null);
			out += csvRow(cells);
		}
		yield out;
		if (rows.length < pageSize) return;
		cursor = next;
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

/** gradebook.csv: one row per quiz and student (students grouped by their case-folded name). */
export async function* gradebookCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
	const shelf = new QuizShelf(db);
	const pageSize = opts.pageRows ?? DEFAULT_PAGE_ROWS;
	yield CSV_BOM + csvRow(GRADEBOOK_COLUMNS);
	let cursor: GradebookCursor | null = null;
	for (;;) {
		const rows = await gradebookPage(db, f, cursor, pageSize);
		const last = rows.at(-1);
		if (!last) return;
		await shelf.load([...new Set(rows.map((g) => g.quiz_id))].map((id) => [id, null] as const));
		let out = "";
		for (const g of rows) {
			out += csvRow([
				g.student_name,
				g.quiz_id,
				shelf.get(g.quiz_id, null)?.title ?? null,
				g.attempts,
				g.best_score,
				g.latest_score,
				g.first_score,
				g.max_score,
				percent(g.best_score, g.max_score),
				iso(g.first_submitted_at),
				iso(g.last_submitted_at),
			]);
		}
		yield out;
		if (rows.length < pageSize) return;
		cursor = { quizId: last.quiz_id, studentKey: last.student_key };
	}
}

/** Responses in export order, one page at a time (the shared walk of responses.csv and item analysis). */
async function* responseRows(db: Database, f: ExportFilter, opts: ExportOptions): AsyncGenerator<ResponseExportRow[], void, undefined> {
	const pageSize = opts.pageRows ?? DEFAULT_PAGE_ROWS;
	let cursor: ResponseCursor | null = null;
	for (;;) {
		const rows = await responsesPage(db, f, cursor, pageSize);
		const last = rows.at(-1);
		if (!last) return;
		yield rows;
		if (rows.length < pageSize) return;
		cursor = { submittedAt: last.submitted_at, id: last.id, position: last.position };
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

/** responses.csv: one row per attempt and question, in submission then quiz order. */
export async function* responsesCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
	const shelf = new QuizShelf(db);
	yield CSV_BOM + csvRow(RESPONSES_COLUMNS);
	for await (const rows of responseRows(db, f, opts)) {
		await shelf.load(versionsOf(rows));
		let out = "";
		for (const r of rows) {
			const question = shelf.get(r.quiz_id, r.quiz_version)?.questions.find((q) => q.id === r.question_id);
			out += csvRow([
				r.student_name,
				r.quiz_id,
				r.id,
				r.attempt_number,
				iso(r.submitted_at),
				r.position + 1,
				r.question_id,
				question?.prompt ?? null,
				answerText(question, parseAnswer(r.answer)),
				r.correct === 1,
				r.points,
				question?.points ?? null,
			]);
		}
		yield out;
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
	type Pending = { id: string; quizId: string; marks: Map<string, number>; choices: Record<string, string[]> };
	let current: Pending | null = null;
	const flush = (done: Pending | null) => {
		if (done === null) return;
		// Every version of a quiz counts towards its current questions (by question id).
		const quiz = shelf.get(done.quizId, null);
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
			analysis.add({ marks: done.marks, choices: done.choices });
		}
	};
	for await (const rows of responseRows(db, f, opts)) {
		await shelf.load([...new Set(rows.map((r) => r.quiz_id))].map((id) => [id, null] as const));
		for (const r of rows) {
			let pending: Pending | null = current;
			if (pending === null || pending.id !== r.id) {
				flush(pending);
				pending = { id: r.id, quizId: r.quiz_id, marks: new Map(), choices: {} };
				current = pending;
			}
			pending.marks.set(r.question_id, r.points);
			const answer = parseAnswer(r.answer);
			if (answer !== null && "choiceIds" in answer) pending.choices[r.question_id] = answer.choiceIds;
		}
	}
	flush(current);
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
export async function* itemAnalysisCsv(db: Database, f: ExportFilter, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
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

export const CSV_EXPORTS: Record<
	ExportKind,
	(db: Database, f: ExportFilter, opts?: ExportOptions) => AsyncGenerator<string, void, undefined>
> = { scores: scoresCsv, gradebook: gradebookCsv, responses: responsesCsv, "item-analysis": itemAnalysisCsv };
