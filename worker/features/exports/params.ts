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
