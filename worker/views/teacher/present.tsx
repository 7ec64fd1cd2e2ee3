/**
 * The projector view (`/teacher/classes/:id/present`): the join code in type big enough to read from
 * the back of a room, the QR code of the join link, and how many have joined and submitted. No
 * names, no scores. Black on white whatever the screen's colour scheme (projectors wash out dark
 * backgrounds). Without JavaScript it is a plain page with a refresh link; views/assets/status.client.js
 * polls `present.json`, updates the counts in place and offers a full-screen button.
 */
import { raw } from "hono/html";
import { renderSVG } from "uqr";
import type { ClassRow } from "../../db/schema";
import type { PresentCounts } from "../../features/status/service";
import { ClosingNote, StatusStyle } from "./status";

const PRESENT_CSS = `
body:has(.present-grid) { color-scheme: light; --bg: #fff; --fg: #000; --card: #fff; --muted: #2b2b2b; --line: #000; --accent: #0b4fbf; background: #fff; color: #000; }
body:has(.present-grid) .bar { background: #fff; }
body:has(.present-grid) .bar form { display: none; }
body:has(.present-grid) .page { max-width: none; }
.present-grid { display: grid; gap: 1.5rem 3rem; align-items: center; }
@media (min-width: 48rem) and (orientation: landscape) { .present-grid { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.present-join { margin: 0; font-size: clamp(1.25rem, min(2.5vw, 4.5vh), 2.5rem); font-weight: normal; }
.present-code { margin: 0.25rem 0 0.5rem; font: 700 clamp(3.5rem, min(12vw, 20vh), 14rem) / 1.1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; letter-spacing: 0.08em; white-space: nowrap; }
.present-counts { margin: 0; font-size: clamp(1.5rem, min(4vw, 7vh), 4.5rem); font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
.present-quiz { margin: 0.5rem 0 0; font-size: clamp(1rem, min(2vw, 3.5vh), 1.75rem); }
.present-qr svg { display: block; width: 100%; height: auto; max-width: min(70vh, 36rem); margin-inline: auto; }
.present-tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-top: 2rem; font-size: 1rem; }
.present-tools .field { margin: 0; }
.present-tools select { min-height: 48px; font: inherit; }
`;

export interface PresentPageProps {
	cls: ClassRow;
	joinUrl: string;
	counts: PresentCounts;
	/** Every quiz the class shows on its status page, for the chooser. */
	quizzes: { id: string; title: string }[];
	/** The quiz asked for in the address, if any (otherwise the class's current quiz is counted). */
	askedQuizId: string | undefined;
	liveUrl: string;
	selfUrl: string;
	script: string;
	nonce: string | undefined;
	interval: number;
}

export function PresentPage(p: PresentPageProps) {
	const base = `/teacher/classes/${p.cls.id}`;
	const host = new URL(p.joinUrl).host;
	const qr = renderSVG(p.joinUrl, { border: 2, whiteColor: "#fff", blackColor: "#000" }).replace(
		"<svg ",
		'<svg role="img" aria-label="QR code of the join link" ',
	);
	return (
		<>
			<StatusStyle nonce={p.nonce} />
			<style nonce={p.nonce}>{raw(PRESENT_CSS)}</style>
			<div id="live" data-live={p.liveUrl} data-interval={String(p.interval)} data-kind="present" class="present-grid">
				<section aria-labelledby="join-h">
					<h2 id="join-h" class="present-join">
						Join at <strong>{host}</strong> with the class code
					</h2>
					<p class="present-code">{p.cls.joinCode}</p>
					<p class="present-counts" id="present-counts" role="status" aria-live="polite" aria-atomic="true">
						<span data-count="joined">{String(p.counts.joined)}</span> joined ·{" "}
						<span data-count="submitted">{String(p.counts.submitted)}</span> submitted
					</p>
					<p class="present-quiz" id="present-quiz">
						{p.counts.quiz ? `Quiz: ${p.counts.quiz.title}` : "No quiz opened yet"}
					</p>
					<ClosingNote status={p.counts} />
				</section>
				<div class="present-qr">{raw(qr)}</div>
			</div>
			<div class="present-tools">
				<button type="button" id="fullscreen" hidden>
					Full screen
				</button>
				<a href={p.selfUrl}>Refresh</a>
				<a href={`${base}/status`}>Who has submitted</a>
				<a href={base}>Back to {p.cls.name}</a>
				<span id="live-note" class="meta" hidden>
					The counts update themselves while this page is open.
				</span>
				{p.quizzes.length > 1 ? (
					<form method="get" class="inline">
						<div class="field">
							<label for="quizId">Count for</label>
							<select id="quizId" name="quizId">
								{p.quizzes.map((q) => (
									<option value={q.id} selected={q.id === (p.askedQuizId ?? p.counts.quiz?.id)}>
										{q.title}
									</option>
								))}
							</select>
						</div>
						<button type="submit">Show</button>
					</form>
				) : null}
			</div>
			<script src={p.script} defer />
		</>
	);
}
