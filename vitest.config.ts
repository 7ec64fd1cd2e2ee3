import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
	// Migrations are read in Node and handed to the Worker as a test-only
	// binding; tests/setup.ts applies them to the fresh local D1 of each file.
	const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
	return {
		plugins: [
			cloudflareTest({
				wrangler: { configPath: "./wrangler.toml" },
				miniflare: {
					bindings: {
						TEST_MIGRATIONS: migrations,
						ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
						ATTEMPT_SECRET: "test-attempt-secret-0123456789abcdef-0123456789",
						// Two tenants (worker/db/tenants.ts): quizline.test is "default" on DB, as before; a second school on its own D1.
						TENANTS: JSON.stringify({
							default: { binding: "DB" },
							"school-b": { binding: "DB_SCHOOL_B", hosts: ["school-b.quizline.test"] },
						}),
					},
					// An empty database for tests that apply the migrations step by step; school B's database.
					d1Databases: ["MIGRATION_DB", "DB_SCHOOL_B"],
				},
			}),
		],
		test: {
			include: ["tests/**/*.test.ts"],
			exclude: ["tests/e2e/**", "tests/load/**", "node_modules/**"],
			setupFiles: ["./tests/setup.ts"],
		},
	};
});
