/**
 * The daily clean-up (a Cron Trigger, wrangler.toml `[triggers] crons`): practice attempts are kept
 * for PRACTICE_RETENTION_DAYS, then deleted; expired or idle sessions and expired export links are
 * removed. Typed results, no HTTP.
 */
import type { Database } from "../../db/client";
import { sweepSessions } from "../auth/service";
import { deleteExpiredExportLinks, deletePracticeAttempts } from "./queries";

/** How long an attempt made without a class code is kept. */
export const PRACTICE_RETENTION_DAYS = 30;

export interface CleanUp {
	practiceAttempts: number;
	sessions: number;
	exportLinks: number;
}

export async function cleanUp(db: Database, now = new Date()): Promise<CleanUp> {
	const before = new Date(now.getTime() - PRACTICE_RETENTION_DAYS * 86_400_000);
	return {
		practiceAttempts: await deletePracticeAttempts(db, before),
		sessions: await sweepSessions(db, now),
		exportLinks: await deleteExpiredExportLinks(db, now),
	};
}
