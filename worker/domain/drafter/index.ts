/**
 * The quiz drafter: from a pasted news article to quiz questions in the format of
 * `quiz-data/quizzes/*.json`, each grounded in a verbatim quote of the article. Pure and
 * deterministic: no network, no model, no randomness, no clock; the same article always gives
 * the same draft. A teacher reviews the draft before it is used. See docs/drafter.md.
 */
import type { QuestionFile } from "../quiz/schema";
import { entityQuestions, namedThingQuestions, nameGapQuestions, numberQuestions, objectQuestions, roleQuestions } from "./ask-facts";
import { speechQuestions } from "./ask-speech";
import {
	listGapQuestions,
	listQuestions,
	quotedNamesQuestions,
	speakersQuestions,
	statementsQuestions,
	trueFalseQuestions,
} from "./ask-statements";
import { type Analysis, allClauses, type Candidate } from "./candidate";
import { findEntities } from "./entities";
import { findQuantities } from "./numbers";
import { type Drafted, finalise, isSound, select, targetCount } from "./select";
import { findAttributions } from "./speech";
import { readArticle, wordsOf } from "./text";

export interface Article {
	title: string;
	paragraphs: readonly string[];
}

export interface DraftOptions {
	/** At most this many questions (default 20). */
	maxQuestions?: number;
	/** Aim for at least this many when the article allows (default 8). */
	minQuestions?: number;
}

export type { Analysis, Kind } from "./candidate";
export type { Drafted };

/** Drafts quiz questions for an article; an empty list when nothing in it can be asked about. */
export function draftQuiz(article: Article, options: DraftOptions = {}): QuestionFile[] {
	return draftWithKinds(article, options).map((d) => d.question);
}

/** The draft with each question's kind (attribution, number, true-false …), for review and evaluation. */
export function draftWithKinds(article: Article, options: DraftOptions = {}): Drafted[] {
	const a = analyse(article);
	const n = targetCount(a.doc.words, options.minQuestions ?? 8, options.maxQuestions ?? 20);
	const sound = candidates(a)
		.filter((c) => isSound(a.doc, c))
		.map((c) =>
			echoesTitle(a.doc.title, c.question.evidence.quote) ? { ...c, score: c.score + (answeredByTitle(a.doc.title, c) ? -1 : 0.5) } : c,
		);
	const paragraphWords = a.doc.paragraphs.map((_, p) =>
		a.doc.sentences.filter((s) => s.paragraph === p).reduce((w, s) => w + s.tokens.filter((t) => t.word).length, 0),
	);
	return finalise(select(sound, n, paragraphWords));
}

/**
 * True when the evidence repeats four words in a row of the title: a headline states what the
 * story is about, so a question on the same words is worth more.
 */
function echoesTitle(title: string, quote: string): boolean {
	const t = wordsOf(title);
	const q = ` ${wordsOf(quote).join(" ")} `;
	for (let i = 0; i + 4 <= t.length; i++) if (q.includes(` ${t.slice(i, i + 4).join(" ")} `)) return true;
	return false;
}

/** True when the headline itself gives the answer: "Mattis: “I am not willing …”" answers "Who said “I am not willing …”?". */
function answeredByTitle(title: string, c: Candidate): boolean {
	const q = c.question;
	if (q.type === "true_false") return false;
	const answers =
		"accepted" in q.answer
			? q.answer.accepted
			: (q.choices ?? []).filter((x) => "choiceIds" in q.answer && q.answer.choiceIds.includes(x.id)).map((x) => x.text);
	const t = ` ${wordsOf(title).join(" ")} `;
	return answers.some((x) => wordsOf(x).length > 0 && t.includes(` ${wordsOf(x).join(" ")} `));
}

/** Every sound question the drafter can make for the article, before selection (ids unique, reading order). */
export function allQuestions(article: Article): Drafted[] {
	const a = analyse(article);
	return finalise(candidates(a).filter((c) => isSound(a.doc, c)));
}

/** Reads the article: sentences, entities, quantities, attributions and clauses. */
export function analyse(article: Article): Analysis {
	const doc = readArticle(article.title, article.paragraphs);
	const ents = findEntities(doc);
	const quantities = findQuantities(doc);
	const attributions = findAttributions(doc, ents);
	const clauses = allClauses(doc, ents, attributions);
	return { doc, ents, quantities, attributions, clauses };
}

/** The question builders, in the order their candidates are listed. */
const BUILDERS: readonly ((a: Analysis) => Candidate[])[] = [
	speechQuestions,
	numberQuestions,
	entityQuestions,
	roleQuestions,
	namedThingQuestions,
	objectQuestions,
	trueFalseQuestions,
	statementsQuestions,
	speakersQuestions,
	listQuestions,
	listGapQuestions,
	quotedNamesQuestions,
	nameGapQuestions,
];

/** Every question the builders can make, before selection. */
export function candidates(a: Analysis): Candidate[] {
	return BUILDERS.flatMap((build) => build(a));
}
