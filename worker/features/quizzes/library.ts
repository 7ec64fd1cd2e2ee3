/**
 * The built-in library: the quizzes in quiz-data/, checked and versioned once per isolate. Every
 * lookup of a quiz by id goes through here, so teacher-made quizzes can join the library in one
 * place.
 */
import { articleFiles, quizFiles } from "../../../quiz-data";
import { buildCatalog, type Catalog } from "../../domain/quiz/catalog";
import type { Quiz } from "../../domain/quiz/schema";
import * as z from "../../lib/z";

let catalog: Promise<Catalog> | undefined;

export function getCatalog(): Promise<Catalog> {
	catalog ??= buildCatalog(articleFiles, quizFiles);
	return catalog;
}

export async function findQuiz(id: string): Promise<Quiz | undefined> {
	return (await getCatalog()).byId.get(id);
}

/** A list of quiz ids that must all exist (a class's open quizzes). */
export const quizIdsSchema = z.array(z.string().check(z.maxLength(100))).check(
	z.maxLength(200),
	z.superRefine(async (ids, ctx) => {
		const { byId } = await getCatalog();
		for (const id of ids) if (!byId.has(id)) ctx.issues.push({ code: "custom", message: `there is no quiz "${id}"`, input: id });
	}),
);
