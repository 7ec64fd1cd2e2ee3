import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { badRequest, noRoute, notFound } from "../../http/problem";
import { countFailures, linkNotFound } from "../../http/rate-limit";
import { validate } from "../../http/validate";
import { findLinkFor } from "./link-service";
import { gradebookLayoutSchema, linkFileName, toLayout } from "./params";
import { csvResponse } from "./send";

/**
 * Read-only export links: GET /export/<token>/<kind>.csv, no header needed, for Google Sheets'
 * IMPORTDATA or Excel's web query. A gradebook link takes the gradebook's ?format=&score= (the
 * link's URL carries them when it was made with them). The token grants that one export of that one class until it
 * expires or is revoked; anything else is the same "not found", and counts as a failed credential.
 */
export const exportLinks = new Hono<AppEnv>()
	.use(countFailures(linkNotFound))
	.get("/:token/:file", validate("query", gradebookLayoutSchema), async (c) => {
		const found = await findLinkFor(c.var.db, c.req.param("token"), c.req.param("file"), linkFileName);
		if (!found) {
			throw notFound(
				"Export link not found",
				"This export link does not exist, has expired or was revoked. Ask the teacher for a new one.",
			);
		}
		const query = c.req.valid("query");
		const layout = found.link.export === "gradebook" ? { gradebook: toLayout(query) } : {};
		if (found.link.export !== "gradebook" && (query.format !== undefined || query.score !== undefined)) {
			throw badRequest("Invalid request", "format and score apply to gradebook links only.", [
				{ path: query.format !== undefined ? "format" : "score", message: "applies to gradebook links only" },
			]);
		}
		return csvResponse(c, found.cls, found.link.export, { classId: found.cls.id, quizId: found.link.quizId, from: null, to: null }, layout);
	})
	.all("*", noRoute);
