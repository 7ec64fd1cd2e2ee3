/**
 * The review form of "New quiz from an article", as data. Everything the page needs travels in the
 * form itself (the question ids and choice ids as hidden fields, every field under the name of its
 * place in the quiz, `questions[3].evidence.quote`), so the page works without JavaScript: each of
 * its buttons (move, delete, add, publish) posts the whole form, and the server applies the button
 * and renders the form again with everything the teacher typed. Problems come back with the same
 * paths (`questions[3].evidence.quote`), so each is shown beside the field of the same name.
 * Pure: no Hono, no D1.
 */
import type { Issue } from "../../domain/issues";
import { errorSlot } from "../../domain/quiz/error-slot";
import type { QuestionFile, QuestionType } from "../../domain/quiz/schema";
import type { FormBody } from "../../http/form";

export const QUESTION_TYPES: readonly QuestionType[] = ["single", "multiple", "true_false", "short"];
export const SKILLS: readonly QuestionFile["skill"][] = ["literal", "inference"];
/** What the content check allows (`questionsSchema`, `questionSchema.points`). */
export const MAX_QUESTIONS = 100;
export const MAX_POINTS = 10;
/** A title as the teacher API takes it (trimmed, 1 to 200 characters). */
export const MAX_TITLE = 200;

export interface ChoiceDraft {
	id: string;
	text: string;
}

/** One question as the form holds it: numbers as typed, so that nothing the teacher typed is lost when it is not valid yet. */
export interface QuestionDraft {
	id: string;
	type: QuestionType;
	prompt: string;
	choices: ChoiceDraft[];
	/** The ids of the choices marked correct. */
	correct: string[];
	/** A short answer's accepted forms, one per line, as typed. */
	accepted: string;
	explanation: string;
	skill: QuestionFile["skill"];
	/** The evidence's paragraph number, as typed. */
	paragraph: string;
	quote: string;
	/** As typed; empty means the default, one point. */
	points: string;
}

export interface ReviewDraft {
	title: string;
	questions: QuestionDraft[];
}

/** What a button of the review form asks for; each button posts `action` with one of these as its value. */
export type ReviewAction =
	| { kind: "check" }
	| { kind: "publish" }
	| { kind: "move"; index: number; by: -1 | 1 }
	| { kind: "delete"; index: number }
	| { kind: "add"; type: QuestionType }
	| { kind: "addChoice"; index: number }
	| { kind: "removeChoice"; index: number; choice: number }
	| { kind: "changeType"; index: number };

/** The value of the button that asks for `action` (the inverse of `readAction`). */
export function actionValue(action: ReviewAction): string {
	switch (action.kind) {
		case "check":
		case "publish":
			return action.kind;
		case "move":
			return `${action.by < 0 ? "up" : "down"}:${action.index}`;
		case "delete":
			return `delete:${action.index}`;
		case "add":
			return "add";
		case "addChoice":
			return `add-choice:${action.index}`;
		case "removeChoice":
			return `remove-choice:${action.index}:${action.choice}`;
		case "changeType":
			return `type:${action.index}`;
	}
}

/** The button that was pressed; anything else (Enter in a field presses the first button, "check") is a check. */
export function readAction(value: string, addType: string): ReviewAction {
	const [verb, a, b] = value.split(":");
	const index = Number(a);
	const at = a !== undefined && /^\d{1,4}$/.test(a);
	if (verb === "publish") return { kind: "publish" };
	if (verb === "add") return { kind: "add", type: questionType(addType) };
	if (at && (verb === "up" || verb === "down")) return { kind: "move", index, by: verb === "up" ? -1 : 1 };
	if (at && verb === "delete") return { kind: "delete", index };
	if (at && verb === "add-choice") return { kind: "addChoice", index };
	if (at && verb === "type") return { kind: "changeType", index };
	if (at && verb === "remove-choice" && b !== undefined && /^\d{1,3}$/.test(b)) return { kind: "removeChoice", index, choice: Number(b) };
	return { kind: "check" };
}

const questionType = (value: string): QuestionType => QUESTION_TYPES.find((t) => t === value) ?? "single";
const skill = (value: string): QuestionFile["skill"] => SKILLS.find((s) => s === value) ?? "literal";

function strings(value: FormBody[string] | undefined): string[] {
	const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return all.filter((v): v is string => typeof v === "string");
}

const FIELD = /^questions\[(\d{1,4})\]\.(.+)$/;
const CHOICE_ID = /^choices\[(\d{1,3})\]\.id$/;

/**
 * The posted review form: the title, the questions in the order of their indexes (a question is a
 * `questions[n].id` field and whatever else is posted under `questions[n].`), and the button pressed.
 */
export function readReview(body: FormBody): { draft: ReviewDraft; action: ReviewAction } {
	const fields = new Map<number, Map<string, string[]>>();
	for (const [name, value] of Object.entries(body)) {
		const m = FIELD.exec(name);
		if (!m) continue;
		const n = Number(m[1]);
		const own = fields.get(n) ?? new Map<string, string[]>();
		own.set(m[2] ?? "", strings(value));
		fields.set(n, own);
	}
	const questions = [...fields.entries()]
		.filter(([, own]) => own.has("id"))
		.sort(([a], [b]) => a - b)
		.map(([, own]) => readQuestion(own));
	const one = (name: string) => strings(body[name])[0] ?? "";
	return { draft: { title: one("title"), questions }, action: readAction(one("action"), one("addType")) };
}

function readQuestion(fields: Map<string, string[]>): QuestionDraft {
	const one = (name: string) => fields.get(name)?.[0] ?? "";
	const choiceIndexes = [...fields.keys()]
		.flatMap((name) => {
			const m = CHOICE_ID.exec(name);
			return m ? [Number(m[1])] : [];
		})
		.sort((a, b) => a - b);
	return conform({
		id: one("id"),
		type: questionType(one("type")),
		prompt: one("prompt"),
		choices: choiceIndexes.map((k) => ({ id: one(`choices[${k}].id`), text: one(`choices[${k}].text`) })),
		correct: fields.get("answer.choiceIds") ?? [],
		accepted: one("answer.accepted"),
		explanation: one("explanation"),
		skill: skill(one("skill")),
		paragraph: one("evidence.paragraph"),
		quote: one("evidence.quote"),
		points: one("points"),
	});
}

/** The smallest `prefix<k>` not taken: ids for new questions and choices, never one in use. */
export function freshId(prefix: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	for (let k = 1; ; k++) if (!used.has(`${prefix}${k}`)) return `${prefix}${k}`;
}

/**
 * A question made consistent with its type, so that the form can show it: a true/false question
 * has the choices "true" and "false", a short answer none, a choice question at least two (blank
 * ones added). What the type change makes meaningless goes (a short answer's choices); the rest is
 * kept (choice texts, the first correct choice when "multiple" becomes "single").
 */
export function conform(q: QuestionDraft): QuestionDraft {
	if (q.type === "short") return { ...q, choices: [], correct: [] };
	if (q.type === "true_false") {
		const text = (id: string, fallback: string) => q.choices.find((c) => c.id === id)?.text || fallback;
		return {
			...q,
			choices: [
				{ id: "true", text: text("true", "True") },
				{ id: "false", text: text("false", "False") },
			],
			correct: q.correct.filter((id) => id === "true" || id === "false").slice(0, 1),
		};
	}
	const choices = [...q.choices];
	while (choices.length < 2) {
		choices.push({
			id: freshId(
				"c",
				choices.map((c) => c.id),
			),
			text: "",
		});
	}
	const known = new Set(choices.map((c) => c.id));
	const correct = [...new Set(q.correct.filter((id) => known.has(id)))];
	return { ...q, choices, correct: q.type === "single" ? correct.slice(0, 1) : correct };
}

/** A new, empty question of this type, with an id no question of the draft has. */
export function blankQuestion(type: QuestionType, taken: Iterable<string>): QuestionDraft {
	return conform({
		id: freshId("q-new-", taken),
		type,
		prompt: "",
		choices: [],
		correct: [],
		accepted: "",
		explanation: "",
		skill: "literal",
		paragraph: "",
		quote: "",
		points: "",
	});
}

/** The draft after a button: a question moved, deleted or added, a choice added or removed. Out-of-range indexes change nothing. */
export function applyAction(draft: ReviewDraft, action: ReviewAction): ReviewDraft {
	const questions = [...draft.questions];
	const replace = (index: number, change: (q: QuestionDraft) => QuestionDraft) => {
		const q = questions[index];
		if (q) questions[index] = change(q);
	};
	switch (action.kind) {
		case "move": {
			const to = action.index + action.by;
			const q = questions[action.index];
			const other = questions[to];
			if (q && other) {
				questions[to] = q;
				questions[action.index] = other;
			}
			break;
		}
		case "delete":
			if (action.index < questions.length) questions.splice(action.index, 1);
			break;
		case "add":
			if (questions.length < MAX_QUESTIONS) {
				questions.push(
					blankQuestion(
						action.type,
						questions.map((q) => q.id),
					),
				);
			}
			break;
		case "addChoice":
			replace(action.index, (q) =>
				q.type === "single" || q.type === "multiple"
					? {
							...q,
							choices: [
								...q.choices,
								{
									id: freshId(
										"c",
										q.choices.map((c) => c.id),
									),
									text: "",
								},
							],
						}
					: q,
			);
			break;
		case "removeChoice":
			replace(action.index, (q) => {
				const gone = q.choices[action.choice];
				if (!gone || q.type === "true_false" || q.choices.length <= 2) return q;
				return { ...q, choices: q.choices.filter((c) => c !== gone), correct: q.correct.filter((id) => id !== gone.id) };
			});
			break;
		case "check":
		case "publish":
		case "changeType":
			// The type was applied as the form was read; these buttons only ask for the form again.
			break;
	}
	return { ...draft, questions };
}

/** Questions from the drafter, or from a published version, as the form shows them. */
export function fromQuestionFiles(questions: readonly QuestionFile[]): QuestionDraft[] {
	return questions.map((q) =>
		conform({
			id: q.id,
			type: q.type,
			prompt: q.prompt,
			choices: (q.choices ?? []).map((c) => ({ id: c.id, text: c.text })),
			correct: "choiceIds" in q.answer ? [...q.answer.choiceIds] : [],
			accepted: "accepted" in q.answer ? q.answer.accepted.join("\n") : "",
			explanation: q.explanation,
			skill: q.skill,
			paragraph: String(q.evidence.paragraph),
			quote: q.evidence.quote,
			points: q.points === undefined ? "" : String(q.points),
		}),
	);
}

/** A short answer's accepted forms: one per line, trimmed, blank lines left out. */
export const acceptedForms = (text: string): string[] =>
	text
		.split(/\r\n|\r|\n/)
		.map((line) => line.trim())
		.filter((line) => line !== "");

const wholeNumber = (text: string): number | null => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : null);

/**
 * The draft as the content check takes it (`{ questions }` in the library's format: texts trimmed,
 * numbers read), with what the form itself can tell is wrong: a title that is empty or too long, a
 * paragraph or a number of points that is not a whole number. The check does the rest.
 */
export function toQuestionInput(draft: ReviewDraft, paragraphCount: number): { title: string; questions: unknown[]; issues: Issue[] } {
	const issues: Issue[] = [];
	const title = draft.title.trim();
	if (title === "") issues.push({ path: "title", message: "must not be empty" });
	else if ([...title].length > MAX_TITLE) issues.push({ path: "title", message: `must be at most ${MAX_TITLE} characters` });
	const questions = draft.questions.map((q, n) => {
		const paragraph = wholeNumber(q.paragraph);
		if (paragraph === null) {
			issues.push({ path: `questions[${n}].evidence.paragraph`, message: `must be a paragraph number, from 1 to ${paragraphCount}` });
		}
		const points = q.points.trim() === "" ? undefined : wholeNumber(q.points);
		if (points === null) issues.push({ path: `questions[${n}].points`, message: `must be a whole number from 1 to ${MAX_POINTS}` });
		return {
			id: q.id,
			type: q.type,
			prompt: q.prompt.trim(),
			...(q.type === "short" ? {} : { choices: q.choices.map((c) => ({ id: c.id, text: c.text.trim() })) }),
			answer: q.type === "short" ? { accepted: acceptedForms(q.accepted) } : { choiceIds: q.correct },
			explanation: q.explanation.trim(),
			skill: q.skill,
			evidence: { paragraph: paragraph ?? 0, quote: q.quote.trim() },
			...(points === undefined || points === null ? {} : { points }),
		};
	});
	return { title, questions, issues };
}

/** A problem as the page shows it: its sentence, and whether the check the page runs as the teacher types finds it too. */
export interface FieldError {
	message: string;
	/** Found by the grounding check, which the page's script runs as the teacher types (and so may clear). */
	live: boolean;
}

/** A line of the error summary: the sentence and the id of the control it links to. */
export interface SummaryLine {
	slot: string;
	target: string;
	text: string;
}

export interface PlacedErrors {
	bySlot: Map<string, FieldError[]>;
	summary: SummaryLine[];
}

const FIELD_NAMES: Record<string, string> = {
	prompt: "question",
	type: "type",
	explanation: "explanation",
	skill: "skill",
	points: "points",
	"evidence-paragraph": "evidence paragraph",
	"evidence-quote": "evidence quote",
	choices: "choices",
	"answer-accepted": "accepted answers",
};

/** The control a summary line links to, and the words that name the slot ("Question 3, evidence quote"). */
function slotLabel(slot: string): { target: string; label: string } {
	if (slot === "title") return { target: "title", label: "Quiz title" };
	if (slot === "questions" || slot === "form") return { target: "add-type", label: "Questions" };
	const m = /^questions-(\d+)(?:-(.+))?$/.exec(slot);
	const n = Number(m?.[1] ?? 0);
	const question = `Question ${n + 1}`;
	const field = m?.[2];
	if (field === undefined) return { target: `questions-${n}-prompt`, label: question };
	if (field === "choices") return { target: `questions-${n}-choices-0-correct`, label: `${question}, choices` };
	const choice = /^choices-(\d+)-text$/.exec(field);
	if (choice) return { target: slot, label: `${question}, choice ${Number(choice[1]) + 1}` };
	return { target: slot, label: `${question}, ${FIELD_NAMES[field] ?? field}` };
}

/** The content check's sentence in the words of the form ("must not be empty" for a blank field, …). */
export function plainMessage(issue: Issue): string {
	const { path, message } = issue;
	if (/^Too small: expected string to have >=1 characters?$/.test(message)) return "must not be empty";
	const items = /^Too (small|big): expected array to have (>=|<=)(\d+) items?$/.exec(message);
	if (items && path === "questions") return items[1] === "small" ? "add at least one question" : `a quiz has at most ${items[3]} questions`;
	if (items && /\.answer\.choiceIds$/.test(path) && items[1] === "small") return "mark the correct answer";
	const number = /^Too (small|big): expected number to be (>=|<=)(\d+)$/.exec(message);
	if (number) return `must be ${number[1] === "small" ? "at least" : "at most"} ${number[3]}`;
	return message;
}

/** Problems placed beside their fields, and the summary's lines in the order of the form. */
export function placeErrors(issues: readonly (Issue & { live?: boolean })[], draft: ReviewDraft): PlacedErrors {
	const types = draft.questions.map((q) => q.type);
	const bySlot = new Map<string, FieldError[]>();
	const summary: SummaryLine[] = [];
	for (const issue of issues) {
		const slot = errorSlot(issue.path, types);
		const message = plainMessage(issue);
		bySlot.set(slot, [...(bySlot.get(slot) ?? []), { message, live: issue.live === true }]);
		const { target, label } = slotLabel(slot);
		summary.push({ slot, target, text: `${label}: ${message}` });
	}
	return { bySlot, summary };
}

/**
 * The id of the element a button's page should land on (the question it moved, the one added…), as
 * `#fragment` of its form action; none for Check and Publish, whose answer starts at the top (and a
 * fragment would follow Publish's redirect to the quiz's page).
 */
export function landingAfter(action: ReviewAction, count: number): string | null {
	switch (action.kind) {
		case "move":
			return `questions-${Math.min(Math.max(action.index + action.by, 0), count - 1)}`;
		case "delete":
			return count <= 1 ? "questions-h" : `questions-${Math.min(action.index, count - 2)}`;
		case "add":
			return `questions-${count}`;
		case "addChoice":
		case "removeChoice":
			return `questions-${action.index}-choices`;
		case "changeType":
			return `questions-${action.index}`;
		case "check":
		case "publish":
			return null;
	}
}
