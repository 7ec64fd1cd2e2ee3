import { ErrorSummary, TextField } from "../fields";
import { Bar, type PageProps } from "../layout";
import { MyResults } from "./my-results";

/** A name on the class's roster, for the name picker. */
export interface PickableName {
	id: string;
	name: string;
}

/** How the student says who they are, which depends on the code they came with. */
export type JoinWho =
	/** No code, or a class without a roster: a typed name and an optional code. */
	| { kind: "typeName"; name: string; classCode: string; className?: string | undefined }
	/** A personal code: greeted by the roster's name, nothing to type. */
	| { kind: "personal"; className: string; studentName: string; code: string }
	/** A rostered class's join code, name picker on: pick a name from the list. */
	| { kind: "pickName"; className: string; classCode: string; roster: PickableName[]; picked: string }
	/** A rostered class's join code, name picker off: type the personal code. */
	| { kind: "personalCode"; className: string; classCode: string; personalCode: string };

export interface JoinErrors {
	name?: string | undefined;
	classCode?: string | undefined;
	personalCode?: string | undefined;
	pick?: string | undefined;
	quiz?: string | undefined;
}

export interface JoinProps {
	quizzes: { id: string; title: string; questionCount: number }[];
	who: JoinWho;
	errors: JoinErrors;
}

/**
 * `/` and `/join/<code>`: who the student is and the quizzes, all in one form: tapping a quiz is the
 * whole way in. Posts to /join, which checks the code and remembers the student.
 */
export const joinPageProps: PageProps = {
	title: "Join",
	description: "Type your name and your code, or the code on your card, and pick a quiz.",
	script: true,
};

const CODE_EXTRA = { autocapitalize: "characters", spellcheck: "false" };

/** Where a student whose code is not theirs starts again: the join page without the remembered code. */
const START_AGAIN = "/?class=";

function Who({ who, errors }: { who: JoinWho; errors: JoinErrors }) {
	switch (who.kind) {
		case "typeName":
			return (
				<>
					{who.className ? <p class="who">{`Class: ${who.className}`}</p> : null}
					<TextField id="studentName" label="Your name" value={who.name} maxlength={60} error={errors.name} extra={{ required: true }} />
					<TextField
						id="classCode"
						label={
							<>
								Class code <span class="optional">(optional)</span>
							</>
						}
						value={who.classCode}
						maxlength={32}
						hint="The six letters your teacher gave you, or the eight on your own card (then your name is not needed)."
						error={errors.classCode}
						extra={CODE_EXTRA}
					/>
				</>
			);
		case "personal":
			return (
				<>
					<p class="greeting">
						Hello, <strong>{who.studentName}</strong>!
					</p>
					<p>{`You are in ${who.className}. Your answers are saved under your name.`}</p>
					<p class="who">
						<a href={START_AGAIN}>{`Not ${who.studentName}? Use another code`}</a>
					</p>
					<input type="hidden" name="classCode" value={who.code} />
				</>
			);
		case "pickName":
			return (
				<>
					<p>{`You are joining ${who.className}.`}</p>
					<input type="hidden" name="classCode" value={who.classCode} />
					<fieldset class="identity" aria-describedby={errors.pick ? "pick-error" : undefined}>
						<legend>Pick your name</legend>
						{errors.pick ? (
							<p id="pick-error" class="error">
								{errors.pick}
							</p>
						) : null}
						{who.roster.map((s) => (
							<label class="choice">
								<input type="radio" name="rosterStudent" value={s.id} checked={s.id === who.picked} required />
								{s.name}
							</label>
						))}
					</fieldset>
					<p class="who">
						Not on the list? Ask your teacher. Wrong class? <a href={START_AGAIN}>Use another code</a>
					</p>
				</>
			);
		case "personalCode":
			return (
				<>
					<p>{`You are joining ${who.className}. This class uses personal codes: each student has their own.`}</p>
					<input type="hidden" name="classCode" value={who.classCode} />
					<TextField
						id="personalCode"
						label="Your personal code"
						value={who.personalCode}
						maxlength={32}
						hint="The eight letters and digits on the card your teacher gave you."
						error={errors.personalCode}
						extra={{ ...CODE_EXTRA, required: true }}
					/>
					<p class="who">
						Wrong class? <a href={START_AGAIN}>Use another code</a>
					</p>
				</>
			);
	}
}

export function JoinPage({ quizzes, who, errors }: JoinProps) {
	const messages = [errors.name, errors.classCode, errors.personalCode, errors.pick, errors.quiz].filter((m): m is string => Boolean(m));
	return (
		<>
			<Bar heading="Join a quiz" />
			<main class="page">
				<form method="post" action="/join" class="join" novalidate>
					<ErrorSummary heading="Please check this" messages={messages} />
					<Who who={who} errors={errors} />
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
				<MyResults />
			</main>
		</>
	);
}
