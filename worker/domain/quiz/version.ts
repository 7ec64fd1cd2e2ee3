import { sha256Hex } from "../../lib/hash";
import type { ArticleFile, QuizFile } from "./schema";

/** A quiz's version: the first 16 hex digits of the SHA-256 of its content and its article's. */
export async function contentVersion(quiz: QuizFile, article: ArticleFile): Promise<string> {
	return (await sha256Hex(JSON.stringify({ quiz, article }))).slice(0, 16);
}
