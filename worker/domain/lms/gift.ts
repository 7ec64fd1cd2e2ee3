/**
 * Moodle GIFT export of a reviewed quiz (Question bank → Import → GIFT format).
 *
 * The rules followed are those of Moodle's GIFT documentation and of its importer
 * (question/format/gift/format.php), which is the reference in practice:
 * - Questions are separated by blank lines, so nothing we write contains one; a line break
 *   inside text is written `\n`.
 * - `~ = # { } :` and the backslash itself are escaped with a backslash wherever they are text.
 * - Texts are HTML (`[html]`), escaped, so `<script>` shows as text and paragraphs keep their shape.
 *   Answer texts take the question's format, so choice texts are HTML-escaped too; short-answer
 *   forms are plain strings that Moodle compares with what the student types, so they are not.
 * - The article becomes a "description" item (no answer block): Moodle shows it as text with no
 *   marks, and a teacher puts it first in the quiz.
 * - Multiple-answer questions give each correct choice an equal share of 100% and each wrong
 *   choice -100%, as in Moodle's own example, so a student who ticks a wrong choice gets nothing
 *   for the question (Quizline itself marks these all-or-nothing; Moodle cannot, see the doc).
 *
 * Pure module: standard JS only, so it runs inside workerd.
 */
import type { Question, Quiz } from "../quiz/schema";
import { acceptedForms, byline, evidenceLine, oneLine, questionLabel } from "./common";
import { xmlSafe } from "./xml";

/**
 * The grades Moodle accepts for an answer, as fractions (question_bank::fraction_options_full):
 * an import whose weights are not on this list is refused unless the teacher picks "nearest grade".
 */
const MOODLE_FRACTIONS = [
	1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
];

/** Moodle's importer treats a text starting with one of these as a format marker and strips it. */
const FORMAT_MARKER = /^\[(moodle|html|plain|markdown)\]/;

/**
 * Escapes GIFT's special characters in text exactly as Moodle's exporter does: a backslash before
 * each of `\ ~ = # { } :`, and line breaks written as `\n` (a real line break could end the
 * question at a blank line). Control characters other than tab and line breaks, which have no
 * place in Moodle's HTML either, become U+FFFD.
 */
export function escapeGift(text: string): string {
	return xmlSafe(text)
		.replace(/\r\n?/g, "\n")
		.replace(/[\\~=#{}:\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** HTML-escapes text for an `[html]` GIFT field; line breaks become `<br>`. */
export function giftHtml(text: string): string {
	const html = text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/\r\n?|\n/g, "<br>");
	// In an answer, a leading "[" could read as a format marker ("[plain]…") and a leading "%" as a
	// weight ("%50%…"); written as character references they cannot.
	if (html.startsWith("[")) return `&#91;${html.slice(1)}`;
	if (html.startsWith("%")) return `&#37;${html.slice(1)}`;
	return html;
}

/** The weight of each correct choice of a multiple-answer question, or null when Moodle has no such grade. */
export function correctWeight(correctCount: number): string | null {
	const fraction = 1 / correctCount;
	if (!MOODLE_FRACTIONS.some((f) => Math.abs(f - fraction) < 0.00001)) return null;
	return formatPercent(fraction * 100);
}

/** Percent with at most five decimals and no trailing zeros ("33.33333", "50"), as Moodle writes grades. */
function formatPercent(percent: number): string {
	return String(Number(percent.toFixed(5)));
}

/** Why Moodle's importer would misread a short-answer form, or null if it reads it as written. */
export function shortFormProblem(form: string): string | null {
	// An answer block holding "=" and "->" (and no "~") is read as a matching question, and GIFT has no escape for "->".
	if (form.includes("->")) return 'contains "->", which GIFT reads as a matching pair';
	if (FORMAT_MARKER.test(form)) return "starts with a GIFT format marker";
	return null;
}

/** A question name: plain text (Moodle keeps names as text and strips tags from them), GIFT-escaped. */
function name(label: string): string {
	return `::${escapeGift(label)}::`;
}

/** A comment line: text kept on one line, and square brackets turned round, so Moodle cannot read an [id:] or [tag:] marker in it. */
function comment(text: string): string {
	return `// ${oneLine(xmlSafe(text)).replace(/\[/g, "(").replace(/\]/g, ")")}`;
}

/** Text for an `[html]` field: HTML-escaped, then GIFT-escaped. */
function html(text: string): string {
	return escapeGift(giftHtml(text));
}

function generalFeedback(q: Question): string {
	return `\t####${escapeGift(`<p>${giftHtml(q.explanation)}</p><p>${giftHtml(evidenceLine(q))}</p>`)}`;
}

const TYPE_NAMES: Record<Question["type"], string> = {
	single: "multiple choice, one answer",
	multiple: "multiple choice, several answers",
	true_false: "true/false",
	short: "short answer",
};

/** Exports a quiz as a GIFT file (UTF-8 text). Throws if a question cannot be written so that Moodle reads it back as it is. */
export function quizToGift(quiz: Quiz): string {
	const blocks: string[] = [
		[
			comment(`Quizline quiz: ${quiz.title}`),
			comment(`Quiz id ${quiz.id}, version ${quiz.version}: ${quiz.questions.length} questions, ${quiz.maxScore} points.`),
			comment("Import in Moodle: Question bank, Import, GIFT format. GIFT has no field for points: set each question's mark in the quiz."),
		].join("\n"),
		articleBlock(quiz),
	];
	quiz.questions.forEach((q, i) => {
		blocks.push(questionBlock(q, questionLabel(i, quiz.questions.length, q.prompt), i));
	});
	return `${blocks.join("\n\n")}\n`;
}

function articleBlock(quiz: Quiz): string {
	const { article } = quiz;
	const body = [
		`<h2>${giftHtml(article.title)}</h2>`,
		`<p><em>${giftHtml(byline(article))}</em></p>`,
		...article.paragraphs.map((p) => `<p>${giftHtml(p)}</p>`),
	].join("");
	return [
		comment("The article: a description item (text only, no marks). Put it first in the quiz."),
		`${name(`Article: ${oneLine(article.title)}`)}[html]${escapeGift(body)}`,
	].join("\n");
}

function questionBlock(q: Question, label: string, index: number): string {
	const points = q.points === 1 ? "1 point" : `${q.points} points`;
	const head = [comment(`Question ${index + 1} (${q.id}): ${TYPE_NAMES[q.type]}, ${points} in Quizline.`)];
	const text = `${name(label)}[html]${escapeGift(`<p>${giftHtml(q.prompt)}</p>`)}`;
	switch (q.type) {
		case "true_false": {
			const correct = q.correctChoiceIds[0];
			if (q.correctChoiceIds.length === 1 && (correct === "true" || correct === "false")) {
				return [...head, `${text}{${correct === "true" ? "T" : "F"}`, generalFeedback(q), "}"].join("\n");
			}
			return [...head, `${text}{`, ...singleAnswers(q), generalFeedback(q), "}"].join("\n");
		}
		case "single":
			return [...head, `${text}{`, ...singleAnswers(q), generalFeedback(q), "}"].join("\n");
		case "multiple":
			return [...head, `${text}{`, ...multipleAnswers(q), generalFeedback(q), "}"].join("\n");
		case "short":
			return shortBlock(q, head, text);
	}
}

/** One "=" (right) and "~" (wrong) line per choice; the "=" makes Moodle use radio buttons. */
function singleAnswers(q: Question): string[] {
	const correct = new Set(q.correctChoiceIds);
	return q.choices.map((c) => `\t${correct.has(c.id) ? "=" : "~"}${html(c.text)}`);
}

/** Weighted "~%w%" lines only: with no "=" Moodle uses checkboxes, even when only one choice is right. */
function multipleAnswers(q: Question): string[] {
	const correct = new Set(q.correctChoiceIds);
	const weight = correctWeight(correct.size);
	if (weight === null) {
		throw new RangeError(`Question "${q.id}" has ${correct.size} correct choices; Moodle can weight at most 10 equally.`);
	}
	return q.choices.map((c) => `\t~%${correct.has(c.id) ? weight : "-100"}%${html(c.text)}`);
}

/**
 * "=%100%" before every form, as Moodle's exporter writes it: with an explicit weight, a form
 * that starts with "%" cannot be misread as one. Forms are Moodle answer strings, where `*` is a
 * wildcard, so a literal `*` is written `\*` before GIFT escaping.
 */
function shortBlock(q: Question, head: string[], text: string): string {
	const forms = acceptedForms(q);
	const lines = [...head];
	const kept: string[] = [];
	for (const form of forms) {
		const problem = shortFormProblem(form);
		if (problem) lines.push(comment(`Accepted answer left out: it ${problem}. Add it by hand in Moodle: ${form}`));
		else kept.push(form);
	}
	if (kept.length === 0) {
		// Nothing Moodle can mark automatically: an essay question (empty answer block) that the teacher marks by hand.
		lines.push(comment("No accepted answer can be written in GIFT, so this is an essay question to mark by hand."));
		return [...lines, `${text}{`, generalFeedback(q), "}"].join("\n");
	}
	return [...lines, `${text}{`, ...kept.map((f) => `\t=%100%${escapeGift(f.replace(/\*/g, "\\*"))}`), generalFeedback(q), "}"].join("\n");
}
