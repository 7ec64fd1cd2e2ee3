import { Hono } from "hono";
import { nameField } from "../../domain/names";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { formText, readForm } from "../../http/form";
import { badRequest, seeOther } from "../../http/problem";
import { ClassesPage, ClassPage, SignInPage } from "../../views/teacher/classes";
import { requireSession, withSession } from "../auth/middleware";
import { SMALL_FORM_BYTES } from "../auth/pages";
import { listQuizzes } from "../quizzes/service";
import { loadClass } from "./middleware";
import { listTeacherClasses } from "./queries";
import { classDashboard, createClass } from "./service";

const className = nameField("class");

/** The dashboard's home, `/teacher`: the signed-in teacher's classes and own quizzes, or the sign-in form. */
export const dashboardHome = new Hono<PageEnv>().get("/", withSession, async (c) => {
	const teacher = c.var.teacher;
	if (!teacher) return c.render(<SignInPage />, { title: "Sign in" });
	const [classes, quizzes] = await Promise.all([listTeacherClasses(c.var.db, teacher.teacherId), listQuizzes(c.var.db, teacher.teacherId)]);
	return c.render(<ClassesPage classes={classes} quizzes={quizzes.filter((q) => q.archivedAt === null)} />, { title: "Your classes" });
});

/** `/teacher/classes`: a new class, and one class's page. Signed-in teachers only; a class is loaded (and authorised) once. */
export const classPages = new Hono<PageEnv>()
	.use(requireSession)
	.post("/", limitBody(SMALL_FORM_BYTES), async (c) => {
		const name = className.safeParse(formText(await readForm(c), "name"));
		if (!name.success) {
			throw badRequest("Class name needed", `The class name ${name.error.issues[0]?.message ?? "is not valid"}. Go back and try again.`);
		}
		const result = await createClass(c.var.db, c.var.teacher.teacherId, { name: name.data });
		if (result.kind !== "created") throw badRequest("Class not created", "The class could not be created. Go back and try again.");
		return seeOther(c, `/teacher/classes/${result.cls.id}`);
	})
	.use("/:classId/*", loadClass)
	.get("/:classId", async (c) => {
		const { cls } = c.var;
		const dashboard = await classDashboard(c.var.db, cls, c.req.query("quizId"));
		const joinUrl = `${new URL(c.req.url).origin}/join/${cls.joinCode}`;
		return c.render(<ClassPage cls={cls} joinUrl={joinUrl} {...dashboard} />, { title: cls.name });
	});
