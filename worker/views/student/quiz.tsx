import type { PublicQuiz } from "../../domain/quiz/public";
import { shuffleChoices } from "../../domain/shuffle";
import { ANSWER_FIELD, type Draft } from "../../features/attempts/form";
import { ErrorSummary, NameAndClassFields } from "../fields";
import { Bar, type PageProps } from "../layout";

export interface QuizErrors {
	/** Shown at the top of the form, each a sentence. */
	summary: string[];
	studentName?: string;
	classCode?: string;
}

export interface QuizProps {
	/** Only what a student may see before submitting: no answers, explanations or evidence. */
	quiz: PublicQuiz;
	attemptId: string;
	/** From the join cookie; when null (or wrong), the form asks for name and class itself. */
	student: { name: string; classCode: string | null } | null;
	name: string;
	classCode: string;
	draft: Draft;
	errors: QuizErrors;
}

const HINTS: Record<string, string> = {
	single: "Choose one answer.",
	true_false: "Choose true or false.",
	multiple: "Select all that apply.",
	short: "Type a short answer.",
};

/**
 * `/quiz/:quizId`: the article and the questions, two panels side by side on a wide screen and
 * one swipe (or the Read/Answer switch) apart on a phone. Each panel scrolls on its own, so
 * switching never loses the place in the other; that holds without JavaScript too.
 */
export const quizPageProps = (quiz: PublicQuiz): PageProps => ({
	title: quiz.title,
	description: `Read the article and answer ${quiz.questions.length} questions.`,
	script: true,
	bodyClass: "quiz-page",
});

export function QuizPage({ quiz, attemptId, student, name, classCode, draft, errors }: QuizProps) {
	const total = quiz.questions.length;
	const askIdentity = student === null || Boolean(errors.studentName || errors.classCode);
	return (
		<>
			<Bar heading={quiz.title}>
				<nav class="switch" aria-label="Read or answer">
					<a href="#article" data-panel="article">
						Read
					</a>
					<a href="#questions" data-panel="questions">
						Answer
					</a>
				</nav>
				<p id="progress" class="progress" aria-live="polite">
					{`${total} questions`}
				</p>
			</Bar>
			<main class="panels">
				<section id="article" class="panel article" tabindex={0} aria-labelledby="article-title">
					<h2 id="article-title">{quiz.article.title}</h2>
					<p class="meta">{[quiz.article.source, quiz.article.date].filter(Boolean).join(" · ")}</p>
					{quiz.article.paragraphs.map((text, i) => (
						<p id={`p${i + 1}`} class="para">
							{text}
						</p>
					))}
					<p class="return">
						<a id="to-question" href="#questions">
							Go to the questions
						</a>
					</p>
				</section>
				<section id="questions" class="panel" aria-labelledby="questions-title">
					<h2 id="questions-title">Questions</h2>
					{student && !askIdentity ? (
						<p class="who">
							Answering as <strong>{student.name}</strong>
							{student.classCode ? ` in class ${student.classCode}` : ""}. <a href="/">Not you?</a>
						</p>
					) : null}
					<ErrorSummary heading="Your answers were not sent" messages={errors.summary}>
						<p>Your answers are still filled in below. Fix this and submit again.</p>
					</ErrorSummary>
					<form id="quiz" method="post" action={`/quiz/${quiz.id}`} data-quiz-id={quiz.id} novalidate>
						<input type="hidden" name="attemptId" value={attemptId} />
						{askIdentity ? (
							<Identity name={name} classCode={classCode} errors={errors} />
						) : (
							<>
								<input type="hidden" name="studentName" value={name} />
								<input type="hidden" name="classCode" value={classCode} />
							</>
						)}
						{quiz.questions.map((q, i) => (
							<Question question={q} n={i + 1} total={total} attemptId={attemptId} values={draft[q.id] ?? []} />
						))}
						<p id="status" class="status" role="status" />
						<button type="submit" class="primary">
							Submit answers
						</button>
					</form>
				</section>
			</main>
		</>
	);
}

function Identity({ name, classCode, errors }: { name: string; classCode: string; errors: QuizErrors }) {
	return (
		<fieldset class="identity">
			<legend>About you</legend>
			<NameAndClassFields name={name} classCode={classCode} nameError={errors.studentName} classError={errors.classCode} />
		</fieldset>
	);
}

function Question(props: { question: PublicQuiz["questions"][number]; n: number; total: number; attemptId: string; values: string[] }) {
	const { question: q, n, total, attemptId, values } = props;
	const field = `${ANSWER_FIELD}${q.id}`;
	const hintId = `q${n}-hint`;
	return (
		<fieldset id={`q${n}`} class="question" data-q={q.id} data-type={q.type} aria-describedby={hintId}>
			<legend>
				<span class="qn">{`Question ${n} of ${total}`}</span> {q.prompt}
			</legend>
			<p id={hintId} class="hint">
				{HINTS[q.type]}
				{q.points > 1 ? ` (${q.points} points)` : ""}
			</p>
			{q.type === "short" ? (
				<div class="field">
					<label for={`q${n}-text`}>Your answer</label>
					<input id={`q${n}-text`} name={field} type="text" value={values[0] ?? ""} maxlength={500} autocomplete="off" />
				</div>
			) : (
				<div class="choices">
					{shuffleChoices(attemptId, q.id, q.type, q.choices).map((c) => (
						<label class="choice">
							<input type={q.type === "multiple" ? "checkbox" : "radio"} name={field} value={c.id} checked={values.includes(c.id)} />
							<span>{c.text}</span>
						</label>
					))}
				</div>
			)}
			<a class="back" href="#article">
				Back to the article
			</a>
		</fieldset>
	);
}
