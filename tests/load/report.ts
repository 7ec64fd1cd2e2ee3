/** Pass/fail checks and the short tables test:load prints. */

export interface Check {
	name: string;
	ok: boolean;
	detail: string;
}

export function table(title: string, rows: [string, string | number][]): string {
	const width = Math.max(...rows.map(([k]) => k.length));
	const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${typeof v === "number" ? formatNumber(v) : v}`);
	return [`\n${title}`, ...lines].join("\n");
}

export function formatNumber(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	return Number.isInteger(n) ? n.toLocaleString("en-GB") : n.toFixed(1);
}

export function checkLines(checks: Check[]): string {
	return checks.map((c) => `  ${c.ok ? "PASS" : "FAIL"}  ${c.name}${c.ok ? "" : ` — ${c.detail}`}`).join("\n");
}

export function statusSummary(statuses: Record<string, number>): string {
	return Object.entries(statuses)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([s, n]) => `${s}×${n}`)
		.join(" ");
}
