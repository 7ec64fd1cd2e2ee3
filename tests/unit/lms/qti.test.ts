import { describe, expect, it } from "vitest";
import { acceptedForms, byline, evidenceLine, questionLabel } from "../../../worker/domain/lms/common";
import { CP_NS, QTI_NS, qtiIdentifier, qtiLayout, quizToQtiPackage } from "../../../worker/domain/lms/qti";
import { el, escapeAttr, escapeText, xmlDocument, xmlSafe } from "../../../worker/domain/lms/xml";
import type { Question, Quiz } from "../../../worker/domain/quiz/schema";
import { hostileQuiz, NASTY, realQuiz } from "../../fixtures/lms-quizzes";
import { unzip, unzipText } from "../../fixtures/unzip";
import { attr, descendants, elements, only, parseXml, textContent, type XmlElement } from "../../fixtures/xml";

const real = await realQuiz();
const hostile = await hostileQuiz();

const MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct";
const MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response";
/** xs:NCName restricted to what we write (ASCII). */
const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

interface Package {
	files: Map<string, string>;
	xml: Map<string, XmlElement>;
	manifest: XmlElement;
}

function open(quiz: Quiz): Package {
	const files = unzipText(quizToQtiPackage(quiz));
	const xml = new Map([...files].map(([name, text]) => [name, parseXml(text)]));
	const manifest = xml.get("imsmanifest.xml");
	if (!manifest) throw new Error("no imsmanifest.xml");
	return { files, xml, manifest };
}

function xmlFile(pkg: Package, name: string): XmlElement {
	const doc = pkg.xml.get(name);
	if (!doc) throw new Error(`no ${name} in the package`);
	return doc;
}

/** The text of each <p>/<h2> in a passage or feedback, with <br/> read as a line break. */
function blocks(node: XmlElement): string[] {
	return elements(node).map((b) =>
		b.children
			.map((c) => {
				if (typeof c === "string") return c;
				expect(c.name).toBe("br");
				return "\n";
			})
			.join(""),
	);
}

describe("XML escaping", () => {
	it("escapes &, <, > in text, and line breaks as references so indentation cannot touch them", () => {
		expect(escapeText("a & b < c > d ]]> \"q\" 's'")).toBe("a &amp; b &lt; c &gt; d ]]&gt; \"q\" 's'");
		expect(escapeText("a\nb\r\nc")).toBe("a&#10;b&#13;&#10;c");
	});

	it("also escapes quotes and tabs in attribute values", () => {
		expect(escapeAttr('say "hi"\tnow')).toBe("say &quot;hi&quot;&#9;now");
	});

	it("replaces characters XML cannot carry (controls, lone surrogates) and keeps emoji and Korean", () => {
		expect(xmlSafe("a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
		expect(xmlSafe("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
		const kept = "tab\tnl\ncr\r 🎉 한국어";
		expect(xmlSafe(kept)).toBe(kept);
	});

	it("keeps text elements on one line and indents element-only content", () => {
		const doc = xmlDocument(el("a", { x: "1" }, [el("b", {}, ["t ", el("c")]), el("d")]));
		expect(doc).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">\n\t<b>t <c/></b>\n\t<d/>\n</a>\n');
	});

	it("refuses names that are not XML names", () => {
		expect(() => el("a b")).toThrow(/Not an XML name/);
		expect(() => el("a", { 'x"': "1" })).toThrow(/attribute name/);
	});
});

describe("the XML test reader is strict", () => {
	it.each([
		["<a><b></a></b>", /closes/],
		["<a>&</a>", /reference/],
		["<a>&nbsp;</a>", /undeclared entity/],
		['<a x="<"/>', /"<" in an attribute/],
		['<a x="1" x="2"/>', /repeats/],
		["<p:a/>", /not declared/],
		["<a>]]></a>", /"]]>" in text/],
		["<a/><b/>", /after the root/],
		["<a>&#1;</a>", /not an XML character/],
		["<a>\u0001</a>", /not allowed/],
	])("rejects %j", (source, message) => {
		expect(() => parseXml(source)).toThrow(message);
	});

	it("decodes references and normalises attribute whitespace", () => {
		const doc = parseXml('<?xml version="1.0" encoding="UTF-8"?><a t="x&#10;y\tz">&lt;&amp;&#x1F389;<![CDATA[<raw>]]></a>');
		expect(doc.attrs.t).toBe("x\ny z");
		expect(textContent(doc)).toBe("<&🎉<raw>");
	});
});

describe("qtiIdentifier", () => {
	it("keeps letters, digits, '-' and '.', and gives a valid NCName after the prefix", () => {
		expect(qtiIdentifier("choice", "q-third-party")).toBe("choice-q-third-party");
		expect(qtiIdentifier("choice", "1990")).toMatch(NCNAME);
	});

	it("encodes everything else so that different ids never collide", () => {
		const raw = ["a b", "a_b", "a_20_b", "a/b", "ä", "한", "🎉", "a:b", "<x>"];
		const ids = raw.map((r) => qtiIdentifier("p", r));
		for (const id of ids) expect(id).toMatch(NCNAME);
		expect(new Set(ids).size).toBe(raw.length);
	});
});

/** Every package check runs on the real quiz and on the hostile one. */
const BOTH_QUIZZES = [
	["the built-in quiz", real],
	["the hostile quiz", hostile],
] as const;

describe("QTI package", () => {
	for (const [label, quiz] of BOTH_QUIZZES) {
		describe(label, () => {
			const pkg = open(quiz);
			const layout = qtiLayout(quiz);
			const resources = elements(only(pkg.manifest, "resources"), "resource");

			it("is a ZIP every entry of which passes the CRC check, manifest first", () => {
				const entries = unzip(quizToQtiPackage(quiz));
				expect(entries[0]?.name).toBe("imsmanifest.xml");
				expect(entries.map((e) => e.name)).toEqual(["imsmanifest.xml", layout.testFile, ...layout.items.map((i) => i.file)]);
			});

			it("has a manifest that marks it as QTI 2.1 the ways Canvas looks for", () => {
				expect(pkg.manifest.name).toBe("manifest");
				expect(pkg.manifest.namespace).toBe(CP_NS);
				expect(pkg.manifest.attrs["xmlns:imsqti"]).toBe(QTI_NS);
				const metadata = only(pkg.manifest, "metadata");
				expect(textContent(only(metadata, "schema"))).toBe("QTIv2.1 Package");
				expect(textContent(only(metadata, "schemaversion"))).toBe("1.0.0");
				expect(attr(pkg.manifest, "identifier")).toMatch(NCNAME);
				expect(only(pkg.manifest, "organizations").children).toEqual([]);
			});

			it("lists every file in the package as a resource file, and nothing that is not there", () => {
				const listed = resources.flatMap((r) => elements(r, "file").map((f) => attr(f, "href")));
				expect(new Set(listed)).toEqual(new Set([...pkg.files.keys()].filter((n) => n !== "imsmanifest.xml")));
				expect(listed).toHaveLength(new Set(listed).size);
				for (const r of resources) {
					expect(elements(r, "file").map((f) => attr(f, "href"))).toContain(attr(r, "href"));
					expect(attr(r, "identifier")).toMatch(NCNAME);
				}
				expect(new Set(resources.map((r) => attr(r, "identifier"))).size).toBe(resources.length);
			});

			it("has one item resource per question and a test resource that depends on every item", () => {
				const items = resources.filter((r) => attr(r, "type") === "imsqti_item_xmlv2p1");
				const tests = resources.filter((r) => attr(r, "type") === "imsqti_test_xmlv2p1");
				expect(items.map((r) => attr(r, "href"))).toEqual(layout.items.map((i) => i.file));
				expect(tests).toHaveLength(1);
				const test = tests[0] as XmlElement;
				expect(attr(test, "href")).toBe(layout.testFile);
				expect(elements(test, "dependency").map((d) => attr(d, "identifierref"))).toEqual(items.map((r) => attr(r, "identifier")));
				expect(resources).toHaveLength(quiz.questions.length + 1);
			});

			it("has an assessment test referencing every item in quiz order, weighted by points", () => {
				const test = xmlFile(pkg, layout.testFile);
				expect(test.name).toBe("assessmentTest");
				expect(test.namespace).toBe(QTI_NS);
				expect(attr(test, "title")).toBe(quiz.title);
				expect(attr(test, "identifier")).toBe(layout.testIdentifier);
				const section = only(only(test, "testPart"), "assessmentSection");
				expect(attr(section, "visible")).toBe("false");
				const refs = elements(section, "assessmentItemRef");
				expect(refs.map((r) => attr(r, "href"))).toEqual(layout.items.map((i) => i.file));
				refs.forEach((ref, i) => {
					const q = quiz.questions[i] as Question;
					const item = xmlFile(pkg, attr(ref, "href"));
					expect(attr(ref, "identifier")).toBe(attr(item, "identifier"));
					const weight = only(ref, "weight");
					expect(attr(weight, "identifier")).toBe("WEIGHT");
					expect(Number(attr(weight, "value"))).toBe(q.points);
				});
				const score = only(test, "outcomeDeclaration");
				expect(attr(score, "normalMaximum")).toBe(String(quiz.maxScore));
				const vars = descendants(only(test, "outcomeProcessing"), "testVariables");
				expect(vars.map((v) => [attr(v, "variableIdentifier"), attr(v, "weightIdentifier")])).toEqual([["SCORE", "WEIGHT"]]);
			});

			describe("items", () => {
				const items = layout.items.map((entry, i) => ({
					q: entry.question,
					i,
					doc: xmlFile(pkg, entry.file),
					identifier: entry.identifier,
				}));

				it("are QTI 2.1 assessmentItems with unique NCName identifiers and the question's label as title", () => {
					for (const { q, i, doc, identifier } of items) {
						expect(doc.name).toBe("assessmentItem");
						expect(doc.namespace).toBe(QTI_NS);
						expect(attr(doc, "identifier")).toBe(identifier);
						expect(identifier).toMatch(NCNAME);
						expect(attr(doc, "title")).toBe(questionLabel(i, quiz.questions.length, q.prompt));
						expect(attr(doc, "adaptive")).toBe("false");
						expect(attr(doc, "timeDependent")).toBe("false");
					}
					expect(new Set(items.map((x) => x.identifier)).size).toBe(items.length);
				});

				it("show the whole article above the question", () => {
					for (const { doc } of items) {
						const passage = elements(only(doc, "itemBody"))[0] as XmlElement;
						expect(passage.name).toBe("div");
						expect(attr(passage, "class")).toBe("passage");
						expect(blocks(passage)).toEqual([quiz.article.title, byline(quiz.article), ...quiz.article.paragraphs]);
					}
				});

				it("declare the response by type: cardinality, base type, correct response and interaction", () => {
					for (const { q, doc } of items) {
						const response = only(doc, "responseDeclaration");
						expect(attr(response, "identifier")).toBe("RESPONSE");
						const body = only(doc, "itemBody");
						const template = attr(only(doc, "responseProcessing"), "template");
						const correct = elements(only(response, "correctResponse"), "value").map(textContent);
						if (q.type === "short") {
							expect(attr(response, "cardinality")).toBe("single");
							expect(attr(response, "baseType")).toBe("string");
							const forms = acceptedForms(q);
							expect(correct).toEqual([forms[0]]);
							const mapping = only(response, "mapping");
							expect([attr(mapping, "defaultValue"), attr(mapping, "lowerBound"), attr(mapping, "upperBound")]).toEqual(["0", "0", "1"]);
							const entries = elements(mapping, "mapEntry");
							expect(entries.map((e) => attr(e, "mapKey"))).toEqual(forms);
							for (const e of entries) {
								expect(attr(e, "caseSensitive")).toBe("false");
								expect(attr(e, "mappedValue")).toBe("1");
							}
							expect(template).toBe(MAP_RESPONSE);
							const entry = descendants(body, "textEntryInteraction");
							expect(entry).toHaveLength(1);
							expect(attr(entry[0] as XmlElement, "responseIdentifier")).toBe("RESPONSE");
							const p = elements(body, "p");
							expect(p).toHaveLength(1);
							expect(textContent(p[0] as XmlElement).trim()).toBe(q.prompt.replace(/\r?\n/g, ""));
							expect(descendants(body, "choiceInteraction")).toEqual([]);
							continue;
						}
						expect(attr(response, "baseType")).toBe("identifier");
						expect(attr(response, "cardinality")).toBe(q.type === "multiple" ? "multiple" : "single");
						expect(template).toBe(MATCH_CORRECT);
						const interaction = only(body, "choiceInteraction");
						expect(attr(interaction, "responseIdentifier")).toBe("RESPONSE");
						expect(attr(interaction, "maxChoices")).toBe(q.type === "multiple" ? "0" : "1");
						expect(attr(interaction, "shuffle")).toBe(q.type === "true_false" ? "false" : "true");
						expect(blocks(el2(only(interaction, "prompt")))).toEqual([q.prompt]);
						const choices = elements(interaction, "simpleChoice");
						expect(choices.map((c) => blocks(el2(c))[0])).toEqual(q.choices.map((c) => c.text));
						const ids = choices.map((c) => attr(c, "identifier"));
						expect(new Set(ids).size).toBe(ids.length);
						for (const id of ids) expect(id).toMatch(NCNAME);
						// Each correct value names a choice, and together they are exactly the quiz's correct choices.
						const byId = new Map(q.choices.map((c, k) => [ids[k], c.id]));
						expect(correct.map((v) => byId.get(v))).toEqual(q.correctChoiceIds);
						expect(descendants(body, "textEntryInteraction")).toEqual([]);
					}
				});

				it("give the explanation and evidence as feedback shown after every response", () => {
					for (const { q, doc } of items) {
						const feedbackOutcome = elements(doc, "outcomeDeclaration").find((o) => attr(o, "identifier") === "FEEDBACK") as XmlElement;
						expect(attr(feedbackOutcome, "baseType")).toBe("identifier");
						expect(textContent(only(only(feedbackOutcome, "defaultValue"), "value"))).toBe("general_fb");
						const feedback = only(doc, "modalFeedback");
						expect([attr(feedback, "outcomeIdentifier"), attr(feedback, "identifier"), attr(feedback, "showHide")]).toEqual([
							"FEEDBACK",
							"general_fb",
							"show",
						]);
						const expected = [q.explanation, evidenceLine(q)];
						if (q.type === "short") expected.push(`Accepted answers: ${acceptedForms(q).join("; ")}`);
						expect(blocks(feedback)).toEqual(expected);
					}
				});

				it("score 0 to 1 in SCORE, which the test weights", () => {
					for (const { doc } of items) {
						const score = elements(doc, "outcomeDeclaration").find((o) => attr(o, "identifier") === "SCORE") as XmlElement;
						expect([attr(score, "cardinality"), attr(score, "baseType"), attr(score, "normalMaximum")]).toEqual(["single", "float", "1"]);
					}
				});
			});
		});
	}
});

/** Wraps an element's children as one block so `blocks` can read inline content. */
function el2(node: XmlElement): XmlElement {
	return { name: "wrap", namespace: "", attrs: {}, children: [node] };
}

describe("QTI package: hostile text", () => {
	const files = unzipText(quizToQtiPackage(hostile));
	const all = [...files.values()].join("\n");

	it("escapes markup and XML-breaking sequences in every file", () => {
		expect(all).not.toContain("<script");
		expect(all).toContain("&lt;script&gt;");
		expect(all).not.toContain("]]>");
		expect(all).not.toContain("<![CDATA[");
		expect(all).not.toContain("<b>");
	});

	it("keeps non-Latin text and emoji as UTF-8 characters, not references", () => {
		expect(all).toContain("한국어 🎉 “right”");
		expect(all).not.toMatch(/&#x?[0-9A-Fa-f]{3,};/);
	});

	it("brings the exact text back from the parsed XML (title attribute and text content)", () => {
		const test = parseXml(files.get(qtiLayout(hostile).testFile) ?? "");
		expect(attr(test, "title")).toBe(`Hostile: ${NASTY}`);
		const item = parseXml(files.get(qtiLayout(hostile).items[0]?.file ?? "") ?? "");
		expect(textContent(only(only(only(item, "itemBody"), "choiceInteraction"), "prompt"))).toBe(`Which one? ${NASTY}`);
	});

	it("turns a line break in the article into <br/>", () => {
		const item = parseXml(files.get(qtiLayout(hostile).items[0]?.file ?? "") ?? "");
		const second = elements(elements(only(item, "itemBody"))[0] as XmlElement, "p")[2] as XmlElement;
		expect(elements(second).map((e) => e.name)).toEqual(["br"]);
	});
});

describe("QTI package: identifiers", () => {
	it("gives two quizzes' items different identifiers even when question ids match", () => {
		const other: Quiz = { ...real, id: "another-quiz" };
		const a = new Set(qtiLayout(real).items.map((i) => i.identifier));
		for (const item of qtiLayout(other).items) expect(a.has(item.identifier)).toBe(false);
	});

	it("makes valid, distinct identifiers and file names from ids that are not slugs", () => {
		const q = (id: string, choiceIds: string[]): Question => ({
			id,
			type: "single",
			prompt: "P?",
			choices: choiceIds.map((c) => ({ id: c, text: c })),
			correctChoiceIds: [choiceIds[0] as string],
			accepted: [],
			explanation: "E.",
			skill: "literal",
			evidence: { paragraph: 1, quote: "Q" },
			points: 1,
		});
		const quiz: Quiz = {
			...real,
			id: "Ünïcode quiz/1",
			questions: [q("a b", ["1", "1 "]), q("a_b", ["x/y", "x:y"]), q("..", ["<", ">"])],
			maxScore: 3,
		};
		const pkg = open(quiz);
		const names = [...pkg.files.keys()];
		for (const name of names) expect(name).toMatch(/^(items\/)?[A-Za-z0-9._-]+\.xml$/);
		expect(new Set(names).size).toBe(5);
		for (const item of qtiLayout(quiz).items) {
			const doc = xmlFile(pkg, item.file);
			const ids = descendants(doc, "simpleChoice").map((c) => attr(c, "identifier"));
			expect(new Set(ids).size).toBe(2);
			for (const id of [attr(doc, "identifier"), ...ids]) expect(id).toMatch(NCNAME);
		}
	});
});

/**
 * What Canvas's QTI importer (the qti_exporter plugin in canvas-lms) keys on, pinned so that a
 * change that is still valid QTI cannot quietly break the Canvas import.
 */
describe("QTI package: what Canvas's importer reads", () => {
	for (const [label, quiz] of BOTH_QUIZZES) {
		describe(label, () => {
			const pkg = open(quiz);
			const items = qtiLayout(quiz).items.map((i) => ({ q: i.question, doc: xmlFile(pkg, i.file) }));

			it("scores by correctResponse and a template only: no response conditions for Canvas's condition reader to trip on", () => {
				for (const { doc } of items) {
					const processing = only(doc, "responseProcessing");
					expect(processing.children).toEqual([]);
					expect(descendants(doc, "responseCondition")).toEqual([]);
					expect(elements(only(only(doc, "responseDeclaration"), "correctResponse"), "value").length).toBeGreaterThan(0);
				}
			});

			it("puts no interaction type in the manifest, so Canvas infers a text entry's type and reads its answers", () => {
				expect(descendants(pkg.manifest, "interactionType")).toEqual([]);
				for (const r of elements(only(pkg.manifest, "resources"), "resource")) expect(elements(r, "metadata")).toEqual([]);
			});

			it("keeps the passage and the text-entry prompt as direct children of itemBody, where Canvas takes the question text from", () => {
				for (const { q, doc } of items) {
					const body = only(doc, "itemBody");
					const [passage, second] = elements(body);
					expect(passage?.name).toBe("div");
					if (q.type === "short") {
						expect(second?.name).toBe("p");
						expect(elements(second as XmlElement).map((e) => e.name)).toContain("textEntryInteraction");
					} else {
						expect(second?.name).toBe("choiceInteraction");
						expect(elements(second as XmlElement)[0]?.name).toBe("prompt");
					}
				}
			});

			it("names the feedback so Canvas files it as general comments, not as right- or wrong-answer comments", () => {
				for (const { doc } of items) {
					const id = attr(only(doc, "modalFeedback"), "identifier");
					expect(id).toMatch(/general_/i);
					expect(id).not.toMatch(/wrong|incorrect|correct|solution|_IC$|_C$/i);
				}
			});
		});
	}
});
