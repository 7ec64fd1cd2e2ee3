import { type Context, Hono, type Env as HonoEnv } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { type ClassRow, REVIEW_LEVELS, REVIEW_TIMES } from "../../db/schema";
import { describeIssue } from "../../domain/issues";
import { nameField, normaliseName, studentKey } from "../../domain/names";
import { DEFAULT_TIME_ZONE, fromLocalInput, knownTimeZone, timeZoneNames } from "../../domain/time-zone";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { type FormBody, formText, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { idParam, idSchema } from "../../http/params";
import { badRequest, notFound, seeOther } from "../../http/problem";
import { validate } from "../../http/validate";
import * as z from "../../lib/z";
import { ClassesPage, ClassPage, SignInPage } from "../../views/teacher/classes";
import { DeleteStudentPage, QuestionPage, StudentPage } from "../../views/teacher/drilldown";
import {
	SettingsPage,
	type SettingsPageProps,
	type SettingsSection,
	savedSentence,
	type TimeZoneChoice,
} from "../../views/teacher/settings";
import { requireSession, withSession } from "../auth/middleware";
import { SMALL_FORM_BYTES } from "../auth/pages";
import type { TeacherIdentity } from "../auth/queries";
import { listQuizzes } from "../quizzes/service";
import { rosterPages } from "../roster/pages";
import { statusPages } from "../status/pages";
import {
	ATTEMPT_SETS,
	classDashboard,
	questionDrilldown,
	removeStudentByKey,
	settingsChoices,
	studentDrilldown,
	TABLE_SORTS,
} from "./dashboard-service";
import { loadClass } from "./middleware";
import { listTeacherClasses } from "./queries";
import { changeClass, createClass, type DeleteResult, removeClass, removeStudent } from "./service";

const className = nameField("class");

/** The time zone the dashboard shows times in: chosen on the settings page, or taken from the browser by dashboard.client.js. */
const TIME_ZONE_COOKIE = "quizline_tz";

function timeZoneOf<E extends HonoEnv>(c: Context<E>): TimeZoneChoice {
	const raw = getCookie(c, TIME_ZONE_COOKIE);
	const name = raw === undefined ? null : knownTimeZone(raw);
	return name === null ? { name: DEFAULT_TIME_ZONE, chosen: false } : { name, chosen: true };
}

/** Every value of a repeated form field (checkboxes), text only. */
function formTexts(body: FormBody, name: string): string[] {
	const value = body[name];
	return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string");
}

/** A form no page of ours sends (a field missing, a value no control offers): a bad request, shown as a page. */
const tampered = (what: string) => badRequest("That form was not valid", `${what} Go back, reload the page and try again.`);

/** The dashboard's home, `/teacher`: the signed-in teacher's classes and own quizzes, or the sign-in form. */
export const dashboardHome = new Hono<PageEnv>().get("/", withSession, async (c) => {
	const teacher = c.var.teacher;
	if (!teacher) return c.render(<SignInPage />, { title: "Sign in" });
	const [classes, quizzes] = await Promise.all([listTeacherClasses(c.var.db, teacher.teacherId), listQuizzes(c.var.db, teacher.teacherId)]);
	const deleted = c.req.query("deleted");
	return c.render(
		<ClassesPage
			classes={classes}
			quizzes={quizzes.filter((q) => q.archivedAt === null)}
			notice={deleted ? `Deleted the class ${deleted.slice(0, 100)} and all its attempts.` : null}
		/>,
		{ title: "Your classes" },
	);
});

const pageNumber = z.pipe(z.string().check(z.regex(/^[1-9][0-9]{0,5}$/, "must be a page number")), z.transform(Number));

/** What the class page's address may carry. */
const viewSchema = z.object({
	quizId: z.optional(idSchema),
	set: z._default(z.enum(ATTEMPT_SETS), "first"),
	sort: z._default(z.enum(TABLE_SORTS), "name"),
	dir: z._default(z.enum(["asc", "desc"]), "asc"),
	page: z._default(pageNumber, 1),
	deleted: z.optional(z.string().check(z.regex(/^[0-9]{1,6}$/))),
	student: z.optional(z.string().check(z.maxLength(200))),
});

const SETTINGS_SECTIONS = ["name", "quizzes", "closing", "attempts", "review", "name-picker", "time-zone", "delete"] as const;

const questionQuery = z.object({ quizId: idSchema, set: z._default(z.enum(ATTEMPT_SETS), "first") });
/** A student's key in a path: their name, case-folded (URL-encoded by the links). */
const studentParam = z.object({ key: z.string().check(z.minLength(1), z.maxLength(256)) });

/** A class's pages, after requireSession and loadClass. */
type ClassPagesEnv = { Bindings: Env; Variables: PageEnv["Variables"] & { teacher: TeacherIdentity; cls: ClassRow } };

/** The settings page, with a notice after a change or the problem with the form just sent (then with its status). */
async function settingsPage<E extends ClassPagesEnv>(c: Context<E>, extra: Pick<SettingsPageProps, "notice" | "error"> = {}) {
	const { cls } = c.var;
	const choices = await settingsChoices(c.var.db, cls);
	const page = (
		<>
			<SettingsPage cls={cls} zone={timeZoneOf(c)} zones={timeZoneNames()} now={new Date()} {...choices} {...extra} />
			<script src={c.var.assets.dashboard} defer />
		</>
	);
	const props = { title: `Settings of ${cls.name}` };
	return extra.error ? renderAs(c, "invalidForm", page, props) : c.render(page, props);
}

/** Back to the settings page after a change, at the section changed. */
const saved = <E extends HonoEnv>(c: Context<E>, classId: string, section: SettingsSection) =>
	seeOther(c, `/teacher/classes/${encodeURIComponent(classId)}/settings?saved=${section}#${section}`);

/** `/teacher/classes`: a new class, and one class's pages. Signed-in teachers only; a class is loaded (and authorised) once. */
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
	.route("/:classId", statusPages)
	.route("/:classId", rosterPages)
	.get("/:classId", validate("query", viewSchema), async (c) => {
		const { cls } = c.var;
		const view = c.req.valid("query");
		const dashboard = await classDashboard(c.var.db, cls, view);
		const joinUrl = `${new URL(c.req.url).origin}/join/${cls.joinCode}`;
		const notice =
			view.deleted === undefined
				? null
				: `Deleted ${view.deleted === "1" ? "1 attempt" : `${view.deleted} attempts`}${view.student ? ` of ${view.student}` : ""}.`;
		if (dashboard.results?.cache) c.header("Server-Timing", `stats;desc="${dashboard.results.cache}"`);
		return c.render(
			<>
				<ClassPage cls={cls} joinUrl={joinUrl} dashboard={dashboard} zone={timeZoneOf(c)} now={new Date()} notice={notice} />
				<script src={c.var.assets.dashboard} defer />
			</>,
			{ title: cls.name },
		);
	})
	// ---- settings: one form each, posted, then back to the page (post/redirect/get)
	.get("/:classId/settings", validate("query", z.object({ saved: z.optional(z.enum(SETTINGS_SECTIONS)) })), async (c) => {
		const { saved: section } = c.req.valid("query");
		return settingsPage(c, { notice: section ? savedSentence(section) : null });
	})
	.post("/:classId/settings/name", limitBody(SMALL_FORM_BYTES), async (c) => {
		const raw = formText(await readForm(c), "name");
		const name = className.safeParse(raw);
		if (!name.success) {
			const message = `The class name ${name.error.issues[0]?.message ?? "is not valid"}.`;
			return settingsPage(c, { error: { section: "name", message, value: raw.slice(0, 200) } });
		}
		await changeClass(c.var.db, c.var.cls, { name: name.data });
		return saved(c, c.var.cls.id, "name");
	})
	.post("/:classId/settings/quizzes", limitBody(32 * 1024), async (c) => {
		const body = await readForm(c);
		const scope = formText(body, "scope");
		if (scope !== "all" && scope !== "chosen") throw tampered("Choose every quiz or only the quizzes ticked.");
		const ids = formTexts(body, "quizId");
		if (ids.length > 200 || ids.some((id) => !idSchema.safeParse(id).success)) throw tampered("The list of quizzes is not valid.");
		const result = await changeClass(c.var.db, c.var.cls, { openQuizIds: scope === "all" ? null : [...new Set(ids)] });
		if (result.kind === "unknownQuizzes") {
			const message = `Not saved: ${result.issues.map(describeIssue).join("; ")}. The list below is as it is now.`;
			return settingsPage(c, { error: { section: "quizzes", message } });
		}
		return saved(c, c.var.cls.id, "quizzes");
	})
	.post("/:classId/settings/closing", limitBody(SMALL_FORM_BYTES), async (c) => {
		const body = await readForm(c);
		const action = formText(body, "action");
		const zone = knownTimeZone(formText(body, "timeZone"));
		if ((action !== "save" && action !== "clear") || zone === null) throw tampered("The closing time form is missing a field.");
		const raw = formText(body, "closesAt").trim();
		if (action === "clear" || raw === "") {
			await changeClass(c.var.db, c.var.cls, { closesAt: null });
			return saved(c, c.var.cls.id, "closing");
		}
		const closesAt = fromLocalInput(raw, zone);
		if (closesAt === null) {
			const message = "Enter a date and a time, such as 2026-12-24 16:00, or leave the field empty for no closing time.";
			return settingsPage(c, { error: { section: "closing", message, value: raw.slice(0, 40) } });
		}
		await changeClass(c.var.db, c.var.cls, { closesAt });
		return saved(c, c.var.cls.id, "closing");
	})
	.post("/:classId/settings/open", limitBody(SMALL_FORM_BYTES), async (c) => {
		const action = formText(await readForm(c), "action");
		if (action !== "close" && action !== "reopen") throw tampered("Choose to close the class or to reopen it.");
		await changeClass(c.var.db, c.var.cls, { closesAt: action === "close" ? new Date() : null });
		return saved(c, c.var.cls.id, "closing");
	})
	.post("/:classId/settings/attempts", limitBody(SMALL_FORM_BYTES), async (c) => {
		const raw = formText(await readForm(c), "maxAttempts").trim();
		const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
		if (raw !== "" && !(n >= 1 && n <= 100)) {
			const message = "The attempt limit must be a whole number from 1 to 100, or empty for no limit.";
			return settingsPage(c, { error: { section: "attempts", message, value: raw.slice(0, 20) } });
		}
		await changeClass(c.var.db, c.var.cls, { maxAttempts: raw === "" ? null : n });
		return saved(c, c.var.cls.id, "attempts");
	})
	.post("/:classId/settings/review", limitBody(SMALL_FORM_BYTES), async (c) => {
		const body = await readForm(c);
		const review = REVIEW_LEVELS.find((l) => l === formText(body, "review"));
		const reviewAfter = REVIEW_TIMES.find((t) => t === formText(body, "reviewAfter"));
		if (!review || !reviewAfter) throw tampered("Choose what students see and when.");
		await changeClass(c.var.db, c.var.cls, { review, reviewAfter });
		return saved(c, c.var.cls.id, "review");
	})
	.post("/:classId/settings/name-picker", limitBody(SMALL_FORM_BYTES), async (c) => {
		const values = formTexts(await readForm(c), "namePicker");
		if (values.length === 0 || values.some((v) => v !== "on" && v !== "off")) throw tampered("The name picker form is not valid.");
		await changeClass(c.var.db, c.var.cls, { namePicker: values.includes("on") });
		return saved(c, c.var.cls.id, "name-picker");
	})
	.post("/:classId/settings/time-zone", limitBody(SMALL_FORM_BYTES), async (c) => {
		const zone = knownTimeZone(formText(await readForm(c), "timeZone"));
		if (zone === null) throw tampered("That is not a time zone this server knows.");
		setCookie(c, TIME_ZONE_COOKIE, zone, { path: "/teacher", secure: true, httpOnly: true, sameSite: "Strict", maxAge: 365 * 86_400 });
		return saved(c, c.var.cls.id, "time-zone");
	})
	.post("/:classId/delete", limitBody(SMALL_FORM_BYTES), async (c) => {
		const { cls } = c.var;
		const typed = formText(await readForm(c), "confirm");
		const result: DeleteResult = await removeClass(c.var.db, cls, normaliseName(typed));
		if (result.kind === "confirmationNeeded") {
			const message = `That is not the class name. Type ${cls.name} exactly to delete the class.`;
			return settingsPage(c, { error: { section: "delete", message, value: typed.slice(0, 200) } });
		}
		return seeOther(c, `/teacher?${new URLSearchParams({ deleted: cls.name })}`);
	})
	// ---- drill-downs
	.get("/:classId/questions/:questionId", idParam("questionId"), validate("query", questionQuery), async (c) => {
		const { cls } = c.var;
		const { quizId, set } = c.req.valid("query");
		const { questionId } = c.req.valid("param");
		const d = await questionDrilldown(c.var.db, cls, quizId, questionId, set);
		if (d.kind === "notFound") throw notFound("Question not found", `There is no question ${questionId} in quiz ${quizId} of ${cls.name}.`);
		c.header("Server-Timing", `stats;desc="${d.cache}"`);
		return c.render(<QuestionPage cls={cls} d={d} />, { title: `Question ${d.number}: ${d.quiz.title}` });
	})
	.get("/:classId/students/:key", validate("param", studentParam), async (c) => {
		const { cls } = c.var;
		const { key } = c.req.valid("param");
		const d = await studentDrilldown(c.var.db, cls, key);
		if (d.kind === "notFound") throw notFound("Student not found", `Nobody has an attempt under the name ${key} in ${cls.name}.`);
		return c.render(<StudentPage cls={cls} d={d} zone={timeZoneOf(c)} />, { title: `${d.name} in ${cls.name}` });
	})
	.get("/:classId/students/:key/delete", validate("param", studentParam), async (c) => {
		const { cls } = c.var;
		const { key } = c.req.valid("param");
		const d = await studentDrilldown(c.var.db, cls, key);
		if (d.kind === "notFound") throw notFound("Student not found", `Nobody has an attempt under the name ${key} in ${cls.name}.`);
		return c.render(<DeleteStudentPage cls={cls} d={d} />, { title: `Delete the attempts of ${d.name}?` });
	})
	.post("/:classId/students/:key/delete", validate("param", studentParam), limitBody(SMALL_FORM_BYTES), async (c) => {
		const { cls } = c.var;
		const { key } = c.req.valid("param");
		if (formText(await readForm(c), "confirm") !== "yes") throw tampered("Confirm the deletion with the button on the confirmation page.");
		const d = await studentDrilldown(c.var.db, cls, key);
		// Sent twice (a reload): nothing is left to delete, and the class page says so.
		const name = d.kind === "found" ? d.name : key;
		// The API's service deletes by name; a key stored under an older rule for names is deleted as it is stored.
		const deleted =
			d.kind === "notFound"
				? 0
				: studentKey(d.name) === key
					? (await removeStudent(c.var.db, cls, d.name)).deleted
					: await removeStudentByKey(c.var.db, cls, key);
		return seeOther(
			c,
			`/teacher/classes/${encodeURIComponent(cls.id)}?${new URLSearchParams({ deleted: String(deleted), student: name })}`,
		);
	});
