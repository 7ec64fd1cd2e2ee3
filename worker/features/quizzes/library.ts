import { articleFiles, quizFiles } from "../../../quiz-data";
import { buildCatalog, type Catalog } from "../../domain/quiz/catalog";
import type { Quiz } from "../../domain/quiz/schema";

let catalog: Promise<Catalog> | undefined;

/** The quizzes in quiz-data/, checked and versioned once per isolate. */
export function getCatalog(): Promise<Catalog> {
	catalog ??= buildCatalog(articleFiles, quizFiles);
	return catalog;
}

export async function findQuiz(id: string): Promise<Quiz | undefined> {
	return (await getCatalog()).byId.get(id);
}
