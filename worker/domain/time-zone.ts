/**
 * Times in a teacher's own time zone (an IANA name such as "Europe/Paris"): shown in it, typed in it
 * (an `<input type="datetime-local">` has no zone), computed with Intl in the Worker. Pure: no
 * Hono, no D1. Stored times stay UTC milliseconds; only their display and input change.
 */

/** Where nobody has chosen: UTC, and the pages say so. */
export const DEFAULT_TIME_ZONE = "UTC";

/** Intl formatters are costly to make: one per zone and style, a bounded number kept per isolate. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATTERS_MAX = 64;

function formatter(timeZone: string, style: "parts" | "display" | "offset"): Intl.DateTimeFormat {
	const key = `${style}\u0000${timeZone}`;
	let f = formatters.get(key);
	if (!f) {
		if (formatters.size >= FORMATTERS_MAX) formatters.delete(formatters.keys().next().value ?? "");
		const options: Intl.DateTimeFormatOptions =
			style === "parts"
				? { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }
				: style === "display"
					? { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
					: { timeZoneName: "longOffset" };
		f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
		formatters.set(key, f);
	}
	return f;
}

/** The zones the runtime lists, by lower-case name (built once per isolate). */
let listed: Map<string, string> | undefined;

function listedZones(): Map<string, string> {
	listed ??= new Map(timeZoneNames().map((n) => [n.toLowerCase(), n]));
	return listed;
}

/**
 * The zone's name as the runtime lists it ("europe/paris" → "Europe/Paris"), or as given when the
 * runtime knows it by another name ("Asia/Kolkata", listed as "Asia/Calcutta"); null when it does
 * not know it at all.
 */
export function knownTimeZone(name: string): string | null {
	if (name.length === 0 || name.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(name)) return null;
	const listedName = listedZones().get(name.toLowerCase());
	if (listedName) return listedName;
	try {
		new Intl.DateTimeFormat("en-GB", { timeZone: name });
		return name;
	} catch {
		return null;
	}
}

let names: string[] | undefined;

/** Every zone the runtime knows, UTC first, for a chooser (listed once per isolate). */
export function timeZoneNames(): readonly string[] {
	names ??= [
		DEFAULT_TIME_ZONE,
		...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []).filter((n) => n !== DEFAULT_TIME_ZONE),
	];
	return names;
}

/** A time as a teacher reads it in their zone: "24 Dec 2026, 16:00". */
export function formatInZone(date: Date, timeZone: string): string {
	return formatter(timeZone, "display").format(date);
}

/** The zone's offset from UTC at that moment, as "UTC+01:00" ("UTC" itself at zero). */
export function offsetLabel(date: Date, timeZone: string): string {
	const name = formatter(timeZone, "offset")
		.formatToParts(date)
		.find((p) => p.type === "timeZoneName")?.value;
	return (name ?? "GMT").replace(/^GMT/, "UTC").replace(/^UTC[+-]00:00$/, "UTC");
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The date and time a clock on the wall in `timeZone` shows at this moment. */
function wallClock(date: Date, timeZone: string): WallClock {
	const parts = formatter(timeZone, "parts").formatToParts(date);
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
	return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at this moment, in milliseconds (positive east of Greenwich). */
function offsetMs(epochMs: number, timeZone: string): number {
	const whole = Math.floor(epochMs / 1000) * 1000;
	return asUtc(wallClock(new Date(whole), timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The value of a datetime-local input showing this moment in the zone: "2026-12-24T16:00". */
export function toLocalInput(date: Date, timeZone: string): string {
	const w = wallClock(date, timeZone);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const DAY_MS = 86_400_000;

/**
 * The moment a datetime-local value ("2026-12-24T16:00") means in the zone, or null when it is not
 * such a value. A time the clocks skip (the hour lost in spring) moves forward by the gap; a time
 * they show twice (the hour repeated in autumn) is the earlier of the two, as browsers and the
 * Temporal API do.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
	const m = LOCAL_INPUT.exec(value);
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map((s) => Number(s ?? "0"));
	const w: WallClock = { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 };
	if (w.year < 1970 || w.month < 1 || w.month > 12 || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
	const naive = asUtc(w);
	if (new Date(naive).getUTCDate() !== w.day) return null; // 31 April and the like
	const before = naive - offsetMs(naive - DAY_MS, timeZone);
	const after = naive - offsetMs(naive + DAY_MS, timeZone);
	const shows = (epoch: number) => asUtc(wallClock(new Date(epoch), timeZone)) === naive;
	const valid = [before, after].filter(shows);
	if (valid.length > 0) return new Date(Math.min(...valid));
	// In the gap: the offset from before the change, which lands after it by the gap's length.
	return new Date(before);
}
