import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { StoredAnswer } from "../domain/quiz/grading";
import type { QuizContent } from "../domain/quiz/schema";

/** What an export link serves. */
export const EXPORT_KINDS = ["scores", "gradebook", "responses", "item-analysis"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** What a class's students see after submitting: the score only, which questions were right, or everything (right answers, explanations, evidence). */
export const REVIEW_LEVELS = ["score", "marks", "full"] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];
/** When they see it: as soon as they submit, or once the class has closed. */
export const REVIEW_TIMES = ["submit", "close"] as const;
export type ReviewTime = (typeof REVIEW_TIMES)[number];

/** Times are stored as integer milliseconds since the epoch (UTC), set by the server. */
const millis = (name?: string) => (name ? integer(name, { mode: "timestamp_ms" }) : integer({ mode: "timestamp_ms" }));

export const teachers = sqliteTable("teachers", {
	id: text().primaryKey(),
	name: text().notNull(),
	createdAt: millis().notNull(),
});

export const classes = sqliteTable(
	"classes",
	{
		id: text().primaryKey(),
		teacherId: text()
			.notNull()
			.references(() => teachers.id, { onDelete: "cascade" }),
		name: text().notNull(),
		/** Six characters from an alphabet without look-alikes; what students type. */
		joinCode: text().notNull(),
		createdAt: millis().notNull(),
		/**
		 * JSON array of the quiz ids students may submit to; null: every quiz is open. (No CHECK here:
		 * adding one makes drizzle-kit rebuild the table, and on D1, which ignores PRAGMA foreign_keys,
		 * dropping the old classes table would cascade-delete every attempt.)
		 */
		openQuizIds: text({ mode: "json" }).$type<string[]>(),
		/** After this time no new attempt is accepted; null: never closes. */
		closesAt: millis(),
		/** Most attempts one student may make at one quiz; null: no limit. */
		maxAttempts: integer(),
		/** What students see after submitting (REVIEW_LEVELS); "full" as before this column. */
		review: text({ enum: REVIEW_LEVELS }).notNull().default("full"),
		/** When they see it (REVIEW_TIMES). */
		reviewAfter: text({ enum: REVIEW_TIMES }).notNull().default("submit"),
		/** A rostered class whose students pick their name from the list instead of typing a personal code. */
		namePicker: integer({ mode: "boolean" }).notNull().default(false),
	},
	(t) => [uniqueIndex("classes_join_code_unique").on(t.joinCode), index("classes_teacher_idx").on(t.teacherId)],
);

/** A class's roster: the students the teacher expects, each with a personal code to join with. */
export const rosterStudents = sqliteTable(
	"roster_students",
	{
		id: text().primaryKey(),
		classId: text()
			.notNull()
			.references(() => classes.id, { onDelete: "cascade" }),
		/** The display name, normalised as every name is; unique in the class (duplicates get a visible suffix). */
		name: text().notNull(),
		/** studentKey(name): what attempts are grouped by, so a roster student's attempts and typed names meet. */
		nameKey: text().notNull(),
		/** Identifiers from the school's LMS, kept for gradebook exports. */
		email: text(),
		studentId: text(),
		section: text(),
		/** Personal code (like a join code, longer), unique across all classes; works wherever a class code does. */
		code: text().notNull(),
		/** Order on the roster, as imported. */
		position: integer().notNull(),
		createdAt: millis().notNull(),
	},
	(t) => [
		uniqueIndex("roster_students_code_unique").on(t.code),
		uniqueIndex("roster_students_class_key_unique").on(t.classId, t.nameKey),
		index("roster_students_class_idx").on(t.classId, t.position),
	],
);

/** A roster student opened a quiz in their class (for "in progress" on the class page). */
export const quizOpens = sqliteTable(
	"quiz_opens",
	{
		rosterStudentId: text()
			.notNull()
			.references(() => rosterStudents.id, { onDelete: "cascade" }),
		quizId: text().notNull(),
		openedAt: millis().notNull(),
	},
	(t) => [primaryKey({ columns: [t.rosterStudentId, t.quizId] })],
);

/** A teacher's API tokens, stored only as SHA-256 hashes of the token. */
export const teacherTokens = sqliteTable(
	"teacher_tokens",
	{
		id: text().primaryKey(),
		teacherId: text()
			.notNull()
			.references(() => teachers.id, { onDelete: "cascade" }),
		tokenHash: text().notNull(),
		createdAt: millis().notNull(),
	},
	(t) => [uniqueIndex("teacher_tokens_hash_unique").on(t.tokenHash), index("teacher_tokens_teacher_idx").on(t.teacherId)],
);

/** Dashboard sessions: the cookie holds the session secret; only its hash is stored. Revoking the token ends them. */
export const teacherSessions = sqliteTable(
	"teacher_sessions",
	{
		idHash: text().primaryKey(),
		tokenId: text()
			.notNull()
			.references(() => teacherTokens.id, { onDelete: "cascade" }),
		teacherId: text()
			.notNull()
			.references(() => teachers.id, { onDelete: "cascade" }),
		/** The absolute end of the session, set at sign-in. */
		expiresAt: millis().notNull(),
		/** When the session was last used (to the minute): idle for an hour, it ends. Null (sessions from before this column): ended. */
		lastSeenAt: millis(),
	},
	(t) => [index("teacher_sessions_token_idx").on(t.tokenId)],
);

/** Read-only links for one export of one class (for IMPORTDATA and web queries). */
export const exportLinks = sqliteTable(
	"export_links",
	{
		id: text().primaryKey(),
		classId: text()
			.notNull()
			.references(() => classes.id, { onDelete: "cascade" }),
		tokenHash: text().notNull(),
		export: text({ enum: EXPORT_KINDS }).notNull(),
		quizId: text(),
		createdAt: millis().notNull(),
		expiresAt: millis().notNull(),
	},
	(t) => [
		uniqueIndex("export_links_hash_unique").on(t.tokenHash),
		index("export_links_class_idx").on(t.classId),
		check("export_links_export_kind", sql.raw(`"export" IN (${EXPORT_KINDS.map((k) => `'${k}'`).join(", ")})`)),
	],
);

export const attempts = sqliteTable(
	"attempts",
	{
		/** Generated by the client (or the quiz page): the idempotency key of a submission. */
		id: text().primaryKey(),
		quizId: text().notNull(),
		/** Content hash of the quiz the attempt was graded against. */
		quizVersion: text().notNull(),
		classId: text().references(() => classes.id, { onDelete: "cascade" }),
		/** The name as the student typed it, trimmed, whitespace collapsed, NFC. */
		studentName: text().notNull(),
		/** Case-folded name, to group one student's attempts. */
		studentKey: text().notNull(),
		/** 1 for a student's first attempt at this quiz in this class, then 2, 3… */
		attemptNumber: integer().notNull(),
		/** Server time the quiz was handed out, when known (from a server-issued UUIDv7 attempt id). */
		startedAt: millis(),
		submittedAt: millis().notNull(),
		score: real().notNull(),
		maxScore: real().notNull(),
		/** SHA-256 of the canonical submission, to tell a replay from a conflicting reuse of the id. */
		requestHash: text().notNull(),
	},
	(t) => [
		index("attempts_class_submitted_idx").on(t.classId, t.submittedAt, t.id),
		index("attempts_class_quiz_submitted_idx").on(t.classId, t.quizId, t.submittedAt, t.id),
		index("attempts_class_quiz_student_idx").on(t.classId, t.quizId, t.studentKey),
	],
);

export const responses = sqliteTable(
	"responses",
	{
		attemptId: text()
			.notNull()
			.references(() => attempts.id, { onDelete: "cascade" }),
		questionId: text().notNull(),
		/** The question's position in the quiz (0-based), for exports in quiz order. */
		position: integer().notNull(),
		/** JSON: {"choiceIds":[…]} or {"text":"…"}; null when unanswered. */
		answer: text({ mode: "json" }).$type<StoredAnswer>(),
		correct: integer({ mode: "boolean" }).notNull(),
		points: real().notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.attemptId, t.questionId] }),
		check("responses_answer_json", sql.raw(`"answer" IS NULL OR json_valid("answer")`)),
	],
);

/** Articles teachers paste, to draft quizzes from. Paragraphs are kept exactly as pasted (typographic quotes included). */
export const articles = sqliteTable(
	"articles",
	{
		id: text().primaryKey(),
		teacherId: text()
			.notNull()
			.references(() => teachers.id, { onDelete: "cascade" }),
		title: text().notNull(),
		source: text(),
		date: text(),
		paragraphs: text({ mode: "json" }).$type<string[]>().notNull(),
		createdAt: millis().notNull(),
	},
	(t) => [index("articles_teacher_idx").on(t.teacherId, t.createdAt)],
);

/** A teacher's own quiz: its current version, and whether it still takes attempts. Its id is unguessable. */
export const teacherQuizzes = sqliteTable(
	"teacher_quizzes",
	{
		id: text().primaryKey(),
		teacherId: text()
			.notNull()
			.references(() => teachers.id, { onDelete: "cascade" }),
		/** The article it was made from, while that article is kept; each version holds its own copy. */
		articleId: text().references(() => articles.id, { onDelete: "set null" }),
		title: text().notNull(),
		/** The version students get now, and how many questions it has (for lists, without reading the content). */
		version: text().notNull(),
		questionCount: integer().notNull(),
		createdAt: millis().notNull(),
		updatedAt: millis().notNull(),
		/** Set when the teacher deletes the quiz: it stays in exports and results but takes no new attempt. */
		archivedAt: millis(),
	},
	(t) => [index("teacher_quizzes_teacher_idx").on(t.teacherId, t.createdAt)],
);

/** Every published version of a teacher's quiz, never changed: attempts are shown and exported against the version they were graded on. */
export const quizVersions = sqliteTable(
	"quiz_versions",
	{
		quizId: text()
			.notNull()
			.references(() => teacherQuizzes.id, { onDelete: "cascade" }),
		/** The content hash, as for the built-in library. */
		version: text().notNull(),
		content: text({ mode: "json" }).$type<QuizContent>().notNull(),
		createdAt: millis().notNull(),
	},
	(t) => [primaryKey({ columns: [t.quizId, t.version] }), check("quiz_versions_content_json", sql.raw(`json_valid("content")`))],
);

export type AttemptRow = typeof attempts.$inferSelect;
export type ResponseRow = typeof responses.$inferSelect;
export type ClassRow = typeof classes.$inferSelect;
export type RosterStudentRow = typeof rosterStudents.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type TeacherQuizRow = typeof teacherQuizzes.$inferSelect;
