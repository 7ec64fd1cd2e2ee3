/**
 * What every end-to-end file does around its tests: the real Worker under wrangler dev, headless
 * Chromium, phone-sized contexts, the operator's and teachers' API calls, and a clean stop.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { newPhoneContext } from "../../scripts/lib/browser";
import { type LocalServer, removeState, TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";

/** A JSON call to the Worker's API with a Bearer token (GET without a body, POST with one); throws unless it succeeds. */
export async function api<T>(server: LocalServer, path: string, token: string, body?: unknown): Promise<T> {
	const res = await fetch(`${server.url}${path}`, {
		method: body === undefined ? "GET" : "POST",
		headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return res.json() as Promise<T>;
}

/**
 * The dashboard's cookie is Secure (and __Host-): browsers keep Secure cookies from plain http only
 * on localhost, which they treat as a secure context. So a browser goes to localhost.
 */
export const localhostOrigin = (server: LocalServer) => server.url.replace("127.0.0.1", "localhost");

/** A touch phone (reduced motion, so taps never wait on a smooth scroll), remembered in `contexts` to be closed at the end. */
export async function phone(
	browser: Browser,
	contexts: BrowserContext[],
	options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newPhoneContext(browser, { reducedMotion: "reduce", ...options });
	contexts.push(context);
	return { context, page: await context.newPage() };
}

/** Closes every context and the browser, stops the Worker and removes its state. */
export async function stopAll(server: LocalServer | undefined, browser: Browser | undefined, contexts: readonly BrowserContext[]) {
	for (const c of contexts) await c.close().catch(() => undefined);
	await browser?.close();
	await server?.stop();
	if (server) removeState(server.persistDir);
}

/** A teacher made through the operator's API, and a class of theirs. */
export interface TeacherWithClass {
	teacher: { id: string; name: string; token: string };
	cls: { id: string; name: string; joinCode: string };
}

/** Creates a teacher (the operator's token) and a class of theirs, as the dashboard tests start. */
export async function teacherWithClass(
	server: LocalServer,
	teacherName: string,
	classBody: Record<string, unknown>,
): Promise<TeacherWithClass> {
	const teacher = await api<TeacherWithClass["teacher"]>(server, "/api/admin/teachers", TEST_ADMIN_TOKEN, { name: teacherName });
	const cls = await api<TeacherWithClass["cls"]>(server, "/api/teacher/classes", teacher.token, classBody);
	return { teacher, cls };
}
