/**
 * Who has submitted (`/teacher/classes/:id/status`): the counts per quiz at the top, then the roster
 * with each student's state at each quiz, then the students who submitted without being on the
 * roster. Without JavaScript it is a plain page with a refresh link; views/assets/status.client.js
 * polls `status.json` and changes only what changed, announcing new submissions politely.
 *
 * The script builds rows and cells exactly as this file does (a `<tr data-id>` per student, a
 * `<td data-state>` per quiz whose text is the state's label from the legend): keep the two in step.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ClassRow } from "../../db/schema";
import type { ClassStatus, QuizCounts, StudentState } from "../../features/status/service";

/** What each state is called on the page, in the legend, and in the script (which reads the legend). */
export const STATE_LABELS: Record<StudentState, string> = {
	"not-started": "Not started",
	"in-progress": "In progress",
	submitted: "Submitted",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The counts of one quiz as the page and status.json put them: a headline ("18 of 24 submitted") and the rest. */
export function quizSentences(counts: QuizCounts): { headline: string; detail: string } {
	if (counts.roster === 0) return { headline: `${plural(counts.notOnRoster, "student", "students")} submitted`, detail: "" };
	const detail = [`${counts.inProgress} in progress`, `${counts.notStarted} not started`];
	if (counts.notOnRoster > 0) detail.push(`${counts.notOnRoster} more not on the roster`);
	return { headline: `${counts.submitted} of ${counts.roster} submitted`, detail: detail.join(" · ") };
}

/** "2026-11-29 16:00 UTC". */
export const utcMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Whether the class still takes answers, when it has a closing time. */
export function ClosingNote({ status }: { status: Pick<ClassStatus, "closed" | "closesAt"> }) {
	// Always there (#closing), so that the page's script can say so when the class closes while it is open.
	if (status.closesAt === null) return <p id="closing" hidden></p>;
	if (status.closed) {
		return (
			<p id="closing" class="status-note">
				This class closed at {utcMinute(status.closesAt)}: it takes no new answers.
			</p>
		);
	}
	return <p id="closing">This class takes answers until {utcMinute(status.closesAt)}.</p>;
}

/** "10:42:05 UTC": the server's time of the status; the script shows its own times in the reader's time zone. */
export const utcTime = (d: Date) => `${d.toISOString().slice(11, 19)} UTC`;

/** Styles of the status page and the projector view (inline with the page's CSP nonce, like the dashboard's own). */
const STATUS_CSS = `
.dash .counts { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.75rem; }
.dash .counts li { padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 12px; background: var(--card); }
.dash .counts .headline { display: block; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.dash .counts .quiz { display: block; font-weight: 600; }
.dash .live-line { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
.dash .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; }
.dash [data-state] { white-space: nowrap; }
.dash [data-state]::before { display: inline-block; width: 1.25em; font-weight: 700; }
.dash [data-state="submitted"] { color: var(--right); font-weight: 600; }
.dash [data-state="submitted"]::before { content: "✓" / ""; }
.dash [data-state="in-progress"]::before { content: "…" / ""; }
.dash [data-state="not-started"] { color: var(--muted); }
.dash [data-state="not-started"]::before { content: "–" / ""; }
.dash .status-table th[scope="row"] { font-weight: normal; }
.dash .status-table thead th { vertical-align: bottom; }
.dash .status-note { padding: 0.75rem 1rem; border: 2px solid var(--wrong); border-radius: 8px; }
`;

export function StatusStyle({ nonce }: { nonce: string | undefined }) {
	return <style nonce={nonce}>{raw(STATUS_CSS)}</style>;
}

export interface StatusPageProps {
	cls: ClassRow;
	status: ClassStatus;
	/** The JSON the script polls, and this page's own address (the refresh link). */
	liveUrl: string;
	selfUrl: string;
	script: string;
	nonce: string | undefined;
	/** Poll every this many milliseconds. */
	interval: number;
}

export function StatusPage(p: StatusPageProps) {
	const { status, cls } = p;
	const base = `/teacher/classes/${cls.id}`;
	const hasRoster = status.roster.length > 0;
	return (
		<>
			<StatusStyle nonce={p.nonce} />
			<p>
				<a href={base}>Back to {cls.name}</a> · <a href={`${base}/present`}>Projector view</a>
			</p>
			<div id="live" data-live={p.liveUrl} data-interval={String(p.interval)} data-kind="status">
				<ClosingNote status={status} />
				<section aria-labelledby="counts-h">
					<h2 id="counts-h">Submitted so far</h2>
					{status.quizzes.length === 0 ? <p id="no-quizzes">No student has opened or submitted a quiz in this class yet.</p> : null}
					<ul class="counts" id="counts">
						{status.quizzes.map((q) => {
							const s = quizSentences(q.counts);
							return (
								<li data-quiz={q.id}>
									<span class="quiz">{q.title}</span>
									<span class="headline" data-part="headline">
										{s.headline}
									</span>
									<span data-part="detail">{s.detail}</span>
								</li>
							);
						})}
					</ul>
					<p class="live-line">
						<span>
							As of{" "}
							<time id="as-of" datetime={status.asOf.toISOString()}>
								{utcTime(status.asOf)}
							</time>
						</span>
						<a href={p.selfUrl} id="refresh">
							Refresh
						</a>
						<span id="live-note" class="meta" hidden>
							This page updates itself while it is open.
						</span>
					</p>
					<div id="live-announce" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
				</section>
				<ul class="legend" id="legend" aria-label="What each state means">
					<li>
						<span data-state="submitted">{STATE_LABELS.submitted}</span>: sent at least one attempt
					</li>
					<li>
						<span data-state="in-progress">{STATE_LABELS["in-progress"]}</span>: opened the quiz, nothing sent yet
					</li>
					<li>
						<span data-state="not-started">{STATE_LABELS["not-started"]}</span>: not opened yet
					</li>
				</ul>
				<section aria-labelledby="roster-h">
					<h2 id="roster-h">Roster</h2>
					<p id="roster-empty" hidden={hasRoster}>
						This class has no roster, so only students who submitted are known: they are listed below.
					</p>
					<StatusTable
						id="roster"
						caption="Each student on the roster, and where they are in each quiz"
						status={status}
						hidden={!hasRoster}
					>
						{status.roster.map((r) => (
							<StatusRow id={r.id} name={r.name} states={r.states} />
						))}
					</StatusTable>
				</section>
				<section aria-labelledby="others-h">
					<h2 id="others-h">{hasRoster ? "Submitted without being on the roster" : "Students who submitted"}</h2>
					<p id="others-empty" hidden={status.notOnRoster.length > 0}>
						{hasRoster ? "Nobody: every student who submitted is on the roster." : "Nobody has submitted yet."}
					</p>
					<StatusTable
						id="others"
						caption={
							hasRoster ? "Students who submitted under a name that is not on the roster" : "Each student who submitted, and which quizzes"
						}
						status={status}
						hidden={status.notOnRoster.length === 0}
					>
						{status.notOnRoster.map((o) => (
							<StatusRow id={o.key} name={o.name} states={o.states} />
						))}
					</StatusTable>
				</section>
			</div>
			<script src={p.script} defer />
		</>
	);
}

function StatusTable(p: { id: string; caption: string; status: ClassStatus; hidden: boolean; children: Child }) {
	return (
		<div class="scroll" id={`${p.id}-wrap`} hidden={p.hidden}>
			<table class="status-table" id={`${p.id}-table`}>
				<caption class="meta">{p.caption}</caption>
				<thead>
					<tr>
						<th scope="col">Student</th>
						{p.status.quizzes.map((q) => (
							<th scope="col" data-quiz={q.id}>
								{q.title}
							</th>
						))}
					</tr>
				</thead>
				<tbody>{p.children}</tbody>
			</table>
		</div>
	);
}

function StatusRow(p: { id: string; name: string; states: readonly StudentState[] }) {
	return (
		<tr data-id={p.id}>
			<th scope="row">{p.name}</th>
			{p.states.map((s) => (
				<td data-state={s}>{STATE_LABELS[s]}</td>
			))}
		</tr>
	);
}
