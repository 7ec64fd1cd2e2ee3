/**
 * The HTML side of the HTTP layer: the renderer every browser-facing router uses (`c.render(content,
 * props)`), the statuses pages answer with, and the one HTML error handler, so that no browser page
 * ever shows raw JSON and every error page has a way back.
 */
import { type Context, type Env, type ErrorHandler, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { PageEnv } from "../env";
import { assetPaths } from "../views/assets";
import { ErrorBody } from "../views/error";
import { DOCTYPE, type PageProps } from "../views/layout";
import { notFound, problemOf } from "./problem";
import { NO_STORE } from "./security";

/** Rendered JSX: what `c.render` takes. */
export type Html = string | Promise<string>;

// Module augmentation: hono types c.render from this interface, so it must stay an interface with a call
// signature (biome.json turns off useShorthandFunctionType for this file only).
declare module "hono" {
	interface ContextRenderer {
		(content: Html, props: PageProps): Response | Promise<Response>;
	}
}

/** A router's page frame: the document around a page's content, given what the request carries. */
export type Shell<E extends PageEnv> = (c: Context<E>, props: PageProps, content: Html) => Html;

/**
 * The middleware a router of pages starts with: the hashed asset URLs on `c.var.assets`, and
 * `c.render(content, props)` wrapping a page's content in the router's `shell`, as hono's
 * jsxRenderer would. Written out because jsxRenderer brings hono/jsx's DOM renderer and streaming
 * along (11 KiB gzip of the Worker, measured with `wrangler deploy --dry-run`), which server-rendered
 * pages never use, and because its layout sees an untyped Context.
 */
export function pages<E extends PageEnv>(shell: Shell<E>) {
	return createMiddleware<E>(async (c, next) => {
		c.set("assets", await assetPaths());
		c.setRenderer((content, props) =>
			c.html(
				<>
					{raw(DOCTYPE)}
					{shell(c, props, content)}
				</>,
			),
		);
		await next();
	});
}

/** How a page answers when it is not a plain success: the form again with what to fix, a refusal, nothing there. */
export type PageOutcome = "invalidForm" | "unauthorized" | "forbidden" | "notFound" | "conflict";

const OUTCOME_STATUS: Record<PageOutcome, ContentfulStatusCode> = {
	invalidForm: 422,
	unauthorized: 401,
	forbidden: 403,
	notFound: 404,
	conflict: 409,
};

/** Renders a page with the status of its outcome. */
export function renderAs<E extends Env>(c: Context<E>, outcome: PageOutcome, content: Html, props: PageProps) {
	c.status(OUTCOME_STATUS[outcome]);
	return c.render(content, props);
}

/**
 * Sends a page that renders its whole document itself, doctype included, as UTF-8 (the quiz page:
 * rendered once per quiz version and cut where each request puts its own parts,
 * views/student/quiz.tsx), with the status of its outcome. Every other page goes through `c.render`.
 */
export function sendDocument<E extends Env>(c: Context<E>, document: Uint8Array<ArrayBuffer>, outcome?: PageOutcome) {
	if (outcome) c.status(OUTCOME_STATUS[outcome]);
	c.header("Content-Type", "text/html; charset=UTF-8");
	return c.body(document);
}

/**
 * The HTML error handler of a router of pages: the problem's status, its sentence, and a way back
 * (`home`), inside the router's own page frame. Anything unexpected is a 500 page that leaks nothing.
 */
export function htmlErrors<E extends PageEnv>(
	home: { href: string; label: string },
	frame: (title: string, body: Child) => Html,
): ErrorHandler<E> {
	return (err, c) => {
		const problem = problemOf(err);
		c.status(problem.status);
		for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
		c.header("Cache-Control", "no-store");
		const serverError = problem.status >= 500;
		const title = serverError ? "Something went wrong" : problem.status === 404 ? "Not found" : "That did not work";
		const detail = serverError ? "Something went wrong on our side. Nothing you typed is lost: go back and try again." : problem.detail;
		return c.render(frame(title, <ErrorBody detail={detail} home={home} />), { title });
	};
}

/** What makes a router of pages: its frame (shell), how its errors look, where "back" leads, its default caching. */
export interface PageRouterOptions<E extends PageEnv> {
	shell: Shell<E>;
	errorFrame: (title: string, body: Child) => Html;
	home: { href: string; label: string };
	/** Default NO_STORE: pages carry names, scores or a session. */
	cacheControl?: string;
}

/** A router of pages, with its renderer, its default Cache-Control and its HTML error handler in place; add routes, then `.all("*", noPage(…))`. */
export function pageRouter<E extends PageEnv>(o: PageRouterOptions<E>) {
	return new Hono<E>().onError(htmlErrors<E>(o.home, o.errorFrame)).use(pages(o.shell), cacheControl(o.cacheControl ?? NO_STORE));
}

/** The last route of a router of pages: anything else is a not-found page that says `sentence`. */
export const noPage = (sentence: string) => () => {
	throw notFound("Not found", sentence);
};

/** A default Cache-Control for a router's responses; a handler that sets its own keeps it. */
export function cacheControl(value: string) {
	return createMiddleware(async (c, next) => {
		await next();
		if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", value);
	});
}
