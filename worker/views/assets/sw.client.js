/*
 * Quizline service worker: a quiz page once opened loads again offline, with its stylesheet and
 * script, and a submission made offline is sent when the network is back, even with no page open
 * (Background Sync). Served at /sw.js by the Worker (worker/views/assets.ts prepends the current
 * asset URLs, a version and the outbox shared with the pages, assets/outbox.client.js), so it has
 * the same security headers as every response.
 *
 * What it keeps, and nothing else: the hashed /static/ files this version uses, and the last copy
 * of each quiz page (/quiz/:id) fetched online. Teacher pages, exports, results, the API, and
 * anything not a GET never touch the cache: results belong to one student on what may be a shared
 * phone, and what they show changes with the class's review policy. Quiz pages are network first,
 * so a new quiz version replaces the copy as soon as the page is opened online; a new deploy is a
 * new version of this file, whose cache takes over the old one's pages (fetched afresh when the
 * network answers, else kept with the very files they name) and then deletes it.
 *
 * The outbox is the pages' (worker/views/assets/quiz.client.js): IndexedDB "quizline", store
 * "outbox", one record per attempt id holding the body frozen when Submit was pressed. This worker
 * only sends what is queued and marks the record "sent" or "refused"; the pages do the rest.
 */
/* global QUIZLINE_VERSION, QUIZLINE_ASSETS, quizlineOutbox */
const CACHE = `quizline-${QUIZLINE_VERSION}`;
const QUIZ_PAGE = /^\/quiz\/[^/]+$/;
/** Student pages that get the offline page when the network fails: join, result and quiz pages, nothing of the dashboard. */
const STUDENT_PAGE = /^\/(?:|join\/[^/]+|result\/[^/]+|quiz\/[^/]+)$/;
const SYNC = "quizline-outbox";

/** Fetches a quiz page afresh into this version's cache; false when the network or the server says no. */
async function keepPage(path) {
	try {
		const res = await fetch(path, { credentials: "same-origin", cache: "no-store" });
		if (!res.ok || res.type !== "basic" || res.redirected) return false;
		await (await caches.open(CACHE)).put(path, res);
		return true;
	} catch {
		return false;
	}
}

/** A page of the previous version, kept as it was, with the files it names (offline during an update). */
async function keepOld(old, path) {
	const res = await old.match(path);
	if (!res) return;
	const cache = await caches.open(CACHE);
	const html = await res.clone().text();
	await cache.put(path, res);
	for (const [, file] of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) {
		const hit = await old.match(file);
		if (hit) await cache.put(file, hit);
	}
}

self.addEventListener("install", (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(QUIZLINE_ASSETS))
			.then(() => self.skipWaiting()),
	);
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		(async () => {
			await self.clients.claim();
			for (const key of await caches.keys()) {
				if (!key.startsWith("quizline-") || key === CACHE) continue;
				const old = await caches.open(key);
				for (const req of await old.keys()) {
					const path = new URL(req.url).pathname;
					if (QUIZ_PAGE.test(path) && !(await keepPage(path))) await keepOld(old, path);
				}
				await caches.delete(key);
			}
			// The quiz page that registered this worker was loaded before it: keep a copy of it now.
			for (const client of await self.clients.matchAll({ type: "window" })) {
				const path = new URL(client.url).pathname;
				if (QUIZ_PAGE.test(path)) await keepPage(path);
			}
		})(),
	);
});

/** Offline, a student page this phone has no copy of: say so, and list the quizzes it does keep. */
async function offlinePage() {
	const cache = await caches.open(CACHE);
	const items = [];
	for (const req of await cache.keys()) {
		const path = new URL(req.url).pathname;
		if (!QUIZ_PAGE.test(path)) continue;
		// The title as our own server escaped it, without the " · Quizline" suffix.
		const html = (await (await cache.match(req))?.text()) ?? "";
		const title = /<title>([^<]*?)(?: · Quizline)?<\/title>/.exec(html)?.[1] || "A quiz";
		items.push(`<li><a href="${path}">${title}</a></li>`);
	}
	const kept = items.length ? `<h2>Quizzes kept on this phone</h2><ul class="my-results">${items.join("")}</ul>` : "";
	const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><link rel="icon" href="data:,"><title>Offline · Quizline</title><link rel="stylesheet" href="${QUIZLINE_ASSETS[0]}"></head><body><header class="bar"><p class="brand"><a href="/">Quizline</a></p><h1>You are offline</h1></header><main class="page"><p>This page is not kept on this phone: it opens once you are back online. Answers you saved stay on this phone, and answers you submitted are sent as soon as you are online.</p>${kept}</main></body></html>`;
	return new Response(body, {
		status: 503,
		headers: {
			"Content-Type": "text/html; charset=utf-8",
			"Content-Security-Policy":
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "no-referrer",
			"Cache-Control": "no-store",
		},
	});
}

self.addEventListener("fetch", (event) => {
	const req = event.request;
	if (req.method !== "GET") return;
	const url = new URL(req.url);
	if (url.origin !== self.location.origin) return;
	if (url.pathname.startsWith("/static/")) {
		event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
		return;
	}
	if (req.mode !== "navigate" || !STUDENT_PAGE.test(url.pathname)) return;
	const keep = QUIZ_PAGE.test(url.pathname) && url.search === "";
	event.respondWith(
		fetch(req)
			.then((res) => {
				if (keep && res.ok && res.type === "basic" && !res.redirected) {
					const copy = res.clone();
					event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
				}
				return res;
			})
			.catch(async () => (keep && (await caches.match(url.pathname, { cacheName: CACHE }))) || offlinePage()),
	);
});

/**
 * Background Sync: the queued submissions, each sent as it was frozen. A confirmed one is marked
 * "sent" (the pages then list it under "My results" and clear its draft) and its quiz page fetched
 * afresh, since the copy kept here carries the attempt id just spent; one the server refuses is
 * marked "refused" with the reason, for its page to show. Network errors, 5xx, 408 and 429 reject,
 * so the browser tries again later.
 */
async function flush() {
	let again = false;
	for (const rec of await quizlineOutbox("readonly", (s) => s.getAll())) {
		if (rec.state !== "queued") continue;
		let res;
		try {
			res = await fetch("/api/attempts", {
				method: "POST",
				headers: { "Content-Type": "application/json", Accept: "application/json" },
				body: rec.body,
				credentials: "same-origin",
			});
		} catch {
			again = true;
			continue;
		}
		if (res.status >= 500 || res.status === 408 || res.status === 429) {
			again = true;
			continue;
		}
		const detail = res.ok ? "" : ((await res.json().catch(() => null))?.detail ?? "");
		await quizlineOutbox("readwrite", (s) => s.put({ ...rec, state: res.ok ? "sent" : "refused", status: res.status, detail }));
		const page = `/quiz/${encodeURIComponent(rec.quizId)}`;
		if (res.ok && (await caches.match(page, { cacheName: CACHE }))) await keepPage(page);
	}
	for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) client.postMessage("outbox");
	if (again) throw new Error("Quizline: some submissions are still waiting for the network");
}

self.addEventListener("sync", (event) => {
	if (event.tag === SYNC) event.waitUntil(flush());
});

// A page whose submission was confirmed: the copy of that quiz kept here carries the spent attempt id.
self.addEventListener("message", (event) => {
	const path = event.data?.refresh;
	if (typeof path === "string" && QUIZ_PAGE.test(path))
		event.waitUntil(caches.match(path, { cacheName: CACHE }).then((kept) => kept && keepPage(path)));
});
