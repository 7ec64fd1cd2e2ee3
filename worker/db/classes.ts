import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { classes } from "./schema";

/** The class students join with this code, or null. */
export async function findClassByCode(db: Database, joinCode: string) {
	const rows = await db.select().from(classes).where(eq(classes.joinCode, joinCode)).limit(1);
	return rows[0] ?? null;
}
