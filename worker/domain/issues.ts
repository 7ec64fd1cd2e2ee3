/** A problem with one field of some input, as data: where it is (`answers[3]`, `questions[2].evidence.quote`) and what is wrong. */
export interface Issue {
	path: string;
	message: string;
}

/** An issue as one sentence, for a summary line. */
export const describeIssue = (issue: Issue) => `${issue.path}: ${issue.message}`;
