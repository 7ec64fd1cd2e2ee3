import { Hono } from "hono";
import { createDb } from "./db/client";
import type { AppEnv } from "./env";
import { problemResponse, renderError } from "./errors";
import { securityHeaders } from "./middleware/security";
import { admin } from "./routes/admin";
import { attempts } from "./routes/attempts";
import { exportLinks } from "./routes/export-links";
import { pages } from "./routes/pages";
import { quizzes } from "./routes/quizzes";
import { teacher } from "./routes/teacher";
import { teacherPages } from "./routes/teacher-pages";

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
