/**
 * A module of the Worker bundled in memory by esbuild (the bundler wrangler uses) with wrangler's
 * settings: ES modules for workerd, the stylesheet and client scripts as text (wrangler.toml's
 * `[[rules]]`), the platform's own modules left external.
 */
import path from "node:path";
import { build, type Plugin } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function bundleWorkerModule(entry: string, options: { minify?: boolean; plugins?: Plugin[] } = {}): Promise<Uint8Array> {
	const result = await build({
		entryPoints: [path.join(ROOT, entry)],
		bundle: true,
		format: "esm",
		platform: "neutral",
		target: "es2022",
		minify: options.minify ?? false,
		conditions: ["workerd", "worker", "browser"],
		mainFields: ["module", "main"],
		loader: { ".css": "text", ".client.js": "text" },
		external: ["cloudflare:*", "node:*"],
		jsx: "automatic",
		jsxImportSource: "hono/jsx",
		logLevel: "silent",
		write: false,
		plugins: options.plugins ?? [],
	});
	const out = result.outputFiles[0];
	if (!out) throw new Error(`esbuild wrote nothing for ${entry}`);
	return out.contents;
}
