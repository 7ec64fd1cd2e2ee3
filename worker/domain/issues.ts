/** A problem with one field of some input, as data: where it is (`answers[3]`, `questions[2].evidence.quote`) and what is wrong. */
export interface Issue {
	path: string;
	message: string;
}

/** An issue as one sentence, for a summary line. */
export const describeIssue = (issue: Issue) => `${issue.path}: ${issue.message}`;

/** A schema path as one: `["questions", 3, "evidence", "quote"]` reads `questions[3].evidence.quote`; the whole input, `(body)`. */
export function issuePath(path: readonly PropertyKey[]): string {
	let out = "";
	for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
	return out || "(body)";
}
