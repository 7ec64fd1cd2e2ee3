import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** Same casing as drizzle.config.ts, so TypeScript keys map to snake_case columns. */
export function createDb(d1: D1Database) {
	return drizzle(d1, { schema, casing: "snake_case" });
}

export type Database = ReturnType<typeof createDb>;
