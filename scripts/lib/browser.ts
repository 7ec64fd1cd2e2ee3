/**
 * Headless Chromium for end-to-end tests and audits, driven from Node by playwright-core: the
 * Debian build at /usr/bin/chromium (CHROME_PATH overrides), with the flags this sandbox needs
 * (no network beyond loopback: background services would stall it), and a phone context.
 * Generic on purpose: any page of the app can use it (student pages, teacher dashboard).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Flags for Chromium here: no sandbox (root in a container), no GPU, nothing that phones home. */
export const CHROMIUM_FLAGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
	"--disable-quic",
];

/** A mid-size phone: 390×844 CSS px, touch, mobile viewport rules. */
export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true,
	userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36",
	locale: "en-GB",
};

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

/** A fresh phone context (own cookies and storage); options override PHONE's, e.g. { javaScriptEnabled: false }. */
export function newPhoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
	return browser.newContext({ ...PHONE, ...options });
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

const AXE_SOURCE = path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");

/** Runs axe-core (WCAG 2.x A and AA rules and best practices) in the page; returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
	// Evaluated through DevTools, so the page's CSP (rightly) has no say and stays untouched.
	await page.evaluate(readFileSync(AXE_SOURCE, "utf8"));
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document, { resultTypes: ["violations"] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
		}));
	});
}

/** One line per violation and node, for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
	return violations
		.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)}`).join("\n")}`)
		.join("\n");
}
