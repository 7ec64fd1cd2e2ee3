import { raw } from "hono/html";
import type { PublicQuiz } from "../../domain/quiz/public";
import { isPersonalCode } from "../../domain/secrets";
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
	/** What the article says about itself (`byline`), from the full article. */
	articleByline: string;
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

export async function QuizPage({ quiz, articleByline, attemptId, student, name, classCode, draft, errors }: QuizProps) {
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
				{await articlePanel(quiz, articleByline)}
				<section id="questions" class="panel" aria-labelledby="questions-title">
					<h2 id="questions-title">Questions</h2>
					{student && !askIdentity ? (
						<p class="who">
							Answering as <strong>{student.name}</strong>
							{/* A personal code is the student's own key: not shown on a screen others may see. */}
							{student.classCode && !isPersonalCode(student.classCode) ? ` in class ${student.classCode}` : ""}. <a href="/">Not you?</a>
						</p>
					) : null}
					<ErrorSummary heading="Your answers were not sent" messages={errors.summary}>
						<p>Your answers are still filled in below. Fix this and submit again.</p>
					</ErrorSummary>
					<QuestionMap questions={quiz.questions} draft={draft} />
					{/* autocomplete="off": the browser never restores boxes by position into a page whose choices are shuffled anew. */}
					<form
						id="quiz"
						method="post"
						action={`/quiz/${quiz.id}`}
						data-quiz-id={quiz.id}
						data-quiz-version={quiz.version}
						data-title={quiz.title}
						novalidate
						autocomplete="off"
					>
						<input type="hidden" name="attemptId" value={attemptId} />
						<input type="hidden" name="quizVersion" value={quiz.version} />
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

/** The article panel: the same for every attempt at one quiz version. */
function ArticlePanel({ quiz, articleByline }: { quiz: PublicQuiz; articleByline: string }) {
	return (
		<section id="article" class="panel article" tabindex={0} aria-labelledby="article-title">
			<h2 id="article-title">{quiz.article.title}</h2>
			{articleByline ? <p class="meta">{articleByline}</p> : null}
			<ReadingAids />
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
	);
}

/**
 * Rendered once per quiz version in this isolate (versions are immutable: the key names the content),
 * at most MAX_PANELS kept, the oldest dropped first; per request only the attempt's own parts are rendered.
 */
const MAX_PANELS = 64;
const panels = new Map<string, string>();
async function articlePanel(quiz: PublicQuiz, articleByline: string) {
	const key = `${quiz.id}@${quiz.version}`;
	let html = panels.get(key);
	if (html === undefined) {
		html = String(await (<ArticlePanel quiz={quiz} articleByline={articleByline} />).toString());
		const oldest = panels.keys().next();
		if (panels.size >= MAX_PANELS && !oldest.done) panels.delete(oldest.value);
		panels.set(key, html);
	}
	return raw(html);
}

/**
 * Text size, line spacing and read aloud: they need the script (settings kept in this browser's
 * storage, speech from the browser), so they stay hidden until it shows them; read aloud only
 * when the browser has a voice.
 */
function ReadingAids() {
	return (
		<fieldset id="aids" class="aids" hidden>
			<legend class="visually-hidden">Reading aids</legend>
			<button type="button" data-aid="smaller">
				<span aria-hidden="true">A−</span>
				<span class="visually-hidden">Smaller text</span>
			</button>
			<button type="button" data-aid="larger">
				<span aria-hidden="true">A+</span>
				<span class="visually-hidden">Larger text</span>
			</button>
			<button type="button" data-aid="spacing" aria-pressed="false">
				Line spacing
			</button>
			<button type="button" data-aid="read" aria-pressed="false" hidden>
				<span aria-hidden="true" class="icon" /> Read aloud
			</button>
		</fieldset>
	);
}

/** What the article says about itself: a source that names no one, or a date inferred from outside the text, is not a byline. */
export function byline(article: { source: string; date: string | null; dateNote?: string }): string {
	const source = /^unattributed\b/i.test(article.source.trim()) ? "" : article.source.trim();
	const date = article.dateNote ? "" : (article.date ?? "");
	return [source, date].filter(Boolean).join(" · ");
}

/** True when a question's hint only repeats what its prompt already says. */
const hintOf = (type: string, prompt: string) => {
	const hint = HINTS[type] ?? "";
	return prompt.toLowerCase().includes(hint.toLowerCase().replace(/\.$/, "")) ? "" : hint;
};

/**
 * The question map: a link to every question, marked answered or blank (the script keeps the marks
 * current; without it they show what the server rendered). It is also where blank questions are found.
 */
function QuestionMap({ questions, draft }: { questions: PublicQuiz["questions"]; draft: Draft }) {
	return (
		<nav class="qmap" aria-label="Question map">
			<ol>
				{questions.map((q, i) => {
					const answered = (draft[q.id] ?? []).some((v) => v.trim() !== "");
					return (
						<li>
							<a href={`#q${i + 1}`} data-map={q.id} class={answered ? "done" : undefined}>
								{`${i + 1}`}
								<span class="visually-hidden">{answered ? ", answered" : ", blank"}</span>
							</a>
						</li>
					);
				})}
			</ol>
		</nav>
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
	const hint = [hintOf(q.type, q.prompt), q.points > 1 ? `(${q.points} points)` : ""].filter(Boolean).join(" ");
	return (
		<fieldset id={`q${n}`} class="question" data-q={q.id} data-type={q.type} aria-describedby={hint ? hintId : undefined}>
			<legend>
				<span class="qn">{`Question ${n} of ${total}`}</span> {q.prompt}
			</legend>
			{hint ? (
				<p id={hintId} class="hint">
					{hint}
				</p>
			) : null}
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
