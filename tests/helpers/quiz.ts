import type { Quiz } from "../../worker/domain/quiz/schema";
import { findQuiz } from "../../worker/features/quizzes/library";

export const QUIZ_ID = "nk-diplomacy-2017";

export async function theQuiz(): Promise<Quiz> {
	const quiz = await findQuiz(QUIZ_ID);
	if (!quiz) throw new Error("seed quiz missing");
	return quiz;
}

/** Answers that get every question right. */
export function perfectAnswers(quiz: Quiz) {
	return quiz.questions.map((q) =>
		q.type === "short" ? { questionId: q.id, text: q.accepted[0] as string } : { questionId: q.id, choiceIds: [...q.correctChoiceIds] },
	);
}
