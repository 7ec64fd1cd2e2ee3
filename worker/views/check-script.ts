/**
 * The review page checks grounding as the teacher types with the server's own code, not a copy of
 * it: `groundingIssues` (domain/quiz/check.ts) and `errorSlot` (domain/quiz/error-slot.ts) import nothing and use
 * nothing outside their bodies, so their source, as the Worker holds it (`Function.prototype.toString`),
 * is a complete function the browser can run. The review page's script (views/assets.ts) is that
 * source followed by views/assets/author.client.js; a change to the check reaches the browser with
 * the next deploy, under a new content hash.
 *
 * One thing the bundle adds: wrangler keeps function names (esbuild's keepNames), by wrapping every
 * named inner function in a helper of the bundle's own, `const at = h((…) => …, "at")`, a name the
 * browser does not have. `keptNamesProbe` below is bundled the same way; its source shows the
 * helper's name, and the browser gets a stand-in under it that returns the function as it is.
 */
import { groundingIssues } from "../domain/quiz/check";
import { errorSlot } from "../domain/quiz/error-slot";

/** Its source says whether, and under which name, the bundler wraps named inner functions. */
function keptNamesProbe() {
	const named = () => named;
	return named;
}

/** The name of the bundler's name-keeping helper in a probe's source (`h(() => named, "named")`), or null when there is none. */
export function keptNamesHelper(probeSource: string): string | null {
	return /([A-Za-z_$][\w$]*)\(\s*\(\)\s*=>\s*[A-Za-z_$][\w$]*\s*,\s*"named"\s*\)/.exec(probeSource)?.[1] ?? null;
}

/**
 * A script that defines `const <global> = { name: function, … }` from the sources of self-contained
 * functions, with a stand-in for the name-keeping helper when the bundler used one.
 */
export function standaloneScript(global: string, sources: Record<string, string>, helper: string | null): string {
	const members = Object.entries(sources).map(([name, source]) => `\t${name}: (${source}),`);
	const standIn = helper ? `\tconst ${helper} = (fn) => fn;\n` : "";
	return `const ${global} = (() => {\n${standIn}\treturn {\n${members.map((m) => `\t${m}`).join("\n")}\n\t};\n})();\n`;
}

/** The global the review page's script reads the check from. */
export const CHECK_GLOBAL = "quizlineCheck";

/** `const quizlineCheck = { groundingIssues, errorSlot }`, from the very functions the server runs. */
export function checkScript(): string {
	return standaloneScript(
		CHECK_GLOBAL,
		{ groundingIssues: groundingIssues.toString(), errorSlot: errorSlot.toString() },
		keptNamesHelper(keptNamesProbe.toString()),
	);
}
