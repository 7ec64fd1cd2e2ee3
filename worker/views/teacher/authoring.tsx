/**
 * The dashboard's authoring pages: paste an article, review the drafted questions beside the
 * article, and the published quiz's own page. The review page is one form that works without
 * JavaScript (every button posts it; the server applies the button and renders it again, with each
 * problem beside its field); its script (views/assets/author.client.js) adds the grounding check as
 * the teacher types and "Use selected text as evidence".
 */
import type { Child } from "hono/jsx";
import type { ClassRow, TeacherQuizRow } from "../../db/schema";
import { ARTICLE_LIMITS } from "../../domain/article";
import type { Issue } from "../../domain/issues";
import type { QuestionFile, QuizContent } from "../../domain/quiz/schema";
import {
	actionValue,
	type FieldError,
	landingAfter,
	MAX_POINTS,
	MAX_QUESTIONS,
	MAX_TITLE,
	type PlacedErrors,
	type QuestionDraft,
	type ReviewAction,
	type ReviewDraft,
	type SummaryLine,
} from "../../features/authoring/form";
import type { Openness, ReviewArticle, ReviewTarget } from "../../features/authoring/service";
import { noted } from "../fields";
import { QuoteInParagraph } from "../quote";

/** The article's optional fields: what students see of where it comes from. */
const OPTIONAL_ARTICLE_FIELDS = [
	{ name: "source", label: "Source", hint: "The newspaper or website, as students should see it." },
	{ name: "date", label: "Date", hint: "As the article gives it, e.g. 20 November 2026." },
] as const;

const TYPE_NAMES: Record<QuestionDraft["type"], string> = {
	single: "One correct choice",
	multiple: "Several correct choices",
	true_false: "True or false",
	short: "Short typed answer",
};
const SKILL_NAMES: Record<QuestionDraft["skill"], string> = {
	literal: "Literal (stated in the text)",
	inference: "Inference (read between the lines)",
};

/** The ids an input is described by: its hint, the server's message, the grounding check's message. */
function describedBy(id: string, hint: boolean, errors: readonly FieldError[]): string | undefined {
	const ids = [hint ? `${id}-hint` : "", errors.some((e) => !e.live) ? `${id}-error` : "", errors.some((e) => e.live) ? `${id}-live` : ""];
	return ids.filter(Boolean).join(" ") || undefined;
}

/**
 * A field's messages: the server's (`<id>-error`) and the grounding check's (`<id>-live`, which the
 * page's script replaces as the teacher types, since it runs that same check).
 */
function Errors({ id, errors }: { id: string; errors: readonly FieldError[] }) {
	const server = errors.filter((e) => !e.live).map((e) => e.message);
	const live = errors.filter((e) => e.live).map((e) => e.message);
	return (
		<>
			{server.length > 0 ? (
				<p id={`${id}-error`} class="error">
					{server.join("; ")}
				</p>
			) : null}
			{live.length > 0 ? (
				<p id={`${id}-live`} class="error" data-live="">
					{live.join("; ")}
				</p>
			) : null}
		</>
	);
}

interface FieldProps {
	id: string;
	name: string;
	label: Child;
	value: string;
	errors: readonly FieldError[];
	hint?: string | undefined;
	kind?: "text" | "textarea" | "number";
	rows?: number;
	attrs?: Record<string, string | number | boolean>;
}

/** A labelled control with its hint and its messages, in a `.field` the script finds by `data-slot`. */
function Field({ id, name, label, value, errors, hint, kind = "text", rows = 3, attrs = {} }: FieldProps) {
	const common = {
		id,
		name,
		"aria-invalid": errors.length > 0 ? "true" : undefined,
		"aria-describedby": describedBy(id, Boolean(hint), errors),
		...attrs,
	};
	return (
		<div class="field" data-slot={id}>
			<label for={id}>{label}</label>
			{hint ? (
				<p id={`${id}-hint`} class="hint">
					{hint}
				</p>
			) : null}
			{kind === "textarea" ? (
				<textarea rows={rows} {...common}>
					{value}
				</textarea>
			) : (
				<input type={kind} value={value} autocomplete="off" {...common} />
			)}
			<Errors id={id} errors={errors} />
		</div>
	);
}

function Select(props: {
	id: string;
	name: string;
	label: string;
	value: string;
	options: Record<string, string>;
	errors: readonly FieldError[];
}) {
	const { id, name, label, value, options, errors } = props;
	return (
		<div class="field" data-slot={id}>
			<label for={id}>{label}</label>
			<select id={id} name={name} aria-invalid={errors.length > 0 ? "true" : undefined} aria-describedby={describedBy(id, false, errors)}>
				{Object.entries(options).map(([v, text]) => (
					<option value={v} selected={v === value}>
						{text}
					</option>
				))}
			</select>
			<Errors id={id} errors={errors} />
		</div>
	);
}

/** The list of what to fix, each line a link to its field; announced at once. */
function Summary({ lines, heading }: { lines: readonly SummaryLine[]; heading: string }) {
	if (lines.length === 0) return null;
	return (
		<div class="alert" role="alert" id="error-summary">
			<h2>{heading}</h2>
			<ul>
				{lines.map((l) => (
					<li data-slot={l.slot}>
						<a href={`#${l.target}`}>{l.text}</a>
					</li>
				))}
			</ul>
			<p>Everything you typed is still in the form.</p>
		</div>
	);
}

// ── Paste an article ────────────────────────────────────────────────────────────────────────────

export interface PasteValues {
	title: string;
	text: string;
	source: string;
	date: string;
}

const PASTE_LABELS: Record<keyof PasteValues, string> = { title: "Title", text: "Text", source: "Source", date: "Date" };

/** `/teacher/articles/new`: the article's title, text, source and date; the server stores it and drafts questions from it. */
export function PastePage({ values, issues }: { values: PasteValues; issues: readonly Issue[] }) {
	/** A field of the form by its name, which is also its id and the path of its problems; it shows what was typed. */
	const field = (name: keyof PasteValues) => ({
		id: name,
		name,
		value: values[name],
		errors: issues.filter((i) => i.path === name).map((i): FieldError => ({ message: i.message, live: false })),
	});
	const lines: SummaryLine[] = issues.map((i) => {
		const path = i.path in PASTE_LABELS ? (i.path as keyof PasteValues) : "text";
		return { slot: path, target: path, text: `${PASTE_LABELS[path]}: ${i.message}` };
	});
	return (
		<>
			<p>
				<a href="/teacher">Back to your classes and quizzes</a>
			</p>
			<form method="post" action="/teacher/articles" class="paste" novalidate>
				<Summary lines={lines} heading="The article was not saved" />
				<p>
					Paste a news article. Quizline stores it, drafts questions from it, each grounded in a sentence of the article, and shows you the
					draft to review before anything is published.
				</p>
				<Field {...field("title")} label="Title" attrs={{ required: true, maxlength: ARTICLE_LIMITS.title }} />
				<Field
					{...field("text")}
					label="Text"
					kind="textarea"
					rows={14}
					hint={`Each line is a paragraph. At most ${ARTICLE_LIMITS.characters.toLocaleString("en")} characters.`}
					attrs={{ required: true }}
				/>
				{OPTIONAL_ARTICLE_FIELDS.map(({ name, label, hint }) => (
					<Field {...field(name)} label={noted(label)} hint={hint} attrs={{ maxlength: ARTICLE_LIMITS[name] }} />
				))}
				<button type="submit" class="primary">
					Draft questions
				</button>
			</form>
		</>
	);
}

// ── Review the draft ────────────────────────────────────────────────────────────────────────────

export interface ReviewPageProps {
	target: ReviewTarget;
	article: ReviewArticle;
	draft: ReviewDraft;
	errors: PlacedErrors;
	/** A sentence at the top: how the draft was made, or that the check found nothing. */
	notice?: string | undefined;
	/** The review script's hashed URL. */
	script: string;
}

const REVIEW_ACTION = "/teacher/review";

/** A submit button of the review form; it lands back on what it changed (`formaction` with a fragment), with or without JavaScript. */
function ActionButton(props: { action: ReviewAction; count: number; children: Child; class?: string }) {
	const landing = landingAfter(props.action, props.count);
	return (
		<button
			type="submit"
			name="action"
			value={actionValue(props.action)}
			formaction={landing === null ? undefined : `${REVIEW_ACTION}#${landing}`}
			class={props.class}
		>
			{props.children}
		</button>
	);
}

const noErrors: FieldError[] = [];

/** `/teacher/articles/:id/review` and `/teacher/quizzes/:id/edit`: the article beside the questions, one form, then Publish. */
export function ReviewPage({ target, article, draft, errors, notice, script }: ReviewPageProps) {
	const at = (slot: string) => errors.bySlot.get(slot) ?? noErrors;
	const count = draft.questions.length;
	const byline = [article.source, article.date].filter(Boolean).join(" · ");
	return (
		<>
			<p>
				<a href={target.kind === "quiz" ? `/teacher/quizzes/${target.quizId}` : "/teacher"}>
					{target.kind === "quiz" ? "Back to the quiz, unchanged" : "Back to your classes and quizzes"}
				</a>
			</p>
			<form method="post" action={REVIEW_ACTION} class="review" data-review="" novalidate>
				<Summary
					lines={errors.summary}
					heading={`${errors.summary.length === 1 ? "One thing" : `${errors.summary.length} things`} to fix`}
				/>
				{notice ? (
					<p class="notice" role="status">
						{notice}
					</p>
				) : null}
				{target.kind === "article" ? (
					<input type="hidden" name="articleId" value={target.articleId} />
				) : (
					<input type="hidden" name="quizId" value={target.quizId} />
				)}
				<p>
					Check every question against the article: its evidence is marked in its paragraph. Publishing checks that every quote is in its
					paragraph and every answer among the choices.
				</p>
				{/* The first submit button is the one Enter presses: it checks, it never publishes. */}
				<p>
					<ActionButton action={{ kind: "check" }} count={count}>
						Check without publishing
					</ActionButton>
				</p>
				<Field
					id="title"
					name="title"
					label="Quiz title"
					value={draft.title}
					errors={at("title")}
					attrs={{ required: true, maxlength: MAX_TITLE }}
				/>
				<div class="review-grid">
					<ArticlePanel article={article} byline={byline} />
					<section class="review-questions" aria-labelledby="questions-h">
						<h2 id="questions-h" tabindex={-1}>{`Questions (${count})`}</h2>
						<p id="check-status" class="status" role="status" />
						{count === 0 ? <p>There are no questions yet: add one below.</p> : null}
						{draft.questions.map((q, n) => (
							<QuestionFields q={q} n={n} count={count} paragraphs={article.paragraphs} at={at} />
						))}
						<div class="field add-question" data-slot="questions">
							<label for="add-type">New question</label>
							<div class="row">
								<select id="add-type" name="addType" aria-describedby={describedBy("questions", false, at("questions"))}>
									{Object.entries(TYPE_NAMES).map(([v, text]) => (
										<option value={v}>{text}</option>
									))}
								</select>
								{count < MAX_QUESTIONS ? (
									<ActionButton action={{ kind: "add", type: "single" }} count={count}>
										Add question
									</ActionButton>
								) : null}
							</div>
							<Errors id="questions" errors={at("questions")} />
						</div>
					</section>
				</div>
				<ActionButton action={{ kind: "publish" }} count={count} class="primary">
					{target.kind === "quiz" ? "Publish a new version" : "Publish the quiz"}
				</ActionButton>
			</form>
			<script src={script} defer />
		</>
	);
}

/** The article, numbered by paragraph; it scrolls on its own beside the questions, and text selected in it can become evidence. */
function ArticlePanel({ article, byline }: { article: ReviewArticle; byline: string }) {
	return (
		<section class="review-article" aria-labelledby="article-h" tabindex={0}>
			<h2 id="article-h">{article.title}</h2>
			{byline ? <p class="meta">{byline}</p> : null}
			<p class="use-selection" hidden>
				<button type="button" id="use-selection">
					Use selected text as evidence
				</button>
			</p>
			<ol class="paras">
				{article.paragraphs.map((text, i) => (
					<li id={`p${i + 1}`}>
						<span data-paragraph={i + 1}>{text}</span>
					</li>
				))}
			</ol>
		</section>
	);
}

/** The question's text areas, by their path in the question: each one's label, height, and hint where the label needs one. */
const QUESTION_TEXTS = {
	prompt: { label: "Question", rows: 2 },
	"answer.accepted": {
		label: "Accepted answers",
		rows: 3,
		hint: "One per line. Case, spaces and punctuation are forgiven when answers are marked.",
	},
	explanation: { label: "Explanation", rows: 2, hint: "Shown to students with their result." },
	"evidence.quote": { label: "Quote, word for word from that paragraph", rows: 3 },
} as const;

/** A short number input for a whole number from 1 to `max` (points, a paragraph), with the numeric keyboard on phones. */
const wholeNumber = (max: number) => ({ min: 1, max, step: 1, inputmode: "numeric", class: "short-number" });

interface QuestionFieldsProps {
	q: QuestionDraft;
	n: number;
	count: number;
	paragraphs: readonly string[];
	at: (slot: string) => readonly FieldError[];
}

/** One question as an editable fieldset. Field names are the question's paths in the quiz (`questions[n].evidence.quote`). */
function QuestionFields({ q, n, count, paragraphs, at }: QuestionFieldsProps) {
	const id = `questions-${n}`;
	const name = (field: string) => `questions[${n}].${field}`;
	/**
	 * A field of this question by its path in the question (`evidence.quote`): named by its path in
	 * the quiz, its id the slot errorSlot (domain/quiz/error-slot.ts) files that path's problems
	 * under (`questions-3-evidence-quote`), so the server's and the script's messages land beside it.
	 */
	const slot = (path: string) => {
		const slotId = `${id}-${path.replace(/\./g, "-")}`;
		return { id: slotId, name: name(path), errors: at(slotId) };
	};
	/** One of the question's text areas (QUESTION_TEXTS), holding `value`. */
	const textArea = (path: keyof typeof QUESTION_TEXTS, value: string) => (
		<Field {...slot(path)} {...QUESTION_TEXTS[path]} kind="textarea" value={value} />
	);
	const number = n + 1;
	return (
		<fieldset
			class="question edit"
			id={id}
			data-question={n}
			data-type={q.type}
			data-slot={id}
			aria-describedby={describedBy(id, false, at(id))}
			tabindex={-1}
		>
			<legend>{`Question ${number}`}</legend>
			<Errors id={id} errors={at(id)} />
			<input type="hidden" name={name("id")} value={q.id} />
			<div class="tools">
				{n > 0 ? (
					<ActionButton action={{ kind: "move", index: n, by: -1 }} count={count}>
						Move up<span class="visually-hidden">{` question ${number}`}</span>
					</ActionButton>
				) : null}
				{n < count - 1 ? (
					<ActionButton action={{ kind: "move", index: n, by: 1 }} count={count}>
						Move down<span class="visually-hidden">{` question ${number}`}</span>
					</ActionButton>
				) : null}
				<ActionButton action={{ kind: "delete", index: n }} count={count}>
					Delete<span class="visually-hidden">{` question ${number}`}</span>
				</ActionButton>
			</div>
			<div class="row">
				<Select {...slot("type")} label="Type" value={q.type} options={TYPE_NAMES} />
				<ActionButton action={{ kind: "changeType", index: n }} count={count}>
					Change type<span class="visually-hidden">{` of question ${number}`}</span>
				</ActionButton>
			</div>
			{textArea("prompt", q.prompt)}
			{q.type === "short" ? textArea("answer.accepted", q.accepted) : <ChoiceFields q={q} n={n} count={count} at={at} />}
			{textArea("explanation", q.explanation)}
			<div class="row">
				<Select {...slot("skill")} label="Skill" value={q.skill} options={SKILL_NAMES} />
				<Field {...slot("points")} label={noted("Points", "1 if empty")} kind="number" value={q.points} attrs={wholeNumber(MAX_POINTS)} />
			</div>
			<fieldset class="evidence-fields">
				<legend>Evidence</legend>
				<Field {...slot("evidence.paragraph")} label="Paragraph" kind="number" value={q.paragraph} attrs={wholeNumber(paragraphs.length)} />
				{textArea("evidence.quote", q.quote)}
				<Evidence n={n} paragraphs={paragraphs} paragraph={q.paragraph} quote={q.quote} />
			</fieldset>
		</fieldset>
	);
}

/** The choices of a choice question: each a text, a hidden id, and a radio (one correct) or checkbox (several) that marks it correct. */
function ChoiceFields({ q, n, count, at }: { q: QuestionDraft; n: number; count: number; at: (slot: string) => readonly FieldError[] }) {
	const id = `questions-${n}-choices`;
	const several = q.type === "multiple";
	const editable = q.type !== "true_false";
	return (
		<fieldset class="choices-edit" id={id} data-slot={id} aria-describedby={describedBy(id, true, at(id))}>
			<legend>Choices</legend>
			<p id={`${id}-hint`} class="hint">
				{several ? "Tick every correct choice." : "Mark the correct choice."}
			</p>
			{q.choices.map((c, k) => {
				const textId = `${id}-${k}-text`;
				return (
					<div class="choice-edit">
						<label class="correct" for={`${id}-${k}-correct`}>
							<input
								type={several ? "checkbox" : "radio"}
								id={`${id}-${k}-correct`}
								name={`questions[${n}].answer.choiceIds`}
								value={c.id}
								checked={q.correct.includes(c.id)}
							/>
							Correct<span class="visually-hidden">{`: choice ${k + 1}`}</span>
						</label>
						<input type="hidden" name={`questions[${n}].choices[${k}].id`} value={c.id} data-choice="" />
						<Field id={textId} name={`questions[${n}].choices[${k}].text`} label={`Choice ${k + 1}`} value={c.text} errors={at(textId)} />
						{editable && q.choices.length > 2 ? (
							<ActionButton action={{ kind: "removeChoice", index: n, choice: k }} count={count}>
								Remove<span class="visually-hidden">{` choice ${k + 1}`}</span>
							</ActionButton>
						) : null}
					</div>
				);
			})}
			{editable ? (
				<ActionButton action={{ kind: "addChoice", index: n }} count={count}>
					Add a choice<span class="visually-hidden">{` to question ${n + 1}`}</span>
				</ActionButton>
			) : null}
			<Errors id={id} errors={at(id)} />
		</fieldset>
	);
}

/** The evidence in its paragraph, the quote marked; the script redraws it as the teacher types. */
function Evidence({ n, paragraphs, paragraph, quote }: { n: number; paragraphs: readonly string[]; paragraph: string; quote: string }) {
	const p = /^\s*\d+\s*$/.test(paragraph) ? Number(paragraph) : 0;
	const text = paragraphs[p - 1];
	const wanted = quote.trim();
	const found = text !== undefined && wanted !== "" ? text.indexOf(wanted) : -1;
	return (
		<figure class="evidence" id={`questions-${n}-preview`} data-preview="">
			<figcaption>{text === undefined ? "Choose a paragraph of the article." : `Paragraph ${p}:`}</figcaption>
			{text === undefined ? null : (
				<blockquote>{found < 0 ? <p>{text}</p> : <QuoteInParagraph text={text} quote={wanted} at={found} />}</blockquote>
			)}
		</figure>
	);
}

// ── A published quiz ────────────────────────────────────────────────────────────────────────────

export interface QuizPageProps {
	quiz: TeacherQuizRow;
	content: QuizContent;
	versions: { version: string; createdAt: Date }[];
	classes: { cls: ClassRow; openness: Openness }[];
	notice?: string | undefined;
	/** The "open for a class" form's problem, shown beside its select. */
	openError?: string | undefined;
}

const OPENNESS: Record<Openness, string> = {
	everyQuiz: "Open: this class opens all your quizzes",
	listed: "Open",
	closed: "Not open",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `/teacher/quizzes/:id`: the quiz as published, its exports, the classes it is open for, and Edit and Delete. */
export function QuizPage({ quiz, content, versions, classes, notice, openError }: QuizPageProps) {
	const archived = quiz.archivedAt !== null;
	const api = `/api/teacher/quizzes/${quiz.id}`;
	const closed = classes.filter((c) => c.openness === "closed");
	return (
		<>
			<p>
				<a href="/teacher">Back to your classes and quizzes</a>
			</p>
			{notice ? (
				<p class="notice" role="status">
					{notice}
				</p>
			) : null}
			{archived ? (
				<div class="alert">
					<p>This quiz was deleted: students can no longer start or submit it. Its results and exports are kept.</p>
				</div>
			) : null}
			<p class="meta">
				{`Version ${quiz.version} of ${day(quiz.updatedAt)} · ${quiz.questionCount} questions · from the article “${content.article.title}”`}
			</p>
			<section aria-labelledby="downloads-h">
				<h2 id="downloads-h">Downloads</h2>
				<ul class="exports">
					<li>
						<a class="button" href={`${api}/export.gift`} download>
							Moodle (GIFT)
						</a>
					</li>
					<li>
						<a class="button" href={`${api}/export-qti.zip`} download>
							Canvas and others (QTI zip)
						</a>
					</li>
				</ul>
			</section>
			<section aria-labelledby="classes-h" id="open">
				<h2 id="classes-h">Classes</h2>
				{classes.length === 0 ? (
					<p>
						You have no classes yet. <a href="/teacher">Create one on the dashboard</a>, then open this quiz for it.
					</p>
				) : (
					<div class="scroll">
						<table>
							<caption class="meta">Whether each class's students can take this quiz</caption>
							<thead>
								<tr>
									<th scope="col">Class</th>
									<th scope="col">This quiz</th>
								</tr>
							</thead>
							<tbody>
								{classes.map(({ cls, openness }) => (
									<tr>
										<td>
											<a href={`/teacher/classes/${cls.id}?quizId=${encodeURIComponent(quiz.id)}`}>{cls.name}</a>
										</td>
										<td>{OPENNESS[openness]}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				{classes.some((c) => c.openness === "everyQuiz") ? (
					<p class="hint">
						A class that opens all your quizzes needs no change: this quiz is open for it already, like every quiz you publish.
					</p>
				) : null}
				{!archived && classes.length > 0 ? (
					<form method="post" action={`/teacher/quizzes/${quiz.id}/open`} class="inline" novalidate>
						<div class="field" data-slot="classId">
							<label for="classId">Open for class</label>
							<select
								id="classId"
								name="classId"
								aria-invalid={openError ? "true" : undefined}
								aria-describedby={openError ? "classId-error" : undefined}
							>
								{(closed.length > 0 ? closed : classes).map(({ cls }) => (
									<option value={cls.id}>{cls.name}</option>
								))}
							</select>
							{openError ? (
								<p id="classId-error" class="error">
									{openError}
								</p>
							) : null}
						</div>
						<button type="submit">Open for this class</button>
					</form>
				) : null}
			</section>
			{archived ? null : (
				<section aria-labelledby="change-h">
					<h2 id="change-h">Change</h2>
					<p class="actions">
						<a class="button" href={`/teacher/quizzes/${quiz.id}/edit`}>
							Edit
						</a>
						<a class="button" href={`/teacher/quizzes/${quiz.id}/delete`}>
							Delete
						</a>
					</p>
					<p class="hint">Editing publishes a new version; attempts already made keep the version they were marked on.</p>
				</section>
			)}
			<section aria-labelledby="questions-h">
				<h2 id="questions-h">Questions</h2>
				<ol class="results">
					{content.quiz.questions.map((q, i) => (
						<PublishedQuestion q={q} n={i + 1} paragraphs={content.article.paragraphs} />
					))}
				</ol>
			</section>
			<section aria-labelledby="versions-h">
				<h2 id="versions-h">Versions</h2>
				<ul>
					{versions.map((v) => (
						<li>
							<code>{v.version}</code>
							{` published ${day(v.createdAt)}${v.version === quiz.version ? " (current)" : ""}`}
						</li>
					))}
				</ul>
			</section>
		</>
	);
}

function PublishedQuestion({ q, n, paragraphs }: { q: QuestionFile; n: number; paragraphs: readonly string[] }) {
	const correct = "choiceIds" in q.answer ? new Set(q.answer.choiceIds) : new Set<string>();
	return (
		<li class="outcome right">
			<h3>
				<span class="qn">{`Question ${n} · ${TYPE_NAMES[q.type]}${q.points && q.points > 1 ? ` · ${q.points} points` : ""}`}</span>{" "}
				{q.prompt}
			</h3>
			{"accepted" in q.answer ? (
				<p>{`Accepted: ${q.answer.accepted.join(" · ")}`}</p>
			) : (
				<ul>
					{(q.choices ?? []).map((c) => (
						<li>{correct.has(c.id) ? `✓ ${c.text} (correct)` : c.text}</li>
					))}
				</ul>
			)}
			<p class="why">{q.explanation}</p>
			<Evidence n={n - 1} paragraphs={paragraphs} paragraph={String(q.evidence.paragraph)} quote={q.evidence.quote} />
		</li>
	);
}

/** `/teacher/quizzes/:id/delete`: the confirm step before a quiz is deleted (archived). */
export function DeleteQuizPage({ quiz }: { quiz: TeacherQuizRow }) {
	return (
		<form method="post" action={`/teacher/quizzes/${quiz.id}/delete`}>
			<p>{`Delete “${quiz.title}”? Students can no longer start or submit it. Its attempts, results and exports are kept.`}</p>
			<input type="hidden" name="confirm" value="delete" />
			<p class="actions">
				<button type="submit" class="danger">
					Delete the quiz
				</button>
				<a class="button" href={`/teacher/quizzes/${quiz.id}`}>
					Keep it
				</a>
			</p>
		</form>
	);
}
