import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { AssetPaths } from "./assets";

export interface LayoutProps {
	title: string;
	description: string;
	assets: AssetPaths;
	/** Load the enhancement script (the quiz page only). */
	script?: boolean;
	/** Class on <body>: the quiz page lays out its two panels with it. */
	bodyClass?: string;
	children?: Child;
}

/** Every page: one stylesheet, at most one deferred script, no fonts, nothing third-party. */
export function Layout({ title, description, assets, script, bodyClass, children }: LayoutProps) {
	return (
		<>
			{raw("<!doctype html>")}
			<html lang="en">
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<meta name="color-scheme" content="light dark" />
					<meta name="description" content={description} />
					{/* No favicon request: nothing to fetch, nothing to 404. */}
					<link rel="icon" href="data:," />
					<title>{`${title} · Quizline`}</title>
					<link rel="stylesheet" href={assets.style} />
					{script ? <script src={assets.script} defer /> : null}
				</head>
				<body class={bodyClass}>{children}</body>
			</html>
		</>
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

/** A short page for messages and errors: not found, a conflict, a body too large. */
export function MessagePage(props: { title: string; assets: AssetPaths; children?: Child }) {
	return (
		<Layout title={props.title} description={props.title} assets={props.assets}>
			<Bar heading={props.title} />
			<main class="page">{props.children}</main>
		</Layout>
	);
}
