import { type NameKind, nameField } from "../../worker/domain/names";

/** A name as the Worker stores it, through the API's own schema (normalised, length-checked); throws with its message if it cannot be stored. */
export function storedName(raw: string, kind: NameKind): string {
	const parsed = nameField(kind).safeParse(raw);
	if (!parsed.success) throw new Error(`The ${kind} name ${JSON.stringify(raw)} ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
	return parsed.data;
}
