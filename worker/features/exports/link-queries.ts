import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { firstOrNull, removedAny } from "../../db/results";
import { classes, exportLinks } from "../../db/schema";

export type ExportLinkRow = typeof exportLinks.$inferSelect;

export async function insertExportLink(db: Database, link: ExportLinkRow): Promise<void> {
	await db.insert(exportLinks).values(link);
}

export function listExportLinks(db: Database, classId: string) {
	return db.select().from(exportLinks).where(eq(exportLinks.classId, classId)).orderBy(asc(exportLinks.createdAt), asc(exportLinks.id));
}

export function deleteExportLink(db: Database, classId: string, linkId: string): Promise<boolean> {
	return removedAny(
		db
			.delete(exportLinks)
			.where(and(eq(exportLinks.classId, classId), eq(exportLinks.id, linkId)))
			.returning({ id: exportLinks.id }),
	);
}

/** An unexpired link by its token's hash, with its class; null otherwise. */
export function findLiveExportLink(db: Database, tokenHash: string, now: Date) {
	return firstOrNull(
		db
			.select({ link: exportLinks, cls: classes })
			.from(exportLinks)
			.innerJoin(classes, eq(classes.id, exportLinks.classId))
			.where(and(eq(exportLinks.tokenHash, tokenHash), gt(exportLinks.expiresAt, now)))
			.limit(1),
	);
}
