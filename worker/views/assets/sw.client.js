/*
 * Quizline service worker: a quiz page once opened loads again offline, with its stylesheet and
 * script. Served at /sw.js by the Worker (worker/views/assets.ts prepends the current asset URLs
 * and a version), so it has the same security headers as every response.
 *
 * What it keeps, and nothing else: the hashed /static/ files this version uses, and the last copy
 * of each quiz page (/quiz/:id) fetched online. Teacher pages, results, the API, and anything not a
 * GET never touch the cache. Quiz pages are network first, so a new quiz version replaces the copy
 * as soon as the page is opened online; a new deploy is a new version of this file, whose cache
 * replaces the old one whole (the old is deleted on activation).
 */
/* global QUIZLINE_VERSION, QUIZLINE_ASSETS */
const CACHE = `quizline-${QUIZLINE_VERSION}`;
const QUIZ_PAGE = /^\/quiz\/[^/]+$/;

async function keepPage(path) {
	const res = await fetch(path, { credentials: "same-origin", cache: "no-store" });
	if (res.ok && res.type === "basic") await (await caches.open(CACHE)).put(path, res);
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
			for (const key of await caches.keys()) if (key.startsWith("quizline-") && key !== CACHE) await caches.delete(key);
			await self.clients.claim();
			// The quiz page that registered this worker was loaded before it: keep a copy of it now.
			for (const client of await self.clients.matchAll({ type: "window" })) {
				const path = new URL(client.url).pathname;
				if (QUIZ_PAGE.test(path)) await keepPage(path).catch(() => undefined);
			}
		})(),
	);
});

self.addEventListener("fetch", (event) => {
	const req = event.request;
	if (req.method !== "GET") return;
	const url = new URL(req.url);
	if (url.origin !== self.location.origin) return;
	if (url.pathname.startsWith("/static/")) {
		event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
		return;
	}
	if (req.mode !== "navigate" || !QUIZ_PAGE.test(url.pathname) || url.search !== "") return;
	event.respondWith(
		fetch(req)
			.then((res) => {
				if (res.ok && res.type === "basic") {
					const copy = res.clone();
					event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
				}
				return res;
			})
			.catch(async () => (await caches.match(url.pathname, { cacheName: CACHE })) || Response.error()),
	);
});
