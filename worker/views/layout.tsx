import type { Child } from "hono/jsx";
import type { AssetPaths } from "./assets";

/** What a page tells the layout: passed as the second argument of `c.render(content, props)`. */
export interface PageProps {
	title: string;
	description?: string;
	/** Load the enhancement script (the quiz page only). */
	script?: boolean;
	/** Class on <body>: the quiz page lays out its two panels with it. */
	bodyClass?: string;
}

/** What every page starts with: standards mode. */
export const DOCTYPE = "<!doctype html>";

/**
 * Every page's document: one stylesheet, at most one deferred script, no fonts, nothing
 * third-party. The doctype (DOCTYPE) comes before it from the renderer (http/html.tsx).
 */
export function Document(props: PageProps & { assets: AssetPaths; head?: Child; children?: Child }) {
	const { title, description, assets, script, bodyClass, head, children } = props;
	return (
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light dark" />
				<meta name="description" content={description ?? title} />
				{/* No favicon request: nothing to fetch, nothing missing. */}
				<link rel="icon" href="data:," />
				<title>{`${title} · Quizline`}</title>
				<link rel="stylesheet" href={assets.style} />
				{script ? <script src={assets.script} defer /> : null}
				{head}
			</head>
			<body class={bodyClass}>{children}</body>
		</html>
	);
}

/** The page header: the app's name (a link home) and the page's heading. */
export function Bar({ heading, children }: { heading: string; children?: Child }) {
	return (
		<header class="bar">
			<p class="brand">
				<a href="/">Quizline</a>
			</p>
			<h1>{heading}</h1>
			{children}
		</header>
	);
}

/** The body of a short page for messages and errors: not found, a conflict, a body too large. */
export function Message(props: { title: string; children?: Child }) {
	return (
		<>
			<Bar heading={props.title} />
			<main class="page">{props.children}</main>
		</>
	);
}
