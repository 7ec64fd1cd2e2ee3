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
