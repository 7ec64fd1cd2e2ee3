import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** Same casing as drizzle.config.ts, so TypeScript keys map to snake_case columns. */
function newDb(d1: D1Database) {
	return drizzle(d1, { schema, casing: "snake_case" });
}

export type Database = ReturnType<typeof newDb>;

/**
 * One drizzle client per D1 binding and isolate. drizzle() walks the whole schema to build its
 * relational config every time it is called (the largest part of a cheap request's own CPU when it
 * ran per request), and the client keeps no per-request state, so it is made once per binding;
 * each request's D1 session is chosen underneath it (db/session.ts, routedDatabase).
 */
const clients = new WeakMap<D1Database, Database>();

export function createDb(d1: D1Database): Database {
	let db = clients.get(d1);
	if (db === undefined) {
		db = newDb(d1);
		clients.set(d1, db);
	}
	return db;
}

/**
 * What `make` builds from a client, made once per client (so once per D1 binding and isolate)
 * rather than on every request: a drizzle prepared query, or a statement's SQL built with
 * placeholders. For the hottest queries, building the SQL through the query builder cost about as
 * much as D1's own call. A prepared statement takes the session of the request that runs it
 * (db/session.ts, SessionStatement).
 */
export function preparedOnce<Q>(make: (db: Database) => Q): (db: Database) => Q {
	const kept = new WeakMap<Database, Q>();
	return (db) => {
		let query = kept.get(db);
		if (query === undefined) {
			query = make(db);
			kept.set(db, query);
		}
		return query;
	};
}
