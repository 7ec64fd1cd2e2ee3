declare namespace Cloudflare {
	interface Env {
		/** Test-only binding: the migrations read by vitest.config.ts. */
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
		/** Test-only binding: an empty D1 that tests/api/migrations.test.ts migrates step by step. */
		MIGRATION_DB: D1Database;
	}
}
