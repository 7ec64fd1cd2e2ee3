/** Read-only export links: a secret URL for one export of one class, for spreadsheet imports. Typed results, no HTTP. */
import type { Database } from "../../db/client";
import type { ClassRow, ExportKind } from "../../db/schema";
import { hashSecret, newSecret, SECRET_PREFIX } from "../../domain/secrets";
import { findQuiz } from "../quizzes/library";
import { deleteExportLink, findLiveExportLink, insertExportLink, listExportLinks } from "./link-queries";

const DAY_MS = 86_400_000;

export type NewLinkResult =
	| { kind: "created"; id: string; token: string; export: ExportKind; quizId: string | null; expiresAt: Date }
	| { kind: "unknownQuiz"; quizId: string };

export async function createExportLink(
	db: Database,
	cls: ClassRow,
	input: { export: ExportKind; quizId?: string | undefined; expiresInDays: number },
	now = new Date(),
): Promise<NewLinkResult> {
	if (input.quizId !== undefined && !(await findQuiz(db, input.quizId))) return { kind: "unknownQuiz", quizId: input.quizId };
	const token = newSecret(SECRET_PREFIX.exportLink);
	const link = {
		id: crypto.randomUUID(),
		classId: cls.id,
		tokenHash: await hashSecret(token),
		export: input.export,
		quizId: input.quizId ?? null,
		createdAt: now,
		expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
	};
	await insertExportLink(db, link);
	return { kind: "created", id: link.id, token, export: link.export, quizId: link.quizId, expiresAt: link.expiresAt };
}

export const listLinks = (db: Database, cls: ClassRow) => listExportLinks(db, cls.id);

export const revokeLink = (db: Database, cls: ClassRow, linkId: string) => deleteExportLink(db, cls.id, linkId);

/** The live link behind a token, with its class, when it serves this file; null for anything else. */
export async function findLinkFor(db: Database, token: string, file: string, fileOf: (kind: ExportKind) => string, now = new Date()) {
	if (token.length > 200) return null;
	const found = await findLiveExportLink(db, await hashSecret(token), now);
	return found && fileOf(found.link.export) === file ? found : null;
}
