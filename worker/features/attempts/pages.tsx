import { type Context, Hono } from "hono";
import type { Database } from "../../db/client";
import { attemptSecrets, newAttemptId } from "../../domain/attempt-id";
import { type PublicQuiz, publicQuiz } from "../../domain/quiz/public";
import type { Quiz } from "../../domain/quiz/schema";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { type FormBody, formText, readForm } from "../../http/form";
import { type PageOutcome, renderAs, sendDocument } from "../../http/html";
import { notFound, seeOther } from "../../http/problem";
import { joinLimiter, tooManyJoins, tooManyPractice } from "../../http/rate-limit";
import type * as z from "../../lib/z";
import { Message } from "../../views/layout";
import {
	BlankConfirmPage,
	blankConfirmPageProps,
	GO_BACK,
	NEXT_FIELD,
	type QuizRefusal,
	QuizRefusedPage,
	quizRefusedPageProps,
	SUBMIT_ANYWAY,
} from "../../views/student/confirm";
import { byline, type QuizErrors, quizDocument } from "../../views/student/quiz";
import { ResultPage, resultPageProps } from "../../views/student/result";
import { readStudent } from "../join/student-cookie";
import { type FoundQuiz, findQuiz } from "../quizzes/library";
import { MAX_BODY_BYTES, submitGuards } from "./api";
import { type Draft, formToSubmission } from "./form";
import { attemptIdSchema, submissionSchema } from "./schema";
import { findResult, openQuiz, recordSubmission, refusalSentence } from "./service";

/** Forms are small: past the API's limit, a page that says what to do. */
export const FORM_LIMIT_BYTES = MAX_BODY_BYTES;
export const FORM_TOO_LARGE = "This form is larger than a quiz can take. Go back, shorten your typed answers and submit again.";

/** The quiz as students take it now; an unknown or archived one is not found. */
async function quizToTake(db: Database, quizId: string): Promise<FoundQuiz> {
	const found = await findQuiz(db, quizId);
	if (!found) throw notFound("Quiz not found", "There is no such quiz.");
	if (found.archived) throw notFound("Quiz closed", "This quiz no longer takes answers. Ask your teacher which quiz to take.");
	return found;
}

/** Messages for the quiz form from a failed schema check, by field. */
function formErrors(error: z.core.$ZodError, quiz: Quiz, answers: readonly unknown[]): QuizErrors {
	const out: QuizErrors = { summary: [] };
	const numbers = new Map(quiz.questions.map((q, i) => [q.id, i + 1]));
	for (const issue of error.issues) {
		const [field, index] = issue.path;
		if (field === "studentName") out.studentName = `Your name ${issue.message}.`;
		else if (field === "classCode") out.classCode = `The class code ${issue.message}.`;
		else if (field === "answers" && typeof index === "number") {
			const answer = answers[index];
			const questionId = typeof answer === "object" && answer !== null && "questionId" in answer ? answer.questionId : undefined;
			const n = typeof questionId === "string" ? numbers.get(questionId) : undefined;
			out.summary.push(`Question ${n ?? index + 1}: the answer ${issue.message}.`);
		} else if (field === "attemptId") out.summary.push("This copy of the quiz is out of date: submit again to send your answers.");
		else out.summary.push(issue.message);
	}
	if (out.studentName) out.summary.unshift(out.studentName);
	if (out.classCode) out.summary.unshift(out.classCode);
	return out;
}

interface QuizPageState {
	attemptId: string;
	/** Who answers, when not the join cookie's student as it is (a roster student's name from their personal code). */
	student?: { name: string; classCode: string | null } | null;
	name?: string;
	classCode?: string;
	draft?: Draft;
	errors?: QuizErrors;
}

/**
 * What students see of a quiz, built once per quiz object: quizzes are kept per version and isolate
 * (features/quizzes/library.ts), and the page only reads this.
 */
const shownQuizzes = new WeakMap<Quiz, PublicQuiz>();
function shownQuiz(quiz: Quiz): PublicQuiz {
	let shown = shownQuizzes.get(quiz);
	if (shown === undefined) {
		shown = publicQuiz(quiz);
		shownQuizzes.set(quiz, shown);
	}
	return shown;
}

/** The quiz page. It carries a fresh attempt id (or the one being retried): never stored by any cache. */
async function quizPage(c: Context<PageEnv>, quiz: Quiz, state: QuizPageState, outcome?: PageOutcome) {
	const student = state.student === undefined ? readStudent(c) : state.student;
	c.header("Cache-Control", "no-store");
	const page = await quizDocument({
		quiz: shownQuiz(quiz),
		articleByline: byline(quiz.article),
		attemptId: state.attemptId,
		student,
		name: state.name ?? student?.name ?? "",
		classCode: state.classCode ?? student?.classCode ?? "",
		draft: state.draft ?? {},
		errors: state.errors ?? { summary: [] },
		assets: c.var.assets,
	});
	return sendDocument(c, page, outcome);
}

/** The page instead of a quiz the student's class does not take now (forbidden), or has no attempt left for them (a conflict). */
function refusedPage(c: Context<PageEnv>, quiz: { title: string }, refusal: QuizRefusal) {
	const props = { quizTitle: quiz.title, refusal };
	return renderAs(
		c,
		refusal.kind === "noAttemptsLeft" ? "conflict" : "forbidden",
		<QuizRefusedPage {...props} />,
		quizRefusedPageProps(props),
	);
}

/** An attempt id as the API takes it (lower-cased), or null. */
function attemptIdOrNull(raw: string): string | null {
	const r = attemptIdSchema.safeParse(raw);
	return r.success ? r.data : null;
}

/** The form's fields as posted (text only), to be posted again from the blank-question check. */
function postedFields(body: FormBody): [string, string][] {
	const out: [string, string][] = [];
	for (const [name, value] of Object.entries(body)) {
		if (name === NEXT_FIELD) continue;
		for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string") out.push([name, v]);
	}
	return out;
}

/** Taking a quiz without JavaScript (the form posts here) and reading the result. */
export const attemptPages = new Hono<PageEnv>()
	.get("/quiz/:quizId", async (c) => {
		const found = await quizToTake(c.var.db, c.req.param("quizId"));
		const { quiz } = found;
		// Refused now rather than after every answer is typed: a closed class, a quiz it does not offer, no attempts left.
		const student = readStudent(c);
		const opening = await openQuiz(c.var.db, found, student, joinLimiter(c));
		// A fresh server-issued attempt id: its timestamp is when the quiz was handed out.
		const attemptId = await newAttemptId(attemptSecrets(c.env).current);
		switch (opening.kind) {
			case "open":
				return quizPage(c, quiz, {
					attemptId,
					student: student && opening.rosterName ? { ...student, name: opening.rosterName } : student,
				});
			case "rateLimited":
				throw tooManyJoins();
			case "unknownClass":
			case "classRequired":
				// The code the student joined with is unknown now, or this quiz needs one: the form asks for it, beside the field.
				return quizPage(c, quiz, { attemptId, errors: { summary: [], classCode: refusalSentence(opening) } });
			case "classClosed":
				return refusedPage(c, quiz, opening);
			case "quizNotOpen":
				return refusedPage(c, quiz, opening);
			case "noAttemptsLeft":
				return refusedPage(c, quiz, { ...opening, sentence: refusalSentence(opening) });
		}
	})
	.post("/quiz/:quizId", limitBody(FORM_LIMIT_BYTES, FORM_TOO_LARGE), async (c) => {
		const { quiz } = await quizToTake(c.var.db, c.req.param("quizId"));
		const body = await readForm(c);
		const next = formText(body, NEXT_FIELD);
		const { input, draft } = formToSubmission(quiz, body);
		const keep = {
			attemptId: attemptIdOrNull(input.attemptId) ?? (await newAttemptId(attemptSecrets(c.env).current)),
			name: input.studentName ?? "",
			classCode: input.classCode,
			draft,
		};
		// "Go back" from the blank-question check: the form again, every answer in place.
		if (next === GO_BACK) return quizPage(c, quiz, keep);
		const parsed = submissionSchema.safeParse(input);
		if (!parsed.success) return quizPage(c, quiz, { ...keep, errors: formErrors(parsed.error, quiz, input.answers) }, "invalidForm");
		const answered = new Set(parsed.data.answers.map((a) => a.questionId));
		const blanks = quiz.questions.flatMap((q, i) => (answered.has(q.id) ? [] : [{ n: i + 1, prompt: q.prompt }]));
		if (blanks.length > 0 && next !== SUBMIT_ANYWAY) {
			const confirm = { quizId: quiz.id, quizTitle: quiz.title, total: quiz.questions.length, blanks, fields: postedFields(body) };
			c.header("Cache-Control", "no-store");
			return c.render(<BlankConfirmPage {...confirm} />, blankConfirmPageProps(confirm));
		}
		const outcome = await recordSubmission(c.var.db, parsed.data, submitGuards(c));
		switch (outcome.kind) {
			case "stored":
			case "replayed":
				// A replay of the same form lands here too: the same redirect.
				return seeOther(c, `/result/${outcome.result.attemptId}`);
			case "rateLimited":
				throw tooManyJoins();
			case "practiceLimited":
				throw tooManyPractice();
			case "conflict": {
				const page = (
					<Message title="Already submitted">
						<p>These answers were sent before, and that copy of the quiz was then submitted with different answers.</p>
						<p>
							<a href={`/result/${outcome.attemptId}`}>See the result that was recorded</a> or{" "}
							<a href={`/quiz/${quiz.id}`}>start this quiz again</a>.
						</p>
					</Message>
				);
				return renderAs(c, "conflict", page, { title: "Already submitted" });
			}
			case "unknownClass":
			case "classRequired":
			case "notOnRoster": {
				const sentence = refusalSentence(outcome);
				return quizPage(c, quiz, { ...keep, errors: { summary: [sentence], classCode: sentence } }, "invalidForm");
			}
			case "noAttemptsLeft":
				// Nothing to fix on the form: a page that says so, instead of the answers again.
				return refusedPage(c, quiz, { ...outcome, sentence: refusalSentence(outcome) });
			case "unissuedId": {
				// A copy of the form whose id this server did not sign: the form again, answers kept, with an id it did.
				const fresh = await newAttemptId(attemptSecrets(c.env).current);
				return quizPage(c, quiz, { ...keep, attemptId: fresh, errors: { summary: [refusalSentence(outcome)] } }, "invalidForm");
			}
			default: {
				// Closed class, quiz not open, answers that do not fit: said at the top of the form, answers kept.
				const how = { classClosed: "forbidden", quizNotOpen: "forbidden" } as const;
				const errors = { summary: [refusalSentence(outcome)] };
				return quizPage(
					c,
					quiz,
					{ ...keep, errors },
					outcome.kind === "invalidAnswers" || outcome.kind === "unknownQuiz" ? "invalidForm" : how[outcome.kind],
				);
			}
		}
	})
	.get("/result/:attemptId", async (c) => {
		const id = attemptIdOrNull(c.req.param("attemptId"));
		const found = id ? await findResult(c.var.db, id) : { kind: "notFound" as const };
		if (found.kind === "notFound") throw notFound("Result not found", "There is no result here. Check the link, or take the quiz first.");
		const onlyWrong = c.req.query("only") === "wrong";
		// The view gets the result as its policy shows it now and the public quiz: no answer key to slip out.
		const page = <ResultPage quiz={publicQuiz(found.quiz)} result={found.result} canRetry={found.canRetry} onlyWrong={onlyWrong} />;
		return c.render(page, resultPageProps(found.result));
	});
