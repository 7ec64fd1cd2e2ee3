import { ErrorSummary, NameAndClassFields } from "../fields";
import { Bar, type PageProps } from "../layout";

export interface JoinProps {
	quizzes: { id: string; title: string; questionCount: number }[];
	name: string;
	classCode: string;
	errors: { name?: string; classCode?: string; quiz?: string };
}

/**
 * `/`: name, class code (optional) and the quizzes, all in one form: typing a name and tapping a
 * quiz is the whole way in. Posts to /join, which checks the code and remembers the student.
 */
export const joinPageProps: PageProps = {
	title: "Join",
	description: "Type your name, add your class code, and pick a quiz.",
	script: true,
};

export function JoinPage({ quizzes, name, classCode, errors }: JoinProps) {
	const messages = [errors.name, errors.classCode, errors.quiz].filter((m): m is string => Boolean(m));
	return (
		<>
			<Bar heading="Join a quiz" />
			<main class="page">
				<form method="post" action="/join" class="join" novalidate>
					<ErrorSummary heading="Please check this" messages={messages} />
					<NameAndClassFields name={name} classCode={classCode} nameError={errors.name} classError={errors.classCode} />
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
				{/* Filled by the script from this device's storage only; nothing about it is sent to the server. */}
				<section id="my-results" aria-labelledby="my-results-title" hidden>
					<h2 id="my-results-title">My results on this device</h2>
					<ol class="my-results" />
				</section>
			</main>
		</>
	);
}
