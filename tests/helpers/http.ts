import { exports } from "cloudflare:workers";

export const BASE = "https://quizline.test";

export function call(path: string, init?: RequestInit): Promise<Response> {
	return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
	return call(path, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...headers },
		body: typeof body === "string" ? body : JSON.stringify(body),
	});
}

/** Asserts nothing; returns the parsed problem body when the response is problem+json. */
export async function readProblem(
	res: Response,
): Promise<{ status: number; title: string; detail: string; type: string; errors?: { path: string; message: string }[] } | null> {
	if (!res.headers.get("Content-Type")?.startsWith("application/problem+json")) return null;
	return res.json();
}
