/**
 * Choice order per attempt: choices are sorted by a hash of (attempt id, question id, choice id),
 * so the same attempt always sees the same order (a reload keeps it) and each attempt another.
 * True/false keeps its natural order. The enhancement script (assets/quiz.client.js, `rank` and
 * `reorder`) does the same when it restores a saved attempt; the server grades by choice id, so
 * the order never matters to the score.
 */

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a's state after `key`, from state `h`: hashing a + b is continuing from a's state with b. */
function fnv(h: number, key: string): number {
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** FNV-1a, 32 bits, over UTF-16 code units; the client computes the very same. */
export const rank = (key: string): number => fnv(FNV_OFFSET, key);

export function shuffleChoices<T extends { id: string }>(attemptId: string, questionId: string, type: string, choices: readonly T[]): T[] {
	if (type === "true_false") return [...choices];
	// Each choice's rank once, not once per comparison, and the shared prefix hashed once: the same
	// stable sort on the same keys as rank(`${attemptId}:${questionId}:${choice.id}`).
	const prefix = rank(`${attemptId}:${questionId}:`);
	return choices
		.map((choice) => ({ choice, key: fnv(prefix, choice.id) }))
		.sort((a, b) => a.key - b.key)
		.map((k) => k.choice);
}
