/**
 * Numbers with what they count: percentages, sums of money, years, dates, measures ("120 km"),
 * durations ("four months", "a century"), ages and counts of things ("1,200 jobs"). Each keeps
 * its surface form, so a distractor is written the way the article writes numbers ("£3.2
 * million" beside "£4.2 million", "five" beside "six").
 */
import { IRREGULAR_PLURALS, MONTHS, NUMBER_WORDS, PEOPLE_NOUNS, TENS_WORDS, WEEKDAYS } from "./lexicon";
import type { Doc, Sentence, Token } from "./text";

export type NumberKind = "percent" | "money" | "year" | "date" | "measure" | "count" | "duration" | "age" | "ordinal";

export interface Quantity {
	paragraph: number;
	sentence: number;
	kind: NumberKind;
	/** What is counted or measured, for grouping: "£", "km", "people", "trees", "month", "weekday". */
	unit: string;
	value: number;
	/** The number as written, without approximators: "£4.2 million", "23%", "six", "71st", "14 March". */
	text: string;
	/** Token range of `text` within the sentence, [first, last). */
	first: number;
	last: number;
	start: number;
	end: number;
	/** Token index where an approximator starts ("about", "more than"), or `first`. */
	lead: number;
	/** The counted noun phrase as written ("old willow trees"), for "How many …" questions; "" if none. */
	noun: string;
	/** Token range of the noun phrase, [nounFirst, nounLast). */
	nounFirst: number;
	nounLast: number;
	format: NumberFormat;
}

interface NumberFormat {
	prefix: string;
	suffix: string;
	decimals: number;
	commas: boolean;
	words: boolean;
	/** "million", "billion" … as written, with its multiplier. */
	scale: string;
	multiplier: number;
}

const CURRENCIES = new Set(["$", "£", "€", "¥"]);
const SCALES = new Map<string, number>([
	["thousand", 1e3],
	["million", 1e6],
	["billion", 1e9],
	["trillion", 1e12],
	["bn", 1e9],
	["m", 1e6],
]);
const MEASURES = new Map<string, string>([
	["km", "km"],
	["kilometres", "km"],
	["kilometers", "km"],
	["kilometre", "km"],
	["metres", "m"],
	["meters", "m"],
	["metre", "m"],
	["miles", "mile"],
	["mile", "mile"],
	["kg", "kg"],
	["kilograms", "kg"],
	["tonnes", "tonne"],
	["tons", "tonne"],
	["hectares", "hectare"],
	["acres", "acre"],
	["litres", "litre"],
	["liters", "litre"],
	["degrees", "degree"],
	["feet", "foot"],
	["cm", "cm"],
	["mm", "mm"],
]);
export const UNIT_NAMES: Readonly<Record<string, string>> = {
	km: "kilometres",
	m: "metres",
	mile: "miles",
	kg: "kilograms",
	tonne: "tonnes",
	hectare: "hectares",
	acre: "acres",
	litre: "litres",
	degree: "degrees",
	foot: "feet",
	cm: "centimetres",
	mm: "millimetres",
};
const TIME_UNITS = new Map<string, string>([
	["second", "second"],
	["seconds", "second"],
	["minute", "minute"],
	["minutes", "minute"],
	["hour", "hour"],
	["hours", "hour"],
	["day", "day"],
	["days", "day"],
	["week", "week"],
	["weeks", "week"],
	["month", "month"],
	["months", "month"],
	["year", "year"],
	["years", "year"],
	["decade", "decade"],
	["decades", "decade"],
	["century", "century"],
	["centuries", "century"],
]);
const APPROXIMATORS = new Set(["about", "around", "almost", "nearly", "over", "some", "roughly", "approximately", "only", "just", "under"]);
const APPROXIMATOR_PAIRS = new Set([
	"more than",
	"less than",
	"fewer than",
	"up to",
	"at least",
	"as many as",
	"as much as",
	"a record",
	"an estimated",
	"a further",
	"an extra",
	"a total of",
	"an average of",
]);
const NOUN_MODIFIERS = new Set([
	"more",
	"new",
	"old",
	"other",
	"extra",
	"additional",
	"young",
	"small",
	"large",
	"big",
	"full-time",
	"part-time",
]);

/** Every quantity in the article, in reading order. */
export function findQuantities(doc: Doc): Quantity[] {
	return doc.sentences.flatMap((s) => sentenceQuantities(doc, s));
}

function sentenceQuantities(doc: Doc, sentence: Sentence): Quantity[] {
	const found: Quantity[] = [];
	const tokens = sentence.tokens;
	const text = doc.paragraphs[sentence.paragraph] ?? "";
	let i = 0;
	while (i < tokens.length) {
		const q = readQuantity(text, sentence, i);
		if (q) {
			found.push(q);
			i = Math.max(q.last, q.nounLast, i + 1);
		} else {
			i++;
		}
	}
	return found;
}

/** Reads the quantity that starts at token i, if one does. */
function readQuantity(text: string, sentence: Sentence, i: number): Quantity | undefined {
	const tokens = sentence.tokens;
	const t = tokens[i] as Token;
	const next = tokens[i + 1];
	const timed = TIME_UNITS.has(tokens[i + 1]?.lower ?? "");
	const base = {
		paragraph: sentence.paragraph,
		sentence: sentence.index,
		lead: approximatorStart(tokens, i, timed),
		noun: "",
		nounFirst: i,
		nounLast: i,
	};
	const span = (first: number, last: number) => {
		const start = (tokens[first] as Token).start;
		const end = (tokens[last - 1] as Token).end;
		return { first, last, start, end, text: text.slice(start, end) };
	};
	const fmt = (raw: string, extra: Partial<NumberFormat> = {}): NumberFormat => ({
		prefix: "",
		suffix: "",
		decimals: raw.includes(".") ? (raw.split(".")[1] ?? "").length : 0,
		commas: raw.includes(","),
		words: false,
		scale: "",
		multiplier: 1,
		...extra,
	});

	// Money: "£4.2 million", "$3.85", "€410 million".
	if (CURRENCIES.has(t.text) && next && isNumeral(next.text) && next.start === t.end) {
		let last = i + 2;
		let scale = "";
		let multiplier = 1;
		const s = tokens[i + 2];
		if (s && SCALES.has(s.lower) && s.lower !== "m") {
			scale = ` ${s.text}`;
			multiplier = SCALES.get(s.lower) ?? 1;
			last++;
		}
		const value = parseNumeral(next.text);
		return {
			...base,
			...span(i, last),
			kind: "money",
			unit: t.text,
			value: value * multiplier,
			format: fmt(next.text, { prefix: t.text, scale, multiplier }),
		};
	}

	const dated = readDate(text, sentence, i);
	if (dated) return { ...base, ...dated };

	// Hyphenated forms: "19-year-old", "95-metre", "39C".
	const hyphen = /^(\d+(?:\.\d+)?)-(year-old|[a-z]+)$/u.exec(t.lower);
	if (hyphen) {
		const value = Number(hyphen[1]);
		if (hyphen[2] === "year-old")
			return { ...base, ...span(i, i + 1), kind: "age", unit: "year", value, format: fmt(hyphen[1] ?? "", { suffix: "" }) };
		const unit = MEASURES.get(hyphen[2] ?? "") ?? MEASURES.get(`${hyphen[2]}s`);
		if (unit)
			return {
				...base,
				...span(i, i + 1),
				kind: "measure",
				unit,
				value,
				format: fmt(hyphen[1] ?? "", { suffix: `-${t.text.split("-")[1]}` }),
			};
		return undefined;
	}
	const temp = /^(-?\d+(?:\.\d+)?)(C|F)$/u.exec(t.text);
	if (temp)
		return {
			...base,
			...span(i, i + 1),
			kind: "measure",
			unit: `°${temp[2]}`,
			value: Number(temp[1]),
			format: fmt(temp[1] ?? "", { suffix: temp[2] }),
		};

	const ordinal = /^(\d+)(st|nd|rd|th)$/u.exec(t.lower);
	if (ordinal) {
		const noun = next?.word && !next.cap ? next.lower : "";
		if (!noun) return undefined;
		return {
			...base,
			...span(i, i + 1),
			kind: "ordinal",
			unit: noun,
			value: Number(ordinal[1]),
			format: fmt(ordinal[1] ?? "", { suffix: "th" }),
		};
	}

	const numeral = isNumeral(t.text) ? parseNumeral(t.text) : wordValue(tokens, i);
	if (numeral === undefined) return undefined;
	// "one in five children" is a ratio, not a count.
	if (tokens[i - 1]?.lower === "in" && /^(one|\d+)$/u.test(tokens[i - 2]?.lower ?? "")) return undefined;
	const isWord = !isNumeral(t.text);
	const numberLast = i + 1;
	let after = tokens[numberLast];

	// Scale words: "8.1 million tonnes", "1.5 billion".
	let multiplier = 1;
	let scale = "";
	let last = numberLast;
	if (!isWord && after && SCALES.has(after.lower) && after.lower !== "m") {
		multiplier = SCALES.get(after.lower) ?? 1;
		scale = ` ${after.text}`;
		last++;
		after = tokens[last];
	}
	const value = numeral * multiplier;
	const format = fmt(t.text, { words: isWord, scale, multiplier });

	if (after && (after.text === "%" || after.lower === "percent")) {
		return {
			...base,
			...span(i, last + 1),
			kind: "percent",
			unit: "%",
			value,
			format: { ...format, suffix: after.text === "%" ? "%" : ` ${after.text}` },
		};
	}
	if (after?.lower === "per" && tokens[last + 1]?.lower === "cent") {
		return { ...base, ...span(i, last + 2), kind: "percent", unit: "%", value, format: { ...format, suffix: " per cent" } };
	}
	const square = after?.lower === "square" ? 1 : 0;
	const unitToken = tokens[last + square];
	const measure = unitToken ? MEASURES.get(unitToken.lower) : undefined;
	if (measure && unitToken) {
		const unit = square ? `sq ${measure}` : measure;
		const suffix = ` ${text.slice((after as Token).start, unitToken.end)}`;
		return { ...base, ...span(i, last + square + 1), kind: "measure", unit, value, format: { ...format, suffix } };
	}
	const time = after ? TIME_UNITS.get(after.lower) : undefined;
	// "1 hour 29 minutes": a compound time is not one number to ask about.
	if (time && (isNumeral(tokens[last + 1]?.text ?? "") || TIME_UNITS.has(tokens[i - 1]?.lower ?? ""))) return undefined;
	if (time && after) {
		const old = tokens[last + 1]?.lower === "old";
		const kind: NumberKind = old ? "age" : "duration";
		return { ...base, ...span(i, last + 1), kind, unit: time, value, format: { ...format, suffix: ` ${after.text}` } };
	}
	if (!isWord && isYear(t.text) && !(after && isCountNoun(after))) {
		return { ...base, ...span(i, i + 1), kind: "year", unit: "year", value, format: { ...format, commas: false } };
	}
	if (isWord && numeral === 1) return undefined;
	const noun = countNoun(tokens, last);
	if (noun) {
		const nounText = text.slice((tokens[last] as Token).start, (tokens[noun.last - 1] as Token).end);
		const head = (tokens[noun.last - 1] as Token).lower;
		const unit = PEOPLE_NOUNS.has(head) ? "people" : head;
		return { ...base, ...span(i, last), kind: "count", unit, value, format, noun: nounText, nounFirst: last, nounLast: noun.last };
	}
	return undefined;
}

/** "14 March", "March 14", "Tuesday": dates the text gives. */
function readDate(
	text: string,
	sentence: Sentence,
	i: number,
): Omit<Quantity, "paragraph" | "sentence" | "lead" | "noun" | "nounFirst" | "nounLast"> | undefined {
	const tokens = sentence.tokens;
	const t = tokens[i] as Token;
	const next = tokens[i + 1];
	const month = (w: string | undefined) => MONTHS.indexOf((w ?? "") as (typeof MONTHS)[number]);
	const fmt: NumberFormat = { prefix: "", suffix: "", decimals: 0, commas: false, words: false, scale: "", multiplier: 1 };
	const span = (first: number, last: number) => {
		const start = (tokens[first] as Token).start;
		const end = (tokens[last - 1] as Token).end;
		return { first, last, start, end, text: text.slice(start, end) };
	};
	if (/^\d{1,2}$/u.test(t.text) && next && month(next.lower) >= 0 && next.cap) {
		const day = Number(t.text);
		if (day >= 1 && day <= 31)
			return { ...span(i, i + 2), kind: "date", unit: "day-month", value: month(next.lower) * 100 + day, format: fmt };
	}
	if (t.cap && month(t.lower) >= 0 && next && /^\d{1,2}$/u.test(next.text) && tokens[i - 1]?.text !== "") {
		const day = Number(next.text);
		if (day >= 1 && day <= 31)
			return { ...span(i, i + 2), kind: "date", unit: "month-day", value: month(t.lower) * 100 + day, format: fmt };
	}
	const prev = tokens[i - 1]?.lower;
	if (
		t.cap &&
		WEEKDAYS.includes(t.lower as (typeof WEEKDAYS)[number]) &&
		(prev === "on" || prev === "since" || prev === "by" || prev === "until")
	) {
		return { ...span(i, i + 1), kind: "date", unit: "weekday", value: WEEKDAYS.indexOf(t.lower as (typeof WEEKDAYS)[number]), format: fmt };
	}
	if (
		t.cap &&
		month(t.lower) >= 0 &&
		t.lower !== "may" &&
		(prev === "in" || prev === "since" || prev === "by" || prev === "until" || prev === "from") &&
		!isYear(next?.text ?? "")
	) {
		return { ...span(i, i + 1), kind: "date", unit: "month", value: month(t.lower), format: fmt };
	}
	return undefined;
}

/** Where an approximator before token i starts ("about", "more than"), or i itself. */
function approximatorStart(tokens: readonly Token[], i: number, timed = false): number {
	const one = tokens[i - 1]?.lower ?? "";
	// "over four days", "under two hours": a preposition of time, not an approximator.
	if (timed && (one === "over" || one === "under")) return i;
	const two = `${tokens[i - 2]?.lower ?? ""} ${one}`;
	const three = `${tokens[i - 3]?.lower ?? ""} ${two}`;
	if (APPROXIMATOR_PAIRS.has(three)) return i - 3;
	if (APPROXIMATOR_PAIRS.has(two)) return i - 2;
	if (APPROXIMATORS.has(one)) return i - 1;
	return i;
}

/** The noun phrase counted after a number: up to two modifiers, then a plural noun. */
function countNoun(tokens: readonly Token[], from: number): { last: number } | undefined {
	for (let j = from; j < tokens.length && j < from + 3; j++) {
		const t = tokens[j] as Token;
		if (!t.word || t.cap || /\p{N}/u.test(t.text)) return undefined;
		if (isCountNoun(t)) {
			// "2,000 cyclists and walkers": a pair of plural nouns is counted together.
			const link = tokens[j + 1];
			const other = tokens[j + 2];
			if (link && (link.lower === "and" || link.lower === "or") && other && isCountNoun(other)) return { last: j + 3 };
			return { last: j + 1 };
		}
		if (j > from && !NOUN_MODIFIERS.has(t.lower) && !/^[a-z-]+$/u.test(t.lower)) return undefined;
		if (["of", "to", "and", "or", "in", "on", "at", "by", "for", "a", "the"].includes(t.lower)) return undefined;
	}
	return undefined;
}

function isCountNoun(t: Token): boolean {
	if (!t.word || t.cap) return false;
	if (IRREGULAR_PLURALS.has(t.lower)) return true;
	return /[a-z]{2,}s$/u.test(t.lower) && !/(ss|us|is)$/u.test(t.lower) && !TIME_UNITS.has(t.lower) && !MEASURES.has(t.lower);
}

export function isNumeral(text: string): boolean {
	return /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/u.test(text);
}

function parseNumeral(text: string): number {
	return Number(text.replace(/,/gu, ""));
}

function isYear(text: string): boolean {
	if (!/^\d{4}$/u.test(text)) return false;
	const n = Number(text);
	return n >= 1800 && n <= 2100;
}

/** Value of a number word at token i ("six", "forty", "a" before a time unit), if any. */
function wordValue(tokens: readonly Token[], i: number): number | undefined {
	const w = (tokens[i] as Token).lower;
	if (w === "a" || w === "an") return TIME_UNITS.has(tokens[i + 1]?.lower ?? "") && tokens[i - 1]?.lower === "for" ? 1 : undefined;
	const small = NUMBER_WORDS.indexOf(w);
	if (small >= 0) return small;
	const tens = TENS_WORDS.indexOf(w);
	if (tens >= 2) return tens * 10;
	if (w === "dozen" && tokens[i - 1]?.lower === "a") return undefined;
	return undefined;
}

/** A number in words: 0–99 (used for "fifteen" beside "15"). */
export function numberInWords(n: number): string | undefined {
	if (!Number.isInteger(n) || n < 0 || n > 99) return undefined;
	if (n <= 20) return NUMBER_WORDS[n];
	const tens = TENS_WORDS[Math.floor(n / 10)] ?? "";
	const unit = n % 10;
	return unit === 0 ? tens : `${tens}-${NUMBER_WORDS[unit]}`;
}

/** Writes a value the way `q` is written: same currency, scale, decimals, commas, suffix, words. */
export function render(q: Quantity, value: number): string {
	if (q.kind === "date") return renderDate(q, value);
	if (q.kind === "ordinal") return `${value}${ordinalSuffix(value)}`;
	if (q.text.toLowerCase().startsWith("a ") && q.kind === "duration") return renderDuration(q, value);
	const f = q.format;
	const scaled = value / f.multiplier;
	let digits: string;
	if (f.words) {
		digits = numberInWords(scaled) ?? String(scaled);
		if (/^\p{Lu}/u.test(q.text)) digits = digits.charAt(0).toUpperCase() + digits.slice(1);
	} else {
		digits = scaled.toFixed(Number.isInteger(scaled) && f.multiplier > 1 ? 0 : f.decimals);
		const plainStyle = !f.commas && q.value / f.multiplier >= 1000;
		if (q.kind !== "year" && (f.commas || (scaled >= 1000 && !plainStyle))) digits = withCommas(digits);
	}
	let suffix = f.suffix;
	if (q.kind === "duration" || q.kind === "age") suffix = pluralise(suffix, scaled);
	// "1 square kilometre", not "1 square kilometres".
	if (q.kind === "measure" && scaled === 1)
		suffix = suffix.replace(/(metre|meter|mile|tonne|ton|hectare|acre|litre|liter|degree)s$/u, "$1").replace(/feet$/u, "foot");
	return `${f.prefix}${digits}${f.scale}${suffix}`;
}

function withCommas(digits: string): string {
	const [whole, frac] = digits.split(".");
	const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/gu, ",");
	return frac ? `${grouped}.${frac}` : grouped;
}

function pluralise(suffix: string, n: number): string {
	const word = suffix.trim();
	if (!word) return suffix;
	const singular = word.replace(/ies$/u, "y").replace(/s$/u, "");
	const unit = TIME_UNITS.get(word.toLowerCase());
	if (!unit) return suffix;
	const plural = unit === "century" ? "centuries" : `${unit}s`;
	return ` ${n === 1 ? (unit === "century" ? "century" : singular) : plural}`;
}

function ordinalSuffix(n: number): string {
	if (n % 100 >= 11 && n % 100 <= 13) return "th";
	return n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
}

function capitalise(w: string): string {
	return w.charAt(0).toUpperCase() + w.slice(1);
}

function renderDate(q: Quantity, value: number): string {
	if (q.unit === "weekday") return capitalise(WEEKDAYS[((value % 7) + 7) % 7] ?? "");
	if (q.unit === "month") return capitalise(MONTHS[((value % 12) + 12) % 12] ?? "");
	const month = capitalise(MONTHS[Math.floor(value / 100)] ?? "");
	const day = value % 100;
	return q.unit === "day-month" ? `${day} ${month}` : `${month} ${day}`;
}

const DURATION_LADDER = ["a week", "a month", "a year", "a decade", "a century"];

function renderDuration(q: Quantity, value: number): string {
	const here = DURATION_LADDER.indexOf(q.text.toLowerCase());
	return DURATION_LADDER[here + value - 1] ?? q.text;
}

/**
 * Plausible wrong values for a quantity, as written: first other values of the same kind and
 * unit from the article (closest first), then the value shifted (percentages by 5 or 10 points,
 * years by one to three, counts and sums by a quarter or a half, small numbers by one or two).
 * `salt` picks which shifts, so the right answer is not always the middle one.
 */
export function alternatives(q: Quantity, all: readonly Quantity[], salt: number): string[] {
	const own = render(q, q.value);
	const out: string[] = [];
	const push = (text: string) => {
		const key = text.toLowerCase();
		if (key !== own.toLowerCase() && key !== q.text.toLowerCase() && !out.some((o) => o.toLowerCase() === key)) out.push(text);
	};
	const same = all
		.filter((o) => o.kind === q.kind && o.unit === q.unit && o.value !== q.value && sameScale(o, q))
		.sort((a, b) => Math.abs(Math.log(a.value / q.value)) - Math.abs(Math.log(b.value / q.value)) || a.value - b.value);
	// Another figure of the article keeps its own form ("£1.1 billion" beside "£300 million", "12%" beside "4.5%").
	for (const o of same) {
		// Same unit, same spelling of it ("12 kilometres" beside "30 kilometres"); a sum at another scale keeps its own ("£1.1 billion").
		const style =
			q.format.words !== o.format.words || q.format.multiplier === o.format.multiplier
				? { ...q, format: { ...q.format, decimals: o.format.decimals } }
				: o;
		push(render(style, o.value));
	}
	for (const v of shifted(q, salt)) push(render(q, v));
	return out;
}

/** Two sums compare only at a similar size (no "£6 million" beside "£20 each"). */
function sameScale(a: Quantity, b: Quantity): boolean {
	if (a.kind === "date") return true;
	if (a.kind === "year") return Math.abs(a.value - b.value) <= 40;
	const ratio = a.value / b.value;
	return ratio > 0.1 && ratio < 10;
}

/**
 * The steps every small number's distractors start from: around it, mostly below it, above it.
 * The salt picks one set (of these and a kind's own), so the answer is not always the middle choice.
 */
const SMALL_STEPS: readonly (readonly number[])[] = [
	[-1, 1, 2],
	[-2, -1, 1],
	[1, 2, 3],
];

function shifted(q: Quantity, salt: number): number[] {
	const v = q.value;
	const pick = <T>(sets: readonly (readonly T[])[]): readonly T[] => sets[salt % sets.length] ?? sets[0] ?? [];
	switch (q.kind) {
		case "age":
		case "year":
			return [...pick([...SMALL_STEPS, [-3, -2, -1], [-1, 1, -2]]), 3, -3].map((d) => v + d);
		case "date":
			if (q.unit === "weekday" || q.unit === "month") return [...pick(SMALL_STEPS), -3].map((d) => v + d);
			return [...pick([...SMALL_STEPS, [-3, -2, -1]]), 4].map((d) => v + d).filter((d) => d % 100 >= 1 && d % 100 <= 28);
		case "percent": {
			const step = v >= 20 ? 10 : v >= 5 ? 5 : q.format.decimals > 0 ? 0.5 : 1;
			const deltas = pick([...SMALL_STEPS, [-1, 1, -2]]);
			return [...deltas, 3, -3].map((d) => round(v + d * step, q.format.decimals)).filter((x) => x > 0 && (v > 100 || x <= 100));
		}
		case "ordinal":
			return [
				...pick([
					[-10, 10, 5],
					[-5, 5, 10],
					[-10, -5, 5],
				]),
				15,
			]
				.map((d) => v + d)
				.filter((x) => x > 0);
		default:
			break;
	}
	// "a century": the neighbouring steps of a week, a month, a year, a decade, a century.
	if (q.text.toLowerCase().startsWith("a ") && q.kind === "duration") return [0, -1, -2, 2];
	const scaled = v / q.format.multiplier;
	if (Number.isInteger(scaled) && scaled <= 12 && q.format.decimals === 0) {
		return [...pick([...SMALL_STEPS, [-1, 1, 3]]), 4, -2].map((d) => (scaled + d) * q.format.multiplier).filter((x) => x > 0);
	}
	const factors = pick([
		[0.75, 1.25, 1.5],
		[0.5, 0.75, 1.25],
		[1.25, 1.5, 2],
		[0.5, 0.75, 1.5],
	]);
	return [...factors, 2, 0.5].map((f) => nice(scaled * f, q.format.decimals) * q.format.multiplier);
}

function round(x: number, decimals: number): number {
	const p = 10 ** decimals;
	return Math.round(x * p) / p;
}

/** Rounds to two significant figures (or the original decimals for small sums): 1,200 × 1.25 = 1,500. */
function nice(x: number, decimals: number): number {
	if (decimals > 0 && x < 100) return round(x, decimals);
	if (x < 10) return Math.max(1, Math.round(x));
	const magnitude = 10 ** (Math.floor(Math.log10(x)) - 1);
	return Math.round(x / magnitude) * magnitude;
}

/** Accepted written forms of a quantity's answer: digits, words, with or without the unit. */
export function acceptedForms(q: Quantity): string[] {
	const forms = new Set<string>([q.text]);
	const f = q.format;
	const scaled = q.value / f.multiplier;
	const digits = Number.isInteger(scaled) ? String(scaled) : scaled.toFixed(f.decimals);
	const words = numberInWords(scaled);
	if (q.kind === "percent") {
		for (const d of [digits, withCommas(digits)]) for (const s of ["%", " percent", " per cent", ""]) forms.add(`${d}${s}`);
	} else if (q.kind === "money") {
		forms.add(`${digits}${f.scale}`);
		forms.add(`${f.prefix}${digits}${f.scale}`);
		if (f.multiplier > 1) forms.add(withCommas(String(q.value)));
	} else if (q.kind === "ordinal") {
		forms.add(String(q.value));
	} else if (q.kind === "date") {
		forms.add(q.text.replace(/^(\d+) (\p{L}+)$/u, "$2 $1"));
	} else if (q.text.toLowerCase().startsWith("a ") && q.kind === "duration") {
		forms.add(q.text.slice(2));
		forms.add(`one ${q.text.slice(2)}`);
		const years = { decade: 10, century: 100 }[q.unit];
		if (years) forms.add(`${years} years`);
	} else {
		forms.add(digits);
		if (q.kind !== "year") forms.add(withCommas(digits));
		if (words) forms.add(words);
		if (f.words) forms.add(String(q.value));
		if (q.kind === "duration" || q.kind === "measure" || q.kind === "age") {
			const unit = f.suffix.trim();
			if (unit && !unit.startsWith("-")) {
				forms.add(`${digits} ${unit}`);
				if (words) forms.add(`${words} ${unit}`);
			}
		}
	}
	return [...forms].filter((x) => x.trim() !== "");
}
