import { type Context, Hono } from "hono";
import { quizSummary } from "../../domain/quiz/public";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { formText, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { seeOther } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { JoinPage, type JoinProps, joinPageProps } from "../../views/student/join";
import { FORM_LIMIT_BYTES, FORM_TOO_LARGE } from "../attempts/pages";
import { getCatalog } from "../quizzes/library";
import { checkClass, join } from "./service";
import { readStudent, writeStudent } from "./student-cookie";

async function quizList() {
	return (await getCatalog()).quizzes.map(quizSummary);
}

/** The join page; a class code from a shared link is checked at once, before the student types anything. */
async function joinPage(c: Context<PageEnv>, classCodeFromUrl: string | undefined) {
	const student = readStudent(c);
	const props: JoinProps = { quizzes: await quizList(), name: student?.name ?? "", classCode: student?.classCode ?? "", errors: {} };
	if (classCodeFromUrl !== undefined) {
		const checked = await checkClass(c.var.db, classCodeFromUrl, joinLimiter(c));
		if (checked.kind === "rateLimited") throw tooManyJoins();
		props.classCode = checked.classCode ?? "";
		if (checked.kind === "invalid") props.errors.classCode = checked.message;
	}
	return c.render(<JoinPage {...props} />, joinPageProps);
}

/** Joining a quiz: `/`, `/join/:code` (a shared link), and the form they post. */
export const joinPages = new Hono<PageEnv>()
	.get("/", (c) => joinPage(c, c.req.query("class")))
	.get("/join/:code", (c) => joinPage(c, c.req.param("code")))
	.post("/join", limitBody(FORM_LIMIT_BYTES, FORM_TOO_LARGE), async (c) => {
		const body = await readForm(c);
		const raw = { name: formText(body, "studentName"), classCode: formText(body, "classCode"), quiz: formText(body, "quiz") };
		const joined = await join(c.var.db, raw, joinLimiter(c));
		if (joined.kind === "rateLimited") throw tooManyJoins();
		if (joined.kind === "invalid") {
			const page = <JoinPage quizzes={await quizList()} name={raw.name} classCode={raw.classCode} errors={joined.errors} />;
			return renderAs(c, "invalidForm", page, joinPageProps);
		}
		writeStudent(c, { name: joined.name, classCode: joined.classCode });
		return seeOther(c, `/quiz/${encodeURIComponent(joined.quizId)}`);
	});
