/** Readers for the two ends our D1 queries share: one row or none, and whether a write touched any row. */

/** The first row a query returns, or null: for a select of one row (give it `.limit(1)`). */
export async function firstOrNull<T>(query: PromiseLike<readonly T[]>): Promise<T | null> {
	return (await query)[0] ?? null;
}

/** Whether a `delete … returning` removed at least one row. */
export async function removedAny(query: PromiseLike<readonly unknown[]>): Promise<boolean> {
	return (await query).length > 0;
}
