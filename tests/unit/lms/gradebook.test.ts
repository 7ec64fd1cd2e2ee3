import { describe, expect, it } from "vitest";
import { CSV_BOM, csvRow } from "../../../worker/domain/csv";
import { guessDelimiter, parseCsv } from "../../../worker/domain/csv-parse";
import {
	canvasTitles,
	type GradebookQuiz,
	type GradebookSpec,
	type GradebookStatus,
	type GradebookStudent,
	gradebookHeadCsv,
	gradebookHeader,
	gradebookPointsRow,
	gradebookRow,
	gradebookRowCsv,
	gradebookRowProblem,
	moodleTitles,
	NO_GRADE,
	writeGradebookRow,
} from "../../../worker/domain/lms/gradebook";
import { readLmsRoster } from "../../../worker/domain/lms/gradebook-import";
import canvasExport from "../../fixtures/lms-gradebooks/canvas-export.csv?raw";
import { type CanvasCourse, canvasImport, type MoodleUser, moodleImport } from "../../fixtures/lms-gradebooks/importers";
import moodleExport from "../../fixtures/lms-gradebooks/moodle-export.csv?raw";

const QUIZZES: GradebookQuiz[] = [
	{ id: "printing-press", title: "Reading Check: The Printing Press", maxScore: 10 },
	{ id: "vocab-2", title: "Vocabulary Quiz 2", maxScore: 20 },
];

interface Entry {
	student: GradebookStudent;
	scores: (number | null)[];
	status: GradebookStatus;
}

/** Three students: two with scores (one missed a quiz), one who never submitted. */
const CLASS: Entry[] = [
	{
		student: { name: "Ada Lovelace", email: "ada.lovelace@example.org", studentId: "S-1001", loginId: "ada.lovelace", section: "Period 2" },
		scores: [8, 17.5],
		status: "submitted",
	},
	{
		student: { name: "Grace Hopper", email: "grace.hopper@example.org", studentId: "S-1002", loginId: "ghopper", section: "Period 2" },
		scores: [10, null],
		status: "late",
	},
	{ student: { name: "José Núñez", email: "jose.nunez@example.org", loginId: "jnunez" }, scores: [null, null], status: "not started" },
];

/** The file as the export service writes it: BOM, header and points row, then a row per student. */
function writeGradebook(spec: GradebookSpec, quizzes: GradebookQuiz[], entries: Entry[]): string {
	return CSV_BOM + gradebookHeadCsv(spec, quizzes) + entries.map((e) => gradebookRowCsv(spec, e.student, e.scores, e.status)).join("");
}

const CANVAS_COURSE: CanvasCourse = {
	users: [
		{ id: 1001, name: "Ada Lovelace", sortableName: "Lovelace, Ada", sisUserId: "S-1001", loginId: "ada.lovelace" },
		{ id: 1002, name: "Grace Hopper", sortableName: "Hopper, Grace", sisUserId: "S-1002", loginId: "ghopper" },
		{ id: 1003, name: "José Núñez", sortableName: "Núñez, José", loginId: "jnunez" },
		{ id: 1004, name: "Chiamaka Okafor", sortableName: "Okafor, Chiamaka", sisUserId: "S-1004", loginId: "cokafor" },
	],
	assignments: [{ id: 48213, title: "Reading Check: The Printing Press" }],
};

const MOODLE_USERS: MoodleUser[] = [
	{ id: 11, email: "ada.lovelace@example.org", idnumber: "S-1001", username: "ada.lovelace" },
	{ id: 12, email: "grace.hopper@example.org", idnumber: "S-1002", username: "ghopper" },
	{ id: 13, email: "jose.nunez@example.org", idnumber: "", username: "jnunez" },
	{ id: 14, email: "chiamaka.okafor@example.org", idnumber: "S-1004", username: "cokafor" },
];

describe("Canvas gradebook", () => {
	const file = writeGradebook({ format: "canvas" }, QUIZZES, CLASS);

	it("has Canvas's header and Points Possible row", () => {
		const [header, points] = parseCsv(file);
		// The columns of Canvas's own export, in its order (GradebookExporter), then a column per quiz.
		expect(header).toEqual([
			"Student",
			"ID",
			"SIS User ID",
			"SIS Login ID",
			"Section",
			"Reading Check: The Printing Press",
			"Vocabulary Quiz 2",
		]);
		expect(points).toEqual(["Points Possible", "", "", "", "", "10", "20"]);
		expect(gradebookHeadCsv("canvas", QUIZZES)).toBe(csvRow(header ?? []) + csvRow(gradebookPointsRow("canvas", QUIZZES) ?? []));
		expect(gradebookPointsRow("canvas", [{ id: "gone", title: "Gone", maxScore: null }])).toEqual([
			"Points Possible",
			null,
			null,
			null,
			null,
			null,
		]);
		expect(file).toBe(
			`${CSV_BOM}Student,ID,SIS User ID,SIS Login ID,Section,Reading Check: The Printing Press,Vocabulary Quiz 2\r\n` +
				"Points Possible,,,,,10,20\r\n" +
				"Ada Lovelace,,S-1001,ada.lovelace,Period 2,8,17.5\r\n" +
				"Grace Hopper,,S-1002,ghopper,Period 2,10,\r\n" +
				"José Núñez,,,jnunez,,,\r\n",
		);
	});

	it("imports into Canvas: every student matched, every score in its column, nothing for a quiz not taken", () => {
		const imported = canvasImport(file, CANVAS_COURSE);
		expect(imported.assignments).toEqual([
			{ id: 48213, title: "Reading Check: The Printing Press", pointsPossible: "10", column: 5 }, // matched by title
			{ id: null, title: "Vocabulary Quiz 2", pointsPossible: "20", column: 6 }, // a new assignment, 20 points
		]);
		expect(imported.students).toEqual([
			{ userId: 1001, name: "Ada Lovelace", grades: ["8", "17.5"] }, // by SIS User ID
			{ userId: 1002, name: "Grace Hopper", grades: ["10", ""] },
			{ userId: 1003, name: "José Núñez", grades: ["", ""] }, // by SIS Login ID; empty cells change nothing
		]);
	});

	it("matches a student with no SIS ids by name, and never puts anyone on a wrong student", () => {
		const rows = [
			{ student: { name: "Chiamaka Okafor" }, scores: [7, 7], status: "submitted" as const },
			{ student: { name: "Somebody New" }, scores: [1, 1], status: "submitted" as const },
		];
		const imported = canvasImport(writeGradebook({ format: "canvas" }, QUIZZES, rows), CANVAS_COURSE);
		expect(imported.students.map((s) => s.userId)).toEqual([1004, null]); // null: Canvas asks the teacher
		expect(gradebookRowProblem("canvas", { name: "Somebody New" })).toBeNull();
	});

	it("has no status column: Canvas would read it as an assignment", () => {
		expect(gradebookRow("canvas", CLASS[0]?.student ?? { name: "" }, [1, 2], "late")).toEqual([
			"Ada Lovelace",
			null,
			"S-1001",
			"ada.lovelace",
			"Period 2",
			1,
			2,
		]);
		const imported = canvasImport(file, CANVAS_COURSE);
		expect(imported.assignments.map((a) => a.title)).not.toContain("Status");
	});

	it("adjusts titles Canvas would misread", () => {
		const quizzes: GradebookQuiz[] = [
			{ id: "q1", title: "Final Grade review", maxScore: 5 },
			{ id: "q2", title: "Chapter 3 (2024)", maxScore: 5 },
			{ id: "q3", title: "Vocabulary", maxScore: 5 },
			{ id: "q4", title: "Vocabulary", maxScore: 5 },
			{ id: "q5", title: "Section", maxScore: 5 },
			{ id: "q6", title: "Current Status and Override Score", maxScore: 5 },
		];
		const titles = canvasTitles(quizzes);
		expect(titles).toEqual([
			"Final grade review",
			"Chapter 3 (2024) [q2]",
			"Vocabulary",
			"Vocabulary [q4]",
			"Section [q5]",
			"Current Status and Override score",
		]);
		const imported = canvasImport(
			writeGradebook({ format: "canvas" }, quizzes, [
				{ student: { name: "Ada Lovelace" }, scores: [1, 2, 3, 4, 5, 6], status: "submitted" },
			]),
			{ users: CANVAS_COURSE.users, assignments: [] },
		);
		// Every quiz is an assignment of its own, with its own scores, under the title written.
		expect(imported.assignments.map((a) => a.title)).toEqual(titles);
		expect(imported.students[0]?.grades).toEqual(["1", "2", "3", "4", "5", "6"]);
	});

	it("rounds scores to two decimals and leaves a non-finite score empty", () => {
		expect(gradebookRow("canvas", { name: "A" }, [2 / 3, Number.NaN])?.slice(5)).toEqual([0.67, null]);
	});
});

describe("Moodle gradebook", () => {
	const spec: GradebookSpec = { format: "moodle", status: true };
	const file = writeGradebook(spec, QUIZZES, CLASS);
	const mapping = {
		mapFrom: "Email address",
		mapTo: "useremail" as const,
		items: { "Reading Check: The Printing Press": "new" as const, "Vocabulary Quiz 2": "new" as const },
	};

	it("names the identifier column as Moodle's Map to list does, then the quizzes", () => {
		const rows = parseCsv(file);
		expect(rows[0]).toEqual(["Email address", "Full name", "Reading Check: The Printing Press", "Vocabulary Quiz 2", "Status"]);
		expect(rows.slice(1)).toEqual([
			["ada.lovelace@example.org", "Ada Lovelace", "8", "17.5", "submitted"],
			["grace.hopper@example.org", "Grace Hopper", "10", "-", "late"],
			["jose.nunez@example.org", "José Núñez", "-", "-", "not started"],
		]);
		expect(gradebookPointsRow(spec, QUIZZES)).toBeNull();
		expect(gradebookHeader({ format: "moodle", identifier: "idNumber" }, QUIZZES)[0]).toBe("ID number");
		expect(gradebookHeader({ format: "moodle", identifier: "username" }, QUIZZES)[0]).toBe("Username");
		expect(gradebookHeader({ format: "moodle", status: false }, QUIZZES)).toEqual([
			"Email address",
			"Full name",
			"Reading Check: The Printing Press",
			"Vocabulary Quiz 2",
		]);
		expect(gradebookHeader("moodle", QUIZZES)).toEqual(rows[0]); // Status is in by default
	});

	it("imports into Moodle as new grade items: each score to its student, no grade for a quiz not taken", () => {
		const imported = moodleImport(file, MOODLE_USERS, mapping);
		expect(imported).toEqual({
			kind: "imported",
			grades: [
				{ column: "Reading Check: The Printing Press", userId: 11, finalgrade: "8" },
				{ column: "Vocabulary Quiz 2", userId: 11, finalgrade: "17.5" },
				{ column: "Reading Check: The Printing Press", userId: 12, finalgrade: "10" },
			],
		});
	});

	it("imports into existing grade items, where a quiz not taken clears the grade (Moodle's rule for '-')", () => {
		const imported = moodleImport(file, MOODLE_USERS, {
			...mapping,
			items: { "Reading Check: The Printing Press": 501, "Vocabulary Quiz 2": 502 },
		});
		expect(imported.kind).toBe("imported");
		if (imported.kind === "imported")
			expect(imported.grades.filter((g) => g.userId === 13)).toEqual([
				{ column: "Reading Check: The Printing Press", userId: 13, finalgrade: null },
				{ column: "Vocabulary Quiz 2", userId: 13, finalgrade: null },
			]);
	});

	it("writes Moodle's no-grade as a bare '-', which csvRow would have quoted", () => {
		const row = gradebookRow({ format: "moodle", status: false }, { name: "=cmd", email: "a@example.org" }, [null, 3]);
		expect(row).toEqual(["a@example.org", "=cmd", NO_GRADE, 3]);
		expect(writeGradebookRow(row ?? [])).toBe("a@example.org,'=cmd,-,3\r\n");
		expect(gradebookRowCsv("moodle", { name: "B", email: "b@example.org" }, [null], "2 of 3 submitted")).toBe(
			"b@example.org,B,-,2 of 3 submitted\r\n",
		);
		expect(csvRow(["-"])).toBe("'-\r\n");
	});

	it("leaves out a student Moodle could not find, because Moodle would credit the row before", () => {
		const noEmail: Entry = { student: { name: "Chiamaka Okafor", studentId: "S-1004" }, scores: [9, 9], status: "submitted" };
		// What Moodle does with an empty identifier cell: the grades go to the previous row's student.
		const careless = `${csvRow(["Email address", "Full name", "Quiz"])}${csvRow(["ada.lovelace@example.org", "Ada", 1])}${csvRow(["", "Chiamaka", 9])}`;
		const hazard = moodleImport(careless, MOODLE_USERS, { ...mapping, items: { Quiz: "new" } });
		expect(hazard.kind === "imported" && hazard.grades.map((g) => g.userId)).toEqual([11, 11]);

		expect(gradebookRow("moodle", noEmail.student, noEmail.scores)).toBeNull();
		expect(gradebookRowProblem("moodle", noEmail.student)).toBe(
			"Chiamaka Okafor has no email address, which Moodle needs to find them; they are left out of the file",
		);
		expect(gradebookRowProblem({ format: "moodle", identifier: "idNumber" }, noEmail.student)).toBeNull();
		// PHP's empty() reads "0" as empty: a student id of "0" cannot identify anyone.
		expect(gradebookRow({ format: "moodle", identifier: "idNumber" }, { name: "Zero", studentId: "0" }, [1])).toBeNull();
		expect(gradebookRow({ format: "moodle", identifier: "idNumber" }, { name: "Blank", studentId: "  " }, [1])).toBeNull();

		const written = writeGradebook({ format: "moodle" }, QUIZZES, [...CLASS, noEmail]);
		expect(parseCsv(written)).toHaveLength(4); // the header and the three with an email
		expect(moodleImport(written, MOODLE_USERS, mapping).kind).toBe("imported");
	});

	it("imports by ID number too", () => {
		const byId: GradebookSpec = { format: "moodle", identifier: "idNumber" };
		const written = writeGradebook(byId, QUIZZES, CLASS);
		expect(parseCsv(written).map((r) => r[0])).toEqual(["ID number", "S-1001", "S-1002"]); // José has no ID number
		const imported = moodleImport(written, MOODLE_USERS, { ...mapping, mapFrom: "ID number", mapTo: "useridnumber" });
		expect(imported.kind === "imported" && [...new Set(imported.grades.map((g) => g.userId))]).toEqual([11, 12]);
	});

	it("keeps columns apart", () => {
		const quizzes = [
			{ id: "a", title: "Quiz", maxScore: 1 },
			{ id: "b", title: "Quiz", maxScore: 1 },
			{ id: "c", title: "Status", maxScore: 1 },
			{ id: "d", title: "  ", maxScore: 1 },
			{ id: "e", title: "Last downloaded from this course", maxScore: 1 },
		];
		expect(moodleTitles(quizzes, spec)).toEqual(["Quiz", "Quiz [b]", "Status [c]", "d", "Last downloaded from this course [e]"]);
	});
});

describe("readLmsRoster", () => {
	it("reads a Canvas export: sortable names turned round, SIS ids, sections; no Points Possible row, no Test Student", () => {
		expect(readLmsRoster(canvasExport)).toEqual({
			format: "canvas",
			students: [
				{ name: "Ada Lovelace", studentId: "S-1001", loginId: "ada.lovelace", section: "Period 2" },
				{ name: "Grace Hopper", studentId: "S-1002", loginId: "ghopper", section: "Period 2" },
				{ name: "José Núñez", loginId: "jnunez", section: "Period 2 and Period 3" },
				{ name: "Chiamaka Okafor", studentId: "S-1004", loginId: "cokafor", section: "Period 3" },
			],
		});
	});

	it("reads a Moodle export: first and last name joined, email and ID number", () => {
		expect(readLmsRoster(moodleExport)).toEqual({
			format: "moodle",
			students: [
				{ name: "Ada Lovelace", email: "ada.lovelace@example.org", studentId: "S-1001" },
				{ name: "Grace Hopper", email: "grace.hopper@example.org", studentId: "S-1002" },
				{ name: "José Núñez", email: "jose.nunez@example.org" },
				{ name: "Chiamaka Okafor", email: "chiamaka.okafor@example.org", studentId: "S-1004" },
			],
		});
	});

	it("reads Canvas's LastName, FirstName variant, a semicolon file and a BOM", () => {
		const text = `${CSV_BOM}LastName;FirstName;ID;SIS Login ID;Section;Quiz (1)\n    Points Possible;;;;;10\nLovelace;Ada;1;ada;P2;5\nStudent;Test;9;x;P2;\n`;
		expect(readLmsRoster(text)).toEqual({ format: "canvas", students: [{ name: "Ada Lovelace", loginId: "ada", section: "P2" }] });
	});

	it("skips suspended Moodle enrolments", () => {
		const text = "First name,Last name,Email address,Suspended\nAda,Lovelace,ada@example.org,\nBob,Gone,bob@example.org,Yes\n";
		expect(readLmsRoster(text).students.map((s) => s.name)).toEqual(["Ada Lovelace"]);
	});

	it("reads a pasted list, one name per line, commas and all", () => {
		expect(readLmsRoster('Ada Lovelace\r\n  Grace   Hopper \n\n"Núñez, José"\nLovelace, Ada\n')).toEqual({
			format: "plain",
			students: [{ name: "Ada Lovelace" }, { name: "Grace Hopper" }, { name: "Núñez, José" }, { name: "Lovelace, Ada" }],
		});
		expect(readLmsRoster("")).toEqual({ format: "plain", students: [] });
		expect(readLmsRoster('Name\nLovelace, Ada\nO"Brien, Pat\n').students).toEqual([{ name: "Lovelace, Ada" }, { name: 'O"Brien, Pat' }]);
	});

	it("reads cells pasted from a spreadsheet", () => {
		expect(readLmsRoster("Ada Lovelace\tada@example.org\nGrace Hopper\t\n").students).toEqual([
			{ name: "Ada Lovelace", email: "ada@example.org" },
			{ name: "Grace Hopper" },
		]);
		expect(readLmsRoster("Full Name\tE-mail\tStudent Number\tClass\nAda Lovelace\tada@example.org\t42\t7B\n").students).toEqual([
			{ name: "Ada Lovelace", email: "ada@example.org", studentId: "42", section: "7B" },
		]);
	});

	it("reads a CSV with a header, whatever its case and synonyms", () => {
		const text = 'first_name;Surname;EMAIL;Student ID;Section\nAda;Lovelace;ada@example.org;S-1;P2\n"Grace";"Hopper";;;\n;;;;\n';
		expect(readLmsRoster(text)).toEqual({
			format: "plain",
			students: [{ name: "Ada Lovelace", email: "ada@example.org", studentId: "S-1", section: "P2" }, { name: "Grace Hopper" }],
		});
		expect(readLmsRoster("student,login\nAda Lovelace,ada\n").students).toEqual([{ name: "Ada Lovelace", loginId: "ada" }]);
		expect(readLmsRoster("Student name,ID number,Section,Email\nAda Lovelace,7,P2,ada@example.org\n")).toEqual({
			format: "plain",
			students: [{ name: "Ada Lovelace", studentId: "7", section: "P2", email: "ada@example.org" }],
		});
	});
});

describe("a roster from an LMS, back to that LMS", () => {
	const scores = (i: number): (number | null)[] => (i === 2 ? [null, null] : [i + 5, i + 10]);
	/** Every student of the LMS's own export read as a roster, then written back in that LMS's layout (the third with no scores). */
	const writtenBack = (format: "canvas" | "moodle", lmsExport: string) =>
		writeGradebook(
			{ format },
			QUIZZES,
			readLmsRoster(lmsExport).students.map((student, i) => ({ student, scores: scores(i), status: "submitted" })),
		);

	it("Canvas: every student of its export is matched by an id Canvas knows", () => {
		const imported = canvasImport(writtenBack("canvas", canvasExport), CANVAS_COURSE);
		expect(imported.students.map((s) => s.userId)).toEqual([1001, 1002, 1003, 1004]);
		expect(imported.students[2]?.grades).toEqual(["", ""]);
	});

	it("Moodle: every student of its export is matched by email", () => {
		const imported = moodleImport(writtenBack("moodle", moodleExport), MOODLE_USERS, {
			mapFrom: "Email address",
			mapTo: "useremail",
			items: { "Reading Check: The Printing Press": "new", "Vocabulary Quiz 2": "new" },
		});
		expect(imported.kind === "imported" && [...new Set(imported.grades.map((g) => g.userId))]).toEqual([11, 12, 14]);
	});
});

describe("parseCsv for files people bring (lenient) and guessDelimiter", () => {
	it("reads malformed quoting as text instead of throwing", () => {
		expect(parseCsv('O"Brien,"a"b,"open\nx', { strict: false })).toEqual([['O"Brien', "ab", '"open'], ["x"]]);
		expect(() => parseCsv('O"Brien')).toThrow(SyntaxError); // strict, the default
	});

	it("reads semicolons and tabs when told to, and quoted separators as text", () => {
		expect(parseCsv('a;"b;c"\r\nd;e', { delimiter: ";" })).toEqual([
			["a", "b;c"],
			["d", "e"],
		]);
		expect(parseCsv("a\tb,c\n", { delimiter: "\t" })).toEqual([["a", "b,c"]]);
	});

	it("guesses the separator from the first record", () => {
		expect(guessDelimiter("Name;Email\nLovelace, Ada;ada@example.org")).toBe(";");
		expect(guessDelimiter('"Lovelace; Ada",ada@example.org')).toBe(",");
		expect(guessDelimiter("Name\tEmail,x")).toBe("\t");
		expect(guessDelimiter("Ada Lovelace")).toBe(",");
	});
});
