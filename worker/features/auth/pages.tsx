import { Hono } from "hono";
import type { PageEnv } from "../../env";
import { limitBody } from "../../http/body-limit";
import { formText, readForm } from "../../http/form";
import { renderAs } from "../../http/html";
import { seeOther } from "../../http/problem";
import { countFailures } from "../../http/rate-limit";
import { SignInPage } from "../../views/teacher/classes";
import { setSessionCookie, takeSessionCookie } from "./middleware";
import { signIn, signOut } from "./service";

/** The dashboard's small forms (sign-in, sign-out, a class name) fit in 4 KiB. */
export const SMALL_FORM_BYTES = 4 * 1024;

const OPERATOR_TOKEN_HINT =
	"That is the operator's token (ADMIN_TOKEN): it opens the admin API, not a dashboard. Sign in with a teacher's token: " +
	"locally, the demo teacher's token that npm start prints, or a teacher made with npm run teacher:create.";

/**
 * Signing in and out of the dashboard. The token is typed once into the sign-in form and exchanged
 * for a session cookie (HttpOnly, Secure, SameSite=Strict, __Host-): it never sits in a page, a
 * script or a URL.
 */
export const authPages = new Hono<PageEnv>()
	.post("/sign-in", countFailures(), limitBody(SMALL_FORM_BYTES), async (c) => {
		const result = await signIn(c.var.db, formText(await readForm(c), "token"), c.env.ADMIN_TOKEN);
		if (result.kind !== "signedIn") {
			const error = result.kind === "operatorToken" ? OPERATOR_TOKEN_HINT : "That token is not valid. Check it and try again.";
			return renderAs(c, "unauthorized", <SignInPage error={error} />, { title: "Sign in" });
		}
		setSessionCookie(c, result.sid, result.maxAgeSeconds);
		return seeOther(c, "/teacher");
	})
	.post("/sign-out", limitBody(SMALL_FORM_BYTES), async (c) => {
		const sid = takeSessionCookie(c);
		if (sid) await signOut(c.var.db, sid);
		return seeOther(c, "/teacher");
	});
