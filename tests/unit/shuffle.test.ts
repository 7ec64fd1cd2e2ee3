import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rank, shuffleChoices } from "../../worker/domain/shuffle";

/** The order as it was first written: the rank computed inside the comparator. */
function reference<T extends { id: string }>(attemptId: string, questionId: string, type: string, choices: readonly T[]): T[] {
	if (type === "true_false") return [...choices];
	const key = (c: T) => rank(`${attemptId}:${questionId}:${c.id}`);
	return [...choices].sort((a, b) => key(a) - key(b));
}

describe("shuffleChoices", () => {
	it("orders choices exactly as before ranks were computed once per choice, ties included", () => {
		const choices = fc.uniqueArray(fc.string({ maxLength: 12 }), { maxLength: 8 }).map((ids) => ids.map((id) => ({ id, text: `t${id}` })));
		fc.assert(
			fc.property(
				fc.uuid(),
				fc.string({ maxLength: 20 }),
				fc.constantFrom("single", "multiple", "true_false"),
				choices,
				(a, q, type, cs) => {
					expect(shuffleChoices(a, q, type, cs)).toEqual(reference(a, q, type, cs));
				},
			),
			{ numRuns: 3000 },
		);
	});

	it("keeps the same order for the same attempt and leaves the input as it was", () => {
		const cs = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
		const before = cs.map((c) => c.id);
		const once = shuffleChoices("attempt-1", "q1", "single", cs);
		expect(shuffleChoices("attempt-1", "q1", "single", cs)).toEqual(once);
		expect(cs.map((c) => c.id)).toEqual(before);
		expect(new Set(once.map((c) => c.id))).toEqual(new Set(before));
	});
});
