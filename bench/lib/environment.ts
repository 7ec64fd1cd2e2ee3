/** Where and with what the bench ran: machine, OS, tool versions. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./servers";

function version(pkg: string): string {
	try {
		return (JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
	} catch {
		return "?";
	}
}

export interface Environment {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	versions: Record<string, string>;
}

export function environment(): Environment {
	const workerd = spawnSync(path.join(ROOT, "node_modules/.bin/workerd"), ["--version"], { encoding: "utf8" });
	return {
		cpu: os.cpus()[0]?.model ?? "?",
		cores: os.availableParallelism(),
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()} (${os.arch()})`,
		versions: {
			node: process.version,
			wrangler: version("wrangler"),
			workerd: workerd.status === 0 ? workerd.stdout.trim() : version("workerd"),
			autocannon: version("autocannon"),
			hono: version("hono"),
			"drizzle-orm": version("drizzle-orm"),
			sqlite3: spawnSync("sqlite3", ["--version"], { encoding: "utf8" }).stdout?.split(" ")[0] ?? "absent",
		},
	};
}
