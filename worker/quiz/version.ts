import type { ArticleFile, QuizFile } from "./schema";

/** A quiz's version: the first 16 hex digits of the SHA-256 of its content and its article's. */
export async function contentVersion(quiz: QuizFile, article: ArticleFile): Promise<string> {
	const bytes = new TextEncoder().encode(JSON.stringify({ quiz, article }));
	const digest = await crypto.subtle.digest("SHA-256", bytes);
	return toHex(new Uint8Array(digest)).slice(0, 16);
}

export function toHex(bytes: Uint8Array): string {
	let out = "";
	for (const b of bytes) out += b.toString(16).padStart(2, "0");
	return out;
}
