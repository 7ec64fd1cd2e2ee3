/**
 * IMS QTI 2.1 content package of a reviewed quiz, for Canvas's "QTI .zip file" import and any
 * QTI 2.1 player.
 *
 * Why QTI 2.1 (not 1.2, 2.2 or 3.0): Canvas's importer reads QTI 2.x natively. It recognises a
 * package as QTI 2 by the manifest (a QTI 2.0/2.1 namespace on its root, or a "QTIv2." schema
 * line) and then parses the items itself; anything else is first run through a QTI 1.2 → 2.1
 * converter, and it knows no QTI 3.0 namespace at all. 2.1 is the newest version whose
 * namespace it lists, and the version its own conversion produces.
 *
 * What is in the package:
 * - `imsmanifest.xml` (IMS Content Packaging 1.1): one resource per item, one for the test, which
 *   depends on every item.
 * - `items/<id>.xml`: one assessmentItem per question. Choice questions use a choiceInteraction
 *   (cardinality "single", or "multiple" for select-all questions, scored all-or-nothing by the
 *   match_correct template as Quizline does); short answers a textEntryInteraction with a
 *   case-insensitive mapping of every accepted form (map_response template).
 * - `<test id>.xml`: an assessmentTest listing the items in order, each with a weight equal to
 *   its points; the test score is the weighted sum.
 *
 * The article is shown in every item, above the question: Canvas keeps no shared passage from a
 * QTI 2.1 package (it ignores a section's rubricBlock and turns an item without an interaction
 * into an error), and items imported into a question bank must make sense on their own.
 *
 * The explanation and evidence are modal feedback with the identifier "general_fb": shown after
 * every response (its outcome's default value selects it), and Canvas maps "general_" feedback to
 * its general answer comments.
 *
 * Pure module: standard JS only, so it runs inside workerd.
 */
import type { Question, Quiz } from "../quiz/schema";
import { type ZipOptions, zip } from "../zip";
import { acceptedForms, byline, evidenceLine, questionLabel } from "./common";
import { el, type Xml, type XmlChild, xmlDocument } from "./xml";

export const QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1";
const QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";
export const CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1";
const CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates";

/** Identifiers inside every item. */
const RESPONSE = "RESPONSE";
const SCORE = "SCORE";
const FEEDBACK = "FEEDBACK";
const GENERAL_FEEDBACK = "general_fb";
const WEIGHT = "WEIGHT";
/** The text box's width hint: the same for every question, so it tells nothing about the answer's length. */
const TEXT_ENTRY_LENGTH = 30;

/** Where each part of the package lives. */
export interface QtiLayout {
	testIdentifier: string;
	testFile: string;
	items: { question: Question; identifier: string; file: string }[];
}

/**
 * Makes an identifier QTI and the manifest accept (xs:NCName, which is also safe in a file name):
 * letters, digits, "-" and "." stay, anything else (including "_") becomes "_hex_", so that
 * different inputs never give the same identifier. The prefix starts with a letter, as NCName requires.
 */
export function qtiIdentifier(prefix: string, raw: string): string {
	const body = [...raw].map((ch) => (/^[A-Za-z0-9.-]$/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}_`)).join("");
	return `${prefix}-${body}`;
}

/**
 * Identifiers and file names for a quiz. Items carry the quiz id as well as the question id:
 * Canvas matches imported questions to existing ones by identifier within a course, so two
 * quizzes must never share one.
 */
export function qtiLayout(quiz: Quiz): QtiLayout {
	const testIdentifier = qtiIdentifier("quizline", quiz.id);
	return {
		testIdentifier,
		testFile: `${testIdentifier}.xml`,
		items: quiz.questions.map((question) => {
			const identifier = qtiIdentifier(testIdentifier, question.id);
			return { question, identifier, file: `items/${identifier}.xml` };
		}),
	};
}

/** The package as files, manifest first. */
export function quizToQtiFiles(quiz: Quiz): { name: string; data: string }[] {
	const layout = qtiLayout(quiz);
	const total = quiz.questions.length;
	return [
		{ name: "imsmanifest.xml", data: manifestXml(layout) },
		{ name: layout.testFile, data: testXml(quiz, layout) },
		...layout.items.map((item, i) => ({
			name: item.file,
			data: itemXml(quiz, item.question, item.identifier, questionLabel(i, total, item.question.prompt)),
		})),
	];
}

/** Exports a quiz as a QTI 2.1 content package (a ZIP archive). */
export function quizToQtiPackage(quiz: Quiz, options: ZipOptions = {}): Uint8Array<ArrayBuffer> {
	return zip(quizToQtiFiles(quiz), options);
}

function manifestXml(layout: QtiLayout): string {
	const itemResource = (item: QtiLayout["items"][number]) =>
		el("resource", { identifier: `RES-${item.identifier}`, type: "imsqti_item_xmlv2p1", href: item.file }, [
			el("file", { href: item.file }),
		]);
	const testResource = el("resource", { identifier: `RES-${layout.testIdentifier}`, type: "imsqti_test_xmlv2p1", href: layout.testFile }, [
		el("file", { href: layout.testFile }),
		...layout.items.map((item) => el("dependency", { identifierref: `RES-${item.identifier}` })),
	]);
	const root = el(
		"manifest",
		{
			xmlns: CP_NS,
			// Declared (though no element uses it) because Canvas's importer looks for a QTI 2 namespace on the manifest root.
			"xmlns:imsqti": QTI_NS,
			"xmlns:xsi": XSI_NS,
			"xsi:schemaLocation": `${CP_NS} ${CP_XSD}`,
			identifier: `MANIFEST-${layout.testIdentifier}`,
		},
		[
			el("metadata", {}, [el("schema", {}, ["QTIv2.1 Package"]), el("schemaversion", {}, ["1.0.0"])]),
			el("organizations"),
			el("resources", {}, [testResource, ...layout.items.map(itemResource)]),
		],
	);
	return xmlDocument(root);
}

function testXml(quiz: Quiz, layout: QtiLayout): string {
	const refs = layout.items.map((item) =>
		el("assessmentItemRef", { identifier: item.identifier, href: item.file }, [
			el("weight", { identifier: WEIGHT, value: item.question.points }),
		]),
	);
	const root = el(
		"assessmentTest",
		{
			xmlns: QTI_NS,
			"xmlns:xsi": XSI_NS,
			"xsi:schemaLocation": `${QTI_NS} ${QTI_XSD}`,
			identifier: layout.testIdentifier,
			title: quiz.title,
		},
		[
			el("outcomeDeclaration", { identifier: SCORE, cardinality: "single", baseType: "float", normalMaximum: quiz.maxScore }, [
				el("defaultValue", {}, [el("value", {}, ["0"])]),
			]),
			el("testPart", { identifier: "part-1", navigationMode: "nonlinear", submissionMode: "simultaneous" }, [
				// Not "visible": Canvas would turn a visible section's title into a text item, unescaped.
				el("assessmentSection", { identifier: "section-1", title: quiz.article.title, visible: false }, refs),
			]),
			el("outcomeProcessing", {}, [
				el("setOutcomeValue", { identifier: SCORE }, [
					el("sum", {}, [el("testVariables", { variableIdentifier: SCORE, weightIdentifier: WEIGHT })]),
				]),
			]),
		],
	);
	return xmlDocument(root);
}

/** Text as XHTML inline content: line breaks become <br/>. */
function inline(text: string): XmlChild[] {
	const out: XmlChild[] = [];
	text.split(/\r\n?|\n/).forEach((line, i) => {
		if (i > 0) out.push(el("br"));
		if (line !== "") out.push(line);
	});
	return out;
}

function paragraph(text: string, attrs: Record<string, string> = {}): Xml {
	return el("p", attrs, inline(text));
}

function passage(quiz: Quiz): Xml {
	const { article } = quiz;
	return el("div", { class: "passage" }, [
		el("h2", {}, inline(article.title)),
		paragraph(byline(article), { class: "byline" }),
		...article.paragraphs.map((p) => paragraph(p)),
	]);
}

function itemXml(quiz: Quiz, q: Question, identifier: string, title: string): string {
	const short = q.type === "short";
	const forms = acceptedForms(q);
	const feedback = [paragraph(q.explanation), paragraph(evidenceLine(q))];
	// Canvas keeps only the first form of a text entry (see the doc), so list them all where teachers and students will see them.
	if (short) feedback.push(paragraph(`Accepted answers: ${forms.join("; ")}`));
	const root = el(
		"assessmentItem",
		{
			xmlns: QTI_NS,
			"xmlns:xsi": XSI_NS,
			"xsi:schemaLocation": `${QTI_NS} ${QTI_XSD}`,
			identifier,
			title,
			adaptive: false,
			timeDependent: false,
		},
		[
			short ? textResponse(forms) : choiceResponse(q),
			el("outcomeDeclaration", { identifier: SCORE, cardinality: "single", baseType: "float", normalMaximum: 1 }, [
				el("defaultValue", {}, [el("value", {}, ["0"])]),
			]),
			el("outcomeDeclaration", { identifier: FEEDBACK, cardinality: "single", baseType: "identifier" }, [
				el("defaultValue", {}, [el("value", {}, [GENERAL_FEEDBACK])]),
			]),
			el("itemBody", {}, [passage(quiz), ...(short ? textBody(q) : choiceBody(q))]),
			el("responseProcessing", { template: `${TEMPLATES}/${short ? "map_response" : "match_correct"}` }),
			el("modalFeedback", { outcomeIdentifier: FEEDBACK, identifier: GENERAL_FEEDBACK, showHide: "show" }, feedback),
		],
	);
	return xmlDocument(root);
}

function choiceIdentifier(choiceId: string): string {
	return qtiIdentifier("choice", choiceId);
}

function choiceResponse(q: Question): Xml {
	const cardinality = q.type === "multiple" ? "multiple" : "single";
	return el("responseDeclaration", { identifier: RESPONSE, cardinality, baseType: "identifier" }, [
		el(
			"correctResponse",
			{},
			q.correctChoiceIds.map((id) => el("value", {}, [choiceIdentifier(id)])),
		),
	]);
}

function choiceBody(q: Question): Xml[] {
	const multiple = q.type === "multiple";
	return [
		el(
			"choiceInteraction",
			{
				responseIdentifier: RESPONSE,
				// True/false keeps its order; other choices are shuffled, as Quizline shuffles them per attempt.
				shuffle: q.type !== "true_false",
				maxChoices: multiple ? 0 : 1,
				minChoices: 0,
			},
			[
				el("prompt", {}, inline(q.prompt)),
				...q.choices.map((c) => el("simpleChoice", { identifier: choiceIdentifier(c.id) }, inline(c.text))),
			],
		),
	];
}

/**
 * A single string response. The correct response holds one value (a response of single
 * cardinality has one value; a stricter player rejects more), and the mapping gives every
 * accepted form full marks without regard to case.
 */
function textResponse(forms: readonly string[]): Xml {
	const first = forms[0];
	if (first === undefined) throw new RangeError("A short-answer question needs at least one accepted answer");
	return el("responseDeclaration", { identifier: RESPONSE, cardinality: "single", baseType: "string" }, [
		el("correctResponse", {}, [el("value", {}, [first])]),
		el(
			"mapping",
			{ defaultValue: 0, lowerBound: 0, upperBound: 1 },
			forms.map((f) => el("mapEntry", { mapKey: f, mappedValue: 1, caseSensitive: false })),
		),
	]);
}

/** The prompt, then the text box inline after it (a textEntryInteraction must sit inside a block such as <p>). */
function textBody(q: Question): Xml[] {
	return [
		el("p", {}, [
			...inline(q.prompt),
			" ",
			el("textEntryInteraction", { responseIdentifier: RESPONSE, expectedLength: TEXT_ENTRY_LENGTH }),
		]),
	];
}
