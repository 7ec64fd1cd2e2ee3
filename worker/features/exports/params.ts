import type { ExportKind } from "../../db/schema";
import * as z from "../../lib/z";
import type { ExportFilter } from "./queries";

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (YYYY-MM-DD, UTC) or an ISO 8601 time with its offset. */
const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { message: "must be a date (2026-11-29) or an ISO 8601 time" });

/** ?quizId=&from=&to= of every export: from is inclusive; a `to` day includes that whole day. */
export const exportFilterSchema = z.object({
	quizId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
	from: z.optional(when),
	to: z.optional(when),
});

/** How gradebook.csv is laid out: Quizline's own columns (one row per student and quiz), or an LMS's import layout (one row per student, one column per quiz). */
export const GRADEBOOK_FORMATS = ["generic", "canvas", "moodle"] as const;
export type GradebookFormat = (typeof GRADEBOOK_FORMATS)[number];

/** Which attempt's score an LMS layout carries: the best, the latest or the first. The generic layout has all three side by side. */
export const SCORE_CHOICES = ["best", "latest", "first"] as const;
export type ScoreChoice = (typeof SCORE_CHOICES)[number];

/** A gradebook's layout. The defaults are today's file: the generic layout, and (for an LMS layout) the best score, which is what best_percent has always reported. */
export interface GradebookLayout {
	format: GradebookFormat;
	score: ScoreChoice;
}

export const DEFAULT_GRADEBOOK_LAYOUT: GradebookLayout = { format: "generic", score: "best" };

export const gradebookLayoutShape = {
	format: z.optional(z.enum(GRADEBOOK_FORMATS, `must be one of ${GRADEBOOK_FORMATS.join(", ")}`)),
	score: z.optional(z.enum(SCORE_CHOICES, `must be one of ${SCORE_CHOICES.join(", ")}`)),
};

/** `score` chooses the one score of an LMS layout: with the generic layout it would change nothing, so it is refused rather than ignored. */
export const scoreNeedsLmsLayout = z.superRefine((q: { format?: GradebookFormat | undefined; score?: ScoreChoice | undefined }, ctx) => {
	if (q.score !== undefined && (q.format ?? "generic") === "generic") {
		ctx.issues.push({
			code: "custom",
			path: ["score"],
			message: "applies to format=canvas or format=moodle; the generic gradebook has the best, latest and first scores side by side",
			input: q.score,
		});
	}
});

/** ?format=&score= of a gradebook's export link. */
export const gradebookLayoutSchema = z.object(gradebookLayoutShape).check(scoreNeedsLmsLayout);

/** gradebook.csv's query: the filter of every export, and its layout. */
export const gradebookQuerySchema = z.object({ ...exportFilterSchema.shape, ...gradebookLayoutShape }).check(scoreNeedsLmsLayout);

export function toLayout(q: { format?: GradebookFormat | undefined; score?: ScoreChoice | undefined }): GradebookLayout {
	return { format: q.format ?? DEFAULT_GRADEBOOK_LAYOUT.format, score: q.score ?? DEFAULT_GRADEBOOK_LAYOUT.score };
}

/** The query string that asks for a layout (empty for the default one), for links that must carry it. */
export function layoutQuery(layout: Partial<GradebookLayout>): string {
	const params = new URLSearchParams();
	if (layout.format !== undefined && layout.format !== "generic") params.set("format", layout.format);
	if (layout.score !== undefined) params.set("score", layout.score);
	const query = params.toString();
	return query === "" ? "" : `?${query}`;
}

export function toFilter(classId: string, q: z.infer<typeof exportFilterSchema>): ExportFilter {
	const from = q.from === undefined ? null : new Date(DATE_ONLY.test(q.from) ? `${q.from}T00:00:00Z` : q.from);
	const to = q.to === undefined ? null : DATE_ONLY.test(q.to) ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : new Date(q.to);
	return { classId, quizId: q.quizId ?? null, from, to };
}

/** The file name of an export link: what the export is, as the URL's last segment. */
export const linkFileName = (kind: ExportKind) => `${kind}.csv`;

export function exportLinkUrl(origin: string, token: string, kind: ExportKind): string {
	return `${origin}/export/${token}/${linkFileName(kind)}`;
}
