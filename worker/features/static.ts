import { Hono } from "hono";
import type { AppEnv } from "../env";
import { notFound } from "../http/problem";
import { findAsset, IMMUTABLE, serviceWorkerScript } from "../views/assets";

/** The student pages' stylesheet and script, under content-hashed names, cached for a year. */
export const staticFiles = new Hono<AppEnv>()
	.get("/static/:file", async (c) => {
		const asset = await findAsset(c.req.path);
		if (!asset) throw notFound("Not found", "There is no such file.");
		return c.body(asset.body, { headers: { "Content-Type": asset.type, "Cache-Control": IMMUTABLE } });
	})
	// The student pages' service worker: same origin, the same security headers, checked for a new version on every load.
	.get("/sw.js", async (c) =>
		c.body(await serviceWorkerScript(), { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" } }),
	);
