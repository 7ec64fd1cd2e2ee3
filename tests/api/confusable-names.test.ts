/**
 * One student, however the name is spelt to look the same (issue 10): `Ada` with a Cyrillic А, with
 * Greek or fullwidth letters, and in other cases, all count as Ada in the gradebook; `Ada` with a
 * zero-width space is refused, saying why. The rule itself is unit-tested in tests/unit/confusables.test.ts.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { QUIZ_ID } from "../fixtures/quiz";
import { createClass, createTeacher, getCsv, submit } from "../fixtures/teacher";

describe("look-alike names in a class without a roster", () => {
	it("are one student in the gradebook: Ada, Аda (Cyrillic А), ΑDA (Greek), Ａｄａ (fullwidth); Ada + U+200B is refused", async () => {
		const t = await createTeacher("Ms Lookalike");
		const cls = await createClass(t.token, { name: "Look-alikes" });
		for (const name of ["Ada", "\u0410da", "\u0391DA", "Ａｄａ"]) expect((await submit(cls.joinCode, name)).status, name).toBe(201);
		const invisible = await submit(cls.joinCode, "Ada\u200b");
		expect(invisible.status).toBe(400);
		expect(((await invisible.json()) as { detail: string }).detail).toMatch(/U\+200B/);

		const { rows } = await getCsv(t.token, `/api/teacher/classes/${cls.id}/gradebook.csv?quizId=${QUIZ_ID}`);
		const [header, ...students] = rows;
		expect(students).toHaveLength(1);
		const attempts = header?.indexOf("attempts") ?? -1;
		// One row, under one of the spellings it was given.
		expect(["Ada", "\u0410da", "\u0391DA", "Ａｄａ"]).toContain(students[0]?.[header?.indexOf("student_name") ?? -1]);
		expect(students[0]?.[attempts]).toBe("4");
		const keys = await env.DB.prepare("SELECT DISTINCT student_key FROM attempts WHERE class_id = ?")
			.bind(cls.id)
			.all<{ student_key: string }>();
		expect(keys.results).toEqual([{ student_key: "ada" }]);
	});
});
