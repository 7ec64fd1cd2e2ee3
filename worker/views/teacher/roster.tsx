/**
 * The dashboard's roster pages: the roster of a class (import, the table, add one, what codes, cards
 * and the name picker mean), one student's page (rename, identifiers, a new code, remove), and the
 * printable cards. Every action is a plain form: nothing needs JavaScript.
 */
import { raw } from "hono/html";
import { encode } from "uqr";
import type { ClassRow } from "../../db/schema";
import { type RosterStudent, spacedCode } from "../../domain/roster";
import { ErrorSummary } from "../fields";

/** A QR code as a small SVG: one path of horizontal runs (a tenth of the size of one square per module), crisp when printed. */
export function qrSvg(text: string, label: string): string {
	const { data } = encode(text, { border: 2, ecc: "M" });
	let d = "";
	data.forEach((row, y) => {
		for (let x = 0; x < row.length; ) {
			if (!row[x]) {
				x++;
				continue;
			}
			let end = x;
			while (row[end]) end++;
			d += `M${x} ${y}h${end - x}v1h${x - end}z`;
			x = end;
		}
	});
	const n = data.length;
	const escaped = label.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" role="img" aria-label="${escaped}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

/** What the last action did, shown at the top of the roster page. */
export interface RosterNotice {
	lines: string[];
	/** Names given a number to keep them apart. */
	suffixed: { name: string; as: string }[];
}

export interface RosterPageProps {
	cls: ClassRow;
	roster: RosterStudent[];
	/** The class's join page, e.g. https://quizline.example/join */
	joinAddress: string;
	notice?: RosterNotice | undefined;
	/** Problems with the last import or addition, and what was typed, to fix and send again. */
	errors?: string[] | undefined;
	pasted?: string | undefined;
	mode?: "add" | "replace" | undefined;
	added?: { name: string; email: string; studentId: string; section: string } | undefined;
	addErrors?: string[] | undefined;
}

const base = (cls: ClassRow) => `/teacher/classes/${cls.id}`;

function Notice({ notice }: { notice: RosterNotice | undefined }) {
	if (!notice) return null;
	return (
		<div class="notice" role="status">
			{notice.lines.map((l) => (
				<p>{l}</p>
			))}
			{notice.suffixed.length > 0 ? (
				<>
					<p>Some students share a name, so they got a number to tell them apart:</p>
					<ul>
						{notice.suffixed.map((s) => (
							<li>{`“${s.name}” is on the roster as “${s.as}”`}</li>
						))}
					</ul>
					<p>You can rename them below, for example with an initial.</p>
				</>
			) : null}
		</div>
	);
}

/** Plain words on codes, cards and the name picker, with the picker's current setting. */
function Explanation({ cls }: { cls: ClassRow }) {
	return (
		<section aria-labelledby="how-h">
			<h2 id="how-h">How the roster works</h2>
			<p>
				<strong>Personal codes.</strong> Every student on the roster gets their own code of eight letters and digits. A student who joins
				with it does not type a name: Quizline greets them by the name on this list and records their answers under it. The code works in
				the same box as the class code, and for every quiz in this class.
			</p>
			<p>
				<strong>Cards.</strong> Print one card per student: their name, their code, the address to type it in, and a QR code that opens the
				class already signed in as them. Hand each student their own card. A code is like a password for one student: whoever has it answers
				as that student. If a card is lost or shared, open the student and give them a new code; the old one stops working at once.
			</p>
			<p>
				<strong>Name picker: {cls.namePicker ? "on" : "off"}.</strong>{" "}
				{cls.namePicker
					? "Students who join with the class code pick their name from this list instead of typing their code. It is quick, but anyone who has the class code can pick any name, so a student could answer as a classmate. Turn it off for tests that count."
					: "The class code alone is not enough: students who join with it are asked for their personal code, and a typed name is not accepted. With the picker on, they would choose their name from this list instead: quicker, but anyone who has the class code could pick any name."}{" "}
				<a href={`${base(cls)}/settings#name-picker`}>Change it in the class settings</a>.
			</p>
			<p>
				<strong>Changes.</strong> Renaming a student renames their results in this class too. Removing a student keeps their results, under
				their name. Importing the same list again changes nothing: everyone keeps their code. A class with nobody on its roster works as
				before: students type their name.
			</p>
		</section>
	);
}

function ImportForm({
	cls,
	pasted,
	mode,
	errors,
}: {
	cls: ClassRow;
	pasted: string;
	mode: "add" | "replace";
	errors: string[] | undefined;
}) {
	return (
		<section aria-labelledby="import-h">
			<h2 id="import-h">Import a list</h2>
			<ErrorSummary heading="Nothing was imported" messages={errors ?? []} />
			<form method="post" action={`${base(cls)}/roster/import`} enctype="multipart/form-data" class="paste" novalidate>
				<div class="field">
					<label for="names">Paste names</label>
					<p id="names-hint" class="hint">
						One name per line, or CSV with a header row: name, email, student id, section (only name is needed).
					</p>
					<textarea id="names" name="names" rows={8} aria-describedby="names-hint" spellcheck={false}>
						{pasted}
					</textarea>
				</div>
				<div class="field">
					<label for="file">Or upload a file</label>
					<p id="file-hint" class="hint">
						A CSV as above, or your gradebook exported from Canvas or Moodle, as it is: student ids, emails and sections are kept.
					</p>
					<input id="file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="file-hint" />
				</div>
				<fieldset class="identity">
					<legend>Students already on the roster</legend>
					<label class="choice">
						<input type="radio" name="mode" value="add" checked={mode === "add"} />
						Keep them, and add or update the students in this list
					</label>
					<label class="choice">
						<input type="radio" name="mode" value="replace" checked={mode === "replace"} />
						Replace the roster with this list: students not on it are removed (their results stay)
					</label>
				</fieldset>
				<button type="submit" class="primary">
					Import
				</button>
			</form>
		</section>
	);
}

/** A text field of the dashboard's forms. */
function Field(props: { id: string; label: string; value: string; optional?: boolean; maxlength: number; extra?: Record<string, string> }) {
	return (
		<div class="field">
			<label for={props.id}>
				{props.label}
				{props.optional ? <span class="optional"> (optional)</span> : null}
			</label>
			<input
				id={props.id}
				name={props.id}
				type="text"
				value={props.value}
				maxlength={props.maxlength}
				autocomplete="off"
				{...props.extra}
			/>
		</div>
	);
}

/** Name, email, student id and section, as the "add one" form and a student's page ask for them. */
function StudentFields({ v, prefix = "" }: { v: { name: string; email: string; studentId: string; section: string }; prefix?: string }) {
	return (
		<>
			<Field id={`${prefix}name`} label="Name" value={v.name} maxlength={60} extra={{ required: "" }} />
			<Field
				id={`${prefix}email`}
				label="Email"
				value={v.email}
				optional
				maxlength={254}
				extra={{ inputmode: "email", spellcheck: "false" }}
			/>
			<Field id={`${prefix}studentId`} label="Student id (from your school's system)" value={v.studentId} optional maxlength={100} />
			<Field id={`${prefix}section`} label="Section" value={v.section} optional maxlength={100} />
		</>
	);
}

function RosterTable({ cls, roster }: { cls: ClassRow; roster: RosterStudent[] }) {
	const has = (f: "email" | "studentId" | "section") => roster.some((s) => s[f] !== null);
	const cols = { email: has("email"), studentId: has("studentId"), section: has("section") };
	return (
		<div class="scroll">
			<table>
				<caption class="meta">{`${roster.length} ${roster.length === 1 ? "student" : "students"}, in roster order, with their personal codes`}</caption>
				<thead>
					<tr>
						<th scope="col">Name</th>
						<th scope="col">Code</th>
						{cols.studentId ? <th scope="col">Student id</th> : null}
						{cols.email ? <th scope="col">Email</th> : null}
						{cols.section ? <th scope="col">Section</th> : null}
						<th scope="col">
							<span class="visually-hidden">Change</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{roster.map((s) => (
						<tr id={`student-${s.id}`}>
							<th scope="row">{s.name}</th>
							<td>
								{/* A no-break space: the code never wraps in two. */}
								<code>{spacedCode(s.code).replace(" ", "\u00a0")}</code>
							</td>
							{cols.studentId ? <td>{s.studentId ?? ""}</td> : null}
							{cols.email ? <td>{s.email ?? ""}</td> : null}
							{cols.section ? <td>{s.section ?? ""}</td> : null}
							<td>
								<a href={`${base(cls)}/roster/${s.id}`}>
									Edit<span class="visually-hidden">{` ${s.name}`}</span>
								</a>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}

export function RosterPage(p: RosterPageProps) {
	const empty = { name: "", email: "", studentId: "", section: "" };
	return (
		<>
			<p>
				<a href={base(p.cls)}>{`Back to ${p.cls.name}`}</a>
			</p>
			<Notice notice={p.notice} />
			<section aria-labelledby="students-h">
				<h2 id="students-h">Students</h2>
				{p.roster.length === 0 ? (
					<p>Nobody is on this roster yet. Paste the names of your class or upload a file below.</p>
				) : (
					<>
						<p class="inline">
							<a class="button" href={`${base(p.cls)}/cards`}>
								Print cards
							</a>
						</p>
						<p>{`Students join at ${p.joinAddress} with their code, or by scanning their card.`}</p>
						<RosterTable cls={p.cls} roster={p.roster} />
					</>
				)}
			</section>
			<section aria-labelledby="add-h">
				<h2 id="add-h">Add one student</h2>
				<ErrorSummary heading="The student was not added" messages={p.addErrors ?? []} />
				<form method="post" action={`${base(p.cls)}/roster/students`} novalidate>
					<StudentFields v={p.added ?? empty} prefix="new-" />
					<button type="submit">Add student</button>
				</form>
			</section>
			<ImportForm cls={p.cls} pasted={p.pasted ?? ""} mode={p.mode ?? "add"} errors={p.errors} />
			<Explanation cls={p.cls} />
		</>
	);
}

export interface StudentPageProps {
	cls: ClassRow;
	student: RosterStudent;
	joinUrl: string;
	values?: { name: string; email: string; studentId: string; section: string } | undefined;
	errors?: string[] | undefined;
	notice?: string | undefined;
}

/** One student: rename and identifiers, a new code, a card of their own, removal. */
export function StudentPage(p: StudentPageProps) {
	const s = p.student;
	const at = `${base(p.cls)}/roster/${s.id}`;
	const values = p.values ?? { name: s.name, email: s.email ?? "", studentId: s.studentId ?? "", section: s.section ?? "" };
	return (
		<>
			<p>
				<a href={`${base(p.cls)}/roster`}>{`Back to the roster of ${p.cls.name}`}</a>
			</p>
			{p.notice ? (
				<div class="notice" role="status">
					<p>{p.notice}</p>
				</div>
			) : null}
			<section aria-labelledby="code-h">
				<h2 id="code-h">Personal code</h2>
				<p>
					<span class="code">{spacedCode(s.code)}</span>
				</p>
				<p>
					Personal link: <a href={p.joinUrl}>{p.joinUrl}</a>
				</p>
				<p class="inline">
					<a class="button" href={`${base(p.cls)}/cards?student=${encodeURIComponent(s.id)}`}>
						{`Print a card for ${s.name}`}
					</a>
				</p>
				<form method="post" action={`${at}/code`}>
					<p class="hint">A new code makes the old one stop working at once: for a lost card, or a code that was shared.</p>
					<button type="submit">Give a new code</button>
				</form>
			</section>
			<section aria-labelledby="edit-h">
				<h2 id="edit-h">Name and details</h2>
				<ErrorSummary heading="Nothing was changed" messages={p.errors ?? []} />
				<form method="post" action={at} novalidate>
					<p class="hint">Renaming also renames this student's results in this class. Empty optional fields are cleared.</p>
					<StudentFields v={values} />
					<button type="submit" class="primary">
						Save
					</button>
				</form>
			</section>
			<section aria-labelledby="remove-h">
				<h2 id="remove-h">Remove from the roster</h2>
				<form method="post" action={`${at}/remove`}>
					<p>Their results stay, under their name. Their code stops working.</p>
					<button type="submit" class="danger">{`Remove ${s.name}`}</button>
				</form>
			</section>
		</>
	);
}

/** The cards' own stylesheet: a grid on screen; on paper 2 × 5 cards of 50 mm per page (A4 or Letter), with dashed cut lines and no dashboard around them. */
export const CARDS_CSS = `
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; margin: 1rem 0; padding: 0; list-style: none; }
.card { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; padding: 0.75rem; border: 2px dashed var(--line); border-radius: 8px; break-inside: avoid; }
.card p { margin: 0; }
.card-text { min-width: 0; overflow-wrap: break-word; }
.card-class { color: var(--muted); font-size: 0.9rem; }
.card-name { font-size: 1.25rem; font-weight: 700; line-height: 1.2; margin-block: 0.15rem 0.4rem !important; }
.card-code { font-family: ui-monospace, "Cascadia Mono", Menlo, monospace; font-size: 1.5rem; font-weight: 700; letter-spacing: 0.08em; white-space: nowrap; }
.card-how { font-size: 0.85rem; margin-top: 0.3rem !important; }
.card-url { display: block; overflow-wrap: anywhere; }
.card-name.long { font-size: 1.05rem; }
.card-qr { flex: none; width: 7.5rem; height: 7.5rem; }
.card-qr svg { display: block; width: 100%; height: 100%; }
@page { margin: 10mm; }
@media print {
	:root { color-scheme: light; --bg: #fff; --fg: #000; --muted: #333; --line: #000; }
	html, body { background: #fff; color: #000; }
	body > header.bar, .no-print { display: none !important; }
	main.page.dash { max-width: none; margin: 0; padding: 0; }
	.cards { grid-template-columns: 1fr 1fr; grid-auto-rows: 50mm; gap: 0; margin: 0; }
	.card { height: 50mm; padding: 4mm 5mm; border: 0.3mm dashed #000; border-radius: 0; break-inside: avoid; page-break-inside: avoid; }
	.card-class { font-size: 9pt; }
	.card-name { font-size: 15pt; }
	.card-name.long { font-size: 11.5pt; }
	.card-code { font-size: 17pt; }
	.card-how { font-size: 8.5pt; }
	.card-qr { width: 34mm; height: 34mm; }
}
`;

export interface CardsPageProps {
	cls: ClassRow;
	students: RosterStudent[];
	/** The origin students type their code at, e.g. https://quizline.example */
	origin: string;
	nonce: string | undefined;
	/** Only one student's card (a reprint). */
	one: boolean;
}

/** The printable cards: on screen a short instruction above them; on paper only the cards. */
export function CardsPage(p: CardsPageProps) {
	const host = p.origin.replace(/^https?:\/\//, "");
	return (
		<>
			<style nonce={p.nonce}>{raw(CARDS_CSS)}</style>
			<div class="no-print">
				<p>
					<a href={`${base(p.cls)}/roster`}>{`Back to the roster of ${p.cls.name}`}</a>
				</p>
				{p.students.length === 0 ? (
					<p>Nobody is on this roster yet, so there are no cards to print.</p>
				) : (
					<p>
						{`${p.students.length} ${p.students.length === 1 ? "card" : "cards"}. Print this page (Ctrl+P, or ⌘P on a Mac): on paper only the cards appear, ten to a page, with dashed lines to cut along.`}
						{p.one ? (
							<>
								{" "}
								<a href={`${base(p.cls)}/cards`}>Cards for the whole class</a>
							</>
						) : null}
					</p>
				)}
			</div>
			<ul class="cards" aria-label={`Cards for ${p.cls.name}`}>
				{p.students.map((s) => {
					const link = `${p.origin}/join/${s.code}`;
					return (
						<li class="card">
							<div class="card-text">
								<p class="card-class">{`Quizline · ${p.cls.name}`}</p>
								<p class={[...s.name].length > 22 ? "card-name long" : "card-name"}>{s.name}</p>
								<p class="card-code">{spacedCode(s.code)}</p>
								<p class="card-how">
									Go to <strong class="card-url">{`${host}/join`}</strong> and type your code, or scan the square.
								</p>
							</div>
							<div class="card-qr">{raw(qrSvg(link, `QR code: join as ${s.name}`))}</div>
						</li>
					);
				})}
			</ul>
		</>
	);
}
