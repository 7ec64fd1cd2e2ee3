CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`quiz_id` text NOT NULL,
	`quiz_version` text NOT NULL,
	`class_id` text,
	`student_name` text NOT NULL,
	`student_key` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`started_at` integer,
	`submitted_at` integer NOT NULL,
	`score` real NOT NULL,
	`max_score` real NOT NULL,
	`request_hash` text NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attempts_class_submitted_idx` ON `attempts` (`class_id`,`submitted_at`,`id`);--> statement-breakpoint
CREATE INDEX `attempts_class_quiz_submitted_idx` ON `attempts` (`class_id`,`quiz_id`,`submitted_at`,`id`);--> statement-breakpoint
CREATE INDEX `attempts_class_quiz_student_idx` ON `attempts` (`class_id`,`quiz_id`,`student_key`);--> statement-breakpoint
CREATE TABLE `classes` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`name` text NOT NULL,
	`join_code` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `classes_join_code_unique` ON `classes` (`join_code`);--> statement-breakpoint
CREATE INDEX `classes_teacher_idx` ON `classes` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `responses` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`position` integer NOT NULL,
	`answer` text,
	`correct` integer NOT NULL,
	`points` real NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `teachers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
