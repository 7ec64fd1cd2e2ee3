import { createMiddleware } from "hono/factory";
import type { ClassRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { notFound } from "../../http/problem";
import type { TeacherIdentity } from "../auth/queries";
import { findClass } from "./service";

/**
 * Loads `:classId` for the signed-in teacher onto `c.var.cls`. Another teacher's class is the same
 * "not found" as a missing one, so a class's existence is never confirmed to someone else.
 */
export const loadClass = createMiddleware<{ Bindings: Env; Variables: AppEnv["Variables"] & { teacher: TeacherIdentity; cls: ClassRow } }>(
	async (c, next) => {
		const classId = c.req.param("classId") ?? "";
		const cls = classId.length <= 100 ? await findClass(c.var.db, c.var.teacher.teacherId, classId) : null;
		if (!cls) throw notFound("Class not found", `You have no class ${classId}.`);
		c.set("cls", cls);
		await next();
	},
);
