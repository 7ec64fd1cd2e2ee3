/**
 * The local D1 that `wrangler dev` serves (.wrangler/state), opened from Node with wrangler's
 * getPlatformProxy (the same miniflare and SQLite files) and wrapped in the Worker's own drizzle
 * client, so the operator's scripts run the Worker's services against it instead of SQL of their own.
 */
import { getPlatformProxy } from "wrangler";
import { createDb, type Database } from "../../worker/db/client";
import { useOfflineDefaults, WRANGLER_CONFIG } from "./wrangler";

declare global {
	/**
	 * The Worker's code names the D1 binding's types, which come with workerd's runtime types
	 * (worker-configuration.d.ts); those cannot be loaded beside Node's. These are the parts the
	 * Worker's code calls: drizzle, and the queries that send prepared SQL straight to D1.
	 */
	interface D1Result<T = Record<string, unknown>> {
		results: T[];
	}
	interface D1PreparedStatement {
		bind(...values: unknown[]): D1PreparedStatement;
		raw<T = unknown[]>(): Promise<T[]>;
	}
	interface D1Database {
		prepare(query: string): D1PreparedStatement;
		batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
	}
}

/** Runs `work` against the local D1; the migrations must have been applied (npm start does that). */
export async function withLocalDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
	useOfflineDefaults();
	// Only warnings and errors from wrangler meanwhile (not "Using secrets defined in .dev.vars"); wrangler reads this on every log call.
	const logLevel = process.env.WRANGLER_LOG;
	process.env.WRANGLER_LOG = logLevel ?? "warn";
	try {
		const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: WRANGLER_CONFIG, persist: true, remoteBindings: false });
		try {
			return await work(createDb(proxy.env.DB));
		} finally {
			await proxy.dispose();
		}
	} finally {
		if (logLevel === undefined) delete process.env.WRANGLER_LOG;
	}
}

/** Whether an error is D1 saying a table is missing, i.e. the migrations have not been applied. */
export function isMissingTable(err: unknown): boolean {
	for (let e: unknown = err; e instanceof Error; e = e.cause) if (/no such table/i.test(e.message)) return true;
	return false;
}
