import type { Child } from "hono/jsx";
import type { PageEnv } from "../../env";
import type { PageRouterOptions, Shell } from "../../http/html";
import { Document, Message } from "../layout";

/** The student pages' document: each page brings its own header and main (the quiz page's are special). */
export const studentShell: Shell<PageEnv> = (c, props, content) => (
	<Document {...props} assets={c.var.assets}>
		{content}
	</Document>
);

/** How an error looks among the student pages: a short message page. */
export const studentErrorFrame = (title: string, body: Child) => <Message title={title}>{body}</Message>;

/** The student pages: this shell, these errors, and "back" to the list of quizzes. */
export const studentPages: PageRouterOptions<PageEnv> = {
	shell: studentShell,
	errorFrame: studentErrorFrame,
	home: { href: "/", label: "Go to the list of quizzes" },
};
