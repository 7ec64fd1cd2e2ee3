import type { ContentFile } from "../worker/domain/quiz/check";
import nkArticle from "./articles/nk-diplomacy-2017.json";
import nkQuiz from "./quizzes/nk-diplomacy-2017.json";

/**
 * Every article and quiz the app serves. To add a quiz: add its JSON files beside these,
 * list them here, and run `npm run quiz:check`.
 */
export const articleFiles: ContentFile[] = [{ file: "quiz-data/articles/nk-diplomacy-2017.json", data: nkArticle }];

export const quizFiles: ContentFile[] = [{ file: "quiz-data/quizzes/nk-diplomacy-2017.json", data: nkQuiz }];
