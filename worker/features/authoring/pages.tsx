/**
 * "New quiz from an article" in the dashboard: paste an article, review the draft, publish, then
 * the quiz's own page (exports, open for a class, edit, delete). Signed-in teachers only; another
 * teacher's article or quiz is the same "not found" as a missing one. The review form is handled
 * entirely here, without JavaScript: see form.ts.
 */
import { type Context, Hono } from "hono";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { type FormBody, formText, formTexts, readForm } from "../../http/form";
import { type PageOutcome, renderAs } from "../../http/html";
import { idParam } from "../../http/params";
import { badRequest, conflict, notFound, seeOther } from "../../http/problem";
import { DeleteQuizPage, PastePage, type PasteValues, QuizPage, ReviewPage, type ReviewPageProps } from "../../views/teacher/authoring";
import { createArticle } from "../articles/service";
import { requireSession } from "../auth/middleware";
import { listTeacherClasses } from "../classes/queries";
import { applyAction, fromQuestionFiles, placeErrors, type ReviewDraft, readReview, toQuestionInput } from "./form";
import {
	checkReview,
	deleteQuiz,
	openForClass,
	opennessOf,
	publishReview,
	quizOverview,
	type ReviewIssue,
	type ReviewTarget,
	reviewArticle,
	startReview,
} from "./service";

/**
 * 512 KiB, for both forms: an article of 30,000 characters, percent-encoded, and a review of a
 * hundred questions with long explanations each fit in it.
 */
export const AUTHORING_FORM_BYTES = 512 * 1024;
const TOO_LARGE = "This form is larger than Quizline takes. Go back and shorten the article or the questions.";

const PASTE_TITLE = "New quiz from an article";

const noArticle = () => notFound("Article not found", "You have no such article.");
const noQuiz = () => notFound("Quiz not found", "You have no such quiz.");
const deletedQuiz = () =>
	conflict("Quiz deleted", "This quiz was deleted: it takes no new version. Publish a new quiz from the article instead.");

/** The review page with the status of its outcome (a plain success, or the form again with what to fix). */
function renderReview<E extends PageEnv>(c: Context<E>, props: Omit<ReviewPageProps, "script">, outcome?: PageOutcome) {
	const page = <ReviewPage {...props} script={c.var.assets.author} />;
	const title = props.target.kind === "quiz" ? "Edit the quiz" : "Review the draft";
	return outcome ? renderAs(c, outcome, page, { title }) : c.render(page, { title });
}

const noProblems = { bySlot: new Map(), summary: [] };

/** What the review form posts into: the article (hidden `articleId`) or the quiz (hidden `quizId`). */
function targetOf(body: FormBody): ReviewTarget {
	const quizId = formText(body, "quizId");
	const articleId = formText(body, "articleId");
	if (quizId && quizId.length <= 100) return { kind: "quiz", quizId };
	if (articleId && articleId.length <= 100) return { kind: "article", articleId };
	throw badRequest("Bad form", "The form does not say which article or quiz it is about. Go back and reload the page.");
}

/** Problems of a reviewed form, the form's own first, then the check's for fields the form did not already fault. */
function merged(formIssues: readonly { path: string; message: string }[], checked: readonly ReviewIssue[]): ReviewIssue[] {
	const faulted = new Set(formIssues.map((i) => i.path));
	return [...formIssues.map((i) => ({ ...i, live: false })), ...checked.filter((i) => !faulted.has(i.path))];
}

/** The notices the quiz page shows after a redirect (post/redirect/get), by the `notice` query parameter. */
function quizNotice(notice: string | undefined, className: string | undefined, version: string): string | undefined {
	switch (notice) {
		case "published":
			return `Published: version ${version}. Open it for a class below, or download it for another system.`;
		case "opened":
			return `Open for ${className ?? "the class"}: its students can take it now.`;
		case "listed":
			return `${className ?? "The class"} already has this quiz open: nothing changed.`;
		case "everyQuiz":
			return `${className ?? "The class"} opens all your quizzes, this one included: nothing needed to change.`;
		case "deleted":
			return "Deleted.";
		default:
			return undefined;
	}
}

export const authoringPages = new Hono<PageEnv>()
	.use("/articles/*", requireSession)
	.use("/review", requireSession)
	.use("/quizzes/*", requireSession)
	.get("/articles/new", (c) =>
		c.render(<PastePage values={{ title: "", text: "", source: "", date: "" }} issues={[]} />, { title: PASTE_TITLE }),
	)
	.post("/articles", limitBody(AUTHORING_FORM_BYTES, TOO_LARGE), async (c) => {
		const body = await readForm(c);
		const values: PasteValues = formTexts(body, { title: "title", text: "text", source: "source", date: "date" });
		const result = await createArticle(c.var.db, c.var.teacher.teacherId, values);
		if (result.kind === "invalid")
			return renderAs(c, "invalidForm", <PastePage values={values} issues={result.issues} />, { title: PASTE_TITLE });
		return seeOther(c, `/teacher/articles/${result.article.id}/review`);
	})
	.get("/articles/:articleId/review", idParam("articleId"), async (c) => {
		const target: ReviewTarget = { kind: "article", articleId: c.req.valid("param").articleId };
		const source = await startReview(c.var.db, c.var.teacher.teacherId, target);
		if (source.kind !== "found") throw noArticle();
		const draft: ReviewDraft = { title: source.title, questions: fromQuestionFiles(source.questions) };
		const notice =
			source.questions.length > 0
				? `${source.questions.length} questions drafted from the article. Review each one: edit, move or delete it, add your own, then publish.`
				: "No questions could be drafted from this article: add your own.";
		return renderReview(c, { target, article: source.article, draft, errors: noProblems, notice });
	})
	.get("/quizzes/:quizId/edit", idParam("quizId"), async (c) => {
		const target: ReviewTarget = { kind: "quiz", quizId: c.req.valid("param").quizId };
		const source = await startReview(c.var.db, c.var.teacher.teacherId, target);
		if (source.kind === "unknown") throw noQuiz();
		if (source.kind === "archived") throw deletedQuiz();
		const draft: ReviewDraft = { title: source.title, questions: fromQuestionFiles(source.questions) };
		return renderReview(c, { target, article: source.article, draft, errors: noProblems });
	})
	.post("/review", limitBody(AUTHORING_FORM_BYTES, TOO_LARGE), async (c) => {
		const body = await readForm(c);
		const target = targetOf(body);
		const teacherId = c.var.teacher.teacherId;
		const found = await reviewArticle(c.var.db, teacherId, target);
		if (found.kind === "unknown") throw target.kind === "quiz" ? noQuiz() : noArticle();
		if (found.kind === "archived") throw deletedQuiz();
		const { article } = found;
		const read = readReview(body);
		const draft = applyAction(read.draft, read.action);
		const page = { target, article, draft };
		if (read.action.kind !== "check" && read.action.kind !== "publish") return renderReview(c, { ...page, errors: noProblems });

		const input = toQuestionInput(draft, article.paragraphs.length);
		if (read.action.kind === "publish" && input.issues.length === 0) {
			const result = await publishReview(c.var.db, teacherId, target, { title: input.title, questions: input.questions });
			if (result.kind === "published") return seeOther(c, `/teacher/quizzes/${result.quiz.id}?notice=published`);
			if (result.kind === "unknown") throw target.kind === "quiz" ? noQuiz() : noArticle();
			if (result.kind === "archived") throw deletedQuiz();
			return renderReview(c, { ...page, errors: placeErrors(result.issues, draft) }, "invalidForm");
		}
		const issues = merged(input.issues, checkReview(article, input.questions));
		if (issues.length > 0) return renderReview(c, { ...page, errors: placeErrors(issues, draft) }, "invalidForm");
		return renderReview(c, { ...page, errors: noProblems, notice: "The check found no problems. Publish when you are ready." });
	})
	.get("/quizzes/:quizId", idParam("quizId"), async (c) => {
		const { quizId } = c.req.valid("param");
		return quizPage(c, quizId, c.req.query("notice"), c.req.query("class"));
	})
	.post("/quizzes/:quizId/open", idParam("quizId"), limitBody(4 * 1024), async (c) => {
		const { quizId } = c.req.valid("param");
		const classId = formText(await readForm(c), "classId");
		const result = await openForClass(c.var.db, c.var.teacher.teacherId, quizId, classId.slice(0, 100));
		switch (result.kind) {
			case "unknownQuiz":
				throw noQuiz();
			case "archived":
				throw deletedQuiz();
			case "unknownClass":
				return quizPage(c, quizId, undefined, undefined, "Choose one of your classes.");
			case "opened":
				return seeOther(c, `/teacher/quizzes/${quizId}?notice=opened&class=${encodeURIComponent(result.cls.id)}#open`);
			case "alreadyOpen":
				return seeOther(c, `/teacher/quizzes/${quizId}?notice=${result.openness}&class=${encodeURIComponent(result.cls.id)}#open`);
		}
	})
	.get("/quizzes/:quizId/delete", idParam("quizId"), async (c) => {
		const found = await quizOverview(c.var.db, c.var.teacher.teacherId, c.req.valid("param").quizId);
		if (found.kind === "unknown") throw noQuiz();
		return c.render(<DeleteQuizPage quiz={found.quiz} />, { title: `Delete ${found.quiz.title}?` });
	})
	.post("/quizzes/:quizId/delete", idParam("quizId"), limitBody(4 * 1024), async (c) => {
		const { quizId } = c.req.valid("param");
		if (formText(await readForm(c), "confirm") !== "delete") return seeOther(c, `/teacher/quizzes/${quizId}/delete`);
		if (!(await deleteQuiz(c.var.db, c.var.teacher.teacherId, quizId))) throw noQuiz();
		return seeOther(c, `/teacher/quizzes/${quizId}?notice=deleted`);
	});

/** The quiz's page, with the classes it can be opened for; `openError` re-renders it with the open form's problem (a form to fix). */
async function quizPage<E extends PageEnv & { Variables: { teacher: { teacherId: string } } }>(
	c: Context<E>,
	quizId: string,
	notice: string | undefined,
	classId: string | undefined,
	openError?: string,
) {
	const teacherId = c.var.teacher.teacherId;
	const [found, rows] = await Promise.all([quizOverview(c.var.db, teacherId, quizId), listTeacherClasses(c.var.db, teacherId)]);
	if (found.kind === "unknown") throw noQuiz();
	const classes = rows.map(({ cls }) => ({ cls, openness: opennessOf(cls, quizId) }));
	const className = classes.find(({ cls }) => cls.id === classId)?.cls.name;
	const page = (
		<QuizPage
			quiz={found.quiz}
			content={found.content}
			versions={found.versions}
			classes={classes}
			notice={quizNotice(notice, className, found.quiz.version)}
			openError={openError}
		/>
	);
	return openError ? renderAs(c, "invalidForm", page, { title: found.quiz.title }) : c.render(page, { title: found.quiz.title });
}
