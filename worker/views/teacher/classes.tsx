import { raw } from "hono/html";
import { renderSVG } from "uqr";
import type { ClassRow } from "../../db/schema";
import type { HistogramBin } from "../../domain/stats";
import { FacilityChart, ScoreHistogram } from "./charts";

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
}: {
	classes: { cls: ClassRow; attempts: number }[];
	quizzes?: { id: string; title: string; questionCount: number }[];
}) {
	return (
		<>
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

/** One attempt as the class page lists it. */
export interface AttemptLine {
	studentName: string;
	attemptNumber: number;
	score: number;
	maxScore: number;
	submittedAt: Date;
}

export interface ClassPageProps {
	cls: ClassRow;
	joinUrl: string;
	quizzes: { id: string; title: string }[];
	quizId: string;
	attempts: AttemptLine[];
	/** More attempts exist than the table shows. */
	more: boolean;
	bins: HistogramBin[];
	facility: { label: string; facility: number | null }[];
	stats: { attempts: number; mean: number | null; median: number | null; alpha: number | null };
}

const fixed = (x: number | null, digits = 1) => (x === null ? "—" : x.toFixed(digits));

export function ClassPage(p: ClassPageProps) {
	const base = `/api/teacher/classes/${p.cls.id}`;
	const q = `?quizId=${encodeURIComponent(p.quizId)}`;
	const qr = renderSVG(p.joinUrl, { border: 2 }).replace("<svg ", '<svg role="img" aria-label="QR code of the join link" ');
	return (
		<>
			<p>
				<a href="/teacher">All classes</a>
			</p>
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
			<section aria-labelledby="quiz-h">
				<h2 id="quiz-h">Results</h2>
				<form method="get" class="inline">
					<div class="field">
						<label for="quizId">Quiz</label>
						<select id="quizId" name="quizId">
							{p.quizzes.map((quiz) => (
								<option value={quiz.id} selected={quiz.id === p.quizId}>
									{quiz.title}
								</option>
							))}
						</select>
					</div>
					<button type="submit">Show</button>
				</form>
				<p>
					{String(p.stats.attempts)} attempts · mean {fixed(p.stats.mean)} · median {fixed(p.stats.median)} · Cronbach's alpha{" "}
					{fixed(p.stats.alpha, 2)}
				</p>
				<h3>Scores</h3>
				<ScoreHistogram bins={p.bins} id="hist" />
				<h3>Facility per question</h3>
				<FacilityChart items={p.facility} id="facility" />
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
				<h3>Attempts</h3>
				<div class="scroll">
					<table>
						<caption class="meta">
							{p.more ? `The first ${p.attempts.length} attempts; download the CSV for all of them` : "Every attempt"}
						</caption>
						<thead>
							<tr>
								<th scope="col">Student</th>
								<th scope="col" class="num">
									Attempt
								</th>
								<th scope="col" class="num">
									Score
								</th>
								<th scope="col">Submitted (UTC)</th>
							</tr>
						</thead>
						<tbody>
							{p.attempts.map((a) => (
								<tr>
									<td>{a.studentName}</td>
									<td class="num">{String(a.attemptNumber)}</td>
									<td class="num">{`${a.score} / ${a.maxScore}`}</td>
									<td>{a.submittedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
		</>
	);
}
