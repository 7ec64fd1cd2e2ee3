/**
 * npm run drafter:eval — measures the quiz drafter on the seed article (how many of the
 * hand-written questions' facts the draft covers) and on every fixture article (how many
 * questions, which types, grounding, literal answers, distractor kinds, duplicates, time).
 * Exits 1 when a hard invariant breaks: an evidence quote not verbatim in its paragraph, a
 * problem from the content check, a literal answer missing from its quote, or a draft that
 * differs between two runs on the same article.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
	ARTICLE_SLUGS,
	contentFiles,
	type FixtureArticle,
	parseArticleText,
	seedArticle,
	seedQuestions,
} from "../tests/fixtures/drafter-articles";
import { correctAnswers, coverage } from "../tests/fixtures/drafter-coverage";
import { type Analysis, analyse, type Drafted, draftWithKinds } from "../worker/domain/drafter/index";
import { normaliseAnswer } from "../worker/domain/quiz/answers";
import { checkContent } from "../worker/domain/quiz/check";
import type { QuestionFile } from "../worker/domain/quiz/schema";

const failures: string[] = [];

function load(slug: string): FixtureArticle {
	const file = path.join(import.meta.dirname, "..", "tests", "fixtures", "articles", `${slug}.txt`);
	return parseArticleText(slug, readFileSync(file, "utf8"));
}

/** The label of an answer for the same-kind check: entity kind, number kind, role, quotation, nationality. */
function label(a: Analysis, text: string): string {
	const key = normaliseAnswer(text);
	const entity = a.ents.list.find((e) => normaliseAnswer(e.name) === key || (e.short !== "" && normaliseAnswer(e.short) === key));
	if (entity) return `entity:${entity.kind}`;
	if (a.ents.list.some((e) => e.roles.some((r) => normaliseAnswer(r.text.replace(/^(a|an)\s+/iu, "")) === key))) return "role";
	if (key.split(" ").length >= 4 && a.attributions.some((x) => normaliseAnswer(x.content).startsWith(key))) return "words";
	// A speaker named by role ("the head of parliament") is a person too.
	if (a.attributions.some((x) => x.speaker.entity === undefined && normaliseAnswer(x.speaker.text) === key)) return "entity:person";
	if (a.ents.demonyms.some((d) => normaliseAnswer(d.text) === key)) return "nationality";
	if (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/iu.test(text)) return "number:weekday";
	if (/^(january|february|march|april|may|june|july|august|september|october|november|december)$/iu.test(text)) return "number:month";
	if (/%|per ?cent/iu.test(text)) return "number:percent";
	if (/^[$£€¥]/u.test(text)) return "number:money";
	if (/^(1[89]|20)\d\d$/u.test(text)) return "number:year";
	if (/\b(second|minute|hour|day|week|month|year|decade|centur)/iu.test(text)) return "number:duration";
	if (/\b(km|metres?|miles?|kg|tonnes?|hectares?|acres?|litres?)\b|\d[CF]$/iu.test(text)) return "number:measure";
	if (/^\d+(st|nd|rd|th)$/iu.test(text)) return "number:ordinal";
	if (/^[\d,.]+( (million|billion))?$/u.test(text) || /^[a-z-]+$/u.test(text)) return "number:count";
	return "other";
}

/** Distractors of the same kind as the answer, over all choice questions (not true/false, not statement lists). */
function sameKind(a: Analysis, drafted: readonly Drafted[]): { same: number; all: number } {
	let same = 0;
	let all = 0;
	for (const { question: q, kind } of drafted) {
		// Statement choices are swapped copies of the true ones by construction; they are not typed here.
		if (kind === "statements" || q.type === "true_false" || q.type === "short" || !("choiceIds" in q.answer)) continue;
		const right = correctAnswers(q);
		const kinds = new Set(right.map((r) => label(a, r)));
		for (const c of q.choices ?? []) {
			if (q.answer.choiceIds.includes(c.id)) continue;
			all++;
			if (kinds.has(label(a, c.text))) same++;
			else if (process.env.DRAFTER_EVAL_DEBUG)
				console.log(`  different kind: ${q.id}: ${c.text} (${label(a, c.text)}) vs ${[...kinds].join("/")}`);
		}
	}
	return { same, all };
}

/** Questions that repeat a prompt, or a fact (same evidence and same answer), or a choice within a question. */
function duplicates(questions: readonly QuestionFile[]): number {
	let dup = 0;
	const prompts = new Set<string>();
	const facts = new Set<string>();
	for (const q of questions) {
		const p = normaliseAnswer(q.prompt);
		const f = `${q.evidence.paragraph}:${normaliseAnswer(q.evidence.quote)}:${q.type === "true_false" ? q.prompt : correctAnswers(q).map(normaliseAnswer).join("+")}`;
		if (prompts.has(p) || facts.has(f)) dup++;
		prompts.add(p);
		facts.add(f);
		const texts = (q.choices ?? []).map((c) => normaliseAnswer(c.text));
		if (new Set(texts).size !== texts.length) dup++;
	}
	return dup;
}

/** Words of the answer found among the words of the quote (the literal-answer rule). */
function answerInQuote(answer: string, quote: string): boolean {
	const have = new Set(normaliseAnswer(quote).split(" "));
	const need = normaliseAnswer(answer)
		.split(" ")
		.filter((w) => w !== "" && !["a", "an", "the", "in", "of", "to"].includes(w));
	return need.length > 0 && need.every((w) => have.has(w));
}

interface Row {
	article: string;
	words: number;
	questions: number;
	types: string;
	verbatim: string;
	literal: string;
	sameKind: string;
	duplicates: number;
	ms: string;
}

function evaluate(article: FixtureArticle): { row: Row; drafted: Drafted[] } {
	const input = { title: article.title, paragraphs: article.paragraphs };
	const t0 = performance.now();
	const drafted = draftWithKinds(input);
	const ms = performance.now() - t0;
	const again = draftWithKinds({ title: article.title, paragraphs: [...article.paragraphs] });
	if (JSON.stringify(again) !== JSON.stringify(drafted)) failures.push(`${article.slug}: two drafts of the same article differ`);
	const questions = drafted.map((d) => d.question);
	const files = contentFiles(article, questions);
	const problems = questions.length > 0 ? checkContent(files.articles, files.quizzes) : [];
	for (const p of problems) failures.push(`${article.slug}: content check: ${typeof p === "string" ? p : JSON.stringify(p)}`);
	let verbatim = 0;
	let literal = 0;
	let literalAll = 0;
	for (const q of questions) {
		if (article.paragraphs[q.evidence.paragraph - 1]?.includes(q.evidence.quote)) verbatim++;
		else failures.push(`${article.slug}: ${q.id}: evidence is not verbatim in paragraph ${q.evidence.paragraph}`);
		if (q.skill !== "literal" || q.type === "true_false") continue;
		literalAll++;
		const right = correctAnswers(q);
		const ok =
			q.type === "short" ? right.some((r) => answerInQuote(r, q.evidence.quote)) : right.every((r) => answerInQuote(r, q.evidence.quote));
		if (ok) literal++;
		else failures.push(`${article.slug}: ${q.id}: literal answer not in its quote`);
	}
	const a = analyse(input);
	const kinds = sameKind(a, drafted);
	const types = ["single", "multiple", "true_false", "short"].map((t) => `${questions.filter((q) => q.type === t).length}`).join("/");
	const pct = (x: number, n: number) => (n === 0 ? "n/a" : `${Math.round((100 * x) / n)}%`);
	return {
		drafted,
		row: {
			article: article.slug,
			words: a.doc.words,
			questions: questions.length,
			types,
			verbatim: pct(verbatim, questions.length),
			literal: pct(literal, literalAll),
			sameKind: `${pct(kinds.same, kinds.all)} (${kinds.same}/${kinds.all})`,
			duplicates: duplicates(questions),
			ms: ms.toFixed(0),
		},
	};
}

function table(rows: readonly Row[]): string {
	const head: Row = {
		article: "article",
		words: 0,
		questions: 0,
		types: "s/m/tf/sh",
		verbatim: "verbatim",
		literal: "literal",
		sameKind: "same-kind distractors",
		duplicates: 0,
		ms: "ms",
	};
	const cells = (r: Row, header = false) => [
		r.article,
		header ? "words" : String(r.words),
		header ? "qs" : String(r.questions),
		r.types,
		r.verbatim,
		r.literal,
		r.sameKind,
		header ? "dups" : String(r.duplicates),
		r.ms,
	];
	const all = [cells(head, true), ...rows.map((r) => cells(r))];
	const widths = all[0]?.map((_, i) => Math.max(...all.map((c) => (c[i] ?? "").length))) ?? [];
	return all.map((c) => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

// The seed: coverage of the hand-written quiz.
const seed = evaluate(seedArticle);
const seedDraft = seed.drafted.map((d) => d.question);
const main = coverage(seedDraft, seedQuestions);
const strict = coverage(seedDraft, seedQuestions, true);
console.log(
	`Seed article (${seedArticle.slug}): the draft covers ${main.covered.length} of ${seedQuestions.length} hand-written questions (strict rule: ${strict.covered.length}).`,
);
for (const id of main.covered)
	console.log(`  covered  ${id.padEnd(24)} by ${main.by[id]}${strict.covered.includes(id) ? "" : "  (not under the strict rule)"}`);
for (const id of main.missed) console.log(`  missed   ${id}`);
console.log("");

// The fixture articles.
const rows = [seed.row, ...ARTICLE_SLUGS.map((slug) => evaluate(load(slug)).row)];
console.log(
	"Types: single/multiple/true_false/short. Literal: literal choice and short questions whose answer words are in the evidence quote.",
);
console.log(table(rows));
const totals = rows.reduce((t, r) => ({ q: t.q + r.questions, dup: t.dup + r.duplicates }), { q: 0, dup: 0 });
const allTypes = rows.every((r) => r.types.split("/").every((n) => Number(n) > 0));
console.log(
	`\n${rows.length} articles, ${totals.q} questions, ${totals.dup} duplicates; every article has all four types: ${allTypes ? "yes" : "no"}.`,
);

if (failures.length > 0) {
	console.error(`\n${failures.length} hard failure(s):`);
	for (const f of failures) console.error(`  ✗ ${f}`);
	process.exit(1);
}
console.log("Hard invariants hold: evidence verbatim, content check clean, literal answers in their quotes, drafts deterministic.");
