import { and, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { attempts, exportLinks } from "../../db/schema";

/** Deletes practice attempts (no class) submitted before `before`, with their responses (FK cascade); returns how many. */
export async function deletePracticeAttempts(db: Database, before: Date): Promise<number> {
	const gone = await db
		.delete(attempts)
		.where(and(isNull(attempts.classId), lt(attempts.submittedAt, before)))
		.returning({ id: attempts.id });
	return gone.length;
}

/** Deletes export links that expired before `now`; returns how many. */
export async function deleteExpiredExportLinks(db: Database, now: Date): Promise<number> {
	const gone = await db.delete(exportLinks).where(lt(exportLinks.expiresAt, now)).returning({ id: exportLinks.id });
	return gone.length;
}
