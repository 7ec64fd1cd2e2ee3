import type { StoredAnswer } from "../../domain/quiz/grading";
import type { PublicQuiz } from "../../domain/quiz/public";
import type { ReviewJson, ReviewLevel, ShownQuestionResult } from "../../domain/review";
import type { ShownResult } from "../../features/attempts/service";
import { Bar, type PageProps } from "../layout";
import { QuoteInParagraph } from "../quote";
import { ChooseAnotherQuiz, readableTime } from "./confirm";

/**
 * `/result/:attemptId`: the score, then as much as the class's review policy shows now. The page is
 * drawn from the result as shown (withheld fields are absent from it) and the public quiz (prompts
 * and choice texts, no answers), so it cannot show what the policy withholds:
 *
 * - with marks: a grid of question numbers marked right or wrong (each a link), a way to see only
 *   the wrong ones (`?only=wrong`, a plain link), and every question right or wrong (a word and a
 *   symbol, not colour alone), folded, with the student's answer and points;
 * - with the full review, also the correct answer, why, and the evidence quote marked inside its
 *   paragraph of the article;
 * - with the score only, each question with the student's own answer;
 * - while the review waits for the class to close, when it comes.
 */
export const resultPageProps = (result: ShownResult): PageProps => ({
	title: `Result: ${result.quizTitle}`,
	description: `${result.studentName}'s result for ${result.quizTitle}.`,
	script: true,
});

type Question = PublicQuiz["questions"][number];

export interface ResultProps {
	quiz: PublicQuiz;
	result: ShownResult;
	/** Whether the student may take the quiz again (attempts left, class open): only then is it offered. */
	canRetry: boolean;
	onlyWrong?: boolean;
}

export function ResultPage({ quiz, result, canRetry, onlyWrong: askedOnlyWrong = false }: ResultProps) {
	const marked = result.results.every((r) => r.correct !== undefined);
	const onlyWrong = marked && askedOnlyWrong;
	const questions = new Map(quiz.questions.map((q) => [q.id, q]));
	const here = `/result/${encodeURIComponent(result.attemptId)}`;
	return (
		<>
			<Bar heading="Your result" />
			{/* Named for the script, which notes the result under "My results on this device" (nothing is sent anywhere). */}
			<main
				class="page result"
				data-attempt-id={result.attemptId}
				data-quiz-id={result.quizId}
				data-title={result.quizTitle}
				data-name={result.studentName}
				data-submitted-at={result.submittedAt}
			>
				<section class="score" aria-labelledby="score-title">
					<h2 id="score-title">{result.quizTitle}</h2>
					<p class="big">
						{`${result.studentName}, you scored `}
						<strong>{`${result.score} out of ${result.maxScore}`}</strong>
					</p>
					<p class="meta">
						{marked ? `${result.results.filter((r) => r.correct).length} of ${result.results.length} questions right · ` : ""}
						{result.classCode ? `class ${result.classCode} · ` : ""}
						{`attempt ${result.attemptNumber}`}
					</p>
					<ReviewNotice review={result.review} />
					{marked ? <MarksGrid results={result.results} here={here} onlyWrong={onlyWrong} /> : null}
				</section>
				<ol class="results">
					{result.results.map((r, i) => {
						const q = questions.get(r.questionId);
						if (!q || (onlyWrong && r.correct)) return null;
						return <Outcome q={q} r={r} n={i + 1} open={onlyWrong} paragraphs={quiz.article.paragraphs} />;
					})}
				</ol>
				<p class="actions">
					{canRetry ? (
						<a class="button" href={`/quiz/${result.quizId}`}>
							Try this quiz again
						</a>
					) : null}
					<ChooseAnotherQuiz />
				</p>
			</main>
		</>
	);
}

const WHAT: Record<ReviewLevel, string> = {
	score: "only your score",
	marks: "which questions you got right",
	full: "the right answers and where the article says so",
};

/** What the class's policy holds back now, and when it comes. Nothing when the full review is shown. */
function ReviewNotice({ review }: { review: ReviewJson }) {
	if (review.afterClose) {
		const when = review.answersFrom ? (
			<>
				{" on "}
				<time datetime={review.answersFrom}>{readableTime(new Date(review.answersFrom))}</time>
			</>
		) : (
			" once your teacher closes the class"
		);
		return (
			<p class="review-note">
				{`Your teacher shows ${WHAT[review.afterClose]} after the class closes: come back to this page`}
				{when}.
			</p>
		);
	}
	if (review.shown === "full") return null;
	return <p class="review-note">{`Your teacher shows ${WHAT[review.shown]} for this quiz.`}</p>;
}

/** The grid of question numbers marked right or wrong, and the wrong-only switch. Only with marks. */
function MarksGrid({ results, here, onlyWrong }: { results: ShownQuestionResult[]; here: string; onlyWrong: boolean }) {
	const wrong = results.filter((r) => !r.correct).length;
	return (
		<>
			<nav aria-label="Every question, right or wrong">
				<ol class="grid">
					{results.map((r, i) => (
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
		</>
	);
}

/** One question: what the result holds of it, and nothing else. */
function Outcome({
	q,
	r,
	n,
	open,
	paragraphs,
}: {
	q: Question;
	r: ShownQuestionResult;
	n: number;
	open: boolean;
	paragraphs: readonly string[];
}) {
	const key = r.acceptedAnswers ? r.acceptedAnswers.join(" · ") : r.correctChoiceIds ? choiceTexts(q, r.correctChoiceIds) : null;
	const verdict = r.correct === undefined ? null : r.correct ? "right" : "wrong";
	return (
		<li class={verdict ? `outcome ${verdict}` : "outcome"} id={`r${n}`}>
			<details open={open}>
				<summary>
					{verdict ? <span class="verdict">{verdict === "right" ? "✓ Right" : "✗ Wrong"}</span> : null}
					<span class="qn">{`Question ${n}`}</span> <span class="prompt">{q.prompt}</span>
				</summary>
				<dl>
					<dt>Your answer</dt>
					<dd>{describeAnswer(q, r.answer)}</dd>
					{key === null ? null : (
						<>
							<dt>{r.acceptedAnswers ? "Accepted answers" : "Correct answer"}</dt>
							<dd>{key}</dd>
						</>
					)}
					{r.points !== undefined && r.maxPoints > 1 ? (
						<>
							<dt>Points</dt>
							<dd>{`${r.points} of ${r.maxPoints}`}</dd>
						</>
					) : null}
				</dl>
				{r.explanation === undefined ? null : <p class="why">{r.explanation}</p>}
				{r.evidence === undefined ? null : <Evidence paragraphs={paragraphs} paragraph={r.evidence.paragraph} quote={r.evidence.quote} />}
			</details>
		</li>
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
					<QuoteInParagraph text={text} quote={quote} at={at} />
				)}
			</blockquote>
		</figure>
	);
}
