import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { newAttemptId } from "../../domain/attempt-id";
import { publicQuiz, quizSummary } from "../../domain/quiz/public";
import type { Quiz } from "../../domain/quiz/schema";
import type { AppEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { Problem } from "../../http/problem";
import { noteJoinLookup } from "../../http/rate-limit";
import type * as z from "../../lib/z";
import { type AssetPaths, assetPaths, findAsset, IMMUTABLE } from "../../views/assets";
import { MessagePage } from "../../views/layout";
import { JoinPage } from "../../views/student/join";
import { type QuizErrors, QuizPage } from "../../views/student/quiz";
import { ResultPage } from "../../views/student/result";
import { findClassByCode } from "../classes/queries";
import { checkClassCode, checkName, readStudent, writeStudent } from "../join/student-cookie";
import { findQuiz, getCatalog } from "../quizzes/library";
import { MAX_BODY_BYTES } from "./api";
import { type Draft, type FormBody, formToSubmission } from "./form";
import { findAttempt } from "./queries";
import { attemptResult, recordSubmission, submissionSchema } from "./service";

type Ctx = Context<AppEnv>;

/**
 * Compressed on the wire: with Content-Encoding set, workerd (and Cloudflare in production)
 * compresses the body itself, so the Worker never builds a compressed copy.
 */
function encodeForWire(c: Ctx): void {
	const accept = c.req.header("Accept-Encoding") ?? "";
	const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
	if (encoding) c.header("Content-Encoding", encoding);
	c.header("Vary", "Accept-Encoding");
}

/** An HTML page. Pages hold a student's name or a fresh attempt id: never kept by shared caches. */
async function page(c: Ctx, render: (assets: AssetPaths) => Child, status: ContentfulStatusCode = 200, cache = "private, no-cache") {
	const assets = await assetPaths();
	encodeForWire(c);
	c.header("Cache-Control", cache);
	return c.html(render(assets) as string, status);
}

function notFoundPage(c: Ctx, what: string) {
	return page(
		c,
		(assets) => (
			<MessagePage title="Not found" assets={assets}>
				<p>{what}</p>
				<p>
					<a href="/">Go to the list of quizzes</a>
				</p>
			</MessagePage>
		),
		404,
	);
}

/** A class code normalised ("" when none), and why it will not do: too long, or no such class. */
async function checkClass(c: Ctx, raw: string): Promise<{ classCode: string; error?: string }> {
	const code = checkClassCode(raw);
	if (!code.ok) return { classCode: raw, error: code.message };
	if (code.value !== null) await noteJoinLookup(c);
	if (code.value !== null && !(await findClassByCode(c.var.db, code.value))) {
		return {
			classCode: code.value,
			error: `No class has the code “${code.value}”. Check the code your teacher gave you, or leave it empty.`,
		};
	}
	return { classCode: code.value ?? "" };
}

/** Name, class code and quiz from the join form, checked; the class must exist. */
async function checkJoin(c: Ctx, raw: { name: string; classCode: string; quiz: string }) {
	const errors: { name?: string; classCode?: string; quiz?: string } = {};
	const name = checkName(raw.name);
	if (!name.ok) errors.name = name.message;
	const code = await checkClass(c, raw.classCode);
	if (code.error) errors.classCode = code.error;
	if (!(await findQuiz(raw.quiz))) errors.quiz = "That quiz is no longer here. Choose another one.";
	return { errors, name: name.ok ? name.value : raw.name, classCode: code.classCode };
}

async function joinPage(c: Ctx, classCodeFromUrl: string | undefined) {
	const student = readStudent(c);
	const { quizzes } = await getCatalog();
	let classCode = classCodeFromUrl ?? student?.classCode ?? "";
	const errors: { classCode?: string } = {};
	if (classCodeFromUrl !== undefined) {
		// A shared link: say at once if its code is wrong, before the student types anything.
		const checked = await checkClass(c, classCodeFromUrl);
		classCode = checked.classCode;
		if (checked.error) errors.classCode = checked.error;
	}
	return page(c, (assets) => (
		<JoinPage assets={assets} quizzes={quizzes.map(quizSummary)} name={student?.name ?? ""} classCode={classCode} errors={errors} />
	));
}

/** Messages for the quiz form from a failed schema check, by field. */
function formErrors(error: z.core.$ZodError, quiz: Quiz, answers: unknown[]): QuizErrors {
	const out: QuizErrors = { summary: [] };
	const numbers = new Map(quiz.questions.map((q, i) => [q.id, i + 1]));
	for (const issue of error.issues) {
		const [field, index] = issue.path;
		if (field === "studentName") out.studentName = `Your name ${issue.message}.`;
		else if (field === "classCode") out.classCode = `The class code ${issue.message}.`;
		else if (field === "answers" && typeof index === "number") {
			const a = answers[index] as { questionId?: string } | undefined;
			out.summary.push(`Question ${numbers.get(a?.questionId ?? "") ?? index + 1}: the answer ${issue.message}.`);
		} else if (field === "attemptId") out.summary.push("This copy of the quiz is out of date: submit again to send your answers.");
		else out.summary.push(issue.message);
	}
	if (out.studentName) out.summary.unshift(out.studentName);
	if (out.classCode) out.summary.unshift(out.classCode);
	return out;
}

function quizPage(
	c: Ctx,
	quiz: Quiz,
	opts: { attemptId: string; name?: string; classCode?: string; draft?: Draft; errors?: QuizErrors; status?: ContentfulStatusCode },
) {
	const student = readStudent(c);
	return page(
		c,
		(assets) => (
			<QuizPage
				assets={assets}
				quiz={publicQuiz(quiz)}
				attemptId={opts.attemptId}
				student={student}
				name={opts.name ?? student?.name ?? ""}
				classCode={opts.classCode ?? student?.classCode ?? ""}
				draft={opts.draft ?? {}}
				errors={opts.errors ?? { summary: [] }}
			/>
		),
		opts.status ?? 200,
		"no-store",
	);
}

/** The posted form; a body that does not parse as one (a broken multipart body, say) is a 400 page. */
async function readForm(c: Ctx): Promise<FormBody> {
	try {
		return await c.req.parseBody({ all: true });
	} catch {
		throw new Problem(400, "Bad form", "The form could not be read. Go back and submit it again.");
	}
}

/** Forms are small: past the API's limit, a 413 page. */
const formLimit = limitBody(MAX_BODY_BYTES, (c) =>
	page(
		c,
		(assets) => (
			<MessagePage title="Too much to send" assets={assets}>
				<p>This form is larger than a quiz can take. Go back, shorten your typed answers and submit again.</p>
			</MessagePage>
		),
		413,
	),
);

/** An attempt id as the API takes it (lower-cased), or null. */
function attemptIdOrNull(raw: string): string | null {
	const r = submissionSchema.shape.attemptId.safeParse(raw);
	return r.success ? r.data : null;
}

/** The student pages: join, quiz, result, and the two static files they use. Mounted at "/". */
export const pages = new Hono<AppEnv>()
	.get("/static/:file", async (c) => {
		const asset = await findAsset(c.req.path);
		if (!asset) return c.text("Not found", 404);
		encodeForWire(c);
		return c.body(asset.body, 200, { "Content-Type": asset.type, "Cache-Control": IMMUTABLE });
	})
	.get("/", (c) => joinPage(c, c.req.query("class")))
	.get("/join/:code", (c) => joinPage(c, c.req.param("code")))
	.post("/join", formLimit, async (c) => {
		const body = await readForm(c);
		const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
		const checked = await checkJoin(c, { name: str("studentName"), classCode: str("classCode"), quiz: str("quiz") });
		if (Object.keys(checked.errors).length > 0) {
			const { quizzes } = await getCatalog();
			return page(
				c,
				(assets) => (
					<JoinPage
						assets={assets}
						quizzes={quizzes.map(quizSummary)}
						name={str("studentName")}
						classCode={str("classCode")}
						errors={checked.errors}
					/>
				),
				422,
			);
		}
		writeStudent(c, { name: checked.name, classCode: checked.classCode || null });
		return c.redirect(`/quiz/${encodeURIComponent(str("quiz"))}`, 303);
	})
	.get("/quiz/:quizId", async (c) => {
		const quiz = await findQuiz(c.req.param("quizId"));
		if (!quiz) return notFoundPage(c, "There is no such quiz.");
		// A fresh server-issued attempt id: its timestamp is when the quiz was handed out.
		return quizPage(c, quiz, { attemptId: newAttemptId() });
	})
	.post("/quiz/:quizId", formLimit, async (c) => {
		const quiz = await findQuiz(c.req.param("quizId"));
		if (!quiz) return notFoundPage(c, "There is no such quiz.");
		const { input, draft } = formToSubmission(quiz, await readForm(c));
		const keep = {
			attemptId: attemptIdOrNull(input.attemptId) ?? newAttemptId(),
			name: input.studentName,
			classCode: input.classCode,
			draft,
		};
		const parsed = submissionSchema.safeParse(input);
		if (!parsed.success) return quizPage(c, quiz, { ...keep, errors: formErrors(parsed.error, quiz, input.answers), status: 422 });
		try {
			const { result } = await recordSubmission(c.var.db, parsed.data);
			// A replay of the same form lands here too (200 from recordSubmission): same redirect.
			return c.redirect(`/result/${result.attemptId}`, 303);
		} catch (err) {
			if (!(err instanceof Problem)) throw err;
			if (err.status === 409) {
				return page(
					c,
					(assets) => (
						<MessagePage title="Already submitted" assets={assets}>
							<p>These answers were sent before, and that copy of the quiz was then submitted with different answers.</p>
							<p>
								<a href={`/result/${parsed.data.attemptId}`}>See the result that was recorded</a> or{" "}
								<a href={`/quiz/${quiz.id}`}>start this quiz again</a>.
							</p>
						</MessagePage>
					),
					409,
				);
			}
			const onClass = err.extra.errors?.some((e) => e.path === "classCode");
			const errors: QuizErrors = onClass ? { summary: [err.detail], classCode: err.detail } : { summary: [err.detail] };
			return quizPage(c, quiz, { ...keep, errors, status: err.status });
		}
	})
	.get("/result/:attemptId", async (c) => {
		const id = attemptIdOrNull(c.req.param("attemptId"));
		const stored = id ? await findAttempt(c.var.db, id) : null;
		const quiz = stored ? await findQuiz(stored.attempt.quizId) : undefined;
		if (!stored || !quiz) return notFoundPage(c, "There is no result here. Check the link, or take the quiz first.");
		return page(c, (assets) => <ResultPage assets={assets} quiz={quiz} result={attemptResult(quiz, stored)} />);
	})
	.get("*", (c) => (c.req.path.startsWith("/api/") ? c.notFound() : notFoundPage(c, "There is no page at this address.")))
	.onError((err, c) => {
		if (!(err instanceof Problem)) console.error("unhandled error", err);
		const status = err instanceof Problem ? err.status : 500;
		return page(
			c,
			(assets) => (
				<MessagePage title={status === 500 ? "Something went wrong" : "That did not work"} assets={assets}>
					<p>
						{err instanceof Problem ? err.detail : "Something went wrong on our side. Your answers are not lost: go back and try again."}
					</p>
				</MessagePage>
			),
			status,
		);
	});
