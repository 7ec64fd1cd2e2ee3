import { raw } from "hono/html";
import { renderSVG } from "uqr";
import type { ClassRow } from "../../db/schema";
import { truncate } from "../../domain/lms/common";
import { formatInZone } from "../../domain/time-zone";
import type { ClassDashboard, QuizResults, SortDirection, TableSort } from "../../features/classes/dashboard-service";
import { boundedMemo } from "../../lib/memo";
import {
	difficultyWord,
	discriminationWord,
	EXPLAIN,
	fixed,
	percentText,
	points,
	reliabilityWord,
	ScoreHistogram,
	SET_WORDS,
	ShareBar,
} from "./charts";
import { ClassNav, LeakWarning, PolicySummary, SetChooser, type TimeZoneChoice, ZoneNote } from "./settings";

export function SignInPage({ error }: { error?: string }) {
	return (
		<form method="post" action="/teacher/sign-in" novalidate>
			{error ? (
				<div class="alert" role="alert">
					<p>{error}</p>
				</div>
			) : null}
			<div class="field">
				<label for="token">Your teacher token</label>
				<input id="token" name="token" type="password" required autocomplete="current-password" aria-describedby="token-hint" />
				<p id="token-hint" class="hint">
					The token your Quizline operator gave you. It is exchanged for a sign-in cookie and not kept in this page.
				</p>
			</div>
			<button type="submit" class="primary">
				Sign in
			</button>
		</form>
	);
}

/** The dashboard's home: the teacher's classes, their own quizzes (with the way to make one) and a form for a new class. */
export function ClassesPage({
	classes,
	quizzes = [],
	notice = null,
}: {
	classes: { cls: ClassRow; attempts: number }[];
	quizzes?: { id: string; title: string; questionCount: number }[];
	/** A sentence after a change (a class deleted). */
	notice?: string | null;
}) {
	return (
		<>
			{notice ? (
				<p class="notice" role="status">
					{notice}
				</p>
			) : null}
			{classes.length === 0 ? <p>You have no classes yet.</p> : null}
			{classes.length > 0 ? (
				<div class="scroll">
					<table>
						<caption class="meta">Classes, their join codes and how many attempts they hold</caption>
						<thead>
							<tr>
								<th scope="col">Class</th>
								<th scope="col">Join code</th>
								<th scope="col" class="num">
									Attempts
								</th>
							</tr>
						</thead>
						<tbody>
							{classes.map(({ cls, attempts }) => (
								<tr>
									<td>
										<a href={`/teacher/classes/${cls.id}`}>{cls.name}</a>
									</td>
									<td>
										<code>{cls.joinCode}</code>
									</td>
									<td class="num">{String(attempts)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			) : null}
			<section aria-labelledby="quizzes-h">
				<h2 id="quizzes-h">Your quizzes</h2>
				{quizzes.length === 0 ? <p>You have no quizzes of your own yet.</p> : null}
				{quizzes.length > 0 ? (
					<ul>
						{quizzes.map((q) => (
							<li>
								<a href={`/teacher/quizzes/${q.id}`}>{q.title}</a>
								{` · ${q.questionCount} questions`}
							</li>
						))}
					</ul>
				) : null}
				<p>
					<a class="button" href="/teacher/articles/new">
						New quiz from an article
					</a>
				</p>
			</section>
			<section>
				<h2>New class</h2>
				<form method="post" action="/teacher/classes" class="inline">
					<div class="field">
						<label for="name">Class name</label>
						<input id="name" name="name" type="text" required maxlength={80} />
					</div>
					<button type="submit" class="primary">
						Create class
					</button>
				</form>
			</section>
		</>
	);
}

/** The address of a class's page. */
export const classHref = (classId: string) => `/teacher/classes/${encodeURIComponent(classId)}`;

/** What the class page's address carries: the quiz, which attempts count, the table's order and page. */
interface View {
	quizId: string;
	set: QuizResults["set"];
	sort: TableSort;
	dir: SortDirection;
	page: number;
}

/** The class page's address for a view (defaults left out, so plain links stay plain). */
export function viewHref(classId: string, v: View): string {
	const q = new URLSearchParams({ quizId: v.quizId });
	if (v.set !== "first") q.set("set", v.set);
	if (v.sort !== "name") q.set("sort", v.sort);
	if (v.dir !== "asc") q.set("dir", v.dir);
	if (v.page !== 1) q.set("page", String(v.page));
	return `${classHref(classId)}?${q}`;
}

/** Where a column header's link leads: its own order first (names A–Z, scores and times highest first), then the other way. */
const FIRST_DIRECTION: Record<TableSort, SortDirection> = { name: "asc", score: "desc", submitted: "desc" };

function SortHeader({ label, by, view, classId, num }: { label: string; by: TableSort; view: View; classId: string; num?: boolean }) {
	const current = view.sort === by;
	const dir: SortDirection = current ? (view.dir === "asc" ? "desc" : "asc") : FIRST_DIRECTION[by];
	const hint = dir === "asc" ? (by === "name" ? "A to Z" : "lowest first") : by === "name" ? "Z to A" : "highest first";
	return (
		<th scope="col" class={num ? "num" : undefined} aria-sort={current ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
			<a href={viewHref(classId, { ...view, sort: by, dir, page: 1 })}>
				{label}
				<span class="visually-hidden">{`, sort ${by === "submitted" ? (dir === "asc" ? "oldest first" : "newest first") : hint}`}</span>
				{current ? <span aria-hidden="true">{view.dir === "asc" ? " ▲" : " ▼"}</span> : null}
			</a>
		</th>
	);
}

/** The sentence under the attempts table: which rows, in which order. */
function orderSentence(sort: TableSort, dir: SortDirection): string {
	if (sort === "name") return dir === "asc" ? "by name, A to Z" : "by name, Z to A";
	if (sort === "score") return dir === "desc" ? "by score, highest first" : "by score, lowest first";
	return dir === "desc" ? "by time submitted, newest first" : "by time submitted, oldest first";
}

export const studentHref = (classId: string, key: string) => `${classHref(classId)}/students/${encodeURIComponent(key)}`;
export const questionHref = (classId: string, quizId: string, questionId: string, set: QuizResults["set"]) =>
	`${classHref(classId)}/questions/${encodeURIComponent(questionId)}?${new URLSearchParams({ quizId, ...(set === "first" ? {} : { set }) })}`;

function Stat({ id, label, value, explain }: { id: string; label: string; value: string; explain: string }) {
	return (
		<div class="stat">
			<dt id={`${id}-label`}>{label}</dt>
			<dd aria-describedby={`${id}-explain`}>{value}</dd>
			<dd id={`${id}-explain`} class="hint">
				{explain}
			</dd>
		</div>
	);
}

function Results({ cls, r, quizzes, zone }: { cls: ClassRow; r: QuizResults; quizzes: ClassDashboard["quizzes"]; zone: TimeZoneChoice }) {
	const view: View = { quizId: r.quizId, set: r.set, sort: r.table.sort, dir: r.table.dir, page: r.table.page };
	const base = `/api/teacher/classes/${cls.id}`;
	const q = `?quizId=${encodeURIComponent(r.quizId)}`;
	const s = r.stats;
	const { table } = r;
	return (
		<section aria-labelledby="results-h">
			<h2 id="results-h">Results</h2>
			<form method="get" action={classHref(cls.id)} class="inline">
				<div class="field">
					<label for="quizId">Quiz</label>
					<select id="quizId" name="quizId">
						{quizzes.map((quiz) => (
							<option value={quiz.id} selected={quiz.id === r.quizId}>
								{`${quiz.title} (${quiz.attempts} ${quiz.attempts === 1 ? "attempt" : "attempts"}${quiz.open ? "" : ", closed"})`}
							</option>
						))}
					</select>
				</div>
				<SetChooser set={r.set} />
				{r.table.sort !== "name" ? <input type="hidden" name="sort" value={r.table.sort} /> : null}
				{r.table.dir !== "asc" ? <input type="hidden" name="dir" value={r.table.dir} /> : null}
				<button type="submit">Show</button>
			</form>
			<p class="meta" id="set-sentence">
				{`Counting: ${SET_WORDS[r.set].sentence}`}
			</p>
			{s === null ? (
				<p>This quiz is no longer in the library: its attempts are listed below, without statistics.</p>
			) : (
				<>
					<h3>Summary</h3>
					<dl class="stats">
						<Stat id="st-attempts" label="Attempts counted" value={String(s.attempts)} explain={EXPLAIN.attempts} />
						<Stat id="st-mean" label="Mean" value={`${fixed(s.mean)} / ${points(s.maxScore)}`} explain={EXPLAIN.mean} />
						<Stat id="st-median" label="Median" value={`${fixed(s.median)} / ${points(s.maxScore)}`} explain={EXPLAIN.median} />
						<Stat id="st-sd" label="Spread (standard deviation)" value={fixed(s.sd)} explain={EXPLAIN.sd} />
						<Stat
							id="st-range"
							label="Lowest and highest"
							value={s.min === null || s.max === null ? "—" : `${points(s.min)} to ${points(s.max)}`}
							explain={EXPLAIN.range}
						/>
						<Stat
							id="st-alpha"
							label="Reliability (Cronbach's alpha)"
							value={s.alpha === null ? `— (${reliabilityWord(null)})` : `${fixed(s.alpha, 2)} (${reliabilityWord(s.alpha)})`}
							explain={EXPLAIN.alpha}
						/>
					</dl>
					<h3 id="hist-h">Scores</h3>
					<p class="hint" id="hist-explain">
						{EXPLAIN.histogram}
					</p>
					<ScoreHistogram bins={r.bins} id="hist" />
					<h3 id="questions-h">Questions</h3>
					<p class="hint">
						<strong>Facility:</strong> {EXPLAIN.facility}
					</p>
					<p class="hint">
						<strong>Discrimination:</strong> {EXPLAIN.discrimination}
					</p>
					<p class="hint">Choose a question to see how the class answered it and who chose each answer.</p>
					<ol class="items" aria-labelledby="questions-h">
						{r.items.map((it) => (
							<li>
								<a href={questionHref(cls.id, r.quizId, it.id, r.set)}>{truncate(it.prompt, 90)}</a>
								<p class="item-stats">
									<ShareBar share={it.facility} />
									<span>{` Facility ${percentText(it.facility === null ? null : it.facility * 100)} (${difficultyWord(it.facility)})`}</span>
									<span>{` · Discrimination ${fixed(it.discrimination, 2)} (${discriminationWord(it.discrimination)})`}</span>
								</p>
							</li>
						))}
					</ol>
				</>
			)}
			<h3>Downloads</h3>
			<ul class="exports">
				<li>
					<a class="button" href={`${base}/scores.csv${q}`} download>
						Scores (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/gradebook.csv${q}`} download>
						Gradebook (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/gradebook.csv${q}&format=canvas`} download>
						Gradebook for Canvas (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/gradebook.csv${q}&format=moodle`} download>
						Gradebook for Moodle (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/responses.csv${q}`} download>
						Responses (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/item-analysis.csv${q}`} download>
						Item analysis (CSV)
					</a>
				</li>
				<li>
					<a class="button" href={`${base}/item-analysis${q}`}>
						Item analysis (JSON)
					</a>
				</li>
			</ul>
			<p class="hint">Downloads hold every attempt at this quiz, whichever attempts the page counts.</p>
			<h3 id="attempts-h">Attempts</h3>
			<ZoneNote cls={cls} zone={zone} />
			<section class="scroll" aria-labelledby="attempts-h" tabindex={0}>
				<table class="attempts">
					<caption class="meta">
						{`${SET_WORDS[r.set].label}, ${orderSentence(table.sort, table.dir)}: ${table.total} ${table.total === 1 ? "row" : "rows"}${table.pages > 1 ? `, page ${table.page} of ${table.pages}` : ""}. Choose a column heading to sort by it, a name to see that student's answers.`}
					</caption>
					<thead>
						<tr>
							<SortHeader label="Student" by="name" view={view} classId={cls.id} />
							<th scope="col" class="num">
								Attempt
							</th>
							<SortHeader label="Score" by="score" view={view} classId={cls.id} num />
							<th scope="col" class="num">
								Percent
							</th>
							<SortHeader label={`Submitted (${zone.name})`} by="submitted" view={view} classId={cls.id} />
						</tr>
					</thead>
					<tbody>
						{table.rows.map((a) => (
							<tr>
								<td>
									<a href={studentHref(cls.id, a.key)}>{a.name}</a>
								</td>
								<td class="num">{String(a.attemptNumber)}</td>
								<td class="num">{`${points(a.score)} / ${points(a.maxScore)}`}</td>
								<td class="num">{percentText(a.percent)}</td>
								<td>
									<time datetime={a.submittedAt.toISOString()}>{formatInZone(a.submittedAt, zone.name)}</time>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{table.rows.length === 0 ? <p>No attempts yet.</p> : null}
			{table.pages > 1 ? (
				<nav aria-label="Pages of attempts" class="pages">
					{table.page > 1 ? <a href={viewHref(cls.id, { ...view, page: table.page - 1 })}>Previous page</a> : null}
					<span>{`Page ${table.page} of ${table.pages}`}</span>
					{table.page < table.pages ? <a href={viewHref(cls.id, { ...view, page: table.page + 1 })}>Next page</a> : null}
				</nav>
			) : null}
		</section>
	);
}

/** QR codes of join links, drawn once per isolate (a few milliseconds each), a bounded number kept. */
const qrCodes = boundedMemo<string>(64);

function joinQr(joinUrl: string): string {
	return qrCodes(joinUrl, () =>
		renderSVG(joinUrl, { border: 2 }).replace("<svg ", '<svg role="img" aria-label="QR code of the join link" '),
	);
}

export interface ClassPageProps {
	cls: ClassRow;
	joinUrl: string;
	dashboard: ClassDashboard;
	zone: TimeZoneChoice;
	now: Date;
	/** A sentence after a change (a student's attempts deleted). */
	notice?: string | null;
}

/** One class: its join code, its settings in a sentence each, one quiz's statistics and attempts. */
export function ClassPage(p: ClassPageProps) {
	const qr = joinQr(p.joinUrl);
	return (
		<div
			data-time-zone={p.zone.name}
			data-time-zone-chosen={String(p.zone.chosen)}
			data-time-zone-action={`${classHref(p.cls.id)}/settings/time-zone`}
		>
			<p>
				<a href="/teacher">All classes</a>
			</p>
			<ClassNav cls={p.cls} current="class" />
			{p.notice ? (
				<p class="notice" role="status">
					{p.notice}
				</p>
			) : null}
			<LeakWarning cls={p.cls} leaks={p.dashboard.leaks} />
			<section aria-labelledby="join-h">
				<h2 id="join-h">Join</h2>
				<p>
					Class code: <span class="code">{p.cls.joinCode}</span>
				</p>
				<p>
					Join link: <a href={p.joinUrl}>{p.joinUrl}</a>
				</p>
				<div class="qr">{raw(qr)}</div>
			</section>
			<PolicySummary cls={p.cls} zone={p.zone} now={p.now} />
			{p.dashboard.results ? (
				<Results cls={p.cls} r={p.dashboard.results} quizzes={p.dashboard.quizzes} zone={p.zone} />
			) : (
				<section aria-labelledby="results-h">
					<h2 id="results-h">Results</h2>
					<p>
						No quiz is open to this class and nobody has taken one in it yet.{" "}
						<a href={`${classHref(p.cls.id)}/settings#quizzes`}>Open quizzes</a>
					</p>
				</section>
			)}
		</div>
	);
}
