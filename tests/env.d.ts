declare namespace Cloudflare {
	interface Env {
		/** Test-only binding: the migrations read by vitest.config.ts. */
		TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
		/** Test-only binding: an empty D1 that tests/api/migrations.test.ts migrates step by step. */
		MIGRATION_DB: D1Database;
		/** Test-only binding: the second tenant's database (vitest.config.ts TENANTS), migrated by tests/setup.ts. */
		DB_SCHOOL_B: D1Database;
	}
}
