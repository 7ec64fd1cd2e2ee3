import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { normaliseName } from "../../domain/names";
import { hashSecret, newSecret } from "../../domain/secrets";
import { histogram } from "../../domain/stats";
import type { AppEnv } from "../../env";
import { noteAuthFailure } from "../../http/rate-limit";
import * as z from "../../lib/z";
import { type AssetPaths, assetPaths } from "../../views/assets";
import { ClassesPage, ClassPage, SignInPage } from "../../views/teacher/classes";
import { assertSameOrigin, SESSION_COOKIE, teacherFromSession, teacherFromToken } from "../auth/middleware";
import { deleteSession, insertSession, type TeacherIdentity } from "../auth/queries";
import { attemptsPage } from "../exports/queries";
import { analyseItems } from "../exports/service";
import { getCatalog } from "../quizzes/library";
import { classOr404, createClass } from "./api";
import { listTeacherClasses } from "./queries";

type Ctx = Context<AppEnv>;

const SESSION_HOURS = 8;
const TABLE_ROWS = 200;

async function html(c: Ctx, render: (assets: AssetPaths) => Child, status: ContentfulStatusCode = 200) {
	const assets = await assetPaths();
	c.header("Cache-Control", "no-store");
	return c.html(render(assets) as string, status);
}

/** The signed-in teacher, or a redirect to the sign-in form. */
async function signedIn(c: Ctx): Promise<TeacherIdentity | null> {
	return teacherFromSession(c, c.var.db);
}

const toSignIn = (c: Ctx) => c.redirect("/teacher", 303);

/**
 * The teacher dashboard. The token is typed once into the sign-in form and exchanged for a session
 * cookie (HttpOnly, Secure, SameSite=Strict, __Host-): it never sits in a page, a script or a URL.
 * Every form post is checked for our own Origin. Exports are plain links to the API, which takes the
 * same cookie.
 */
export const teacherPages = new Hono<AppEnv>()
	.get("/", async (c) => {
		const teacher = await signedIn(c);
		if (!teacher) return html(c, (assets) => <SignInPage assets={assets} nonce={c.var.nonce} />);
		const classes = await listTeacherClasses(c.var.db, teacher.teacherId);
		return html(c, (assets) => <ClassesPage assets={assets} nonce={c.var.nonce} teacherName={teacher.teacherName} classes={classes} />);
	})
	.post("/sign-in", async (c) => {
		assertSameOrigin(c);
		const body = await c.req.parseBody();
		const token = typeof body.token === "string" ? body.token.trim() : "";
		const teacher = token.length > 0 && token.length <= 512 ? await teacherFromToken(c.var.db, token) : null;
		if (!teacher) {
			await noteAuthFailure(c);
			return html(
				c,
				(assets) => <SignInPage assets={assets} nonce={c.var.nonce} error="That token is not valid. Check it and try again." />,
				401,
			);
		}
		const sid = newSecret("qls");
		await insertSession(c.var.db, {
			idHash: await hashSecret(sid),
			tokenId: teacher.tokenId,
			teacherId: teacher.teacherId,
			expiresAt: new Date(Date.now() + SESSION_HOURS * 3_600_000),
		});
		setCookie(c, SESSION_COOKIE, sid, { path: "/", httpOnly: true, secure: true, sameSite: "Strict", maxAge: SESSION_HOURS * 3600 });
		return c.redirect("/teacher", 303);
	})
	.post("/sign-out", async (c) => {
		assertSameOrigin(c);
		const sid = getCookie(c, SESSION_COOKIE);
		if (sid) await deleteSession(c.var.db, await hashSecret(sid), new Date());
		deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
		return c.redirect("/teacher", 303);
	})
	.post("/classes", async (c) => {
		assertSameOrigin(c);
		const teacher = await signedIn(c);
		if (!teacher) return toSignIn(c);
		const body = await c.req.parseBody();
		const name = z
			.pipe(z.pipe(z.string(), z.transform(normaliseName)), z.string().check(z.minLength(1), z.maxLength(80)))
			.safeParse(body.name);
		if (!name.success) return c.redirect("/teacher", 303);
		const cls = await createClass(c.var.db, teacher.teacherId, { name: name.data });
		return c.redirect(`/teacher/classes/${cls.id}`, 303);
	})
	.get("/classes/:classId", async (c) => {
		const teacher = await signedIn(c);
		if (!teacher) return toSignIn(c);
		const cls = await classOr404(c.var.db, teacher.teacherId, c.req.param("classId"));
		const { quizzes } = await getCatalog();
		const asked = c.req.query("quizId");
		const quiz = quizzes.find((q) => q.id === asked) ?? quizzes[0];
		if (!quiz) throw new Error("the quiz catalog is empty");
		const filter = { classId: cls.id, quizId: quiz.id, from: null, to: null };
		const [rows, [analysis]] = await Promise.all([attemptsPage(c.var.db, filter, null, TABLE_ROWS + 1), analyseItems(c.var.db, filter)]);
		const result = analysis?.result;
		return html(c, (assets) => (
			<ClassPage
				assets={assets}
				nonce={c.var.nonce}
				teacherName={teacher.teacherName}
				cls={cls}
				joinUrl={`${new URL(c.req.url).origin}/join/${cls.joinCode}`}
				quizzes={quizzes.map((q) => ({ id: q.id, title: q.title }))}
				quizId={quiz.id}
				attempts={rows.slice(0, TABLE_ROWS)}
				more={rows.length > TABLE_ROWS}
				bins={histogram(analysis?.scoreCounts ?? new Map(), quiz.maxScore)}
				facility={quiz.questions.map((_, i) => ({ label: `Q${i + 1}`, facility: result?.items[i]?.facility ?? null }))}
				stats={{
					attempts: result?.quiz.attempts ?? 0,
					mean: result?.quiz.mean ?? null,
					median: result?.quiz.median ?? null,
					alpha: result?.quiz.cronbachAlpha ?? null,
				}}
			/>
		));
	});
