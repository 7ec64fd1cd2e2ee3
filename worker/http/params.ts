import * as z from "../lib/z";
import { validate } from "./validate";

/** An id in a path: 1 to 100 characters. The one schema every `:…Id` parameter goes through. */
export const idSchema = z.string().check(z.minLength(1, "must not be empty"), z.maxLength(100, "is too long"));

/** Validates path parameters that are ids; read them back with c.req.valid("param"). */
export function idParam<K extends string>(...names: K[]) {
	const shape = Object.fromEntries(names.map((n) => [n, idSchema])) as { [P in K]: typeof idSchema };
	return validate("param", z.object(shape));
}
