import { describe, expect, it } from "vitest";
import { formatInZone, fromLocalInput, knownTimeZone, offsetLabel, timeZoneNames, toLocalInput } from "../../worker/domain/time-zone";

describe("time zones in the Worker (Intl)", () => {
	it("knows IANA zones, canonically spelt, and refuses anything else", () => {
		expect(knownTimeZone("Europe/Paris")).toBe("Europe/Paris");
		expect(knownTimeZone("europe/paris")).toBe("Europe/Paris");
		expect(knownTimeZone("UTC")).toBe("UTC");
		expect(knownTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
		expect(knownTimeZone("US/Eastern")).toBe("US/Eastern");
		expect(knownTimeZone("Mars/Olympus")).toBeNull();
		expect(knownTimeZone("")).toBeNull();
		expect(knownTimeZone("Europe/Paris; drop table")).toBeNull();
		expect(timeZoneNames()[0]).toBe("UTC");
		expect(timeZoneNames()).toContain("America/New_York");
	});

	it("shows a moment in the teacher's zone", () => {
		const t = new Date("2026-12-24T15:00:00Z");
		expect(formatInZone(t, "UTC")).toBe("24 Dec 2026, 15:00");
		expect(formatInZone(t, "Europe/Paris")).toBe("24 Dec 2026, 16:00");
		expect(formatInZone(t, "America/New_York")).toBe("24 Dec 2026, 10:00");
		expect(formatInZone(t, "Asia/Kolkata")).toBe("24 Dec 2026, 20:30");
		expect(offsetLabel(t, "Asia/Kolkata")).toBe("UTC+05:30");
		expect(offsetLabel(t, "UTC")).toBe("UTC");
	});

	it("turns a datetime-local value typed in a zone into the moment it means, and back", () => {
		expect(fromLocalInput("2026-12-24T16:00", "Europe/Paris")?.toISOString()).toBe("2026-12-24T15:00:00.000Z");
		expect(fromLocalInput("2026-07-01T09:30", "America/New_York")?.toISOString()).toBe("2026-07-01T13:30:00.000Z");
		expect(fromLocalInput("2026-12-24T16:00:30", "UTC")?.toISOString()).toBe("2026-12-24T16:00:30.000Z");
		expect(toLocalInput(new Date("2026-12-24T15:00:00Z"), "Europe/Paris")).toBe("2026-12-24T16:00");
		expect(toLocalInput(new Date("2026-07-01T13:30:00Z"), "America/New_York")).toBe("2026-07-01T09:30");
	});

	it("moves a time the clocks skip forward by the gap, and takes the earlier of a time they show twice", () => {
		// Paris, 29 March 2026: 02:00 becomes 03:00.
		expect(fromLocalInput("2026-03-29T02:30", "Europe/Paris")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
		// Paris, 25 October 2026: 03:00 becomes 02:00 again; 02:30 happens twice.
		expect(fromLocalInput("2026-10-25T02:30", "Europe/Paris")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
	});

	it("refuses what is not a datetime-local value", () => {
		for (const bad of [
			"",
			"tomorrow",
			"2026-02-30T10:00",
			"2026-13-01T10:00",
			"2026-01-01T24:00",
			"2026-01-01 10:00",
			"1969-12-31T23:00",
		]) {
			expect(fromLocalInput(bad, "UTC"), bad).toBeNull();
		}
	});
});
