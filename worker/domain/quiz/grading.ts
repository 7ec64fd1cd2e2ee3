import type { Issue } from "../issues";
import { matchesShortAnswer } from "./answers";
import type { Question, Quiz } from "./schema";

/** One answer as a student sends it. */
export interface SubmittedAnswer {
	questionId: string;
	choiceIds?: string[] | undefined;
	text?: string | undefined;
}

/** What is kept of an answer: the choices picked, or the text typed; null when unanswered. */
export type StoredAnswer = { choiceIds: string[] } | { text: string } | null;

/** An answer read back from storage, its shape checked; anything that is not one counts as unanswered. */
export function readStoredAnswer(value: unknown): StoredAnswer {
	if (typeof value !== "object" || value === null) return null;
	if ("text" in value && typeof value.text === "string") return { text: value.text };
	if ("choiceIds" in value && Array.isArray(value.choiceIds) && value.choiceIds.every((id) => typeof id === "string")) {
		return { choiceIds: value.choiceIds.filter((id): id is string => typeof id === "string") };
	}
	return null;
}

export interface GradedResponse {
	questionId: string;
	position: number;
	answer: StoredAnswer;
	correct: boolean;
	points: number;
}

export interface Grade {
	score: number;
	maxScore: number;
	responses: GradedResponse[];
}

/**
 * Checks answers against the quiz: every question id known and given once, choice ids of the
 * question, the right kind of answer for the question's type. Returns one issue per problem, its
 * path naming the answer (`answers[2]`).
 */
export function checkAnswers(quiz: Quiz, answers: readonly SubmittedAnswer[]): Issue[] {
	const problems: Issue[] = [];
	const questions = new Map(quiz.questions.map((q) => [q.id, q]));
	const seen = new Set<string>();
	answers.forEach((a, i) => {
		const problem = (message: string) => problems.push({ path: `answers[${i}]`, message });
		const q = questions.get(a.questionId);
		if (!q) {
			problem(`quiz "${quiz.id}" has no question "${a.questionId}"`);
			return;
		}
		if (seen.has(a.questionId)) problem(`question "${a.questionId}" is answered twice`);
		seen.add(a.questionId);
		if (q.type === "short") {
			if (a.choiceIds !== undefined) problem(`question "${q.id}" is a short answer: send "text", not "choiceIds"`);
			return;
		}
		if (a.text !== undefined) problem(`question "${q.id}" is a ${q.type} question: send "choiceIds", not "text"`);
		const ids = a.choiceIds ?? [];
		const valid = new Set(q.choices.map((c) => c.id));
		for (const id of ids) {
			if (!valid.has(id)) problem(`question "${q.id}" has no choice "${id}"`);
		}
		if (new Set(ids).size !== ids.length) problem("a choice is picked twice");
		if (q.type !== "multiple" && ids.length > 1) problem(`question "${q.id}" takes one choice, not ${ids.length}`);
	});
	return problems;
}

/** The answer to keep for a question, or null when the student left it blank. */
function storedAnswer(q: Question, a: SubmittedAnswer | undefined): StoredAnswer {
	if (!a) return null;
	if (q.type === "short") {
		const text = (a.text ?? "").trim();
		return text === "" ? null : { text };
	}
	const ids = a.choiceIds ?? [];
	return ids.length === 0 ? null : { choiceIds: [...ids] };
}

/** Whether an answer is right. Select-all questions are right only when exactly the correct set is picked. */
export function isCorrect(q: Question, answer: StoredAnswer): boolean {
	if (answer === null) return false;
	if ("text" in answer) return q.type === "short" && matchesShortAnswer(answer.text, q.accepted);
	if (q.type === "short") return false;
	const picked = new Set(answer.choiceIds);
	return picked.size === q.correctChoiceIds.length && q.correctChoiceIds.every((id) => picked.has(id));
}

/**
 * Grades answers (already checked with checkAnswers). Every question of the quiz gets a
 * response, in quiz order; unanswered ones are wrong. Score is accuracy only: time plays no part.
 */
export function grade(quiz: Quiz, answers: readonly SubmittedAnswer[]): Grade {
	const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
	const responses = quiz.questions.map((q, position) => {
		const answer = storedAnswer(q, byQuestion.get(q.id));
		const correct = isCorrect(q, answer);
		return { questionId: q.id, position, answer, correct, points: correct ? q.points : 0 };
	});
	return { score: responses.reduce((s, r) => s + r.points, 0), maxScore: quiz.maxScore, responses };
}

/** One question's result as shown after submission: right or wrong, the right answer and why. */
export interface QuestionResult {
	questionId: string;
	correct: boolean;
	points: number;
	maxPoints: number;
	answer: StoredAnswer;
	correctChoiceIds?: string[];
	acceptedAnswers?: string[];
	explanation: string;
	evidence: { paragraph: number; quote: string };
}

/** Results for display, from graded (or stored) responses; the same function serves both. */
export function describeResults(quiz: Quiz, responses: readonly Omit<GradedResponse, "position">[]): QuestionResult[] {
	const byId = new Map(responses.map((r) => [r.questionId, r]));
	return quiz.questions.map((q) => {
		const r = byId.get(q.id);
		const base = {
			questionId: q.id,
			correct: r?.correct ?? false,
			points: r?.points ?? 0,
			maxPoints: q.points,
			answer: r?.answer ?? null,
		};
		const key = q.type === "short" ? { acceptedAnswers: q.accepted } : { correctChoiceIds: q.correctChoiceIds };
		return { ...base, ...key, explanation: q.explanation, evidence: q.evidence };
	});
}
