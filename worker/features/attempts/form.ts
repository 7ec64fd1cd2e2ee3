/**
 * The quiz form (no-JS path) as the Submission the API takes. Field names: `attemptId`,
 * `studentName` (blank: left out, for a personal code), `classCode`, and `answer.<questionId>`: the choice ids picked (one value per
 * ticked box) or the typed text. Pure: no Hono, no D1.
 */
import type { QuestionType } from "../../domain/quiz/schema";

export const ANSWER_FIELD = "answer.";

import type { FormBody } from "../../http/form";

/** What the student filled in, by question id: choice ids, or [text] for a short answer. */
export type Draft = Record<string, string[]>;

export interface FormSubmission {
	/** Input for submissionSchema: validated and normalised there. */
	input: { attemptId: string; quizId: string; quizVersion?: string; studentName?: string; classCode: string; answers: unknown[] };
	draft: Draft;
}

function strings(value: FormBody[string] | undefined): string[] {
	const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return all.filter((v): v is string => typeof v === "string");
}

export function formToSubmission(
	quiz: { id: string; questions: readonly { id: string; type: QuestionType }[] },
	body: FormBody,
): FormSubmission {
	const types = new Map(quiz.questions.map((q) => [q.id, q.type]));
	const draft: Draft = {};
	const answers: unknown[] = [];
	for (const [name, value] of Object.entries(body)) {
		if (!name.startsWith(ANSWER_FIELD)) continue;
		const questionId = name.slice(ANSWER_FIELD.length);
		const values = strings(value);
		draft[questionId] = values;
		if (types.get(questionId) === "short") {
			const text = values.join(" ");
			if (text.trim() !== "") answers.push({ questionId, text });
		} else if (values.length > 0) {
			answers.push({ questionId, choiceIds: values });
		}
	}
	const one = (name: string) => strings(body[name])[0] ?? "";
	return {
		input: {
			attemptId: one("attemptId"),
			quizId: quiz.id,
			...(one("quizVersion") ? { quizVersion: one("quizVersion") } : {}),
			// Left blank, the name is left out: a personal code names its student (the schema asks for it otherwise).
			...(one("studentName").trim() ? { studentName: one("studentName") } : {}),
			classCode: one("classCode"),
			answers,
		},
		draft,
	};
}
