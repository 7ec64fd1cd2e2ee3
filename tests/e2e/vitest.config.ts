import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * End-to-end tests in Node (not the Workers pool): each file starts the real Worker with
 * scripts/lib/local-server.ts and drives headless Chromium through scripts/lib/browser.ts.
 * One file at a time: a wrangler dev and a browser each are plenty for two cores.
 */
export default defineConfig({
	root: path.resolve(import.meta.dirname, "../.."),
	test: {
		include: ["tests/e2e/**/*.test.ts"],
		environment: "node",
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 180_000,
	},
});
