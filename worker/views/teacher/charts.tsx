/** Charts for the dashboard: inline SVG and HTML, no library, no script, readable by screen readers; every statistic in plain words. */

import { type Difficulty, type Discrimination, difficultyOf, discriminationOf, type HistogramBin, reliabilityOf } from "../../domain/stats";
import type { AttemptSet } from "../../features/classes/dashboard-service";

/** One sentence for each statistic the dashboard shows, next to it. */
export const EXPLAIN = {
	attempts: "How many attempts the statistics below count.",
	mean: "The average score: every score added up, divided by the number of attempts.",
	median: "The middle score: half the attempts scored this or less, half this or more.",
	sd: "How far scores typically sit from the average; small means most students scored alike.",
	range: "The lowest and the highest score.",
	alpha:
		"How reliably the quiz ranks students; above 0.7 is good, below 0.5 means the total score says little (it needs two questions or more and attempts that differ).",
	histogram: "How many attempts scored in each band of 10% of the maximum score.",
	facility: "The share of the marks students got on a question: near 100% almost everyone got it, near 0% almost nobody did.",
	discrimination:
		"Whether students who did well on the rest of the quiz got this question right more often than those who did not (from −1 to 1): above 0.3 is good, near 0 the question tells strong and weak students apart no better than chance, below 0 check the answer key or the wording.",
} as const;

/** Which attempts count, in plain words. */
export const SET_WORDS: Record<AttemptSet, { label: string; sentence: string }> = {
	first: {
		label: "Each student's first attempt",
		sentence: "Each student's first attempt only: what they knew before any feedback. The usual choice for judging questions.",
	},
	latest: { label: "Each student's latest attempt", sentence: "Each student's latest attempt only: where they ended up." },
	all: { label: "Every attempt", sentence: "Every attempt, retries included: a student who tried three times counts three times." },
};

export const percentText = (x: number | null, digits = 0) => (x === null ? "—" : `${x.toFixed(digits)}%`);
export const fixed = (x: number | null, digits = 1) => (x === null ? "—" : x.toFixed(digits));
/** A score as a teacher writes it: 14, 13.5, 13.25. */
export const points = (x: number) => String(Math.round(x * 100) / 100);

const DIFFICULTY: Record<Difficulty, string> = {
	"very easy": "very easy",
	easy: "easy",
	moderate: "moderate",
	hard: "hard",
	"very hard": "very hard",
};
const DISCRIMINATION: Record<Discrimination, string> = {
	good: "tells students apart well",
	fair: "tells students apart fairly",
	weak: "tells students apart weakly",
	negative: "negative: check the key",
};
const RELIABILITY = { good: "good", fair: "fair", low: "low" } as const;

export const difficultyWord = (facility: number | null) => {
	const d = difficultyOf(facility);
	return d === null ? "no attempts yet" : DIFFICULTY[d];
};
export const discriminationWord = (d: number | null) => {
	const w = discriminationOf(d);
	return w === null ? "not enough data yet" : DISCRIMINATION[w];
};
export const reliabilityWord = (alpha: number | null) => {
	const r = reliabilityOf(alpha);
	return r === null ? "not enough data yet" : RELIABILITY[r];
};

/** A bar for a share between 0 and 1 (decorative: the number beside it says the same). */
export function ShareBar({ share, width = 120 }: { share: number | null; width?: number }) {
	const w = Math.round(Math.max(0, Math.min(1, share ?? 0)) * width);
	return (
		<svg class="share" viewBox={`0 0 ${width} 12`} width={width} height="12" aria-hidden="true" focusable="false">
			<rect x="0" y="0" width={width} height="12" fill="currentColor" opacity="0.15" />
			<rect x="0" y="0" width={w} height="12" fill="currentColor" opacity="0.8" />
		</svg>
	);
}

/** Bars of attempts per 10 % band of the score. */
export function ScoreHistogram({ bins, id }: { bins: HistogramBin[]; id: string }) {
	const width = 320;
	const height = 160;
	const top = Math.max(1, ...bins.map((b) => b.count));
	const barW = width / Math.max(1, bins.length);
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
							{`${b.fromPercent}%`}
						</text>
					</g>
				);
			})}
		</svg>
	);
}
