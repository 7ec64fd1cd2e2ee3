import type { AssetPaths } from "./assets";
import { Bar, Layout } from "./layout";

export interface JoinProps {
	assets: AssetPaths;
	quizzes: { id: string; title: string; questionCount: number }[];
	name: string;
	classCode: string;
	errors: { name?: string; classCode?: string; quiz?: string };
}

/**
 * `/`: name, class code (optional) and the quizzes, all in one form: typing a name and tapping a
 * quiz is the whole way in. Posts to /join, which checks the code and remembers the student.
 */
export function JoinPage({ assets, quizzes, name, classCode, errors }: JoinProps) {
	const messages = [errors.name, errors.classCode, errors.quiz].filter((m): m is string => Boolean(m));
	return (
		<Layout title="Join" description="Type your name, add your class code, and pick a quiz." assets={assets}>
			<Bar heading="Join a quiz" />
			<main class="page">
				<form method="post" action="/join" class="join" novalidate>
					{messages.length > 0 ? (
						<div class="alert" role="alert">
							<h2>Please check this</h2>
							<ul>
								{messages.map((m) => (
									<li>{m}</li>
								))}
							</ul>
						</div>
					) : null}
					<div class="field">
						<label for="studentName">Your name</label>
						<input
							id="studentName"
							name="studentName"
							type="text"
							value={name}
							required
							maxlength={60}
							autocomplete="off"
							aria-invalid={errors.name ? "true" : undefined}
							aria-describedby={errors.name ? "studentName-error" : undefined}
						/>
						{errors.name ? (
							<p id="studentName-error" class="error">
								{errors.name}
							</p>
						) : null}
					</div>
					<div class="field">
						<label for="classCode">
							Class code <span class="optional">(optional)</span>
						</label>
						<input
							id="classCode"
							name="classCode"
							type="text"
							value={classCode}
							maxlength={32}
							autocomplete="off"
							autocapitalize="characters"
							spellcheck={false}
							aria-invalid={errors.classCode ? "true" : undefined}
							aria-describedby={errors.classCode ? "classCode-hint classCode-error" : "classCode-hint"}
						/>
						<p id="classCode-hint" class="hint">
							The six letters your teacher gave you, if any.
						</p>
						{errors.classCode ? (
							<p id="classCode-error" class="error">
								{errors.classCode}
							</p>
						) : null}
					</div>
					<h2>Choose a quiz</h2>
					<ul class="quizzes">
						{quizzes.map((q) => (
							<li>
								<button type="submit" name="quiz" value={q.id} class="quiz-button">
									<span class="quiz-title">{q.title}</span>
									<span class="quiz-count">{`${q.questionCount} questions`}</span>
								</button>
							</li>
						))}
					</ul>
				</form>
			</main>
		</Layout>
	);
}
