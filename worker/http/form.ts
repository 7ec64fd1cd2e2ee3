import type { Context, Env } from "hono";
import { badRequest } from "./problem";

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The posted form, every value of repeated fields kept; a body that does not parse as one (a broken multipart body, say) is a bad request. */
export async function readForm<E extends Env>(c: Context<E>): Promise<FormBody> {
	try {
		return await c.req.parseBody({ all: true });
	} catch {
		throw badRequest("Bad form", "The form could not be read. Go back and submit it again.");
	}
}

/** The first text value of a field, or "". */
export function formText(body: FormBody, name: string): string {
	const value = body[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === "string" ? first : "";
}

/**
 * Several fields' first text values at once, each under the key the code knows it by: the form's
 * field names stay the page's business (`{ name: "studentName" }` reads studentName into `name`).
 */
export function formTexts<K extends string>(body: FormBody, fields: Readonly<Record<K, string>>): Record<K, string> {
	const values = {} as Record<K, string>;
	for (const key in fields) values[key] = formText(body, fields[key]);
	return values;
}
