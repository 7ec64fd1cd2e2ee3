import type { Context, Env } from "hono";
import { createMiddleware } from "hono/factory";
import { concatBytes } from "../lib/bytes";
import { tooLarge as tooLargeProblem } from "./problem";

/** The limit of every JSON API body (a full quiz's answers take a few KiB); the authoring routes set larger ones of their own. */
export const JSON_BODY_BYTES = 64 * 1024;

/** How much of an oversized body is read and thrown away before the connection is cut. */
export const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Limits a request body to maxBytes, whether it declares a Content-Length or arrives chunked.
 * A declared length over the limit is refused at once. A chunked body is read up to the limit and
 * handed on; past it the rest is drained (up to DRAIN_LIMIT_BYTES) before the 413 is sent, because
 * a client still writing a body nobody reads sees its connection reset instead of the answer
 * (hono/body-limit stops reading and does exactly that). The answer is a "too large" problem that
 * the router's error handler renders (problem+json on the API, a page on the HTML routes) with
 * `detail`, the sentence that tells the sender what to do.
 */
export function limitBody(maxBytes: number, detail = `The request body is larger than ${maxBytes} bytes.`) {
	const tooLarge = () => tooLargeProblem(detail);
	return createMiddleware(async (c, next) => {
		await readWithin(c, maxBytes);
		await next();
	});

	async function readWithin<E extends Env>(c: Context<E>, maxBytes: number) {
		const declared = c.req.header("Content-Length");
		const body = c.req.raw.body;
		if (declared !== undefined && Number(declared) > maxBytes) {
			await drain(body, DRAIN_LIMIT_BYTES);
			throw tooLarge();
		}
		if (body && declared === undefined) {
			const chunks: Uint8Array[] = [];
			let size = 0;
			const reader = body.getReader();
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				size += value.byteLength;
				if (size > maxBytes) {
					await drain(reader, DRAIN_LIMIT_BYTES - size);
					throw tooLarge();
				}
				chunks.push(value);
			}
			c.req.raw = new Request(c.req.raw, { body: concatBytes(chunks, size) });
		}
	}
}

/** Reads and discards up to budget bytes, then cancels whatever is left. */
async function drain(source: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null, budget: number) {
	if (!source) return;
	const reader = source instanceof ReadableStream ? source.getReader() : source;
	try {
		let left = budget;
		while (left > 0) {
			const { done, value } = await reader.read();
			if (done) return;
			left -= value.byteLength;
		}
		await reader.cancel();
	} catch {
		// The client went away: nothing left to drain.
	}
}
