import fc from "fast-check";
import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { studentKey } from "../../worker/domain/names";
import {
	applyPlan,
	checkRoster,
	type ImportMode,
	MAX_ROSTER,
	planChanges,
	planImport,
	type RosterEntry,
	type RosterInput,
	type RosterStudent,
	spacedCode,
	suffixedName,
	suffixOf,
} from "../../worker/domain/roster";
import { qrSvg } from "../../worker/views/teacher/roster";

/** Checked entries, or the test fails. */
function entries(inputs: RosterInput[]): RosterEntry[] {
	const checked = checkRoster(inputs);
	if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
	return checked.entries;
}

let counter = 0;
/** Fresh ids and codes for a plan's new students. */
const freshFor = (n: number) =>
	Array.from({ length: n }, () => ({ id: `id-${++counter}`, code: `CODE${String(counter).padStart(4, "0")}` }));

/** Imports and applies, as the service does. */
function run(existing: RosterStudent[], inputs: RosterInput[], mode: ImportMode = "replace") {
	const plan = planImport(existing, entries(inputs), mode);
	return { plan, roster: applyPlan(plan, existing, freshFor(plan.added.length)) };
}

const names = (roster: RosterStudent[]) => roster.map((s) => s.name);

describe("checkRoster", () => {
	it("normalises names and identifiers, and empties to null", () => {
		const [e] = entries([{ name: "  Ada \t Lovelace ", email: " ada@school.example ", studentId: "", section: "  7B  " }]);
		expect(e).toEqual({ name: "Ada Lovelace", email: "ada@school.example", studentId: null, section: "7B" });
	});

	it("names every problem by its path: the name rule, identifiers, duplicates", () => {
		const checked = checkRoster([
			{ name: "Ada" },
			{ name: "   " },
			{ name: "x".repeat(61) },
			{ name: "Zero\u200bWidth" },
			{ name: "Bob", email: "not an email", studentId: "1" },
			{ name: "Cy", studentId: "1", email: "CY@school.example" },
			{ name: "Di", email: "cy@school.example", section: "s".repeat(101) },
		]);
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		expect(checked.issues).toEqual([
			{ path: "students[1].name", message: "must not be empty" },
			{ path: "students[2].name", message: "must be at most 60 characters" },
			{ path: "students[3].name", message: expect.stringContaining("U+200B") },
			{ path: "students[4].email", message: expect.stringContaining("not an email") },
			{ path: "students[5].studentId", message: "is the same student id as students[4]'s" },
			{ path: "students[6].section", message: "must be at most 100 characters" },
			{ path: "students[6].email", message: "is the same email as students[5]'s" },
		]);
	});

	it("refuses more students than a roster holds", () => {
		const many = Array.from({ length: MAX_ROSTER + 1 }, (_, i) => ({ name: `Student ${i}` }));
		const checked = checkRoster(many);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.issues[0]?.path).toBe("students");
	});
});

describe("suffixes", () => {
	it("adds a visible number, shortening a long name so it stays within the limit", () => {
		expect(suffixedName("Ada Lovelace", 2)).toBe("Ada Lovelace (2)");
		const long = `${"a".repeat(58)} b`;
		expect([...suffixedName(long, 12)].length).toBe(60);
		expect(suffixedName(long, 12).endsWith(" (12)")).toBe(true);
		expect(suffixOf("Ada Lovelace", "ada lovelace")).toBe(1);
		expect(suffixOf("Ada Lovelace", "Ada Lovelace (3)")).toBe(3);
		expect(suffixOf(long, suffixedName(long, 12))).toBe(12);
		expect(suffixOf("Ada Lovelace", "Ada Byron (2)")).toBeNull();
		expect(spacedCode("ACDEFGHJ")).toBe("ACDE FGHJ");
	});
});

describe("planImport", () => {
	it("adds a pasted list in order, suffixing repeated names and saying so", () => {
		const { plan, roster } = run(
			[],
			[{ name: "Ada Lovelace" }, { name: "Alan Turing" }, { name: "ada  lovelace" }, { name: "Ada Lovelace" }],
		);
		expect(names(roster)).toEqual(["Ada Lovelace", "Alan Turing", "ada lovelace (2)", "Ada Lovelace (3)"]);
		expect(plan.suffixed).toEqual([
			{ index: 2, name: "ada lovelace", as: "ada lovelace (2)" },
			{ index: 3, name: "Ada Lovelace", as: "Ada Lovelace (3)" },
		]);
		expect(roster.map((s) => s.position)).toEqual([0, 1, 2, 3]);
	});

	it("never gives a suffixed name that the import itself uses", () => {
		const { roster } = run([], [{ name: "Ada" }, { name: "Ada" }, { name: "Ada (2)" }]);
		expect(names(roster)).toEqual(["Ada", "Ada (3)", "Ada (2)"]);
	});

	it("is idempotent: the same list again changes nothing", () => {
		const list = [{ name: "Ada" }, { name: "Bo", studentId: "7" }, { name: "Ada" }, { name: "Cy", email: "cy@s.example" }];
		const first = run([], list);
		const second = planImport(first.roster, entries(list), "replace");
		expect(planChanges(second)).toBe(false);
		expect(second.unchanged).toBe(4);
		expect(applyPlan(second, first.roster, [])).toEqual(first.roster);
	});

	it("matches by student id before email before name, keeping ids and codes", () => {
		const { roster: before } = run(
			[],
			[{ name: "Robert Jones", studentId: "S1" }, { name: "Cy Young", email: "cy@s.example" }, { name: "Di Prince" }],
		);
		const { plan, roster } = run(before, [
			{ name: "Bob Jones", studentId: "S1", email: "bob@s.example" },
			{ name: "Cyrus Young", email: "CY@s.example" },
			{ name: "di prince", section: "B" },
		]);
		expect(roster.map((s) => [s.id, s.code])).toEqual(before.map((s) => [s.id, s.code]));
		expect(names(roster)).toEqual(["Bob Jones", "Cyrus Young", "di prince"]);
		expect(roster[0]?.email).toBe("bob@s.example");
		expect(roster[2]?.section).toBe("B");
		expect(plan.updated).toHaveLength(3);
		expect(plan.added).toHaveLength(0);
	});

	it("does not match a name whose identifiers say it is someone else", () => {
		const { roster: before } = run([], [{ name: "Ada", studentId: "1" }]);
		const replaced = run(before, [{ name: "Ada", studentId: "2" }]);
		expect(replaced.plan.removed.map((s) => s.id)).toEqual([before[0]?.id]);
		expect(replaced.roster[0]?.id).not.toBe(before[0]?.id);
		const added = run(before, [{ name: "Ada", studentId: "2" }], "add");
		expect(names(added.roster)).toEqual(["Ada", "Ada (2)"]);
		expect(added.plan.suffixed).toEqual([{ index: 0, name: "Ada", as: "Ada (2)" }]);
	});

	it("keeps a student's suffix when a re-ordered file matches them by id", () => {
		const { roster: before } = run(
			[],
			[
				{ name: "Ada", studentId: "1" },
				{ name: "Ada", studentId: "2" },
			],
		);
		expect(names(before)).toEqual(["Ada", "Ada (2)"]);
		const { roster } = run(before, [
			{ name: "Ada", studentId: "2" },
			{ name: "Ada", studentId: "1" },
		]);
		expect(roster.map((s) => [s.studentId, s.name])).toEqual([
			["2", "Ada (2)"],
			["1", "Ada"],
		]);
	});

	it("keeps identifiers a later list leaves empty, and moves one the list gives someone else", () => {
		const { roster: before } = run(
			[],
			[
				{ name: "Ada", studentId: "1", email: "ada@s.example", section: "A" },
				{ name: "Bo", studentId: "2" },
			],
		);
		const { roster } = run(before, [{ name: "Ada" }, { name: "Bo", studentId: "2", email: "ada@s.example" }]);
		expect(roster.map((s) => [s.name, s.studentId, s.email, s.section])).toEqual([
			["Ada", "1", null, "A"],
			["Bo", "2", "ada@s.example", null],
		]);
	});

	it("replace removes the unlisted and reorders; add removes nobody and appends", () => {
		const { roster: before } = run([], [{ name: "Ada" }, { name: "Bo" }, { name: "Cy" }]);
		const replaced = run(before, [{ name: "Cy" }, { name: "Ada" }]);
		expect(names(replaced.roster)).toEqual(["Cy", "Ada"]);
		expect(replaced.plan.removed.map((s) => s.name)).toEqual(["Bo"]);
		const added = run(before, [{ name: "Di" }, { name: "bo", section: "B" }], "add");
		expect(names(added.roster)).toEqual(["Ada", "bo", "Cy", "Di"]);
		expect(added.plan.removed).toEqual([]);
		expect(added.roster.map((s) => s.id).slice(0, 3)).toEqual(before.map((s) => s.id));
	});

	it("renames on a swap without losing anyone (the service moves keys through a temporary one)", () => {
		const { roster: before } = run(
			[],
			[
				{ name: "Ada", studentId: "1" },
				{ name: "Bo", studentId: "2" },
			],
		);
		const { plan, roster } = run(before, [
			{ name: "Bo", studentId: "1" },
			{ name: "Ada", studentId: "2" },
		]);
		expect(roster.map((s) => [s.id, s.name])).toEqual([
			[before[0]?.id, "Bo"],
			[before[1]?.id, "Ada"],
		]);
		expect(plan.suffixed).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties

const long = `${"Long".repeat(14)} x`;
const first = fc.constantFrom("Ada", "ada", "Bo", "Cy", "Di", "Ada (2)", "bo (3)", "Émile", "Zoë", long, `${long.slice(0, 55)} (2)`);
const input = fc.record({
	name: first,
	studentId: fc.option(fc.constantFrom("1", "2", "3", "4"), { nil: undefined }),
	email: fc.option(fc.constantFrom("a@s.example", "B@s.example", "b@s.example", "c@s.example"), { nil: undefined }),
	section: fc.option(fc.constantFrom("A", "B"), { nil: undefined }),
});
/** Lists that pass checkRoster (no identifier twice). */
const list = fc.array(input, { maxLength: 12 }).map((xs) => {
	const ids = new Set<string>();
	const mails = new Set<string>();
	return xs.map((x) => {
		const out = { ...x };
		if (out.studentId !== undefined) {
			if (ids.has(out.studentId)) out.studentId = undefined;
			else ids.add(out.studentId);
		}
		if (out.email !== undefined) {
			if (mails.has(out.email.toLowerCase())) out.email = undefined;
			else mails.add(out.email.toLowerCase());
		}
		return out;
	});
});
const mode = fc.constantFrom<ImportMode>("replace", "add");

/** A roster as it can be: built by imports. */
const rosterArb = fc.array(fc.tuple(list, mode), { maxLength: 3 }).map((steps) => {
	let roster: RosterStudent[] = [];
	for (const [xs, m] of steps) roster = run(roster, xs, m).roster;
	return roster;
});

describe("planImport properties", () => {
	it("applying an import twice equals applying it once", () => {
		fc.assert(
			fc.property(rosterArb, list, mode, (roster, xs, m) => {
				const once = run(roster, xs, m).roster;
				const again = planImport(once, entries(xs), m);
				expect(planChanges(again)).toBe(false);
				expect(applyPlan(again, once, [])).toEqual(once);
			}),
			{ numRuns: 1000 },
		);
	});

	it("keeps names unique, keeps identifiers unique, and lists everyone imported", () => {
		fc.assert(
			fc.property(rosterArb, list, mode, (roster, xs, m) => {
				const { plan, roster: after } = run(roster, xs, m);
				const keys = after.map((s) => studentKey(s.name));
				expect(new Set(keys).size).toBe(keys.length);
				for (const f of ["studentId", "email"] as const) {
					const values = after.flatMap((s) => (s[f] === null ? [] : [s[f].toLowerCase()]));
					expect(new Set(values).size).toBe(values.length);
				}
				expect(after.length).toBe(m === "replace" ? xs.length : roster.length + plan.added.length);
				// Nobody already on the roster changes id or code; "add" removes nobody.
				const codes = new Map(roster.map((s) => [s.id, s.code]));
				for (const s of after) if (codes.has(s.id)) expect(s.code).toBe(codes.get(s.id));
				if (m === "add") expect(plan.removed).toEqual([]);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe("qrSvg (the cards' QR codes)", () => {
	it("draws exactly the modules of the QR code, as runs of one path, with an accessible name", () => {
		const url = "https://quizline.example/join/ACDEFGHJ";
		const svg = qrSvg(url, 'QR code: join as "Zoë" <Ellis> & co');
		expect(svg).toContain('role="img" aria-label="QR code: join as &quot;Zoë&quot; &lt;Ellis> &amp; co"');
		const { data } = encode(url, { border: 2, ecc: "M" });
		const drawn = data.map((row) => row.map(() => false));
		for (const [, x, y, w] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			for (let i = 0; i < Number(w); i++) {
				const row = drawn[Number(y)];
				if (row) row[Number(x) + i] = true;
			}
		}
		expect(drawn).toEqual(data);
		expect(svg).toContain(`viewBox="0 0 ${data.length} ${data.length}"`);
	});
});
