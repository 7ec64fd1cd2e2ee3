import { type Context, Hono } from "hono";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { formText, formTexts, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { seeOther } from "../../http/problem";
import { joinLimiter, tooManyJoins } from "../../http/rate-limit";
import { type JoinErrors, JoinPage, type JoinWho, joinPageProps } from "../../views/student/join";
import { FORM_LIMIT_BYTES, FORM_TOO_LARGE } from "../attempts/pages";
import { quizzesFor } from "../quizzes/library";
import { type CodeCheck, checkCode, identifyBy, join } from "./service";
import { readStudent, type Student, writeStudent } from "./student-cookie";

/** What the student typed or chose last, to show again. */
interface Typed {
	name: string;
	classCode: string;
	personalCode: string;
	pick: string;
}

/** How the join form asks who the student is, given what their code opened. */
function whoFor(code: CodeCheck | null, typed: Typed): JoinWho {
	if (code?.kind === "personal") {
		return { kind: "personal", className: code.cls.name, studentName: code.student.name, code: code.student.code };
	}
	if (code?.kind === "class") {
		const ask = identifyBy(code.cls, code.roster);
		const className = code.cls.name;
		if (ask === "pickName") return { kind: "pickName", className, classCode: code.classCode, roster: code.roster, picked: typed.pick };
		if (ask === "personalCode") return { kind: "personalCode", className, classCode: code.classCode, personalCode: typed.personalCode };
		return { kind: "typeName", name: typed.name, classCode: code.classCode, className };
	}
	return { kind: "typeName", name: typed.name, classCode: code?.kind === "invalid" ? code.classCode : typed.classCode };
}

const classOf = (code: CodeCheck | null) => (code?.kind === "class" || code?.kind === "personal" ? code.cls : null);

/**
 * The join page, for the code from a shared link (a class's, or a student's own from their card),
 * or the one the student joined with before, or none (the built-in library). A code from a link is
 * checked at once, before the student types anything.
 */
async function joinPage(c: Context<PageEnv>, codeFromUrl: string | undefined) {
	const student: Student | null = readStudent(c);
	const code = codeFromUrl ?? student?.classCode ?? undefined;
	const checked = code === undefined ? null : await checkCode(c.var.db, code, joinLimiter(c));
	if (checked?.kind === "rateLimited") throw tooManyJoins();
	// A student remembered in a class that picks names: their name stays picked.
	const remembered = checked?.kind === "class" ? checked.roster.find((s) => s.name === student?.name) : undefined;
	const typed: Typed = { name: student?.name ?? "", classCode: "", personalCode: "", pick: remembered?.id ?? "" };
	const errors: JoinErrors = checked?.kind === "invalid" && codeFromUrl !== undefined ? { classCode: checked.message } : {};
	const page = <JoinPage quizzes={await quizzesFor(c.var.db, classOf(checked))} who={whoFor(checked, typed)} errors={errors} />;
	return c.render(page, joinPageProps);
}

/** Joining a quiz: `/`, `/join` and `/join/:code` (a shared link or a card's QR code), and the form they post. */
export const joinPages = new Hono<PageEnv>()
	.get("/", (c) => joinPage(c, c.req.query("class")))
	.get("/join", (c) => joinPage(c, c.req.query("class")))
	.get("/join/:code", (c) => joinPage(c, c.req.param("code")))
	.post("/join", limitBody(FORM_LIMIT_BYTES, FORM_TOO_LARGE), async (c) => {
		const body = await readForm(c);
		const typed: Typed = formTexts(body, {
			name: "studentName",
			classCode: "classCode",
			personalCode: "personalCode",
			pick: "rosterStudent",
		});
		const joined = await join(c.var.db, { ...typed, quiz: formText(body, "quiz") }, joinLimiter(c));
		if (joined.kind === "rateLimited") throw tooManyJoins();
		if (joined.kind === "invalid") {
			const page = (
				<JoinPage quizzes={await quizzesFor(c.var.db, classOf(joined.code))} who={whoFor(joined.code, typed)} errors={joined.errors} />
			);
			return renderAs(c, "invalidForm", page, joinPageProps);
		}
		writeStudent(c, { name: joined.name, classCode: joined.classCode });
		return seeOther(c, `/quiz/${encodeURIComponent(joined.quizId)}`);
	});
