import type { Child } from "hono/jsx";
import type { PageEnv } from "../../env";
import type { PageRouterOptions, Shell } from "../../http/html";
import type { AssetPaths } from "../assets";
import { Document, Message, type PageProps } from "../layout";

/**
 * The student pages' document around a page's content: each page brings its own header and main (the
 * quiz page's are special). The quiz page renders its frame with it too, once per version
 * (views/student/quiz.tsx), so every student page has the same document.
 */
export const studentDocument = (props: PageProps, assets: AssetPaths, content: Child) => (
	<Document {...props} assets={assets}>
		{content}
	</Document>
);

/** The student pages' shell: their document, with this isolate's asset paths. */
export const studentShell: Shell<PageEnv> = (c, props, content) => studentDocument(props, c.var.assets, content);

/** How an error looks among the student pages: a short message page. */
export const studentErrorFrame = (title: string, body: Child) => <Message title={title}>{body}</Message>;

/** The student pages: this shell, these errors, and "back" to the list of quizzes. */
export const studentPages: PageRouterOptions<PageEnv> = {
	shell: studentShell,
	errorFrame: studentErrorFrame,
	home: { href: "/", label: "Go to the list of quizzes" },
};
