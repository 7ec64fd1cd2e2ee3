import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The second tenant's database (vitest.config.ts), so that the clean-up, which runs in every tenant's database, finds its tables.
await applyD1Migrations(env.DB_SCHOOL_B, env.TEST_MIGRATIONS);
