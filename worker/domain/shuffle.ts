/**
 * Choice order per attempt: choices are sorted by a hash of (attempt id, question id, choice id),
 * so the same attempt always sees the same order (a reload keeps it) and each attempt another.
 * True/false keeps its natural order. The enhancement script (assets/quiz.client.js, `rank` and
 * `reorder`) does the same when it restores a saved attempt; the server grades by choice id, so
 * the order never matters to the score.
 */

/** FNV-1a, 32 bits, over UTF-16 code units; the client computes the very same. */
export function rank(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

export function shuffleChoices<T extends { id: string }>(attemptId: string, questionId: string, type: string, choices: readonly T[]): T[] {
	if (type === "true_false") return [...choices];
	// Each choice's rank once, not once per comparison; the same stable sort on the same keys.
	const prefix = `${attemptId}:${questionId}:`;
	return choices
		.map((choice) => ({ choice, key: rank(prefix + choice.id) }))
		.sort((a, b) => a.key - b.key)
		.map((k) => k.choice);
}
