/**
 * npm run teacher:create -- --name "Ms Frizzle" [--remote]
 *
 * Creates a teacher and prints their token once. The token is made here (32 bytes from the
 * system's CSPRNG) and only its SHA-256 hash is written, through `wrangler d1 execute` on the local
 * D1 (default; `npm start` uses the same one) or, with --remote, the production D1.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { name: { type: "string" }, remote: { type: "boolean", default: false } } });
const name = (values.name ?? "").normalize("NFC").replace(/\s+/gu, " ").trim();
if (name.length < 1 || name.length > 100) {
	console.error('Usage: npm run teacher:create -- --name "Teacher name" [--remote]');
	process.exit(2);
}

const token = `qlt_${randomBytes(32).toString("base64url")}`;
const hash = createHash("sha256").update(token).digest("hex");
const id = randomUUID();
const now = Date.now();
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sql = [
	`INSERT INTO teachers (id, name, created_at) VALUES (${lit(id)}, ${lit(name)}, ${now});`,
	`INSERT INTO teacher_tokens (id, teacher_id, token_hash, created_at) VALUES (${lit(randomUUID())}, ${lit(id)}, ${lit(hash)}, ${now});`,
].join("\n");

const where = values.remote ? "--remote" : "--local";
const res = spawnSync("wrangler", ["d1", "execute", "DB", where, "--command", sql], {
	encoding: "utf8",
	env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
if (res.status !== 0) {
	console.error(
		`wrangler d1 execute failed (${res.status}); did you run the migrations (npm run db:migrate:${values.remote ? "remote" : "local"})?`,
	);
	console.error(res.stderr || res.stdout);
	process.exit(1);
}
console.log(`Teacher created (${values.remote ? "remote" : "local"} D1): ${name}`);
console.log(`id:    ${id}`);
console.log(`token: ${token}`);
console.log("The token is shown only this once: only its SHA-256 hash is stored. Give it to the teacher privately.");
