/**
 * Quizline's Worker: one chain of sub-apps, so that `AppType` types the tests' client.
 *
 *   /api/quizzes, /api/attempts        the student API (JSON)
 *   /api/admin                         the operator's API
 *   /api/teacher                       the teacher API (token or dashboard cookie)
 *   /export/<token>/<file>             read-only export links
 *   /teacher                           the dashboard (HTML)
 *   /                                  the student pages (HTML) and their static files
 *   scheduled                          the daily clean-up (features/maintenance), once per tenant database
 */
import { Hono } from "hono";
import { createApp } from "./app";
import { everyDatabase } from "./db/tenants";
import type { AppEnv } from "./env";
import { articlesApi } from "./features/articles/api";
import { attemptsApi } from "./features/attempts/api";
import { attemptPages } from "./features/attempts/pages";
import { adminApi } from "./features/auth/admin-api";
import { authPages } from "./features/auth/pages";
import { teacherApiBase } from "./features/auth/teacher-api";
import { authoringPages } from "./features/authoring/pages";
import { classesApi } from "./features/classes/api";
import { classPages, dashboardHome } from "./features/classes/pages";
import { exportLinks } from "./features/exports/links";
import { joinPages } from "./features/join/pages";
import { scheduled } from "./features/maintenance/scheduled";
import { quizzesApi } from "./features/quizzes/api";
import { teacherQuizzesApi } from "./features/quizzes/teacher-api";
import { staticFiles } from "./features/static";
import { formCsrf } from "./http/csrf";
import { noPage, pageRouter } from "./http/html";
import { noRoute } from "./http/problem";
import { studentPages } from "./views/student/shell";
import { teacherPages } from "./views/teacher/shell";

const api = new Hono<AppEnv>()
	.route("/quizzes", quizzesApi)
	.route("/attempts", attemptsApi)
	.route("/admin", adminApi)
	.route("/teacher", teacherApiBase.route("/classes", classesApi).route("/articles", articlesApi).route("/quizzes", teacherQuizzesApi))
	.all("*", noRoute);

const dashboard = pageRouter(teacherPages)
	.use(formCsrf)
	.route("/", dashboardHome)
	.route("/", authPages)
	.route("/classes", classPages)
	.route("/", authoringPages)
	.all("*", noPage("There is no dashboard page at this address."));

const students = pageRouter(studentPages)
	.route("/", staticFiles)
	.route("/", joinPages)
	.route("/", attemptPages)
	.all("*", noPage("There is no page at this address."));

const app = createApp().route("/api", api).route("/export", exportLinks).route("/teacher", dashboard).route("/", students);

export type AppType = typeof app;
/** The app answers `fetch`; `scheduled` runs the daily clean-up (wrangler.toml `[triggers]`) in every tenant's database. The app's route table stays readable. */
export default Object.assign(app, { scheduled: everyDatabase(scheduled) });
