import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { countFailures } from "../../http/rate-limit";
import { requireTeacher } from "./middleware";

/** The start of the teacher API: every route behind it has a signed-in teacher on `c.var.teacher`. */
export const teacherApiBase = new Hono<AppEnv>()
	.use(countFailures(), requireTeacher)
	.get("/me", (c) => c.json({ id: c.var.teacher.teacherId, name: c.var.teacher.teacherName }));
