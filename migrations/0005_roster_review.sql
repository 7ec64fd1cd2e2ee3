CREATE TABLE `quiz_opens` (
	`roster_student_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	PRIMARY KEY(`roster_student_id`, `quiz_id`),
	FOREIGN KEY (`roster_student_id`) REFERENCES `roster_students`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `roster_students` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`email` text,
	`student_id` text,
	`section` text,
	`code` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_students_code_unique` ON `roster_students` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `roster_students_class_key_unique` ON `roster_students` (`class_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `roster_students_class_idx` ON `roster_students` (`class_id`,`position`);--> statement-breakpoint
ALTER TABLE `classes` ADD `review` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `classes` ADD `review_after` text DEFAULT 'submit' NOT NULL;--> statement-breakpoint
ALTER TABLE `classes` ADD `name_picker` integer DEFAULT false NOT NULL;