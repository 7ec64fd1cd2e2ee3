import type { Child } from "hono/jsx";
import type { PageEnv } from "../../env";
import type { Shell } from "../../http/html";
import { Document, Message } from "../layout";

/** The student pages' document: each page brings its own header and main (the quiz page's are special). */
export const studentShell: Shell<PageEnv> = (c, props, content) => (
	<Document {...props} assets={c.var.assets}>
		{content}
	</Document>
);

/** How an error looks among the student pages: a short message page. */
export const studentErrorFrame = (title: string, body: Child) => <Message title={title}>{body}</Message>;
