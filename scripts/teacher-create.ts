/**
 * npm run teacher:create -- --name "Ms Frizzle" [--remote]
 *
 * Creates a teacher and prints their token once (only its SHA-256 hash is stored). The name is
 * checked and normalised by the Worker's own schema, and the teacher is made by the Worker's own
 * service (createTeacher: the token format, the hash and the rows are all its own):
 * - locally (default) it runs against the local D1 that `npm start` serves, through wrangler's
 *   getPlatformProxy;
 * - with --remote it runs the same service against a recording stand-in for D1 and sends the SQL it
 *   wrote to the production D1 with `wrangler d1 execute DB --remote` (needs `wrangler login`).
 */
import { parseArgs } from "node:util";
import { createTeacher } from "../worker/features/auth/service";
import { isMissingTable, withLocalDb } from "./lib/local-db";
import { storedName } from "./lib/names";
import { recordWrites } from "./lib/recorded-sql";
import { wrangler } from "./lib/wrangler";

const USAGE = 'Usage: npm run teacher:create -- --name "Teacher name" [--remote]';

function fail(message: string, code = 1): never {
	console.error(message);
	process.exit(code);
}

let values: { name?: string | undefined; remote?: boolean | undefined };
try {
	({ values } = parseArgs({ options: { name: { type: "string" }, remote: { type: "boolean", default: false } } }));
} catch (err) {
	fail(`${(err as Error).message}\n${USAGE}`, 2);
}

let name: string;
try {
	name = storedName(values.name ?? "", "teacher");
} catch (err) {
	fail(`${(err as Error).message}\n${USAGE}`, 2);
}

let teacher: { id: string; name: string; token: string };
if (values.remote) {
	const { result, sql } = await recordWrites((db) => createTeacher(db, name));
	// wrangler's own output and prompts (logging in, confirming) go straight to the terminal.
	const res = wrangler(["d1", "execute", "DB", "--remote", "--command", sql], { stdio: "inherit" });
	if (res.status !== 0) {
		fail(
			`wrangler d1 execute --remote failed (${res.status}). Are you logged in (npx wrangler login), is database_id in wrangler.toml ` +
				"set, and are the migrations applied (npm run db:migrate:remote)?",
		);
	}
	teacher = result;
} else {
	try {
		teacher = await withLocalDb((db) => createTeacher(db, name));
	} catch (err) {
		if (isMissingTable(err)) fail("The local D1 has no tables yet: run `npm start` (or `npm run db:migrate:local`) once first.");
		throw err;
	}
}

console.log(`Teacher created (${values.remote ? "remote" : "local"} D1): ${teacher.name}`);
console.log(`id:    ${teacher.id}`);
console.log(`token: ${teacher.token}`);
console.log("The token is shown only this once: only its SHA-256 hash is stored. Give it to the teacher privately.");
