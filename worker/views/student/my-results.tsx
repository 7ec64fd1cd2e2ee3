/**
 * "My results on this device": an empty, hidden list that the script (assets/quiz.client.js) fills
 * from this phone's own storage, the results it submitted or showed: quiz, whose, when, a link to
 * the result, or "waiting to be sent" for one still in the outbox. Nothing about it is sent to the
 * server, so the server renders nothing into it.
 */
export function MyResults() {
	return (
		<section id="my-results" aria-labelledby="my-results-title" hidden>
			<h2 id="my-results-title">My results on this device</h2>
			<ol class="my-results" />
		</section>
	);
}
