/**
 * Quizline's Worker: one chain of sub-apps, so that `AppType` types the tests' client.
 *
 *   /api/quizzes, /api/attempts        the student API (JSON)
 *   /api/admin                         the operator's API
 *   /api/teacher                       the teacher API (token or dashboard cookie)
 *   /export/<token>/<file>             read-only export links
 *   /teacher                           the dashboard (HTML)
 *   /                                  the student pages (HTML) and their static files
 */
import { Hono } from "hono";
import { createApp } from "./app";
import type { AppEnv, PageEnv } from "./env";
import { attemptsApi } from "./features/attempts/api";
import { attemptPages } from "./features/attempts/pages";
import { adminApi } from "./features/auth/admin-api";
import { authPages } from "./features/auth/pages";
import { teacherApiBase } from "./features/auth/teacher-api";
import { classesApi } from "./features/classes/api";
import { classPages, dashboardHome } from "./features/classes/pages";
import { exportLinks } from "./features/exports/links";
import { joinPages } from "./features/join/pages";
import { quizzesApi } from "./features/quizzes/api";
import { staticFiles } from "./features/static";
import { formCsrf } from "./http/csrf";
import { cacheControl, compressPages, htmlErrors, pages } from "./http/html";
import { noRoute, notFound } from "./http/problem";
import { studentErrorFrame, studentShell } from "./views/student/shell";
import { teacherErrorFrame, teacherShell } from "./views/teacher/shell";

const api = new Hono<AppEnv>()
	.route("/quizzes", quizzesApi)
	.route("/attempts", attemptsApi)
	.route("/admin", adminApi)
	.route("/teacher", teacherApiBase.route("/classes", classesApi))
	.all("*", (c) => {
		throw noRoute(c);
	});

const dashboard = new Hono<PageEnv>()
	.use(pages(teacherShell), cacheControl("no-store"), formCsrf)
	.onError(htmlErrors({ href: "/teacher", label: "Back to your classes" }, teacherErrorFrame))
	.route("/", dashboardHome)
	.route("/", authPages)
	.route("/classes", classPages)
	.all("*", () => {
		throw notFound("Not found", "There is no dashboard page at this address.");
	});

const studentPages = new Hono<PageEnv>()
	.use(pages(studentShell), compressPages, cacheControl("private, no-cache"))
	.onError(htmlErrors({ href: "/", label: "Go to the list of quizzes" }, studentErrorFrame))
	.route("/", staticFiles)
	.route("/", joinPages)
	.route("/", attemptPages)
	.all("*", () => {
		throw notFound("Not found", "There is no page at this address.");
	});

const app = createApp().route("/api", api).route("/export", exportLinks).route("/teacher", dashboard).route("/", studentPages);

export type AppType = typeof app;
export default app;
