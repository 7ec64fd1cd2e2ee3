import { articleFiles, quizFiles } from "../../quiz-data";
import { buildCatalog, type Catalog } from "./catalog";
import type { Quiz } from "./schema";

let catalog: Promise<Catalog> | undefined;

/** The quizzes in quiz-data/, checked and versioned once per isolate. */
export function getCatalog(): Promise<Catalog> {
	catalog ??= buildCatalog(articleFiles, quizFiles);
	return catalog;
}

export async function findQuiz(id: string): Promise<Quiz | undefined> {
	return (await getCatalog()).byId.get(id);
}
