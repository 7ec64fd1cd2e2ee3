PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_export_links` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`export` text NOT NULL,
	`quiz_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "export_links_export_kind" CHECK("export" IN ('scores', 'gradebook', 'responses', 'item-analysis'))
);
--> statement-breakpoint
INSERT INTO `__new_export_links`("id", "class_id", "token_hash", "export", "quiz_id", "created_at", "expires_at") SELECT "id", "class_id", "token_hash", "export", "quiz_id", "created_at", "expires_at" FROM `export_links`;--> statement-breakpoint
DROP TABLE `export_links`;--> statement-breakpoint
ALTER TABLE `__new_export_links` RENAME TO `export_links`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `export_links_hash_unique` ON `export_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `export_links_class_idx` ON `export_links` (`class_id`);--> statement-breakpoint
CREATE TABLE `__new_responses` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`position` integer NOT NULL,
	`answer` text,
	`correct` integer NOT NULL,
	`points` real NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "responses_answer_json" CHECK("answer" IS NULL OR json_valid("answer"))
);
--> statement-breakpoint
INSERT INTO `__new_responses`("attempt_id", "question_id", "position", "answer", "correct", "points") SELECT "attempt_id", "question_id", "position", "answer", "correct", "points" FROM `responses`;--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;