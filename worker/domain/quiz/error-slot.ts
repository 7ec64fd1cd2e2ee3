/** Where the authoring form shows a problem with a quiz: shared by the server's form and the review page's script. */
/**
 * Where a problem shows: the id of the field, or group of fields, its path names
 * (`questions[3].evidence.quote` → `questions-3-evidence-quote`, a choice's answer → the question's
 * choices), given each question's type; "title", "questions" (the list as a whole) or "form"
 * (nowhere but the summary) otherwise. Self-contained (no imports, nothing else of this module) on
 * purpose: the review page's script is served this very function (views/check-script.ts),
 * so a problem found as the teacher types shows where the server would show it.
 */
export function errorSlot(path: string, types: readonly string[]): string {
	const m = /^questions\[(\d+)\](.*)$/.exec(path);
	if (!m) return path === "title" || path === "questions" ? path : "form";
	const n = Number(m[1]);
	const rest = m[2] ?? "";
	const type = types[n];
	if (type === undefined) return "questions";
	const q = `questions-${n}`;
	const choiceText = /^\.choices\[(\d+)\]\.text$/.exec(rest);
	if (choiceText && type !== "short") return `${q}-choices-${choiceText[1]}-text`;
	if (/^\.(prompt|type|explanation|skill|points|evidence\.paragraph|evidence\.quote)$/.test(rest)) return q + rest.replace(/\./g, "-");
	if (type !== "short" && /^\.(choices|answer)\b/.test(rest)) return `${q}-choices`;
	if (type === "short" && /^\.answer\b/.test(rest)) return `${q}-answer-accepted`;
	return q;
}
