/**
 * npm start — the local, embedded setup: applies every migration to the local D1 (workerd's
 * SQLite under .wrangler/), makes sure .dev.vars holds an ADMIN_TOKEN, then serves the Worker
 * with `wrangler dev` on http://localhost:$PORT (8787 by default). No account, no network.
 */
import { spawn, spawnSync } from "node:child_process";
import { ensureDevVars } from "./dev-vars";

const port = process.env.PORT ?? "8787";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_ACCOUNT_ID: process.env.CLOUDFLARE_ACCOUNT_ID ?? "" };

function run(args: string[]) {
	const res = spawnSync("wrangler", args, { stdio: "inherit", env });
	if (res.status !== 0) process.exit(res.status ?? 1);
}

run(["d1", "migrations", "apply", "DB", "--local"]);
const token = ensureDevVars();
if (token) console.log(`\nOperator token (ADMIN_TOKEN, in .dev.vars): ${token}\n`);

const dev = spawn(
	"wrangler",
	["dev", "--local", "--port", port, "--ip", process.env.HOST ?? "127.0.0.1", "--show-interactive-dev-session=false"],
	{
		stdio: "inherit",
		env,
	},
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
