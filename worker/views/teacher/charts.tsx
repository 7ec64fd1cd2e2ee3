/** Inline SVG charts for the dashboard: no library, no script, readable by screen readers. */
import type { HistogramBin } from "../../domain/stats";

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Bars of attempts per 10 % band of the score. */
export function ScoreHistogram({ bins, id }: { bins: HistogramBin[]; id: string }) {
	const width = 320;
	const height = 160;
	const top = Math.max(1, ...bins.map((b) => b.count));
	const barW = width / bins.length;
	const summary = bins.map((b) => `${b.fromPercent}–${b.toPercent}%: ${b.count}`).join(", ");
	return (
		<svg class="chart" viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
			<title id={`${id}-t`}>Histogram of scores</title>
			<desc id={`${id}-d`}>Attempts per score band: {summary}</desc>
			{bins.map((b, i) => {
				const h = Math.round((b.count / top) * (height - 16));
				return (
					<g>
						<rect x={i * barW + 2} y={height - h} width={barW - 4} height={h} fill="currentColor" opacity="0.75" />
						<text x={i * barW + barW / 2} y={height - h - 3} text-anchor="middle" font-size="10" fill="currentColor">
							{b.count > 0 ? String(b.count) : ""}
						</text>
						<text x={i * barW + barW / 2} y={height + 14} text-anchor="middle" font-size="9" fill="currentColor">
							{`${b.fromPercent}`}
						</text>
					</g>
				);
			})}
		</svg>
	);
}

/** One horizontal bar per question: its facility (share of the marks students got). */
export function FacilityChart({ items, id }: { items: { label: string; facility: number | null }[]; id: string }) {
	const row = 18;
	const labelW = 40;
	const barMax = 260;
	const height = items.length * row + 4;
	const summary = items.map((it) => `${it.label}: ${it.facility === null ? "no data" : pct(it.facility)}`).join(", ");
	return (
		<svg class="chart" viewBox={`0 0 ${labelW + barMax + 40} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
			<title id={`${id}-t`}>Facility per question</title>
			<desc id={`${id}-d`}>{summary}</desc>
			{items.map((it, i) => {
				const w = Math.round((it.facility ?? 0) * barMax);
				const y = i * row + 2;
				return (
					<g>
						<text x={0} y={y + 12} font-size="10" fill="currentColor">
							{it.label}
						</text>
						<rect x={labelW} y={y} width={barMax} height={row - 6} fill="currentColor" opacity="0.12" />
						<rect x={labelW} y={y} width={w} height={row - 6} fill="currentColor" opacity="0.75" />
						<text x={labelW + barMax + 4} y={y + 11} font-size="10" fill="currentColor">
							{it.facility === null ? "—" : pct(it.facility)}
						</text>
					</g>
				);
			})}
		</svg>
	);
}
