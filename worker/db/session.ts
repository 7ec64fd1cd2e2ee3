import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Each request's D1 session (read replication's Sessions API) under one drizzle client.
 *
 * drizzle-orm 0.45's D1 driver is typed for a `D1Database` but calls only `prepare` and `batch`
 * (drizzle-orm/d1/session.js), which a `D1DatabaseSession` has too; session support in drizzle is
 * still an open request (drizzle-team/drizzle-orm#2226). routedDatabase sends those two through the
 * session of the request that makes the query, so every query of a request keeps the session's
 * sequential consistency, and answers the rest of the `D1Database` interface without a cast.
 */

/** The session of the request being served, for routedDatabase (node:async_hooks, which workerd has with nodejs_compat). */
const requestSession = new AsyncLocalStorage<D1DatabaseSession>();

/** Runs `fn` (the rest of the request) with `session` as the one routedDatabase sends queries through. */
export function inSession<T>(session: D1DatabaseSession, fn: () => Promise<T>): Promise<T> {
	return requestSession.run(session, fn);
}

const routed = new WeakMap<D1Database, D1Database>();

/**
 * The database as drizzle takes it, sending each query through the session of the request that
 * makes it (inSession), or through the database itself outside any (a stream read after its
 * request's handler has returned, the daily clean-up). One per binding and isolate, so that
 * drizzle's client, which walks the whole schema when it is made, is made once per binding and
 * isolate rather than per request (db/client.ts).
 */
export function routedDatabase(database: D1Database): D1Database {
	let db = routed.get(database);
	if (db === undefined) {
		const target = () => requestSession.getStore() ?? database;
		db = {
			prepare: (query: string) => target().prepare(query),
			batch: <T>(statements: D1PreparedStatement[]) => target().batch<T>(statements),
			withSession: (constraintOrBookmark?: string) => database.withSession(constraintOrBookmark),
			exec: (query: string) => database.exec(query),
			dump: () => database.dump(),
		};
		routed.set(database, db);
	}
	return db;
}
