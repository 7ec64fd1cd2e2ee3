/**
 * npm start — the local, embedded setup; nothing is sent anywhere (scripts/lib/wrangler.ts):
 * 1. applies every migration to the local D1 (workerd's SQLite under .wrangler/state);
 * 2. makes sure .dev.vars holds an ADMIN_TOKEN, the operator's, and an ATTEMPT_SECRET, which signs attempt ids;
 * 3. makes sure the local D1 has the demo teacher and demo class (scripts/lib/demo.ts);
 * 4. serves the Worker with `wrangler dev` on http://localhost:$PORT (8787 by default) and, once it
 *    answers, prints what to open next.
 *
 * `npm start -- --lan` (or LAN=1 npm start) serves over HTTPS with wrangler's self-signed
 * certificate on every interface instead, and prints the links with this machine's LAN address, so
 * phones in the same room can join. For trying the app, not for production.
 */
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDevVars } from "./dev-vars";
import { ensureDemo } from "./lib/demo";
import { withLocalDb } from "./lib/local-db";
import { ROOT, WRANGLER, wrangler, wranglerEnv } from "./lib/wrangler";

const { values } = parseArgs({ options: { lan: { type: "boolean", default: false } } });
const lan = values.lan || /^(1|true|yes)$/i.test(process.env.LAN ?? "");
const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
	console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
	process.exit(2);
}
const ip = lan ? "0.0.0.0" : (process.env.HOST ?? "127.0.0.1");
const protocol = lan ? "https" : "http";

/** This machine's address on the local network: the first IPv4 address that is not loopback. */
function lanAddress(): string | null {
	for (const addresses of Object.values(networkInterfaces())) {
		for (const a of addresses ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
	}
	return null;
}

/** Resolves once the Worker answers a request (the self-signed certificate is accepted here, as a phone's user would accept it). */
async function waitUntilUp(url: string, child: ReturnType<typeof spawn>): Promise<void> {
	const deadline = Date.now() + 120_000;
	const get = protocol === "https" ? httpsRequest : httpRequest;
	while (child.exitCode === null && child.signalCode === null) {
		const ok = await new Promise<boolean>((resolve) => {
			const req = get(url, { rejectUnauthorized: false, timeout: 2_000 }, (res) => {
				res.resume();
				resolve(res.statusCode === 200);
			});
			req.on("error", () => resolve(false));
			req.on("timeout", () => req.destroy());
			req.end();
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`the Worker did not answer at ${url} within 120 s`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Whether nothing listens on ip:port yet (else the readiness check below would find the other server). */
function portIsFree(): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once("error", () => resolve(false));
		server.listen(port, ip, () => server.close(() => resolve(true)));
	});
}

if (!(await portIsFree())) {
	console.error(`Port ${port} on ${ip} is already in use (another npm start?). Stop that, or choose another port: PORT=8788 npm start`);
	process.exit(1);
}

// 1. Migrations, on the same local D1 that `wrangler dev` and getPlatformProxy use.
const migrated = wrangler(["d1", "migrations", "apply", "DB", "--local"]);
if (migrated.status !== 0) {
	console.error(`${migrated.stdout}${migrated.stderr}\nApplying the migrations to the local D1 failed.`);
	process.exit(migrated.status ?? 1);
}
const applied = migrated.stdout.includes("Migrations to be applied") ? [...new Set(migrated.stdout.match(/\d{4}_[\w-]+\.sql/g))] : [];
console.log(`Local D1 (.wrangler/state): ${applied.length > 0 ? `applied ${applied.join(", ")}` : "every migration already applied"}.`);

// 2. and 3. The operator's token, and the demo teacher with their class.
const adminToken = ensureDevVars(path.join(ROOT, ".dev.vars"));
const demo = await withLocalDb(ensureDemo);

// 4. The Worker.
const args = ["dev", "--local", "--ip", ip, "--port", String(port), "--show-interactive-dev-session=false"];
if (lan) args.push("--local-protocol", "https");
const dev = spawn(WRANGLER, args, {
	cwd: ROOT,
	stdio: "inherit",
	env: { ...wranglerEnv(), CLOUDFLARE_ACCOUNT_ID: process.env.CLOUDFLARE_ACCOUNT_ID ?? "" },
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

const probeHost = ip === "0.0.0.0" ? "127.0.0.1" : ip;
try {
	await waitUntilUp(`${protocol}://${probeHost}:${port}/api/quizzes`, dev);
} catch (err) {
	console.error((err as Error).message);
	dev.kill("SIGTERM");
	process.exit(1);
}

const lanIp = lan ? lanAddress() : null;
const host = lanIp ?? (["127.0.0.1", "0.0.0.0", "localhost"].includes(ip) ? "localhost" : ip);
const origin = `${protocol}://${host}:${port}`;
const lines = [
	"",
	`Quizline is running at ${origin}${lan ? "" : " (local D1 in .wrangler/state; nothing is sent anywhere)"}.`,
	"",
	`  Teacher dashboard  ${origin}/teacher`,
	`    sign in with the token of "${demo.teacherName}":`,
	`    ${demo.token}`,
	`  Student join link  ${origin}/join/${demo.joinCode}`,
	`    "${demo.className}", class code ${demo.joinCode}`,
	`  Operator token     ${adminToken}`,
	`    (ADMIN_TOKEN in .dev.vars) for the admin API: curl${lan ? " -k" : ""} -H "Authorization: Bearer ${adminToken}" ${origin}/api/admin/teachers`,
	'    More teachers: npm run teacher:create -- --name "Ms Frizzle"',
	"",
	"Tests: run `npm test` in a second terminal while this keeps running; it starts its own servers on free ports, each with its own D1.",
];
if (lan) {
	lines.push(
		lanIp
			? `Phones on this network: open the links above (the dashboard too, so its QR codes carry this address). The certificate is wrangler's self-signed one: each phone warns once; accept the warning (README: "Phones in the room"). For trying the app in a room, not for production.`
			: "No LAN address found (no network interface with an IPv4 address besides loopback): the links above work on this machine only.",
	);
} else {
	lines.push("Phones on the same network: stop this and run `npm start -- --lan`.");
}
lines.push("Stop with Ctrl+C.", "");
console.log(lines.join("\n"));
