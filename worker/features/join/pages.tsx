import { type Context, Hono } from "hono";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { formText, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { seeOther } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { JoinPage, type JoinProps, joinPageProps } from "../../views/student/join";
import { FORM_LIMIT_BYTES, FORM_TOO_LARGE } from "../attempts/pages";
import { quizzesFor } from "../quizzes/library";
import { checkClass, join } from "./service";
import { readStudent, writeStudent } from "./student-cookie";

/**
 * The join page, listing the quizzes of the class (from a shared link, or the one the student
 * joined before), or the built-in library. A code from a link is checked at once, before the
 * student types anything.
 */
async function joinPage(c: Context<PageEnv>, classCodeFromUrl: string | undefined) {
	const student = readStudent(c);
	const code = classCodeFromUrl ?? student?.classCode ?? undefined;
	const checked = code === undefined ? null : await checkClass(c.var.db, code, joinLimiter(c));
	if (checked?.kind === "rateLimited") throw tooManyJoins();
	const props: JoinProps = {
		quizzes: await quizzesFor(c.var.db, checked?.kind === "ok" ? checked.cls : null),
		name: student?.name ?? "",
		classCode: checked ? (checked.classCode ?? "") : "",
		errors: checked?.kind === "invalid" && classCodeFromUrl !== undefined ? { classCode: checked.message } : {},
	};
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
			const page = (
				<JoinPage quizzes={await quizzesFor(c.var.db, joined.cls)} name={raw.name} classCode={raw.classCode} errors={joined.errors} />
			);
			return renderAs(c, "invalidForm", page, joinPageProps);
		}
		writeStudent(c, { name: joined.name, classCode: joined.classCode });
		return seeOther(c, `/quiz/${encodeURIComponent(joined.quizId)}`);
	});
