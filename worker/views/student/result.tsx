import type { StoredAnswer } from "../../domain/quiz/grading";
import type { Question, Quiz } from "../../domain/quiz/schema";
import type { AttemptResult } from "../../features/attempts/service";
import { Bar, type PageProps } from "../layout";

/**
 * `/result/:attemptId`: the score and a grid of question numbers marked right or wrong (each a link),
 * a way to see only the wrong ones (`?only=wrong`, a plain link), then every question right or
 * wrong (a word and a symbol, not colour alone), folded: the student's answer, the correct one,
 * why, and the evidence quote marked inside its paragraph of the article.
 */
export const resultPageProps = (result: AttemptResult): PageProps => ({
	title: `Result: ${result.quizTitle}`,
	description: `${result.studentName}'s result for ${result.quizTitle}.`,
	script: true,
});

export function ResultPage({ quiz, result, onlyWrong = false }: { quiz: Quiz; result: AttemptResult; onlyWrong?: boolean }) {
	const right = result.results.filter((r) => r.correct).length;
	const wrong = result.results.length - right;
	const questions = new Map(quiz.questions.map((q) => [q.id, q]));
	const here = `/result/${encodeURIComponent(result.attemptId)}`;
	return (
		<>
			<Bar heading="Your result" />
			<main class="page result">
				<section class="score" aria-labelledby="score-title">
					<h2 id="score-title">{result.quizTitle}</h2>
					<p class="big">
						{`${result.studentName}, you scored `}
						<strong>{`${result.score} out of ${result.maxScore}`}</strong>
					</p>
					<p class="meta">
						{`${right} of ${result.results.length} questions right`}
						{result.classCode ? ` · class ${result.classCode}` : ""}
						{` · attempt ${result.attemptNumber}`}
					</p>
					<nav aria-label="Every question, right or wrong">
						<ol class="grid">
							{result.results.map((r, i) => (
								<li>
									<a href={onlyWrong && r.correct ? `${here}#r${i + 1}` : `#r${i + 1}`} class={r.correct ? "right" : "wrong"}>
										<span class="visually-hidden">Question </span>
										{`${i + 1}`}
										<span class="visually-hidden">{r.correct ? ", right" : ", wrong"}</span>
										<span aria-hidden="true">{r.correct ? " ✓" : " ✗"}</span>
									</a>
								</li>
							))}
						</ol>
					</nav>
					{wrong === 0 ? null : onlyWrong ? (
						<p class="filter">
							{`Showing the ${wrong === 1 ? "question" : `${wrong} questions`} you got wrong. `}
							<a href={here} class="button">
								Show every question
							</a>
						</p>
					) : (
						<p class="filter">
							<a href={`${here}?only=wrong`} class="button">
								Show only the questions I got wrong
							</a>
						</p>
					)}
				</section>
				<ol class="results">
					{result.results.map((r, i) => {
						const q = questions.get(r.questionId);
						if (!q || (onlyWrong && r.correct)) return null;
						return (
							<li class={r.correct ? "outcome right" : "outcome wrong"} id={`r${i + 1}`}>
								<details open={onlyWrong}>
									<summary>
										<span class="verdict">{r.correct ? "✓ Right" : "✗ Wrong"}</span>
										<span class="qn">{`Question ${i + 1}`}</span> <span class="prompt">{q.prompt}</span>
									</summary>
									<dl>
										<dt>Your answer</dt>
										<dd>{describeAnswer(q, r.answer)}</dd>
										<dt>{q.type === "short" ? "Accepted answers" : "Correct answer"}</dt>
										<dd>{q.type === "short" ? q.accepted.join(" · ") : choiceTexts(q, q.correctChoiceIds)}</dd>
										{q.points > 1 ? (
											<>
												<dt>Points</dt>
												<dd>{`${r.points} of ${r.maxPoints}`}</dd>
											</>
										) : null}
									</dl>
									<p class="why">{r.explanation}</p>
									<Evidence paragraphs={quiz.article.paragraphs} paragraph={r.evidence.paragraph} quote={r.evidence.quote} />
								</details>
							</li>
						);
					})}
				</ol>
				<p class="actions">
					<a class="button" href={`/quiz/${result.quizId}`}>
						Try this quiz again
					</a>
					<a class="button" href="/">
						Choose another quiz
					</a>
				</p>
			</main>
		</>
	);
}

function choiceTexts(q: Question, ids: readonly string[]): string {
	const text = new Map(q.choices.map((c) => [c.id, c.text]));
	return ids.map((id) => text.get(id) ?? id).join(" · ");
}

function describeAnswer(q: Question, answer: StoredAnswer): string {
	if (answer === null) return "No answer";
	return "text" in answer ? answer.text : choiceTexts(q, answer.choiceIds);
}

/** The evidence paragraph with its quote in <mark>: every part is text, so escaped like the rest. */
function Evidence({ paragraphs, paragraph, quote }: { paragraphs: readonly string[]; paragraph: number; quote: string }) {
	const text = paragraphs[paragraph - 1] ?? "";
	const at = text.indexOf(quote);
	return (
		<figure class="evidence">
			<figcaption>{`In the article, paragraph ${paragraph}:`}</figcaption>
			<blockquote>
				{at < 0 ? (
					<p>
						<mark>{quote}</mark>
					</p>
				) : (
					<p>
						{text.slice(0, at)}
						<mark>{quote}</mark>
						{text.slice(at + quote.length)}
					</p>
				)}
			</blockquote>
		</figure>
	);
}
