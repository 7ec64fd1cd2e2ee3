import { Hono } from "hono";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { attempts } from "./features/attempts/api";
import { pages } from "./features/attempts/pages";
import { admin } from "./features/auth/admin-api";
import { teacher } from "./features/classes/api";
import { teacherPages } from "./features/classes/pages";
import { exportLinks } from "./features/exports/links";
import { quizzes } from "./features/quizzes/api";
import { problemResponse, renderError } from "./http/problem";
import { securityHeaders } from "./http/security";

const app = new Hono<AppEnv>();

app.use(securityHeaders);
app.use(async (c, next) => {
	c.set("db", createDb(c.env.DB));
	await next();
});

app.route("/api/quizzes", quizzes);
app.route("/api/attempts", attempts);
app.route("/api/admin", admin);
app.route("/api/teacher", teacher);
app.route("/export", exportLinks);
app.route("/teacher", teacherPages);
app.route("/", pages);

app.notFound((c) => problemResponse(c, 404, undefined, `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`));
app.onError(renderError);

export default app;
