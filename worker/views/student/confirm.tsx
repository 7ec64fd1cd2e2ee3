import { Bar, type PageProps } from "../layout";

export interface BlankConfirmProps {
	quizId: string;
	quizTitle: string;
	total: number;
	/** The blank questions: their number (1-based) and prompt. */
	blanks: { n: number; prompt: string }[];
	/** Every field of the form as it was posted, sent again by either button: no answer is lost. */
	fields: [string, string][];
}

export const NEXT_FIELD = "next";
export const SUBMIT_ANYWAY = "submit";
export const GO_BACK = "edit";

export const blankConfirmPageProps = (p: { quizTitle: string; blanks: unknown[] }): PageProps => ({
	title: `${p.blanks.length === 1 ? "1 question is" : `${p.blanks.length} questions are`} blank: ${p.quizTitle}`,
	description: "Some questions have no answer yet. Submit anyway, or go back and answer them.",
});

const blankSentence = (count: number, total: number) =>
	`${count === 1 ? "1 question has" : `${count} of ${total} questions have`} no answer yet.`;

/**
 * The no-JavaScript check before an incomplete quiz is submitted: the blank questions (each a way
 * back to it), "Submit anyway" and "Go back". Both buttons post every answer again, so nothing is lost.
 */
export function BlankConfirmPage({ quizId, quizTitle, total, blanks, fields }: BlankConfirmProps) {
	const action = `/quiz/${encodeURIComponent(quizId)}`;
	return (
		<>
			<Bar heading="Submit with blank questions?" />
			<main class="page">
				<form method="post" action={action} class="blank-check" autocomplete="off">
					{fields.map(([name, value]) => (
						<input type="hidden" name={name} value={value} />
					))}
					<h2>{quizTitle}</h2>
					<p class="big">{blankSentence(blanks.length, total)}</p>
					<ul class="blank-list">
						{blanks.map((b) => (
							<li>
								<button type="submit" class="link" name={NEXT_FIELD} value={GO_BACK} formaction={`${action}#q${b.n}`}>
									<span class="qn-inline">{`Question ${b.n}`}</span> {b.prompt}
								</button>
							</li>
						))}
					</ul>
					<p class="actions">
						<button type="submit" class="primary" name={NEXT_FIELD} value={SUBMIT_ANYWAY}>
							Submit anyway
						</button>
						<button type="submit" name={NEXT_FIELD} value={GO_BACK}>
							Go back to the questions
						</button>
					</p>
				</form>
			</main>
		</>
	);
}

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** A moment as students read it, e.g. "24 December 2026 at 16:00 UTC" (the server does not know their time zone). */
export const readableTime = (at: Date): string => `${TIME.format(at)} UTC`;

/** The way back to the quiz list, at the end of a student's page. */
export function ChooseAnotherQuiz() {
	return (
		<a class="button" href="/">
			Choose another quiz
		</a>
	);
}

/** Why a quiz cannot be taken now, told before any answer is typed (or instead of storing one). */
export type QuizRefusal =
	| { kind: "classClosed"; closesAt: Date }
	| { kind: "quizNotOpen" }
	| { kind: "noAttemptsLeft"; maxAttempts: number; sentence: string };

const REFUSAL_TITLES: Record<QuizRefusal["kind"], string> = {
	classClosed: "This class is closed",
	quizNotOpen: "Not open for your class",
	noAttemptsLeft: "No attempts left",
};

export const quizRefusedPageProps = (p: { quizTitle: string; refusal: QuizRefusal }): PageProps => ({
	title: `${REFUSAL_TITLES[p.refusal.kind]}: ${p.quizTitle}`,
	description: REFUSAL_TITLES[p.refusal.kind],
});

/** The page a student meets instead of a quiz their class does not take now: what happened, and where to go. */
export function QuizRefusedPage({ quizTitle, refusal }: { quizTitle: string; refusal: QuizRefusal }) {
	return (
		<>
			<Bar heading={REFUSAL_TITLES[refusal.kind]} />
			<main class="page">
				<h2>{quizTitle}</h2>
				{refusal.kind === "classClosed" ? (
					<p class="big">
						{"Your class stopped taking answers on "}
						<time datetime={refusal.closesAt.toISOString()}>{readableTime(refusal.closesAt)}</time>. Ask your teacher if you still need to
						take this quiz.
					</p>
				) : refusal.kind === "quizNotOpen" ? (
					<p class="big">This quiz is not open for your class. Ask your teacher which quiz to take, or choose one your class has.</p>
				) : (
					<p class="big">{refusal.sentence}</p>
				)}
				<p class="actions">
					<ChooseAnotherQuiz />
				</p>
			</main>
		</>
	);
}
