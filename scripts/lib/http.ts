/**
 * A small HTTP/1.1 client on node:http with a bounded keep-alive pool, so "50 concurrent
 * connections" means 50 sockets, and bodies can be sent with or without Content-Length, or in
 * chunks. Every request has a timeout: nothing waits forever.
 */
import http from "node:http";

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** The body's bytes as received (still compressed when Content-Encoding says so). */
	bytes: Buffer;
	/** Milliseconds from sending the request to the end of the response. */
	ms: number;
}

export interface RequestSpec {
	method: string;
	path: string;
	headers?: Record<string, string>;
	/** A string or bytes sent in one piece (with Content-Length unless `chunked`). */
	body?: string | Buffer;
	/** Send the body with Transfer-Encoding: chunked, in pieces of this many bytes. */
	chunked?: number;
}

export class HttpClient {
	readonly agent: http.Agent;

	constructor(
		readonly baseUrl: string,
		connections: number,
		readonly timeoutMs = 30_000,
	) {
		this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
	}

	request(spec: RequestSpec): Promise<Reply> {
		// The path goes out exactly as given (no URL normalisation of "..", "//" or bad escapes).
		const base = new URL(this.baseUrl);
		if (base.hostname !== "127.0.0.1") throw new Error(`load traffic goes to 127.0.0.1 only, not ${base.hostname}`);
		const started = performance.now();
		return new Promise<Reply>((resolve, reject) => {
			const headers: Record<string, string> = { ...spec.headers };
			const body = spec.body === undefined ? undefined : Buffer.isBuffer(spec.body) ? spec.body : Buffer.from(spec.body);
			if (body && spec.chunked) headers["Transfer-Encoding"] = "chunked";
			else if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
				headers["Content-Length"] = String(body.length);
			}
			const options = {
				host: "127.0.0.1",
				port: base.port,
				path: spec.path,
				method: spec.method,
				headers,
				agent: this.agent,
				timeout: this.timeoutMs,
			};
			const req = http.request(options, (res) => {
				const parts: Buffer[] = [];
				res.on("data", (d: Buffer) => parts.push(d));
				res.on("end", () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						bytes: Buffer.concat(parts),
						body: Buffer.concat(parts).toString("utf8"),
						ms: performance.now() - started,
					}),
				);
				res.on("error", reject);
			});
			req.on("timeout", () => req.destroy(new Error(`timeout after ${this.timeoutMs} ms: ${spec.method} ${spec.path}`)));
			req.on("error", reject);
			if (body && spec.chunked) {
				for (let i = 0; i < body.length; i += spec.chunked) req.write(body.subarray(i, i + spec.chunked));
				req.end();
			} else req.end(body);
		});
	}

	json(method: string, path: string, value: unknown, headers: Record<string, string> = {}): Promise<Reply> {
		return this.request({ method, path, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(value) });
	}

	close(): void {
		this.agent.destroy();
	}
}

/** Runs jobs with at most `width` in flight; resolves when all are settled, in job order. */
export async function pool<T, R>(items: readonly T[], width: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const out = new Array<R>(items.length);
	let next = 0;
	const lane = async () => {
		for (;;) {
			const i = next++;
			if (i >= items.length) return;
			out[i] = await job(items[i] as T, i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
	return out;
}
