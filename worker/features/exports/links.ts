import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { noRoute, notFound } from "../../http/problem";
import { countFailures, linkNotFound } from "../../http/rate-limit";
import { findLinkFor } from "./link-service";
import { linkFileName } from "./params";
import { csvResponse } from "./send";

/**
 * Read-only export links: GET /export/<token>/<kind>.csv, no header needed, for Google Sheets'
 * IMPORTDATA or Excel's web query. The token grants that one export of that one class until it
 * expires or is revoked; anything else is the same "not found", and counts as a failed credential.
 */
export const exportLinks = new Hono<AppEnv>()
	.use(countFailures(linkNotFound))
	.get("/:token/:file", async (c) => {
		const found = await findLinkFor(c.var.db, c.req.param("token"), c.req.param("file"), linkFileName);
		if (!found) {
			throw notFound(
				"Export link not found",
				"This export link does not exist, has expired or was revoked. Ask the teacher for a new one.",
			);
		}
		return csvResponse(c, found.cls, found.link.export, { classId: found.cls.id, quizId: found.link.quizId, from: null, to: null });
	})
	.all("*", noRoute);
