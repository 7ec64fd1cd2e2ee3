import { nameField } from "../../domain/names";
import { isPersonalCode } from "../../domain/secrets";
import { textProblem } from "../../domain/text";
import { idSchema } from "../../http/params";
import * as z from "../../lib/z";

export const MAX_ANSWERS = 200;

/** The attempt id: a UUID of whatever version, kept in lower case. */
export const attemptIdSchema = z.pipe(
	z.uuid("must be a UUID"),
	z.transform((s) => s.toLowerCase()),
);

/** A class code as students type it: spaces and dashes out, upper case; empty is none. */
export const classCodeSchema = z.pipe(
	z.nullish(z.string().check(z.maxLength(32, "is too long"))),
	z.transform((s) => (s ? s.replace(/[\s-]+/g, "").toUpperCase() : "") || null),
);

/**
 * A submission as the API and the quiz form send it. The name may be left out only with a personal
 * code (a roster student's, which names them); sent with one, it is ignored.
 */
export const submissionSchema = z
	.object({
		attemptId: attemptIdSchema,
		quizId: idSchema,
		studentName: z.optional(nameField("student")),
		classCode: classCodeSchema,
		/** The version of the quiz the student was shown (the page sends it); graded against it when it is stored. */
		quizVersion: z.optional(z.string().check(z.maxLength(64, "is too long"))),
		answers: z
			.array(
				z
					.object({
						questionId: idSchema,
						choiceIds: z.optional(z.array(idSchema).check(z.maxLength(50, "has too many choices"))),
						text: z.optional(
							z.string().check(
								z.maxLength(500, "is too long (500 characters at most)"),
								z.superRefine((text, ctx) => {
									const problem = textProblem(text);
									if (problem !== null) ctx.issues.push({ code: "custom", message: problem, input: text });
								}),
							),
						),
					})
					.check(z.refine((a) => !(a.choiceIds !== undefined && a.text !== undefined), "send either choiceIds or text, not both")),
			)
			.check(z.maxLength(MAX_ANSWERS, `has more than ${MAX_ANSWERS} answers`)),
	})
	.check(
		z.superRefine((s, ctx) => {
			if (s.studentName === undefined && !isPersonalCode(s.classCode)) {
				ctx.issues.push({ code: "custom", path: ["studentName"], message: "must not be empty", input: s.studentName });
			}
		}),
	);

export type Submission = z.infer<typeof submissionSchema>;
