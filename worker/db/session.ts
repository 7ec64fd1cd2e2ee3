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
 * A statement that takes its session when it is bound or run, not when it is prepared. drizzle's
 * prepared queries (`.prepare()`, used for the hottest reads) prepare their statement once, when
 * the query is made, which is once per isolate; they bind it on every run (drizzle-orm/d1/session.js
 * always calls `bind`, in a batch too), so each run is a fresh D1 statement on the session of the
 * request that runs it, exactly as an unprepared query's is.
 */
class SessionStatement implements D1PreparedStatement {
	constructor(
		private readonly query: string,
		private readonly target: () => D1Database | D1DatabaseSession,
	) {}

	private now(): D1PreparedStatement {
		return this.target().prepare(this.query);
	}

	bind(...values: unknown[]): D1PreparedStatement {
		return this.now().bind(...values);
	}

	first<T = unknown>(colName: string): Promise<T | null>;
	first<T = Record<string, unknown>>(): Promise<T | null>;
	first<T>(colName?: string): Promise<T | null> {
		return colName === undefined ? this.now().first<T>() : this.now().first<T>(colName);
	}

	run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
		return this.now().run<T>();
	}

	all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
		return this.now().all<T>();
	}

	raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
	raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
	raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
		return options?.columnNames ? this.now().raw<T>({ columnNames: true }) : this.now().raw<T>();
	}
}

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
			prepare: (query: string) => new SessionStatement(query, target),
			batch: <T>(statements: D1PreparedStatement[]) => target().batch<T>(statements),
			withSession: (constraintOrBookmark?: string) => database.withSession(constraintOrBookmark),
			exec: (query: string) => database.exec(query),
			dump: () => database.dump(),
		};
		routed.set(database, db);
	}
	return db;
}
