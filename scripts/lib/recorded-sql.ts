/**
 * SQL for the production D1, written by the Worker's own services: they run on the Worker's drizzle
 * client over a stand-in D1 binding that executes nothing and only records each statement drizzle
 * sends, with its parameters. The statements are then written out with those parameters as SQL
 * literals, for `wrangler d1 execute DB --remote --command` (which takes no parameters).
 *
 * Only for services that write without reading anything back: a read here would see an empty
 * database, so any read throws instead.
 */
import { createDb, type Database } from "../../worker/db/client";

interface Recorded {
	sql: string;
	params: unknown[];
}

class RecordingStatement {
	constructor(
		private readonly log: Recorded[],
		readonly sql: string,
		readonly params: unknown[] = [],
	) {}
	bind(...params: unknown[]) {
		return new RecordingStatement(this.log, this.sql, params);
	}
	record() {
		this.log.push({ sql: this.sql, params: this.params });
		return { success: true, results: [], meta: {} };
	}
	async run() {
		return this.record();
	}
	all(): never {
		throw new Error(`recorded SQL cannot read: ${this.sql}`);
	}
	raw(): never {
		return this.all();
	}
	first(): never {
		return this.all();
	}
}

class RecordingD1 implements D1Database {
	readonly log: Recorded[] = [];
	prepare(sql: string) {
		return new RecordingStatement(this.log, sql);
	}
	async batch(statements: unknown[]) {
		return statements.map((s) => {
			if (!(s instanceof RecordingStatement)) throw new Error("not a recorded statement");
			if (/\breturning\b/i.test(s.sql)) return s.all();
			return s.record();
		});
	}
}

/** An SQL literal for a bound parameter (what drizzle binds: strings, numbers, null). */
function literal(value: unknown): string {
	if (value === null || value === undefined) return "NULL";
	if (typeof value === "number" && Number.isFinite(value)) return String(value);
	if (typeof value === "bigint") return String(value);
	if (typeof value === "boolean") return value ? "1" : "0";
	if (typeof value === "string" && !value.includes("\0")) return `'${value.replaceAll("'", "''")}'`;
	throw new Error(`cannot write ${typeof value} ${String(value)} as an SQL literal`);
}

/** A statement with its `?` placeholders replaced by its parameters as literals. */
function inline({ sql, params }: Recorded): string {
	const parts = sql.split("?");
	if (parts.length - 1 !== params.length) throw new Error(`expected ${params.length} placeholders: ${sql}`);
	return parts.map((part, i) => (i < params.length ? part + literal(params[i]) : part)).join("");
}

/** Runs `work` against the recording binding; returns its result and the SQL it would have executed, one statement a line. */
export async function recordWrites<T>(work: (db: Database) => Promise<T>): Promise<{ result: T; sql: string }> {
	const d1 = new RecordingD1();
	const result = await work(createDb(d1));
	if (d1.log.length === 0) throw new Error("nothing was written");
	return { result, sql: d1.log.map((r) => `${inline(r)};`).join("\n") };
}
