/**
 * npm run quiz:check — checks every quiz and article in quiz-data/ (schema and grounding) and
 * prints each quiz's version. Exits 1, naming file and question, on any problem.
 */
import { articleFiles, quizFiles } from "../quiz-data/index";
import { buildCatalog } from "../worker/domain/quiz/catalog";
import { checkContent } from "../worker/domain/quiz/check";

const problems = checkContent(articleFiles, quizFiles);
if (problems.length > 0) {
	console.error(`quiz:check found ${problems.length} problem(s):`);
	for (const p of problems) console.error(`  ✗ ${p}`);
	process.exit(1);
}
const catalog = await buildCatalog(articleFiles, quizFiles);
for (const quiz of catalog.quizzes) {
	const types = Object.entries(Object.groupBy(quiz.questions, (q) => q.type)).map(([t, qs]) => `${qs?.length} ${t}`);
	console.log(
		`✓ ${quiz.id} version ${quiz.version}: ${quiz.questions.length} questions (${types.join(", ")}), every evidence quote found in the article`,
	);
}
