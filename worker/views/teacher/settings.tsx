/**
 * A class's settings page, and the parts of it the class page shows too: the links between a class's
 * pages, its settings in a sentence each, the warning when practice shows answers the class's review
 * withholds, and which attempts count. Every setting is a plain form that posts and comes back here
 * (works without JavaScript); each explains in plain words what it does.
 */
import type { Child } from "hono/jsx";
import { type ClassRow, REVIEW_LEVELS, REVIEW_TIMES, type ReviewLevel, type ReviewTime } from "../../db/schema";
import { formatInZone, offsetLabel, toLocalInput } from "../../domain/time-zone";
import { ATTEMPT_SETS, type AttemptSet } from "../../features/classes/dashboard-service";
import { SET_WORDS } from "./charts";

/** A radio button with its label, and the hint under it that describes it. */
function RadioChoice(props: { name: string; value: string; checked: boolean; hintId: string; label: Child; children: Child }) {
	return (
		<>
			<label class="choice">
				<input type="radio" name={props.name} value={props.value} checked={props.checked} aria-describedby={props.hintId} />
				<span>{props.label}</span>
			</label>
			<p class="hint" id={props.hintId}>
				{props.children}
			</p>
		</>
	);
}

/** What the page says of one value of a setting: its radio button's label, and the sentence under it. */
interface SettingWords {
	label: string;
	sentence: string;
}

/** The zone the dashboard shows times in, and whether the teacher (or their browser) chose it. */
export interface TimeZoneChoice {
	name: string;
	chosen: boolean;
}

const classHref = (classId: string) => `/teacher/classes/${encodeURIComponent(classId)}`;

/** The pages of one class. */
export type ClassPageName = "class" | "settings" | "roster" | "cards" | "status" | "present";

const CLASS_PAGES: { page: ClassPageName; label: string; path: string }[] = [
	{ page: "class", label: "Results", path: "" },
	{ page: "status", label: "Who has submitted", path: "/status" },
	{ page: "roster", label: "Roster", path: "/roster" },
	{ page: "cards", label: "Student cards", path: "/cards" },
	{ page: "present", label: "Projector view", path: "/present" },
	{ page: "settings", label: "Settings", path: "/settings" },
];

/** Links to the class's pages, the current one marked. */
export function ClassNav({ cls, current }: { cls: ClassRow; current: ClassPageName }) {
	return (
		<nav aria-label={`Pages of ${cls.name}`}>
			<ul class="class-nav">
				{CLASS_PAGES.map((p) => (
					<li>
						<a href={`${classHref(cls.id)}${p.path}`} aria-current={p.page === current ? "page" : undefined}>
							{p.label}
						</a>
					</li>
				))}
			</ul>
		</nav>
	);
}

export const REVIEW_WORDS: Record<ReviewLevel, SettingWords> = {
	score: { label: "The score only", sentence: "Students see their total score and nothing about which questions they got right." },
	marks: {
		label: "Which questions were right",
		sentence: "Students see their score and which questions they got right or wrong, but not the right answers.",
	},
	full: {
		label: "Everything",
		sentence: "Students see their score, which questions were right, the right answers, the explanations and the evidence in the article.",
	},
};

export const REVIEW_TIME_WORDS: Record<ReviewTime, SettingWords> = {
	submit: { label: "As soon as they submit", sentence: "Students see it on the result page right after submitting." },
	close: {
		label: "Once the class closes",
		sentence:
			"Until the closing time students see their score only; the rest appears once the class closes. This keeps answers from spreading while others are still taking the quiz.",
	},
};

/** The settings of what students see after submitting: each a column of the class, and the name of its form field. */
type ReviewSetting = "review" | "reviewAfter";

/** How the settings page asks each review setting: its question, the start of its hints' ids, its values in order and their words. */
const REVIEW_QUESTIONS: {
	[S in ReviewSetting]: { legend: string; hintPrefix: string; values: readonly ClassRow[S][]; words: Record<ClassRow[S], SettingWords> };
} = {
	review: { legend: "What they see", hintPrefix: "review", values: REVIEW_LEVELS, words: REVIEW_WORDS },
	reviewAfter: { legend: "When they see it", hintPrefix: "after", values: REVIEW_TIMES, words: REVIEW_TIME_WORDS },
};

/**
 * One review setting as a fieldset of radio buttons, a button per value, each labelled and
 * described by its words, the class's value checked; `more` adds to a value's sentence what the
 * class's state makes worth saying.
 */
function ReviewChoices<S extends ReviewSetting>({
	cls,
	setting,
	more,
}: {
	cls: ClassRow;
	setting: S;
	more?: (value: ClassRow[S]) => string;
}) {
	const { legend, hintPrefix, values, words } = REVIEW_QUESTIONS[setting];
	return (
		<fieldset>
			<legend>{legend}</legend>
			{values.map((value) => (
				<RadioChoice
					name={setting}
					value={value}
					checked={cls[setting] === value}
					hintId={`${hintPrefix}-${value}-hint`}
					label={words[value].label}
				>
					{words[value].sentence}
					{more?.(value)}
				</RadioChoice>
			))}
		</fieldset>
	);
}

const isClosed = (cls: ClassRow, now: Date) => cls.closesAt !== null && cls.closesAt.getTime() <= now.getTime();

/** The class's settings, one sentence each, with a link to change them. */
export function PolicySummary({ cls, zone, now }: { cls: ClassRow; zone: TimeZoneChoice; now: Date }) {
	const closing =
		cls.closesAt === null
			? "Open: no closing time."
			: isClosed(cls, now)
				? `Closed since ${formatInZone(cls.closesAt, zone.name)} (${zone.name}): no new attempts are taken.`
				: `Open until ${formatInZone(cls.closesAt, zone.name)} (${zone.name}).`;
	const quizzes =
		cls.openQuizIds === null
			? "Every quiz is open: the whole library and your own."
			: cls.openQuizIds.length === 0
				? "No quiz is open."
				: `${cls.openQuizIds.length} ${cls.openQuizIds.length === 1 ? "quiz is" : "quizzes are"} open.`;
	return (
		<section aria-labelledby="policy-h">
			<h2 id="policy-h">Settings</h2>
			<ul>
				<li>{closing}</li>
				<li>{quizzes}</li>
				<li>{cls.maxAttempts === null ? "Attempts: no limit." : `Attempts: at most ${cls.maxAttempts} per student and quiz.`}</li>
				<li>{`After submitting, students see: ${REVIEW_WORDS[cls.review].label.toLowerCase()}, ${REVIEW_TIME_WORDS[cls.reviewAfter].label.toLowerCase()}.`}</li>
				<li>
					{cls.namePicker
						? "Students pick their name from the class list."
						: "With a roster, students join with their personal code; without one, they type their name."}
				</li>
			</ul>
			<p>
				<a href={`${classHref(cls.id)}/settings`}>Change settings</a>
			</p>
		</section>
	);
}

/** Library quizzes whose answers practice shows, though this class's review withholds them. */
export function LeakWarning({ cls, leaks }: { cls: ClassRow; leaks: { id: string; title: string }[] }) {
	if (leaks.length === 0) return null;
	const shown = leaks.slice(0, 5).map((q) => q.title);
	const more = leaks.length - shown.length;
	return (
		<div class="alert" role="note" aria-labelledby="leak-h">
			<h2 id="leak-h">Students can see the answers to library quizzes anyway</h2>
			<p>
				{`Your review setting (${REVIEW_WORDS[cls.review].label.toLowerCase()}, ${REVIEW_TIME_WORDS[cls.reviewAfter].label.toLowerCase()}) holds for your own quizzes only. Anyone can practise a library quiz without the class code and sees every right answer straight away. Open to this class: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`}
			</p>
			<p>
				To keep answers back, open only your own quizzes (make one from an article), or choose to show everything.{" "}
				<a href={`${classHref(cls.id)}/settings#quizzes`}>Choose open quizzes</a>
			</p>
		</div>
	);
}

/** Which attempts count: a select for the class page's and drill-downs' GET forms. */
export function SetChooser({ set }: { set: AttemptSet }) {
	return (
		<div class="field">
			<label for="set">Count</label>
			<select id="set" name="set">
				{ATTEMPT_SETS.map((s) => (
					<option value={s} selected={s === set}>
						{SET_WORDS[s].label}
					</option>
				))}
			</select>
		</div>
	);
}

/** Which zone the page's times are in, and where to change it. */
export function ZoneNote({ cls, zone }: { cls: ClassRow; zone: TimeZoneChoice }) {
	return (
		<p class="meta">
			{zone.chosen ? `Times are in ${zone.name} (${offsetLabel(new Date(), zone.name)}). ` : "Times are in UTC. "}
			<a href={`${classHref(cls.id)}/settings#time-zone`}>{zone.chosen ? "Change time zone" : "Choose your time zone"}</a>
		</p>
	);
}

/** The settings page's sections, each a form of its own. */
export type SettingsSection = "name" | "quizzes" | "closing" | "attempts" | "review" | "name-picker" | "time-zone" | "delete";

const SECTION_WORDS: Record<SettingsSection, string> = {
	name: "the class name",
	quizzes: "the open quizzes",
	closing: "the closing time",
	attempts: "the attempt limit",
	review: "what students see after submitting",
	"name-picker": "the name picker",
	"time-zone": "the time zone",
	delete: "the class",
};

export const savedSentence = (section: SettingsSection) => `Saved ${SECTION_WORDS[section]}.`;

interface QuizChoice {
	id: string;
	title: string;
	questionCount: number;
}

export interface SettingsPageProps {
	cls: ClassRow;
	zone: TimeZoneChoice;
	zones: readonly string[];
	now: Date;
	library: QuizChoice[];
	own: QuizChoice[];
	leaks: { id: string; title: string }[];
	/** A sentence after a change was saved. */
	notice?: string | null;
	/** What was wrong with the form just sent, shown in its section, with what the teacher typed. */
	error?: { section: SettingsSection; message: string; value?: string } | null;
}

function SectionError({ id, error, section }: { id: string; error: SettingsPageProps["error"]; section: SettingsSection }) {
	if (!error || error.section !== section) return null;
	return (
		<div class="alert" role="alert" id={id}>
			<p>{error.message}</p>
		</div>
	);
}

const errorIn = (error: SettingsPageProps["error"], section: SettingsSection) => (error?.section === section ? error : null);

function QuizBoxes({ quizzes, open, legend }: { quizzes: QuizChoice[]; open: Set<string> | null; legend: string }) {
	if (quizzes.length === 0) return null;
	return (
		<fieldset class="quiz-boxes">
			<legend>{legend}</legend>
			{quizzes.map((q) => (
				<label class="choice">
					<input type="checkbox" name="quizId" value={q.id} checked={open === null || open.has(q.id)} />
					<span>
						{q.title} <span class="meta">{`· ${q.questionCount} questions`}</span>
					</span>
				</label>
			))}
		</fieldset>
	);
}

/**
 * One section of the settings page, labelled by its heading. The heading's id is the section's
 * name: the fragment that links to a setting and the redirect after saving one land on (#time-zone).
 */
function SettingSection({ name, title, children }: { name: SettingsSection; title: string; children: Child }) {
	return (
		<section aria-labelledby={name}>
			<h2 id={name}>{title}</h2>
			{children}
		</section>
	);
}

/** Every setting of a class, each a plain form. */
export function SettingsPage(p: SettingsPageProps) {
	const { cls, zone } = p;
	const action = (path: string) => `${classHref(cls.id)}/settings/${path}`;
	const open = cls.openQuizIds === null ? null : new Set(cls.openQuizIds);
	const closed = isClosed(cls, p.now);
	const nameError = errorIn(p.error, "name");
	const closingError = errorIn(p.error, "closing");
	const attemptsError = errorIn(p.error, "attempts");
	const deleteError = errorIn(p.error, "delete");
	return (
		<div
			class="settings"
			data-time-zone={zone.name}
			data-time-zone-chosen={String(zone.chosen)}
			data-time-zone-action={action("time-zone")}
		>
			<p>
				<a href="/teacher">All classes</a>
			</p>
			<ClassNav cls={cls} current="settings" />
			{p.notice ? (
				<p class="notice" role="status">
					{p.notice}
				</p>
			) : null}
			<LeakWarning cls={cls} leaks={p.leaks} />

			<SettingSection name="quizzes" title="Open quizzes">
				<p class="hint">Students can take only the quizzes open to the class. Results of quizzes you close stay on the class page.</p>
				<SectionError id="quizzes-error" error={p.error} section="quizzes" />
				<form method="post" action={action("quizzes")}>
					<fieldset>
						<legend>Which quizzes</legend>
						<RadioChoice name="scope" value="all" checked={open === null} hintId="scope-all-hint" label="Every quiz">
							The whole library and all your own quizzes, including those you publish later.
						</RadioChoice>
						<RadioChoice
							name="scope"
							value="chosen"
							checked={open !== null}
							hintId="scope-chosen-hint"
							label="Only the quizzes ticked below"
						>
							Tick none to close every quiz for now.
						</RadioChoice>
					</fieldset>
					<QuizBoxes quizzes={p.own} open={open} legend="Your quizzes" />
					<QuizBoxes quizzes={p.library} open={open} legend="The library" />
					<button type="submit">Save open quizzes</button>
				</form>
			</SettingSection>

			<SettingSection name="closing" title="Closing time">
				<p class="hint">After the closing time no new attempt is taken; students who open a quiz are told the class has closed.</p>
				<SectionError id="closing-error" error={p.error} section="closing" />
				<form method="post" action={action("closing")}>
					<div class="field">
						<label for="closesAt">{`Closes at (${zone.name})`}</label>
						<input
							id="closesAt"
							name="closesAt"
							type="datetime-local"
							value={closingError?.value ?? (cls.closesAt ? toLocalInput(cls.closesAt, zone.name) : "")}
							aria-invalid={closingError ? "true" : undefined}
							aria-describedby={`closesAt-hint${closingError ? " closing-error" : ""}`}
						/>
						<p class="hint" id="closesAt-hint">
							{cls.closesAt === null
								? "No closing time: the class stays open until you close it."
								: closed
									? `Closed since ${formatInZone(cls.closesAt, zone.name)}.`
									: `Open until ${formatInZone(cls.closesAt, zone.name)}.`}{" "}
							{`The time is in ${zone.name}; `}
							<a href="#time-zone">change the time zone</a>.
						</p>
					</div>
					<input type="hidden" name="timeZone" value={zone.name} />
					<div class="actions">
						<button type="submit" name="action" value="save">
							Save closing time
						</button>
						{cls.closesAt !== null ? (
							<button type="submit" name="action" value="clear">
								Remove closing time
							</button>
						) : null}
					</div>
				</form>
				<form method="post" action={action("open")} class="inline-form">
					<input type="hidden" name="action" value={closed ? "reopen" : "close"} />
					<p class="hint">
						{closed ? "Reopening removes the closing time: students can submit again." : "Closing now stops new attempts at once."}
					</p>
					<button type="submit">{closed ? "Reopen the class" : "Close now"}</button>
				</form>
			</SettingSection>

			<SettingSection name="attempts" title="Attempts per student">
				<SectionError id="attempts-error" error={p.error} section="attempts" />
				<form method="post" action={action("attempts")}>
					<div class="field">
						<label for="maxAttempts">Most attempts one student may make at one quiz</label>
						<input
							id="maxAttempts"
							name="maxAttempts"
							type="number"
							inputmode="numeric"
							min="1"
							max="100"
							value={attemptsError?.value ?? (cls.maxAttempts === null ? "" : String(cls.maxAttempts))}
							aria-invalid={attemptsError ? "true" : undefined}
							aria-describedby={`maxAttempts-hint${attemptsError ? " attempts-error" : ""}`}
						/>
						<p class="hint" id="maxAttempts-hint">
							A number from 1 to 100; leave it empty for no limit. Attempts already made are kept.
						</p>
					</div>
					<button type="submit">Save attempt limit</button>
				</form>
			</SettingSection>

			<SettingSection name="review" title="What students see after submitting">
				<SectionError id="review-error" error={p.error} section="review" />
				<form method="post" action={action("review")}>
					<ReviewChoices cls={cls} setting="review" />
					<ReviewChoices
						cls={cls}
						setting="reviewAfter"
						more={(time) => (time === "close" && cls.closesAt === null ? " This class has no closing time yet: set one above." : "")}
					/>
					<p class="hint">Library quizzes can be practised by anyone without the class code, with everything shown at once.</p>
					<button type="submit">Save what students see</button>
				</form>
			</SettingSection>

			<SettingSection name="name-picker" title="Name picker">
				<SectionError id="name-picker-error" error={p.error} section="name-picker" />
				<form method="post" action={action("name-picker")}>
					<input type="hidden" name="namePicker" value="off" />
					<label class="choice">
						<input type="checkbox" name="namePicker" value="on" checked={cls.namePicker} aria-describedby="name-picker-hint" />
						<span>Students pick their name from the class list</span>
					</label>
					<p class="hint" id="name-picker-hint">
						Quicker for young students: after the class code they tap their name instead of typing a personal code. The trade-off: anyone
						with the class code can pick any name, so one student can submit as another. Leave it off to have each student use their
						personal code. It needs a roster.
					</p>
					<button type="submit">Save name picker</button>
				</form>
			</SettingSection>

			<SettingSection name="time-zone" title="Time zone">
				<form method="post" action={action("time-zone")}>
					<div class="field">
						<label for="timeZone">Show times in</label>
						<select id="timeZone" name="timeZone" aria-describedby="timeZone-hint">
							{(p.zones.includes(zone.name) ? p.zones : [zone.name, ...p.zones]).map((z) => (
								<option value={z} selected={z === zone.name}>
									{z}
								</option>
							))}
						</select>
						<p class="hint" id="timeZone-hint">
							Times on the dashboard are shown, and closing times typed, in this zone. It is kept in this browser only (a cookie).
						</p>
					</div>
					<button type="submit">Use this time zone</button>
				</form>
			</SettingSection>

			<SettingSection name="name" title="Class name">
				<form method="post" action={action("name")}>
					<div class="field">
						<label for="className">Class name</label>
						<input
							id="className"
							name="name"
							type="text"
							required
							maxlength={80}
							value={nameError?.value ?? cls.name}
							aria-invalid={nameError ? "true" : undefined}
							aria-describedby={nameError ? "name-error" : undefined}
						/>
					</div>
					<SectionError id="name-error" error={p.error} section="name" />
					<button type="submit">Rename</button>
				</form>
			</SettingSection>

			<SettingSection name="delete" title="Delete the class">
				<p>
					Deleting the class deletes every attempt in it and its export links, for good. Download what you want to keep first. To delete one
					student's attempts, choose their name on the class page.
				</p>
				<form method="post" action={`${classHref(cls.id)}/delete`}>
					<div class="field">
						<label for="confirm">Type the class name to confirm</label>
						<input
							id="confirm"
							name="confirm"
							type="text"
							required
							autocomplete="off"
							maxlength={200}
							value={deleteError?.value ?? ""}
							aria-invalid={deleteError ? "true" : undefined}
							aria-describedby={`confirm-hint${deleteError ? " delete-error" : ""}`}
						/>
						<p class="hint" id="confirm-hint">
							{`The name is: ${cls.name}`}
						</p>
					</div>
					<SectionError id="delete-error" error={p.error} section="delete" />
					<button type="submit" class="danger">
						Delete this class and all its attempts
					</button>
				</form>
			</SettingSection>
		</div>
	);
}
