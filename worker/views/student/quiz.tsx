import { raw } from "hono/html";
import type { JSX } from "hono/jsx/jsx-runtime";
import { escapeToBuffer } from "hono/utils/html";
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
						{raw(questionsHtml(await questionFrames(quiz), quiz, attemptId, draft))}
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
 * What is rendered once per quiz version in this isolate (versions are immutable: the key names the
 * content): the article panel and each question's frame. At most MAX_VERSIONS of each are kept, the
 * oldest dropped first; per request only the attempt's own parts are rendered.
 */
const MAX_VERSIONS = 64;
function versionCache<T>() {
	const kept = new Map<string, T>();
	return async (quiz: PublicQuiz, render: () => Promise<T>): Promise<T> => {
		const key = `${quiz.id}@${quiz.version}`;
		let value = kept.get(key);
		if (value === undefined) {
			value = await render();
			const oldest = kept.keys().next();
			if (kept.size >= MAX_VERSIONS && !oldest.done) kept.delete(oldest.value);
			kept.set(key, value);
		}
		return value;
	};
}

const html = async (node: JSX.Element): Promise<string> => String(await node.toString());

const panels = versionCache<string>();
async function articlePanel(quiz: PublicQuiz, articleByline: string) {
	return raw(await panels(quiz, () => html(<ArticlePanel quiz={quiz} articleByline={articleByline} />)));
}

/**
 * A question's markup for every attempt at one version: before and after its answer controls, and
 * the controls' parts (each choice's label, ticked and not; a short answer's box around its value).
 * An attempt puts the choices in its own order and ticks what its draft holds.
 */
interface QuestionFrame {
	head: string;
	tail: string;
	choices: ReadonlyMap<string, { on: string; off: string }>;
	box: { before: string; after: string } | null;
}

/** Where a frame is cut: characters no question's text can hold in its markup (< and > are escaped there). */
const SLOT = "<slot/>";

/** Where a short answer's box is cut: its value, which is an attribute (escaped as text is; NUL passes unchanged). */
const VALUE_SLOT = "\u0000";

async function split(node: JSX.Element, slot = SLOT): Promise<[string, string]> {
	const markup = await html(node);
	const at = markup.indexOf(slot);
	if (at < 0) throw new Error("a question frame lost its slot");
	return [markup.slice(0, at), markup.slice(at + slot.length)];
}

const frames = versionCache<QuestionFrame[]>();
function questionFrames(quiz: PublicQuiz): Promise<QuestionFrame[]> {
	const total = quiz.questions.length;
	return frames(quiz, () =>
		Promise.all(
			quiz.questions.map(async (q, i): Promise<QuestionFrame> => {
				const n = i + 1;
				const field = `${ANSWER_FIELD}${q.id}`;
				const [head, tail] = await split(<Question question={q} n={n} total={total} controls={raw(SLOT)} />);
				if (q.type === "short") {
					const [before, after] = await split(<ShortBox n={n} field={field} value={VALUE_SLOT} />, VALUE_SLOT);
					return { head, tail, choices: new Map(), box: { before, after } };
				}
				const choices = new Map<string, { on: string; off: string }>();
				for (const c of q.choices) {
					const type = q.type === "multiple" ? "checkbox" : "radio";
					choices.set(c.id, {
						on: await html(<Choice type={type} field={field} id={c.id} text={c.text} checked />),
						off: await html(<Choice type={type} field={field} id={c.id} text={c.text} checked={false} />),
					});
				}
				return { head, tail, choices, box: null };
			}),
		),
	);
}

/** The questions of one attempt: each frame with the attempt's choice order and its draft's answers. */
function questionsHtml(frames: readonly QuestionFrame[], quiz: PublicQuiz, attemptId: string, draft: Draft): string {
	let out = "";
	quiz.questions.forEach((q, i) => {
		const frame = frames[i];
		if (!frame) return;
		const values = draft[q.id] ?? [];
		out += frame.head;
		if (frame.box) {
			const escaped: [string] = [""];
			escapeToBuffer(values[0] ?? "", escaped);
			out += frame.box.before + escaped[0] + frame.box.after;
		} else {
			for (const c of shuffleChoices(attemptId, q.id, q.type, q.choices)) {
				const markup = frame.choices.get(c.id);
				if (markup) out += values.includes(c.id) ? markup.on : markup.off;
			}
		}
		out += frame.tail;
	});
	return out;
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

/** A question around its answer controls (`controls`: what questionsHtml puts there per attempt). */
function Question(props: { question: PublicQuiz["questions"][number]; n: number; total: number; controls: JSX.Element }) {
	const { question: q, n, total, controls } = props;
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
					{controls}
				</div>
			) : (
				<div class="choices">{controls}</div>
			)}
			<a class="back" href="#article">
				Back to the article
			</a>
		</fieldset>
	);
}

/** A short answer's box; `value` is the typed answer. */
function ShortBox({ n, field, value }: { n: number; field: string; value: string }) {
	return <input id={`q${n}-text`} name={field} type="text" value={value} maxlength={500} autocomplete="off" />;
}

function Choice(props: { type: "checkbox" | "radio"; field: string; id: string; text: string; checked: boolean }) {
	return (
		<label class="choice">
			<input type={props.type} name={props.field} value={props.id} checked={props.checked} />
			<span>{props.text}</span>
		</label>
	);
}
