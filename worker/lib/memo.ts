/**
 * What an isolate works out once per key that names its content (a quiz version, a join link) and
 * reuses for its life: at most `max` values are kept, the oldest dropped first, so that teachers'
 * many quizzes cannot grow an isolate's memory without bound.
 *
 * A value that is a promise is kept from the first call, so that requests arriving together share
 * one computation; if it rejects, it is dropped, and the next call tries again.
 */
export function boundedMemo<V>(max: number): (key: string, make: () => V) => V {
	const kept = new Map<string, V>();
	return (key, make) => {
		let value = kept.get(key);
		if (value === undefined) {
			value = make();
			const oldest = kept.keys().next();
			if (kept.size >= max && !oldest.done) kept.delete(oldest.value);
			kept.set(key, value);
			if (value instanceof Promise) {
				const made = value;
				made.catch(() => {
					if (kept.get(key) === made) kept.delete(key);
				});
			}
		}
		return value;
	};
}
