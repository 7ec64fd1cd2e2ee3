/**
 * The class page's drill-downs: one question (its text, how the class answered it, who chose each
 * answer) and one student (their attempts, each answer right or wrong), and the confirmation before
 * a student's attempts are deleted. Plain pages: links and GET forms, no script.
 */
import type { ClassRow } from "../../db/schema";
import { truncate } from "../../domain/lms/common";
import { formatInZone } from "../../domain/time-zone";
import type { AnswerSpread, QuestionDrilldown, StudentDrilldown } from "../../features/classes/dashboard-service";
import { difficultyWord, discriminationWord, EXPLAIN, fixed, percentText, points, SET_WORDS, ShareBar } from "./charts";
import { ClassNav, SetChooser, type TimeZoneChoice } from "./settings";

const classHref = (classId: string) => `/teacher/classes/${encodeURIComponent(classId)}`;
const studentHref = (classId: string, key: string) => `${classHref(classId)}/students/${encodeURIComponent(key)}`;

const TYPE_WORDS = {
	single: "One answer to choose",
	multiple: "Choose every answer that applies",
	true_false: "True or false",
	short: "Short answer, typed",
} as const;

type FoundQuestion = Extract<QuestionDrilldown, { kind: "found" }>;

/** The answer marked in words, not by colour alone. */
function AnswerLabel({ a, short }: { a: AnswerSpread; short: boolean }) {
	if (a.label === null) return <span class="meta">No answer</span>;
	return (
		<>
			<span>{a.label}</span>
			{a.correct ? <strong class="right-answer">{short ? " ✓ accepted" : " ✓ right answer"}</strong> : null}
			{a.mixed ? <span class="meta"> (marked right in some attempts, wrong in others)</span> : null}
		</>
	);
}

function Choosers({ a, cls, id }: { a: AnswerSpread; cls: ClassRow; id: string }) {
	if (a.count === 0) return <span class="meta">nobody</span>;
	const more = a.count - a.students.length;
	return (
		<details>
			<summary id={id}>{`${a.count} ${a.count === 1 ? "student" : "students"}`}</summary>
			<ul class="names" aria-labelledby={id}>
				{a.students.map((s) => (
					<li>
						<a href={studentHref(cls.id, s.key)}>{s.name}</a>
						{s.attemptNumber > 1 ? <span class="meta">{` (attempt ${s.attemptNumber})`}</span> : null}
					</li>
				))}
			</ul>
			{more > 0 ? <p class="meta">{`and ${more} more (first ${a.students.length} by name)`}</p> : null}
		</details>
	);
}

/** One question: its text, the right answer in words, the spread of answers with counts, percents and who chose each. */
export function QuestionPage({ cls, d }: { cls: ClassRow; d: FoundQuestion }) {
	const total = d.questionCount;
	const q = d.question;
	const short = q.type === "short";
	const base = `${classHref(cls.id)}/questions`;
	const withQuiz = (questionId: string) =>
		`${base}/${encodeURIComponent(questionId)}?${new URLSearchParams({ quizId: d.quiz.id, ...(d.set === "first" ? {} : { set: d.set }) })}`;
	const backHref = `${classHref(cls.id)}?${new URLSearchParams({ quizId: d.quiz.id, ...(d.set === "first" ? {} : { set: d.set }) })}`;
	const right = short ? q.accepted : q.choices.filter((c) => q.correctChoiceIds.includes(c.id)).map((c) => c.text);
	return (
		<>
			<p>
				<a href={backHref}>{`Back to ${cls.name}: ${d.quiz.title}`}</a>
			</p>
			<ClassNav cls={cls} current="class" />
			<p class="meta">{`${d.quiz.title} · question ${d.number} of ${total} · ${TYPE_WORDS[q.type]} · ${points(q.points)} ${q.points === 1 ? "point" : "points"}`}</p>
			<h2 id="prompt">{q.prompt}</h2>
			<p>
				<strong>{short ? "Accepted answers: " : right.length === 1 ? "Right answer: " : "Right answers: "}</strong>
				{right.join("; ")}
			</p>
			<form method="get" action={`${base}/${encodeURIComponent(q.id)}`} class="inline">
				<input type="hidden" name="quizId" value={d.quiz.id} />
				<SetChooser set={d.set} />
				<button type="submit">Show</button>
			</form>
			<p class="meta">{`Counting: ${SET_WORDS[d.set].sentence} ${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"}, ${d.answered} answered this question.`}</p>
			<dl class="stats">
				<div class="stat">
					<dt>Facility</dt>
					<dd aria-describedby="q-facility-explain">
						{`${percentText(d.stats?.facility == null ? null : d.stats.facility * 100)} (${difficultyWord(d.stats?.facility ?? null)})`}
					</dd>
					<dd id="q-facility-explain" class="hint">
						{EXPLAIN.facility}
					</dd>
				</div>
				<div class="stat">
					<dt>Discrimination</dt>
					<dd aria-describedby="q-discrimination-explain">
						{`${fixed(d.stats?.discrimination ?? null, 2)} (${discriminationWord(d.stats?.discrimination ?? null)})`}
					</dd>
					<dd id="q-discrimination-explain" class="hint">
						{EXPLAIN.discrimination}
					</dd>
				</div>
			</dl>
			<h3 id="spread-h">{short ? "Answers given" : "Answers chosen"}</h3>
			<p class="hint">
				{short
					? "Each distinct answer (the same words in other capitals or punctuation count as one), how many gave it and who. Percents are of the attempts counted."
					: q.type === "multiple"
						? "Each choice, how many picked it and who. A student who picked two choices counts under both, so the percents can add up to more than 100%."
						: "Each choice, how many picked it and who. Percents are of the attempts counted."}
			</p>
			<section class="scroll" aria-labelledby="spread-h" tabindex={0}>
				<table class="spread">
					<caption class="visually-hidden">
						{short
							? "Answers given, with the number and percent of attempts and the students"
							: "Choices, with the number and percent of attempts that chose each and the students"}
					</caption>
					<thead>
						<tr>
							<th scope="col">Answer</th>
							<th scope="col" class="num">
								Count
							</th>
							<th scope="col">Percent</th>
							<th scope="col">Who</th>
						</tr>
					</thead>
					<tbody>
						{d.answers.map((a, i) => (
							<tr class={a.correct ? "is-right" : undefined}>
								<th scope="row">
									<AnswerLabel a={a} short={short} />
								</th>
								<td class="num">{String(a.count)}</td>
								<td class="bar-cell">
									<ShareBar share={a.percent === null ? null : a.percent / 100} width={80} />
									<span>{` ${percentText(a.percent)}`}</span>
								</td>
								<td>
									<Choosers a={a} cls={cls} id={`who-${i}`} />
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{d.moreAnswers ? <p class="meta">Only the most frequent answers are listed; responses.csv has every one.</p> : null}
			<nav aria-label="Other questions" class="pages">
				{d.prevId ? <a href={withQuiz(d.prevId)}>Previous question</a> : null}
				{d.nextId ? <a href={withQuiz(d.nextId)}>Next question</a> : null}
			</nav>
		</>
	);
}

type FoundStudent = Extract<StudentDrilldown, { kind: "found" }>;

/** One student's attempts in the class, quiz by quiz, each answer marked right or wrong in words. */
export function StudentPage({ cls, d, zone }: { cls: ClassRow; d: FoundStudent; zone: TimeZoneChoice }) {
	const shown = d.quizzes.reduce((n, q) => n + q.attempts.length, 0);
	return (
		<>
			<p>
				<a href={classHref(cls.id)}>{`Back to ${cls.name}`}</a>
			</p>
			<ClassNav cls={cls} current="class" />
			<p>
				{`${d.total} ${d.total === 1 ? "attempt" : "attempts"} in ${cls.name}`}
				{shown < d.total ? `; the latest ${shown} are shown` : ""}. Times are in {zone.name}.
			</p>
			{d.quizzes.map((quiz, qi) => (
				<section aria-labelledby={`quiz-${qi}`}>
					<h2 id={`quiz-${qi}`}>{quiz.title}</h2>
					{quiz.attempts.map((a) => (
						<section aria-labelledby={`attempt-${a.id}`} class="attempt">
							<h3 id={`attempt-${a.id}`}>
								{`Attempt ${a.attemptNumber}: ${points(a.score)} / ${points(a.maxScore)} (${percentText(a.percent)})`}
							</h3>
							<p class="meta">
								Submitted <time datetime={a.submittedAt.toISOString()}>{formatInZone(a.submittedAt, zone.name)}</time>
								{a.startedAt ? ` · took ${Math.max(1, Math.round((a.submittedAt.getTime() - a.startedAt.getTime()) / 60_000))} min` : ""}
							</p>
							<section class="scroll" aria-label={`Answers, attempt ${a.attemptNumber} at ${quiz.title}`} tabindex={0}>
								<table>
									<caption class="visually-hidden">{`Answers of attempt ${a.attemptNumber} at ${quiz.title}`}</caption>
									<thead>
										<tr>
											<th scope="col" class="num">
												#
											</th>
											<th scope="col">Question</th>
											<th scope="col">Answer</th>
											<th scope="col">Result</th>
											<th scope="col" class="num">
												Points
											</th>
										</tr>
									</thead>
									<tbody>
										{a.answers.map((r) => (
											<tr>
												<td class="num">{String(r.number)}</td>
												<td>{r.prompt === null ? r.questionId : truncate(r.prompt, 120)}</td>
												<td>{r.answered ? r.answer : <span class="meta">No answer</span>}</td>
												<td>{r.correct ? <strong class="right-answer">✓ Right</strong> : <span class="wrong-answer">✗ Wrong</span>}</td>
												<td class="num">{`${points(r.points)}${r.maxPoints === null ? "" : ` / ${points(r.maxPoints)}`}`}</td>
											</tr>
										))}
									</tbody>
								</table>
							</section>
						</section>
					))}
				</section>
			))}
			<section aria-labelledby="delete-h">
				<h2 id="delete-h">Delete this student's attempts</h2>
				<p>For a name typed by mistake or a student who left: every attempt under this name in {cls.name} is deleted, for good.</p>
				<p>
					<a class="button" href={`${studentHref(cls.id, d.key)}/delete`}>
						Delete the attempts of {d.name}…
					</a>
				</p>
			</section>
		</>
	);
}

/** Are you sure? The number of attempts, the name, and a button that posts. */
export function DeleteStudentPage({ cls, d }: { cls: ClassRow; d: FoundStudent }) {
	return (
		<>
			<p>
				<a href={studentHref(cls.id, d.key)}>{`Back to ${d.name}`}</a>
			</p>
			<div class="alert" role="note">
				<p>
					{`This deletes ${d.total === 1 ? "the one attempt" : `all ${d.total} attempts`} of ${d.name} in ${cls.name}, with every answer in ${d.total === 1 ? "it" : "them"}. It cannot be undone.`}
				</p>
			</div>
			<form method="post" action={`${studentHref(cls.id, d.key)}/delete`}>
				<input type="hidden" name="confirm" value="yes" />
				<div class="actions">
					<button type="submit" class="danger">
						{`Delete ${d.total === 1 ? "1 attempt" : `${d.total} attempts`}`}
					</button>
					<a class="button" href={studentHref(cls.id, d.key)}>
						Cancel
					</a>
				</div>
			</form>
		</>
	);
}
