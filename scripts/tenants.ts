/**
 * npm run tenants -- <list | migrate | sql "<SQL>"> (--local | --remote) [-c wrangler.toml] [--persist-to <dir>]
 *
 * The operator's tool for many databases (docs/scaling.md): one D1 per school, listed by TENANTS in
 * wrangler.toml.
 * - list: each database, its tenants and host names;
 * - migrate: `wrangler d1 migrations apply <binding>` on every database, one after another; a
 *   failure does not stop the others, and the command exits 1 if any failed (a deploy stops there);
 * - sql: one statement on every database (`wrangler d1 execute <binding> --json`), the rows of each
 *   printed under its tenants: the operator's fan-out for statistics that span schools, which no
 *   teacher's request ever does. Read-only statements only, by the operator's own care.
 */
import { parseArgs } from "node:util";
import { tenantDatabases } from "./lib/tenants";
import { wrangler } from "./lib/wrangler";

const USAGE = 'Usage: npm run tenants -- <list | migrate | sql "<SQL>"> (--local | --remote) [-c wrangler.toml] [--persist-to <dir>]';

function fail(message: string, code = 1): never {
	console.error(message);
	process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
	return parseArgs({
		allowPositionals: true,
		options: {
			local: { type: "boolean", default: false },
			remote: { type: "boolean", default: false },
			config: { type: "string", short: "c", default: "wrangler.toml" },
			"persist-to": { type: "string" },
		},
	});
}
try {
	parsed = parse();
} catch (err) {
	fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
const [command, sql] = positionals;
if (command !== "list" && command !== "migrate" && command !== "sql") fail(USAGE, 2);
if (command !== "list" && values.local === values.remote) fail(`Say --local or --remote.\n${USAGE}`, 2);
if (command === "sql" && !sql) fail(`sql needs a statement.\n${USAGE}`, 2);

const where = [
	values.remote ? "--remote" : "--local",
	"-c",
	values.config,
	...(values["persist-to"] ? ["--persist-to", values["persist-to"]] : []),
];
const databases = tenantDatabases(values.config);

if (command === "list") {
	for (const d of databases)
		console.log(`${d.binding} (${d.databaseName}): ${d.tenants.join(", ")}${d.hosts.length ? ` at ${d.hosts.join(", ")}` : ""}`);
	process.exit(0);
}

const failed: string[] = [];
for (const d of databases) {
	const label = `${d.binding} (${d.databaseName}; ${d.tenants.join(", ")})`;
	if (command === "migrate") {
		console.log(`\n== ${label}: migrations`);
		const res = wrangler(["d1", "migrations", "apply", d.binding, ...where], { stdio: "inherit" });
		if (res.status !== 0) failed.push(label);
	} else {
		const res = wrangler(["d1", "execute", d.binding, ...where, "--command", sql ?? "", "--json"]);
		if (res.status !== 0) {
			failed.push(label);
			console.error(`== ${label}: failed\n${res.stderr}${res.stdout.slice(0, 2000)}`);
			continue;
		}
		const out = JSON.parse(res.stdout.slice(res.stdout.indexOf("["))) as { results: Record<string, unknown>[] }[];
		console.log(`== ${label}`);
		for (const row of out.at(-1)?.results ?? []) console.log(JSON.stringify(row));
	}
}
if (failed.length > 0) fail(`\n${failed.length} of ${databases.length} databases failed: ${failed.join("; ")}`);
console.log(`\n${command}: ${databases.length} database(s) done`);
