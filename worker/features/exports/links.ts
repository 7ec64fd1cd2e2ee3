import { Hono } from "hono";
import { hashSecret } from "../../domain/secrets";
import type { AppEnv } from "../../env";
import { Problem } from "../../http/problem";
import { noteAuthFailure } from "../../http/rate-limit";
import { findLiveExportLink } from "./link-queries";
import { linkFileName } from "./params";
import { sendExport } from "./send";
import { EXPORT_KINDS, type ExportKind } from "./service";

/**
 * Read-only export links: GET /export/<token>/<kind>.csv, no header needed, for Google Sheets'
 * IMPORTDATA or Excel's web query. The token grants that one export of that one class until it
 * expires or is revoked; anything else is the same 404.
 */
export const exportLinks = new Hono<AppEnv>().get("/:token/:file", async (c) => {
	const token = c.req.param("token");
	const found = token.length <= 200 ? await findLiveExportLink(c.var.db, await hashSecret(token), new Date()) : null;
	const kind = found?.link.export as ExportKind | undefined;
	if (!found || !kind || !EXPORT_KINDS.includes(kind) || c.req.param("file") !== linkFileName(kind)) {
		await noteAuthFailure(c);
		throw new Problem(
			404,
			"Export link not found",
			"This export link does not exist, has expired or was revoked. Ask the teacher for a new one.",
		);
	}
	return sendExport(c, found.cls, kind, "csv", { classId: found.cls.id, quizId: found.link.quizId, from: null, to: null });
});
