/** Turns an export of a class into an HTTP response: streamed CSV or JSON, with a file name that says what it is. */
import type { Context } from "hono";
import type { ClassRow, ExportKind } from "../../db/schema";
import { contentDisposition, csvFileName } from "../../domain/csv";
import type { AppEnv } from "../../env";
import type { ExportFilter } from "./queries";
import { analyseItems, CSV_EXPORTS, type ExportOptions, itemAnalysisJson, streamOf } from "./service";

/** class_quiz_kind_date.csv, e.g. 7b-english_nk-diplomacy-2017_scores_2026-11-29.csv (a gradebook in an LMS layout: gradebook-canvas). */
export function exportFileName(cls: ClassRow, kind: ExportKind | `gradebook-${string}`, quizId: string | null, now = new Date()): string {
	// A name with no ASCII letter or digit (국어 반) has an empty slug: the join code names the class then.
	const named = csvFileName([cls.name], "") !== "export";
	return csvFileName([named ? cls.name : `class-${cls.joinCode}`, quizId ?? "all-quizzes", kind, now.toISOString().slice(0, 10)], "csv");
}

/** The item analysis of a class's attempts as JSON. */
export async function itemAnalysisResponse<E extends AppEnv>(c: Context<E>, cls: ClassRow, filter: ExportFilter) {
	const quizzes = itemAnalysisJson(await analyseItems(c.var.db, filter));
	c.header("Cache-Control", "private, no-store");
	return c.json({ classId: cls.id, className: cls.name, quizzes });
}

/** One export as a CSV download, streamed page by page; `options.gradebook` lays out a gradebook. */
export function csvResponse<E extends AppEnv>(
	c: Context<E>,
	cls: ClassRow,
	kind: ExportKind,
	filter: ExportFilter,
	options: ExportOptions = {},
) {
	const format = kind === "gradebook" ? (options.gradebook?.format ?? "generic") : "generic";
	return c.body(streamOf(CSV_EXPORTS[kind](c.var.db, filter, options)), {
		headers: {
			"Content-Type": "text/csv; charset=utf-8; header=present",
			"Content-Disposition": contentDisposition(exportFileName(cls, format === "generic" ? kind : `gradebook-${format}`, filter.quizId)),
			"Cache-Control": "private, no-store",
		},
	});
}
