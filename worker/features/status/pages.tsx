/**
 * Who has submitted, live: `/teacher/classes/:classId/status` (the roster and each student's state
 * per quiz) and `/present` (the projector view), each with the small JSON its script polls
 * (`status.json`, `present.json`). Mounted on the dashboard's class router, behind requireSession
 * and loadClass: another teacher's class is the same "not found" page as a missing one.
 */
import { Hono } from "hono";
import type { ClassRow } from "../../db/schema";
import type { PageEnv } from "../../env";
import { idSchema } from "../../http/params";
import { notFound } from "../../http/problem";
import { validate } from "../../http/validate";
import * as z from "../../lib/z";
import { PresentPage } from "../../views/teacher/present";
import { quizSentences, StatusPage } from "../../views/teacher/status";
import type { TeacherIdentity } from "../auth/queries";
import { type ClassStatus, classQuizzes, classStatus, type PresentCounts, presentCounts } from "./service";

type StatusEnv = { Bindings: Env; Variables: PageEnv["Variables"] & { teacher: TeacherIdentity; cls: ClassRow } };

/** How often the pages' script asks again, in milliseconds. */
export const POLL_MS = 5000;

const querySchema = z.object({ quizId: z.optional(idSchema) });

const unknownQuiz = (cls: ClassRow, quizId: string) =>
	notFound("Quiz not found", `Nobody in ${cls.name} has opened or submitted quiz "${quizId}", and it is not on the class's list.`);

/** The address of a page or its JSON, keeping ?quizId= when there is one. */
const withQuiz = (path: string, quizId: string | undefined) =>
	quizId === undefined ? path : `${path}?quizId=${encodeURIComponent(quizId)}`;

/** What both live pages poll with: their JSON and their own address (keeping ?quizId=), the script, its nonce, how often. */
function polling(vars: StatusEnv["Variables"], page: "status" | "present", quizId: string | undefined) {
	const base = `/teacher/classes/${vars.cls.id}`;
	return {
		liveUrl: withQuiz(`${base}/${page}.json`, quizId),
		selfUrl: withQuiz(`${base}/${page}`, quizId),
		script: vars.assets.status,
		nonce: vars.secureHeadersNonce,
		interval: POLL_MS,
	};
}

/** What both JSON views start with: the class, when the counts were taken, and whether it is (or when it will be) closed. */
const classMoment = (cls: ClassRow, at: { asOf: Date; closed: boolean; closesAt: Date | null }) => ({
	classId: cls.id,
	asOf: at.asOf.toISOString(),
	closed: at.closed,
	closesAt: at.closesAt?.toISOString() ?? null,
});

/** status.json: what the status page shows, for the script to redraw it with (and for anyone reading it). */
export function statusJson(cls: ClassRow, s: ClassStatus) {
	return {
		...classMoment(cls, s),
		quizzes: s.quizzes.map((q) => ({ id: q.id, title: q.title, counts: q.counts, ...quizSentences(q.counts) })),
		roster: s.roster.map((r) => ({ id: r.id, name: r.name, states: r.states })),
		notOnRoster: s.notOnRoster.map((o) => ({ key: o.key, name: o.name, states: o.states })),
	};
}

/** present.json: the projector's counts; no names, no scores. */
export function presentJson(cls: ClassRow, p: PresentCounts) {
	return {
		...classMoment(cls, p),
		quiz: p.quiz,
		joined: p.joined,
		submitted: p.submitted,
		roster: p.roster,
	};
}

export const statusPages = new Hono<StatusEnv>()
	.get("/status", validate("query", querySchema), async (c) => {
		const { cls } = c.var;
		const { quizId } = c.req.valid("query");
		const result = await classStatus(c.var.db, cls, quizId);
		if (result.kind === "unknownQuiz") throw unknownQuiz(cls, result.quizId);
		return c.render(<StatusPage cls={cls} status={result.status} {...polling(c.var, "status", quizId)} />, {
			title: `${cls.name}: who has submitted`,
		});
	})
	.get("/status.json", validate("query", querySchema), async (c) => {
		const result = await classStatus(c.var.db, c.var.cls, c.req.valid("query").quizId);
		if (result.kind === "unknownQuiz") throw unknownQuiz(c.var.cls, result.quizId);
		return c.json(statusJson(c.var.cls, result.status));
	})
	.get("/present", validate("query", querySchema), async (c) => {
		const { cls } = c.var;
		const { quizId } = c.req.valid("query");
		// The counts, and (with ?quizId=, which narrows them) every quiz the class shows, for the chooser.
		const [result, quizzes] = await Promise.all([
			presentCounts(c.var.db, cls, quizId),
			quizId === undefined ? Promise.resolve(null) : classQuizzes(c.var.db, cls),
		]);
		if (result.kind === "unknownQuiz") throw unknownQuiz(cls, result.quizId);
		return c.render(
			<PresentPage
				cls={cls}
				joinUrl={`${new URL(c.req.url).origin}/join/${cls.joinCode}`}
				counts={result.counts}
				quizzes={quizzes ?? result.quizzes}
				askedQuizId={quizId}
				{...polling(c.var, "present", quizId)}
			/>,
			{ title: `${cls.name}: join` },
		);
	})
	.get("/present.json", validate("query", querySchema), async (c) => {
		const result = await presentCounts(c.var.db, c.var.cls, c.req.valid("query").quizId);
		if (result.kind === "unknownQuiz") throw unknownQuiz(c.var.cls, result.quizId);
		return c.json(presentJson(c.var.cls, result.counts));
	});
