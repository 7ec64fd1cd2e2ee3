import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * Makes sure .dev.vars (local secrets, git-ignored) has an ADMIN_TOKEN; writes a random one if
 * not. Returns the token in force.
 */
export function ensureDevVars(path = ".dev.vars"): string {
	const text = existsSync(path) ? readFileSync(path, "utf8") : "";
	const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(text);
	if (found?.[1]) return found[1];
	const token = randomBytes(24).toString("base64url");
	writeFileSync(path, `${text}${text && !text.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN="${token}"\n`, { mode: 0o600 });
	return token;
}
