import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { JSX } from "hono/jsx/jsx-runtime";
import { escapeToBuffer, type HtmlEscapedString } from "hono/utils/html";
import type { PublicQuiz } from "../../domain/quiz/public";
import { isPersonalCode } from "../../domain/secrets";
import { shuffleChoices } from "../../domain/shuffle";
import { ANSWER_FIELD, type Draft } from "../../features/attempts/form";
import { boundedMemo } from "../../lib/memo";
import { fromUtf8, Utf8Builder, utf8 } from "../../lib/utf8";
import type { AssetPaths } from "../assets";
import { ErrorSummary, NameAndClassFields } from "../fields";
import { Bar, DOCTYPE, type PageProps } from "../layout";
import { studentDocument } from "./shell";

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

/**
 * What each request puts into the page: the parts that differ from one attempt or student to the
 * next. Everything else is the same for every attempt at one quiz version.
 */
interface QuizPageParts {
	/** Who is answering, and what to fix (after a refused submission). */
	intro: Child;
	/** The question map's entries, each marked answered or blank. */
	mapItems: Child;
	attemptId: string | HtmlEscapedString;
	/** Name and class fields, or the same as hidden fields when the join cookie gives them. */
	identity: Child;
	questions: Child;
}

/** The quiz page around its per-request parts (`parts`). */
function QuizPageWith({ quiz, article, parts }: { quiz: PublicQuiz; article: Child; parts: QuizPageParts }) {
	const total = quiz.questions.length;
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
				{article}
				<section id="questions" class="panel" aria-labelledby="questions-title">
					<h2 id="questions-title">Questions</h2>
					{parts.intro}
					<nav class="qmap" aria-label="Question map">
						<ol>{parts.mapItems}</ol>
					</nav>
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
						<input type="hidden" name="attemptId" value={parts.attemptId} />
						<input type="hidden" name="quizVersion" value={quiz.version} />
						{parts.identity}
						{parts.questions}
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

/** Who is answering (when the join cookie says) and what to fix. */
function Intro({ student, askIdentity, errors }: { student: QuizProps["student"]; askIdentity: boolean; errors: QuizErrors }) {
	return (
		<>
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
		</>
	);
}

/** The form's identity: fields to fill in, or what the join cookie gave as hidden fields. */
function IdentityFields({
	askIdentity,
	name,
	classCode,
	errors,
}: {
	askIdentity: boolean;
	name: string;
	classCode: string;
	errors: QuizErrors;
}) {
	return askIdentity ? (
		<Identity name={name} classCode={classCode} errors={errors} />
	) : (
		<>
			<input type="hidden" name="studentName" value={name} />
			<input type="hidden" name="classCode" value={classCode} />
		</>
	);
}

const asksIdentity = (props: QuizProps) => props.student === null || Boolean(props.errors.studentName || props.errors.classCode);

/**
 * `/quiz/:quizId` rendered in one go, every part as JSX: the definition the cut page below must equal
 * (a test holds them byte for byte). The document around it is the student pages' (studentDocument).
 */
export async function QuizPage(props: QuizProps) {
	const { quiz, draft } = props;
	const askIdentity = asksIdentity(props);
	return (
		<QuizPageWith
			quiz={quiz}
			article={await articlePanel(quiz, props.articleByline)}
			parts={{
				intro: <Intro student={props.student} askIdentity={askIdentity} errors={props.errors} />,
				mapItems: quiz.questions.map((q, i) => <MapItem q={q} n={i + 1} answered={isAnswered(draft, q.id)} />),
				attemptId: props.attemptId,
				identity: <IdentityFields askIdentity={askIdentity} name={props.name} classCode={props.classCode} errors={props.errors} />,
				questions: raw(fromUtf8(writeQuestions(new Utf8Builder(), await questionFrames(quiz), quiz, props.attemptId, draft).finish())),
			}}
		/>
	);
}

/**
 * The whole document of the quiz page for one quiz version, rendered once per isolate and cut where
 * each request puts its own parts (QuizPageParts, in document order), with the question map's
 * entries in both states. A request then renders only its own parts: who is answering, the
 * entries, its attempt id, the identity fields and the questions in its choice order.
 */
interface PageFrame {
	/** The document around the five parts: six pieces, as UTF-8. */
	pieces: Uint8Array[];
	map: { answered: Uint8Array; blank: Uint8Array }[];
}

const PART_COUNT = 5;

/**
 * What is rendered once per quiz version in this isolate (versions are immutable: the key names the
 * content): the article panel, each question's frame and the page's frame (whose stylesheet and
 * script names are the bundle's, the same for the isolate's life). At most MAX_VERSIONS of each are
 * kept, the oldest dropped first; per request only the attempt's own parts are rendered.
 */
const MAX_VERSIONS = 64;
function versionCache<T>() {
	const kept = boundedMemo<Promise<T>>(MAX_VERSIONS);
	return (quiz: PublicQuiz, render: () => Promise<T>): Promise<T> => kept(`${quiz.id}@${quiz.version}`, render);
}

const pageFrames = versionCache<PageFrame>();
function pageFrame(quiz: PublicQuiz, articleByline: string, assets: AssetPaths): Promise<PageFrame> {
	return pageFrames(quiz, async () => {
		const slot = raw(SLOT);
		const page = await html(
			studentDocument(
				quizPageProps(quiz),
				assets,
				<QuizPageWith
					quiz={quiz}
					article={await articlePanel(quiz, articleByline)}
					parts={{ intro: slot, mapItems: slot, attemptId: slot, identity: slot, questions: slot }}
				/>,
			),
		);
		const pieces = `${DOCTYPE}${page}`.split(SLOT);
		if (pieces.length !== PART_COUNT + 1) throw new Error("the quiz page lost one of its slots");
		const map = await Promise.all(
			quiz.questions.map(async (q, i) => ({
				answered: utf8(await html(<MapItem q={q} n={i + 1} answered />)),
				blank: utf8(await html(<MapItem q={q} n={i + 1} answered={false} />)),
			})),
		);
		return { pieces: pieces.map(utf8), map };
	});
}

/** What a request puts into the quiz page: its attempt, who answers, what they answered, what to fix. */
export type QuizDocumentProps = QuizProps & { assets: AssetPaths };

/**
 * The quiz page's document (doctype included) for one request: the frame of its quiz version with
 * this request's parts put in. Equal, byte for byte, to rendering QuizPage inside the student pages'
 * document (studentDocument, views/student/shell.tsx).
 */
export async function quizDocument(props: QuizDocumentProps): Promise<Uint8Array<ArrayBuffer>> {
	const { quiz, draft, errors } = props;
	const [frame, questions] = await Promise.all([pageFrame(quiz, props.articleByline, props.assets), questionFrames(quiz)]);
	const askIdentity = asksIdentity(props);
	const [pieces, out] = [frame.pieces, new Utf8Builder()];
	const piece = (i: number) => out.bytes(pieces[i] ?? EMPTY);
	piece(0);
	if (props.student !== null || errors.summary.length > 0)
		out.text(await html(<Intro student={props.student} askIdentity={askIdentity} errors={errors} />));
	piece(1);
	quiz.questions.forEach((q, i) => {
		const item = frame.map[i];
		if (item) out.bytes(isAnswered(draft, q.id) ? item.answered : item.blank);
	});
	piece(2).text(escaped(props.attemptId));
	piece(3).bytes(await identityFields(askIdentity, props.name, props.classCode, errors));
	piece(4);
	writeQuestions(out, questions, quiz, props.attemptId, draft);
	return piece(5).finish();
}

const EMPTY = new Uint8Array(0);

/** The identity fields of a student who has not joined, before anything was typed: the same for everyone. */
let blankIdentity: Promise<Uint8Array> | undefined;
function identityFields(askIdentity: boolean, name: string, classCode: string, errors: QuizErrors): Promise<Uint8Array> {
	const render = async () =>
		utf8(await html(<IdentityFields askIdentity={askIdentity} name={name} classCode={classCode} errors={errors} />));
	if (askIdentity && name === "" && classCode === "" && !errors.studentName && !errors.classCode) {
		blankIdentity ??= render();
		return blankIdentity;
	}
	return render();
}

function escaped(text: string): string {
	const buffer: [string] = [""];
	escapeToBuffer(text, buffer);
	return buffer[0];
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
	head: Uint8Array;
	tail: Uint8Array;
	choices: ReadonlyMap<string, { on: Uint8Array; off: Uint8Array }>;
	box: { before: Uint8Array; after: Uint8Array } | null;
}

/** Where a frame is cut: characters no question's text can hold in its markup (< and > are escaped there). */
const SLOT = "<slot/>";

/** Where a short answer's box is cut: its value, which is an attribute (escaped as text is; NUL passes unchanged). */
const VALUE_SLOT = "\u0000";

async function split(node: JSX.Element, slot = SLOT): Promise<[Uint8Array, Uint8Array]> {
	const markup = await html(node);
	const at = markup.indexOf(slot);
	if (at < 0) throw new Error("a question frame lost its slot");
	return [utf8(markup.slice(0, at)), utf8(markup.slice(at + slot.length))];
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
				const choices = new Map<string, { on: Uint8Array; off: Uint8Array }>();
				for (const c of q.choices) {
					const type = q.type === "multiple" ? "checkbox" : "radio";
					choices.set(c.id, {
						on: utf8(await html(<Choice type={type} field={field} id={c.id} text={c.text} checked />)),
						off: utf8(await html(<Choice type={type} field={field} id={c.id} text={c.text} checked={false} />)),
					});
				}
				return { head, tail, choices, box: null };
			}),
		),
	);
}

/** The questions of one attempt, added to `out`: each frame with the attempt's choice order and its draft's answers. */
function writeQuestions(out: Utf8Builder, frames: readonly QuestionFrame[], quiz: PublicQuiz, attemptId: string, draft: Draft) {
	quiz.questions.forEach((q, i) => {
		const frame = frames[i];
		if (!frame) return;
		const values = draft[q.id] ?? [];
		out.bytes(frame.head);
		if (frame.box) {
			out
				.bytes(frame.box.before)
				.text(escaped(values[0] ?? ""))
				.bytes(frame.box.after);
		} else {
			for (const c of shuffleChoices(attemptId, q.id, q.type, q.choices)) {
				const markup = frame.choices.get(c.id);
				if (markup) out.bytes(values.includes(c.id) ? markup.on : markup.off);
			}
		}
		out.bytes(frame.tail);
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

/** Whether the draft holds an answer to a question (a typed one that is not only spaces). */
const isAnswered = (draft: Draft, questionId: string) => (draft[questionId] ?? []).some((v) => v.trim() !== "");

/**
 * An entry of the question map: a link to the question, marked answered or blank (the script keeps
 * the marks current; without it they show what the server rendered). The map is also where blank
 * questions are found.
 */
function MapItem({ q, n, answered }: { q: PublicQuiz["questions"][number]; n: number; answered: boolean }) {
	return (
		<li>
			<a href={`#q${n}`} data-map={q.id} class={answered ? "done" : undefined}>
				{`${n}`}
				<span class="visually-hidden">{answered ? ", answered" : ", blank"}</span>
			</a>
		</li>
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

/** A question around its answer controls (`controls`: what writeQuestions puts there per attempt). */
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
