import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ProblemDetails {
	type: string;
	title: string;
	status: number;
	detail: string;
	/** One entry per invalid field, where the problem is bad input. */
	errors?: { path: string; message: string }[];
	[extra: string]: unknown;
}

/** An expected failure with an RFC 9457 problem body. Throw it anywhere; app.onError renders it. */
export class Problem extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly title: string | undefined,
		readonly detail: string,
		readonly extra: Partial<ProblemDetails> = {},
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

export function problemBody(
	status: number,
	title: string | undefined,
	detail: string,
	extra: Partial<ProblemDetails> = {},
): ProblemDetails {
	return { type: "about:blank", title: title ?? TITLES[status] ?? "Error", status, detail, ...extra };
}

export function problemResponse(
	c: Context,
	status: ContentfulStatusCode,
	title: string | undefined,
	detail: string,
	extra: Partial<ProblemDetails> = {},
) {
	return c.body(JSON.stringify(problemBody(status, title, detail, extra)), status, {
		"Content-Type": "application/problem+json; charset=utf-8",
	});
}

/** app.onError: expected failures as their problem, anything else as a 500 that leaks nothing. */
export function renderError(err: Error, c: Context) {
	if (err instanceof Problem) return problemResponse(c, err.status, err.title, err.detail, err.extra);
	if (err instanceof HTTPException) {
		const res = err.getResponse();
		const status = (res.status >= 400 ? res.status : 500) as ContentfulStatusCode;
		return problemResponse(c, status, undefined, err.message || TITLES[status] || "Request failed");
	}
	console.error("unhandled error", err);
	return problemResponse(c, 500, undefined, "Something went wrong on our side. Please try again.");
}
