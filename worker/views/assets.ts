/**
 * The student pages' stylesheet and enhancement script.
 *
 * Why served by the Worker and not by Workers Static Assets: assets matched by the asset router are
 * answered before the Worker runs, so they would miss the security middleware (CSP, nosniff, HSTS…)
 * unless every header were copied into a `_headers` file and kept in step by hand, or every request
 * paid for `run_worker_first`. Two small files bundled as text (the `[[rules]]` in wrangler.toml) and
 * served here get the same headers as every other response, from one place. Their names carry a
 * hash of their content, so browsers may keep them for a year (`immutable`) and a new deploy changes
 * the name; a name with any other hash is not found, never stale content under a new name.
 */

import { sha256Hex } from "../lib/hash";
import author from "./assets/author.client.js";
import dashboard from "./assets/dashboard.client.js";
import outbox from "./assets/outbox.client.js";
import script from "./assets/quiz.client.js";
import status from "./assets/status.client.js";
import style from "./assets/style.css";
import serviceWorkerSource from "./assets/sw.client.js";
import { checkScript } from "./check-script";

/** The service worker as written, after the outbox it shares with the page's script. */
const serviceWorkerBody = `${outbox}\n${serviceWorkerSource}`;

interface Asset {
	path: string;
	body: string;
	type: string;
}

export interface AssetPaths {
	style: string;
	script: string;
	/** The review page's script (the dashboard's "New quiz from an article"). */
	author: string;
	/** The live status page's and projector view's script. */
	status: string;
	/** The class page's and class settings' script: the browser's time zone for the dashboard's times. */
	dashboard: string;
}

const FILES = [
	{ key: "style", stem: "style", ext: "css", body: style, type: "text/css; charset=utf-8" },
	// The outbox first, shared with the service worker (assets/outbox.client.js), then the page's script.
	{ key: "script", stem: "quiz", ext: "js", body: `${outbox}\n${script}`, type: "text/javascript; charset=utf-8" },
	// The server's own grounding check first, then the script that runs it as the teacher types (views/check-script.ts).
	{ key: "author", stem: "author", ext: "js", body: `${checkScript()}\n${author}`, type: "text/javascript; charset=utf-8" },
	{ key: "status", stem: "status", ext: "js", body: status, type: "text/javascript; charset=utf-8" },
	{ key: "dashboard", stem: "dashboard", ext: "js", body: dashboard, type: "text/javascript; charset=utf-8" },
] as const;

export const ASSET_PREFIX = "/static/";
export const IMMUTABLE = "public, max-age=31536000, immutable";

let assets: Promise<Map<string, Asset>> | undefined;

async function build(): Promise<Map<string, Asset>> {
	const out = new Map<string, Asset>();
	for (const f of FILES) {
		const path = `${ASSET_PREFIX}${f.stem}.${(await sha256Hex(f.body)).slice(0, 12)}.${f.ext}`;
		out.set(f.key, { path, body: f.body, type: f.type });
	}
	return out;
}

function all(): Promise<Map<string, Asset>> {
	assets ??= build();
	return assets;
}

/** The current hashed URL of each file, for <link> and <script>. */
export async function assetPaths(): Promise<AssetPaths> {
	const map = await all();
	return {
		style: map.get("style")?.path ?? "",
		script: map.get("script")?.path ?? "",
		author: map.get("author")?.path ?? "",
		status: map.get("status")?.path ?? "",
		dashboard: map.get("dashboard")?.path ?? "",
	};
}

let worker: Promise<string> | undefined;

/**
 * The service worker (served at /sw.js, scope /): its source after the current asset URLs and a
 * version made of them and of itself, so that a deploy that changes any of them is a new worker
 * whose cache replaces the old one.
 */
export function serviceWorkerScript(): Promise<string> {
	worker ??= (async () => {
		const { style: css, script: js } = await assetPaths();
		const version = (await sha256Hex(`${css} ${js} ${serviceWorkerBody}`)).slice(0, 12);
		return `const QUIZLINE_VERSION = ${JSON.stringify(version)};\nconst QUIZLINE_ASSETS = ${JSON.stringify([css, js])};\n${serviceWorkerBody}`;
	})();
	return worker;
}

/** The file served at this path, or undefined (unknown name or an old hash). */
export async function findAsset(path: string): Promise<Asset | undefined> {
	for (const a of (await all()).values()) if (a.path === path) return a;
	return undefined;
}
