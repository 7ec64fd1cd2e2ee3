import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { AssetPaths } from "../assets";
import { Document, type PageProps } from "../layout";

/** What the dashboard adds to the student pages' stylesheet: tables and charts. Inline, with the CSP nonce. */
const DASHBOARD_CSS = `
.dash table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
.dash th, .dash td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); }
.dash td.num, .dash th.num { text-align: right; font-variant-numeric: tabular-nums; }
.dash .scroll { overflow-x: auto; }
.dash .chart { width: 100%; max-width: 34rem; height: auto; display: block; }
.dash .qr svg { width: 12rem; height: 12rem; }
.dash .code { font-size: 2rem; letter-spacing: 0.2em; font-family: ui-monospace, monospace; }
.dash .exports { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; list-style: none; }
.dash .inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
.dash section { margin-block: 1.5rem; }
.dash .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.dash [hidden] { display: none; }
.dash :is(.review, .paste) :is(textarea, select, input[type="number"]) { display: block; width: 100%; min-height: 48px; margin-top: 0.25rem; padding: 0.5rem 0.75rem; border: 2px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); font: inherit; }
.dash :is(.review, .paste) textarea { resize: vertical; }
.dash :is(textarea, select, input[type="number"])[aria-invalid="true"] { border-color: var(--wrong); }
.dash .error::first-letter { text-transform: uppercase; }
.dash .notice { padding: 0.75rem 1rem; border: 2px solid var(--right); border-radius: 8px; }
.dash button.danger { border-color: var(--wrong); color: var(--wrong); }
.dash:has(.review) { max-width: 90rem; }
.dash .review-grid { display: grid; gap: 1.5rem; margin-block: 1rem; }
.dash .review-article { max-height: 60vh; overflow-y: auto; padding: 0 1rem 0.75rem; border: 1px solid var(--line); border-radius: 12px; }
.dash .review-article h2 { margin-top: 0.75rem; }
.dash .paras { padding-left: 1.75rem; }
.dash .paras li { margin-bottom: 0.75rem; }
.dash .use-selection { position: sticky; top: 0; z-index: 1; margin: 0 0 0.5rem; padding-block: 0.5rem; background: var(--bg); }
.dash .tools, .dash .row, .dash .choice-edit { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: end; margin-bottom: 1rem; }
.dash .row > .field, .dash .choice-edit > .field { flex: 1 1 12rem; margin: 0; }
.dash .question > .tools { clear: both; }
.dash .correct { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 48px; font-weight: normal; }
.dash .correct input { width: 1.5rem; height: 1.5rem; margin: 0; accent-color: var(--accent); }
.dash .choices-edit, .dash .evidence-fields { min-width: 0; margin: 0 0 1rem; padding: 0.5rem 0.75rem; border: 1px solid var(--line); border-radius: 8px; }
.dash .short-number { max-width: 9rem; }
/* The class page, its drill-downs and its settings. */
.dash .class-nav { display: flex; flex-wrap: wrap; gap: 0 1rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.dash .class-nav a { display: inline-flex; align-items: center; min-height: 44px; }
.dash .class-nav a[aria-current="page"] { color: var(--fg); font-weight: 700; text-decoration: none; }
.dash .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.75rem 1.5rem; }
.dash .stats dd { margin: 0; }
.dash .stats dd.hint { font-size: 0.9rem; font-weight: normal; }
.dash .inline > .field { min-width: 0; max-width: 100%; }
.dash :is(.inline, .settings) select { width: 100%; }
.dash :is(.inline, .settings) :is(select, input[type="number"], input[type="datetime-local"]) { max-width: 100%; min-height: 48px; padding: 0.5rem 0.75rem; border: 2px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); font: inherit; }
.dash .settings input[type="text"] { max-width: 30rem; }
.dash .settings section { padding-top: 1rem; border-top: 1px solid var(--line); }
.dash .settings fieldset { min-width: 0; margin: 0 0 1rem; padding: 0.5rem 0.75rem; border: 1px solid var(--line); border-radius: 8px; }
.dash .bar-cell { white-space: nowrap; }
.dash .items { padding-left: 1.75rem; }
.dash .items li { margin-bottom: 0.75rem; }
.dash .items a { display: inline; min-height: 0; }
.dash .item-stats { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.95rem; }
.dash svg.share { vertical-align: middle; color: var(--accent); }
.dash .word { display: block; font-size: 0.85rem; }
.dash .pages { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-block: 1rem; }
.dash .pages a, .dash :is(.attempts, .spread) :is(td, th) a { display: inline-flex; align-items: center; min-height: 44px; }
.dash .right-answer { color: var(--right); }
.dash .wrong-answer { color: var(--wrong); }
.dash .names { margin: 0; padding-left: 1.25rem; }
.dash .attempt { margin-block: 1rem 2rem; }
.dash .inline-form { margin-top: 1rem; }
@media (min-width: 60rem) {
	.dash .review-grid { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
	.dash .review-article { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); }
}
`;

/** A dashboard document: the student pages' stylesheet plus the dashboard's, the header with a sign-out button when signed in. */
export function TeacherDocument(
	props: PageProps & { assets: AssetPaths; nonce: string | undefined; teacherName: string | undefined; children?: Child },
) {
	return (
		<Document
			title={props.title}
			description={props.description ?? "Quizline for teachers: classes, join codes, results and exports."}
			assets={props.assets}
			head={<style nonce={props.nonce}>{raw(DASHBOARD_CSS)}</style>}
		>
			<header class="bar">
				<p class="brand">
					<a href="/teacher">Quizline for teachers</a>
				</p>
				<h1>{props.title}</h1>
				{props.teacherName ? (
					<form method="post" action="/teacher/sign-out">
						<p>
							Signed in as {props.teacherName}. <button type="submit">Sign out</button>
						</p>
					</form>
				) : null}
			</header>
			<main class="page dash">{props.children}</main>
		</Document>
	);
}
