/**
 * The Worker's route table (Hono's `app.routes`), read in Node for the load run's fuzz stage: the
 * Worker is bundled as wrangler would (scripts/lib/bundle.ts) and imported, so the list is the app's own, never a copy that drifts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleWorkerModule } from "./bundle";

export interface RouteEntry {
	method: string;
	path: string;
}

export async function workerRoutes(): Promise<RouteEntry[]> {
	const bytes = await bundleWorkerModule("worker/index.ts");
	const dir = mkdtempSync(path.join(tmpdir(), "quizline-routes-"));
	try {
		const file = path.join(dir, "worker.mjs");
		writeFileSync(file, bytes);
		const mod = (await import(pathToFileURL(file).href)) as { default: { routes: RouteEntry[] } };
		const seen = new Set<string>();
		return mod.default.routes.filter((r) => {
			const key = `${r.method} ${r.path}`;
			if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(r.method) || r.path.includes("*") || seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
