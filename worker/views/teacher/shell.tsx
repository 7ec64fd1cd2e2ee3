import type { Child } from "hono/jsx";
import type { DashboardEnv } from "../../env";
import type { PageRouterOptions, Shell } from "../../http/html";
import { TeacherDocument } from "./layout";

/** The dashboard's document: its header names the signed-in teacher, if any. */
export const teacherShell: Shell<DashboardEnv> = (c, props, content) => (
	<TeacherDocument {...props} assets={c.var.assets} nonce={c.var.secureHeadersNonce} teacherName={c.var.teacher?.teacherName}>
		{content}
	</TeacherDocument>
);

/** How an error looks on the dashboard: the message inside the dashboard's own frame. */
export const teacherErrorFrame = (_title: string, body: Child) => <>{body}</>;

/** The dashboard's pages: this shell, these errors, and "back" to the list of classes. */
export const teacherPages: PageRouterOptions<DashboardEnv> = {
	shell: teacherShell,
	errorFrame: teacherErrorFrame,
	home: { href: "/teacher", label: "Back to your classes" },
};
