/**
 * What every end-to-end file does around its tests: the real Worker under wrangler dev, headless
 * Chromium, phone-sized contexts, the operator's and teachers' API calls, and a clean stop.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, newPhoneContext } from "../../scripts/lib/browser";
import { type LocalServer, removeState, startLocalServer, TEST_ADMIN_TOKEN } from "../../scripts/lib/local-server";

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

/** What a student sends to POST /api/attempts, but the attempt id. */
export interface Submission {
	quizId: string;
	studentName: string;
	classCode?: string;
	answers: unknown[];
}

/** A student's submission through the student API: the attempt id the quiz's JSON hands out, then the POST. */
export async function submitThroughApi(server: LocalServer, submission: Submission): Promise<{ res: Response; attemptId: string }> {
	const { attemptId } = (await (await fetch(`${server.url}/api/quizzes/${submission.quizId}`)).json()) as { attemptId: string };
	const res = await fetch(`${server.url}/api/attempts`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ attemptId, ...submission }),
	});
	return { res, attemptId };
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

/** The Worker and the browser of one e2e file, started before its tests and stopped after them. */
export interface E2E {
	readonly server: LocalServer;
	readonly browser: Browser;
	/** A touch phone in this file's browser, closed with it (see `phone` above). */
	phone(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
	/** Any other context (a laptop, say) in this file's browser, closed with it. */
	context(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Registers the file's beforeAll (start the Worker, launch Chromium) and afterAll (`stopAll`); call it
 * at the top of the file, before any beforeAll of the file's own, which then runs after this one.
 */
export function useE2E(): E2E {
	let server: LocalServer | undefined;
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	beforeAll(async () => {
		server = await startLocalServer();
		browser = await launchBrowser();
	});
	afterAll(() => stopAll(server, browser, contexts));
	const started = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`${what} not started: useE2E's beforeAll has not run`);
		return value;
	};
	return {
		get server() {
			return started(server, "the Worker");
		},
		get browser() {
			return started(browser, "the browser");
		},
		phone: (options = {}) => phone(started(browser, "the browser"), contexts, options),
		context: async (options = {}) => {
			const context = await started(browser, "the browser").newContext(options);
			contexts.push(context);
			return context;
		},
	};
}

/** An e2e file of the dashboard: the Worker, the browser, and a teacher with a class made before the tests. */
export interface TeacherE2E extends E2E, TeacherWithClass {
	/** Where a browser goes for the dashboard (see `localhostOrigin`). */
	readonly origin: string;
	/** `api` on this file's Worker. */
	api<T>(path: string, token: string, body?: unknown): Promise<T>;
	/** Signs the teacher in on the dashboard's home, with their token. */
	signIn(page: Page): Promise<void>;
}

/** `useE2E`, then a beforeAll that makes the teacher and their class (`teacherWithClass`). */
export function useTeacherE2E(teacherName: string, classBody: Record<string, unknown>): TeacherE2E {
	const e2e = useE2E();
	let made: TeacherWithClass | undefined;
	beforeAll(async () => {
		made = await teacherWithClass(e2e.server, teacherName, classBody);
	});
	const teacherAndClass = () => {
		if (!made) throw new Error("the teacher is not made: useTeacherE2E's beforeAll has not run");
		return made;
	};
	const origin = () => localhostOrigin(e2e.server);
	return {
		get server() {
			return e2e.server;
		},
		get browser() {
			return e2e.browser;
		},
		phone: e2e.phone,
		context: e2e.context,
		get teacher() {
			return teacherAndClass().teacher;
		},
		get cls() {
			return teacherAndClass().cls;
		},
		get origin() {
			return origin();
		},
		api: (path, token, body) => api(e2e.server, path, token, body),
		signIn: async (page) => {
			await page.goto(`${origin()}/teacher`);
			await page.fill("#token", teacherAndClass().teacher.token);
			await Promise.all([page.waitForURL(`${origin()}/teacher`), page.click("button[type=submit].primary")]);
		},
	};
}
