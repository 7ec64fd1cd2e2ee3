/**
 * npm run check:architecture — the rules of docs/architecture.md that a machine can check:
 *
 * - only worker/http/ knows HTTP status codes: no status number in a response, a comparison or a
 *   thrown error anywhere else in worker/ (features name outcomes: notFound(…), created(c, …));
 * - pure code imports neither Hono nor D1: worker/domain/** and every feature's service.ts and
 *   queries.ts import nothing from hono; worker/domain/** nothing from drizzle or the Workers runtime;
 * - no escape hatches from the types: no `any`, no untyped Context, no biome-ignore, in worker/.
 *
 * Prints each breach with its place and exits 1 when there is one.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORKER = path.join(ROOT, "worker");

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
	});
}

interface Rule {
	name: string;
	applies: (rel: string) => boolean;
	pattern: RegExp;
}

/** Status codes that are never anything else in this code base (200 and 500 double as sizes, so they are caught by use below). */
const STATUS_WORDS = /\b(201|204|30[1-8]|40[0-9]|41[0-8]|42[2-9]|50[1-4])\b/;
/** A status number used as one: in a response, a comparison, c.status(), an error's constructor. */
const STATUS_USE =
	/\bc\.(json|body|text|html|redirect|newResponse|status)\([^;]*\b[1-5]\d\d\s*[,)]|\bstatus\s*(===|!==|==|!=|:)\s*[1-5]\d\d\b|new (HTTPException|HttpProblem)\(\s*[1-5]\d\d/;

const outsideHttp = (rel: string) => !rel.startsWith("worker/http/");
const pure = (rel: string) =>
	rel.startsWith("worker/domain/") || /^worker\/features\/[^/]+\/(service|queries|[a-z-]+-service)\.ts$/.test(rel);

const RULES: Rule[] = [
	// Domain code deals in numbers of its own (an article's "€410 million"): there, only a number used as a status counts.
	{
		name: "a status code outside worker/http/",
		applies: (rel) => outsideHttp(rel) && !rel.startsWith("worker/domain/"),
		pattern: STATUS_WORDS,
	},
	{ name: "a status code used outside worker/http/", applies: outsideHttp, pattern: STATUS_USE },
	{ name: "Hono imported by pure code", applies: pure, pattern: /from "hono(\/[^"]*)?"|from "@hono\// },
	{
		name: "D1 or drizzle in the domain",
		applies: (rel) => rel.startsWith("worker/domain/"),
		pattern: /from "drizzle-orm|D1Database|cloudflare:/,
	},
	{ name: "an escape from the types", applies: () => true, pattern: /: any\b|as any\b|Context<any>|Context\)|: Context[,)]|biome-ignore/ },
];

const breaches: string[] = [];
for (const file of files(WORKER)) {
	const rel = path.relative(ROOT, file).split(path.sep).join("/");
	const lines = readFileSync(file, "utf8").split("\n");
	for (const rule of RULES) {
		if (!rule.applies(rel)) continue;
		lines.forEach((line, i) => {
			if (rule.pattern.test(line)) breaches.push(`${rel}:${i + 1}: ${rule.name}: ${line.trim()}`);
		});
	}
}

if (breaches.length > 0) {
	console.error(`check:architecture: ${breaches.length} breach(es) of docs/architecture.md:\n${breaches.join("\n")}`);
	process.exit(1);
}
console.log(`check:architecture: ${files(WORKER).length} files keep the layering rules`);
