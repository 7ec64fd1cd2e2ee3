/**
 * The one place that knows HTTP status codes. Features speak in outcomes (`notFound(…)`,
 * `created(c, body)`, `seeOther(c, url)`); this module turns them into statuses, RFC 9457 problem
 * bodies and headers. Services never see any of it: they return typed results, and each adapter
 * (the JSON API, the HTML pages) maps a result to one of these outcomes in its own place.
 */
import type { Context, Env, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Issue } from "../domain/issues";

/** One invalid field: where (e.g. `answers[3]`, `questions[2].evidence.quote`) and what is wrong. */
export type FieldProblem = Issue;

export interface ProblemDetails {
	type: string;
	title: string;
	status: number;
	detail: string;
	/** One entry per invalid field, where the problem is bad input. */
	errors?: FieldProblem[];
	[extra: string]: unknown;
}

/** An expected failure, thrown by an adapter or middleware and rendered by the router's error handler. */
export class HttpProblem extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly title: string,
		readonly detail: string,
		readonly errors: FieldProblem[] | undefined = undefined,
		readonly headers: Record<string, string> = {},
	) {
		super(detail);
	}
}

const TITLES: Record<number, string> = {
	400: "Bad Request",
	401: "Unauthorized",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	409: "Conflict",
	413: "Content Too Large",
	415: "Unsupported Media Type",
	422: "Unprocessable Content",
	429: "Too Many Requests",
	500: "Internal Server Error",
};

/** What a failure raised by a library (hono/csrf, say) tells the person, when it says nothing itself. */
const DETAILS: Record<number, string> = {
	403: "This request did not come from a Quizline page. Go back, reload the page and try again.",
};

/** The outcomes features may throw. Each names the situation, never the number. */
export const badRequest = (title: string, detail: string, errors?: FieldProblem[]) => new HttpProblem(400, title, detail, errors);
export const unauthorized = (detail: string) =>
	new HttpProblem(401, "Unauthorized", detail, undefined, { "WWW-Authenticate": 'Bearer realm="quizline"' });
export const forbidden = (title: string, detail: string) => new HttpProblem(403, title, detail);
export const notFound = (title: string, detail: string) => new HttpProblem(404, title, detail);
export const conflict = (title: string, detail: string) => new HttpProblem(409, title, detail);
export const tooLarge = (detail: string) => new HttpProblem(413, "Content Too Large", detail);
export const unsupportedMediaType = (detail: string) => new HttpProblem(415, "Unsupported Media Type", detail);
export const unprocessable = (title: string, detail: string, errors?: FieldProblem[]) => new HttpProblem(422, title, detail, errors);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
	new HttpProblem(429, "Too Many Requests", detail, undefined, { "Retry-After": String(retryAfterSeconds) });

/** Any thrown value as the problem a client may see: expected failures as themselves, anything else as a 500 that leaks nothing. */
export function problemOf(err: unknown): HttpProblem {
	if (err instanceof HttpProblem) return err;
	if (err instanceof HTTPException) {
		const status: ContentfulStatusCode = err.status >= 400 && err.status !== 500 ? (err.status as ContentfulStatusCode) : 500;
		if (status !== 500) return new HttpProblem(status, TITLES[status] ?? "Error", err.message || DETAILS[status] || "The request failed.");
	}
	console.error("unhandled error", err);
	return new HttpProblem(500, "Internal Server Error", "Something went wrong on our side. Please try again.");
}

export function problemResponse<E extends Env>(c: Context<E>, problem: HttpProblem): Response {
	const body: ProblemDetails = {
		type: "about:blank",
		title: problem.title,
		status: problem.status,
		detail: problem.detail,
		...(problem.errors ? { errors: problem.errors } : {}),
	};
	return c.body(JSON.stringify(body), problem.status, {
		...problem.headers,
		"Content-Type": "application/problem+json; charset=utf-8",
		"Cache-Control": "no-store",
	});
}

/** The JSON API's error handler: every failure as problem+json. */
export const apiErrorHandler: ErrorHandler = (err, c) => problemResponse(c, problemOf(err));

/** The last route of an API router: a request that matched nothing is a problem. */
export const noRoute = <E extends Env>(c: Context<E>): never => {
	throw notFound("Not Found", `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`);
};

// Successful outcomes: the adapters' vocabulary for the statuses that are not 200.

/** 201 with the new resource and, when given, where it lives. */
export function created<E extends Env, T>(c: Context<E>, body: T, location?: string) {
	if (location) c.header("Location", location);
	return c.json(body, 201);
}

/** 204: done, nothing to say. */
export const noContent = <E extends Env>(c: Context<E>) => c.body(null, 204);

/** 303: the form was handled, now GET this page (post/redirect/get). */
export const seeOther = <E extends Env>(c: Context<E>, url: string) => c.redirect(url, 303);
