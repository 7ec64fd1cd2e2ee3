/**
 * A D1 session (read replication's Sessions API) in the shape drizzle-orm takes.
 *
 * drizzle-orm 0.45's D1 driver is typed for a `D1Database` but calls only `prepare` and `batch`
 * (drizzle-orm/d1/session.js), which a `D1DatabaseSession` has too; session support in drizzle is
 * still an open request (drizzle-team/drizzle-orm#2226). This adapter sends those two through the
 * session, so every query of the request keeps the session's sequential consistency, and answers
 * the rest of the `D1Database` interface without a cast: `withSession` from the database itself,
 * `exec` and `dump` refused (they would bypass the session; nothing in the app calls them).
 */
export function sessionAsDatabase(session: D1DatabaseSession, database: D1Database): D1Database {
	return {
		prepare: (query: string) => session.prepare(query),
		batch: <T>(statements: D1PreparedStatement[]) => session.batch<T>(statements),
		withSession: (constraintOrBookmark?: string) => database.withSession(constraintOrBookmark),
		exec: () => Promise.reject(new Error("exec() is not available inside a D1 session: use prepare() or batch()")),
		dump: () => Promise.reject(new Error("dump() is not available inside a D1 session")),
	};
}
