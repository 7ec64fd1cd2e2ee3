CREATE TABLE `export_links` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`export` text NOT NULL,
	`quiz_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_links_hash_unique` ON `export_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `export_links_class_idx` ON `export_links` (`class_id`);--> statement-breakpoint
CREATE TABLE `teacher_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`token_id` text NOT NULL,
	`teacher_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `teacher_tokens`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `teacher_sessions_token_idx` ON `teacher_sessions` (`token_id`);--> statement-breakpoint
CREATE TABLE `teacher_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teacher_tokens_hash_unique` ON `teacher_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `teacher_tokens_teacher_idx` ON `teacher_tokens` (`teacher_id`);--> statement-breakpoint
ALTER TABLE `classes` ADD `open_quiz_ids` text;--> statement-breakpoint
ALTER TABLE `classes` ADD `closes_at` integer;--> statement-breakpoint
ALTER TABLE `classes` ADD `max_attempts` integer;