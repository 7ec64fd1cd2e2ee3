import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** The value of `name` in .dev.vars, writing a random one (`bytes` random bytes, base64url) when it has none. */
function ensureVar(path: string, name: string, bytes: number): string {
	const text = existsSync(path) ? readFileSync(path, "utf8") : "";
	const found = new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?\\s*$`, "m").exec(text);
	if (found?.[1]) return found[1];
	const value = randomBytes(bytes).toString("base64url");
	writeFileSync(path, `${text}${text && !text.endsWith("\n") ? "\n" : ""}${name}="${value}"\n`, { mode: 0o600 });
	return value;
}

/**
 * Makes sure .dev.vars (local secrets, git-ignored) has an ADMIN_TOKEN and an ATTEMPT_SECRET (which
 * signs attempt ids); writes random ones if not. Returns the operator token in force.
 */
export function ensureDevVars(path = ".dev.vars"): string {
	ensureVar(path, "ATTEMPT_SECRET", 32);
	return ensureVar(path, "ADMIN_TOKEN", 24);
}
