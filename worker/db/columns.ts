/**
 * Reading the values of a row that SQL written by hand returned (D1's rows, or a page SQLite packed
 * as JSON): each value's type is checked where it is read, so a row of the wrong shape is an error
 * that names the column, never a cast that lets it through.
 */

/** A row that did not have the shape its query declares: a bug or a schema drift, never a user's mistake. */
export class BrokenRow extends Error {
	constructor(column: string, expected: string, value: unknown) {
		super(`column ${column} holds ${value === null ? "null" : typeof value}, not ${expected}`);
		this.name = "BrokenRow";
	}
}

export function text(value: unknown, column: string): string {
	if (typeof value === "string") return value;
	throw new BrokenRow(column, "text", value);
}

export function textOrNull(value: unknown, column: string): string | null {
	return value === null ? null : text(value, column);
}

export function num(value: unknown, column: string): number {
	if (typeof value === "number") return value;
	throw new BrokenRow(column, "a number", value);
}

export function numOrNull(value: unknown, column: string): number | null {
	return value === null ? null : num(value, column);
}
