import type { SecureHeadersVariables } from "hono/secure-headers";
import type { Database } from "./db/client";
import type { ClassRow } from "./db/schema";
import type { TeacherIdentity } from "./features/auth/queries";
import type { AssetPaths } from "./views/assets";

/** The Hono environment shared by the app, every sub-app and every middleware. */
export type AppEnv = {
	Bindings: Env;
	Variables: SecureHeadersVariables & {
		db: Database;
	};
};

/** Routes behind a teacher's sign-in: who is calling, and whether through the dashboard's cookie. */
export type TeacherEnv = {
	Bindings: Env;
	Variables: AppEnv["Variables"] & { teacher: TeacherIdentity; viaSession: boolean };
};

/** Routes about one class: the class, loaded and authorised for the signed-in teacher. */
export type ClassEnv = {
	Bindings: Env;
	Variables: TeacherEnv["Variables"] & { cls: ClassRow };
};

/** HTML routes: the hashed asset URLs the layout links to. */
export type PageEnv = {
	Bindings: Env;
	Variables: AppEnv["Variables"] & { assets: AssetPaths };
};

/** The dashboard's pages: the signed-in teacher, once a sign-in middleware has looked (null: nobody). */
export type DashboardEnv = {
	Bindings: Env;
	Variables: PageEnv["Variables"] & { teacher?: TeacherIdentity | null };
};
