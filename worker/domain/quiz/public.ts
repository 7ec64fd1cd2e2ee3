import type { Quiz } from "./schema";

/** The quiz as a student's browser gets it: no correct answers, no explanations, no evidence. */
export function publicQuiz(quiz: Quiz) {
	return {
		id: quiz.id,
		title: quiz.title,
		version: quiz.version,
		article: {
			title: quiz.article.title,
			source: quiz.article.source,
			date: quiz.article.date,
			paragraphs: quiz.article.paragraphs,
		},
		questionCount: quiz.questions.length,
		maxScore: quiz.maxScore,
		questions: quiz.questions.map((q) => ({
			id: q.id,
			type: q.type,
			prompt: q.prompt,
			points: q.points,
			choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
		})),
	};
}

export type PublicQuiz = ReturnType<typeof publicQuiz>;

export function quizSummary(quiz: Quiz) {
	return { id: quiz.id, title: quiz.title, questionCount: quiz.questions.length, version: quiz.version };
}
