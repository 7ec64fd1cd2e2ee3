CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`title` text NOT NULL,
	`source` text,
	`date` text,
	`paragraphs` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `articles_teacher_idx` ON `articles` (`teacher_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `quiz_versions` (
	`quiz_id` text NOT NULL,
	`version` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`quiz_id`, `version`),
	FOREIGN KEY (`quiz_id`) REFERENCES `teacher_quizzes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "quiz_versions_content_json" CHECK(json_valid("content"))
);
--> statement-breakpoint
CREATE TABLE `teacher_quizzes` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`article_id` text,
	`title` text NOT NULL,
	`version` text NOT NULL,
	`question_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `teacher_quizzes_teacher_idx` ON `teacher_quizzes` (`teacher_id`,`created_at`);