import { defineConfig } from "drizzle-kit";

// Generate only (`npm run db:generate`); migrations are applied by `wrangler d1 migrations apply`.
export default defineConfig({
	dialect: "sqlite",
	schema: "./worker/db/schema.ts",
	out: "./migrations",
	casing: "snake_case",
});
