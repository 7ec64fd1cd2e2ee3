import { Hono } from "hono";
import { EXPORT_KINDS } from "../../db/schema";
import type { ClassEnv } from "../../env";
import { idParam } from "../../http/params";
import { created, noContent, notFound, unprocessable } from "../../http/problem";
import { requireJson, validate } from "../../http/validate";
import * as z from "../../lib/z";
import { createExportLink, listLinks, revokeLink } from "./link-service";
import {
	exportFilterSchema,
	exportLinkUrl,
	gradebookLayoutShape,
	gradebookQuerySchema,
	layoutQuery,
	scoreNeedsLmsLayout,
	toFilter,
	toLayout,
} from "./params";
import { csvResponse, itemAnalysisResponse } from "./send";

const linkSchema = z
	.strictObject({
		export: z.enum(EXPORT_KINDS),
		quizId: z.optional(z.string().check(z.maxLength(100))),
		expiresInDays: z._default(z.int().check(z.gte(1), z.lte(366)), 30),
		/** A gradebook's layout, carried in the link's URL (?format=&score=). */
		...gradebookLayoutShape,
	})
	.check(
		z.superRefine((body, ctx) => {
			for (const key of ["format", "score"] as const) {
				if (body[key] !== undefined && body.export !== "gradebook") {
					ctx.issues.push({ code: "custom", path: [key], message: "applies to gradebook links only", input: body[key] });
				}
			}
		}),
		scoreNeedsLmsLayout,
	);

/** An export link as the API lists it (never its token, which is shown once, at creation). */
export function linkJson(l: { id: string; export: string; quizId: string | null; createdAt: Date; expiresAt: Date }) {
	return { id: l.id, export: l.export, quizId: l.quizId, createdAt: l.createdAt.toISOString(), expiresAt: l.expiresAt.toISOString() };
}

/** One class's exports and export links; mounted on a class that loadClass has authorised (`c.var.cls`). */
export const classExportsApi = new Hono<ClassEnv>()
	.get("/item-analysis", validate("query", exportFilterSchema), (c) =>
		itemAnalysisResponse(c, c.var.cls, toFilter(c.var.cls.id, c.req.valid("query"))),
	)
	.get("/gradebook.csv", validate("query", gradebookQuerySchema), (c) => {
		const query = c.req.valid("query");
		return csvResponse(c, c.var.cls, "gradebook", toFilter(c.var.cls.id, query), { gradebook: toLayout(query) });
	})
	.get("/:file{(scores|responses|item-analysis)\\.csv}", validate("query", exportFilterSchema), (c) => {
		const kind = EXPORT_KINDS.find((k) => `${k}.csv` === c.req.param("file"));
		if (!kind) throw notFound("Not Found", "There is no such export.");
		return csvResponse(c, c.var.cls, kind, toFilter(c.var.cls.id, c.req.valid("query")));
	})
	.post("/export-links", requireJson, validate("json", linkSchema), async (c) => {
		const result = await createExportLink(c.var.db, c.var.cls, c.req.valid("json"));
		if (result.kind === "unknownQuiz") {
			throw unprocessable("Unknown quiz", `There is no quiz "${result.quizId}".`, [{ path: "quizId", message: "unknown quiz" }]);
		}
		c.header("Cache-Control", "no-store");
		return created(c, {
			id: result.id,
			url: exportLinkUrl(new URL(c.req.url).origin, result.token, result.export) + layoutQuery(c.req.valid("json")),
			export: result.export,
			quizId: result.quizId,
			expiresAt: result.expiresAt.toISOString(),
		});
	})
	.get("/export-links", async (c) => {
		const links = await listLinks(c.var.db, c.var.cls);
		return c.json({ links: links.map(linkJson) });
	})
	.delete("/export-links/:linkId", idParam("linkId"), async (c) => {
		const { linkId } = c.req.valid("param");
		if (!(await revokeLink(c.var.db, c.var.cls, linkId)))
			throw notFound("Link not found", `Class ${c.var.cls.id} has no export link ${linkId}.`);
		return noContent(c);
	});
