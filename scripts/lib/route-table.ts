/**
 * The Worker's route table (Hono's `app.routes`), read in Node for the load run's fuzz stage: the
 * Worker is bundled with esbuild as wrangler would (its stylesheet and client scripts as text) and
 * imported, so the list is the app's own, never a copy that drifts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface RouteEntry {
	method: string;
	path: string;
}

export async function workerRoutes(): Promise<RouteEntry[]> {
	const out = await build({
		entryPoints: [path.join(ROOT, "worker/index.ts")],
		bundle: true,
		format: "esm",
		platform: "neutral",
		write: false,
		jsx: "automatic",
		jsxImportSource: "hono/jsx",
		logLevel: "silent",
		plugins: [
			{
				name: "text-assets",
				setup(b) {
					b.onLoad({ filter: /\.(css|client\.js)$/ }, async (args) => ({
						contents: (await import("node:fs")).readFileSync(args.path, "utf8"),
						loader: "text",
					}));
				},
			},
		],
	});
	const dir = mkdtempSync(path.join(tmpdir(), "quizline-routes-"));
	try {
		const file = path.join(dir, "worker.mjs");
		writeFileSync(file, out.outputFiles[0]?.text ?? "");
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
