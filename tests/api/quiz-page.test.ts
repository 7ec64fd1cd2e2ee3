/**
 * The quiz page as the server sends it, for what the browser does with it (tests/e2e/student-*.test.ts
 * drive the browser): a form nothing can be restored into by position, the question map, the
 * reading aids waiting for the script, an honest byline, the service worker and the page's script
 * agreeing on the outbox, and the page with everything it loads inside its 30 KB budget.
 */
import { describe, expect, it } from "vitest";
import { publicQuiz } from "../../worker/domain/quiz/public";
import { shuffleChoices } from "../../worker/domain/shuffle";
import { fromUtf8 } from "../../worker/lib/utf8";
import { assetPaths } from "../../worker/views/assets";
import { DOCTYPE } from "../../worker/views/layout";
import { byline, type QuizDocumentProps, QuizPage, quizDocument, quizPageProps } from "../../worker/views/student/quiz";
import { studentDocument } from "../../worker/views/student/shell";
import { issuedId } from "../fixtures/attempt-ids";
import { call, postJson } from "../fixtures/http";
import { QUIZ_ID, theQuiz } from "../fixtures/quiz";

const quizPage = async () => (await call(`/quiz/${QUIZ_ID}`)).text();
const staticFiles = (html: string) => [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1] as string);

/** Attributes of every tag named `tag` in the page, in order. */
function tags(html: string, tag: string): Record<string, string>[] {
	return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) =>
		Object.fromEntries([...(m[1] ?? "").matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] as string, a[2] ?? ""])),
	);
}

async function gzipSize(text: string): Promise<number> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
	return (await new Response(stream).arrayBuffer()).byteLength;
}

describe("the quiz form", () => {
	it("gives the browser nothing to restore by position: no autocomplete, choice ids as values, the version it shows", async () => {
		const quiz = await theQuiz();
		const html = await quizPage();
		const [form] = tags(html, "form");
		expect(form).toMatchObject({ id: "quiz", autocomplete: "off", "data-quiz-id": QUIZ_ID, "data-quiz-version": quiz.version });
		const inputs = tags(html, "input");
		expect(inputs.find((i) => i.name === "quizVersion")).toMatchObject({ type: "hidden", value: quiz.version });
		const byQuestion = new Map(quiz.questions.map((q) => [`answer.${q.id}`, q]));
		const choices = inputs.filter((i) => i.type === "radio" || i.type === "checkbox");
		expect(choices.length).toBe(quiz.questions.reduce((n, q) => n + q.choices.length, 0));
		for (const input of choices) {
			const q = byQuestion.get(input.name ?? "");
			expect(q, input.name).toBeDefined();
			expect(q?.choices.map((c) => c.id)).toContain(input.value);
			expect(input.type).toBe(q?.type === "multiple" ? "checkbox" : "radio");
			expect(input).not.toHaveProperty("checked");
		}
		for (const text of inputs.filter((i) => i.type === "text")) expect(text.autocomplete).toBe("off");
	});

	it("maps every question, marking the answers the server put back (the form again after a refusal)", async () => {
		const quiz = await theQuiz();
		const first = await quizPage();
		const attemptId = /name="attemptId" value="([^"]+)"/.exec(first)?.[1] ?? "";
		// No name: the form comes back (422) with the answers in place, and the map says which are answered.
		const res = await call(`/quiz/${QUIZ_ID}`, {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams([
				["attemptId", attemptId],
				["studentName", ""],
				["answer.q-third-party", "pashin"],
				["answer.q-missile-name", "Hwasong-15"],
			]),
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		const links = tags(html, "a").filter((a) => "data-map" in a);
		expect(links.map((a) => a.href)).toEqual(quiz.questions.map((_, i) => `#q${i + 1}`));
		expect(links.filter((a) => a.class === "done").map((a) => a["data-map"])).toEqual(["q-third-party", "q-missile-name"]);
		expect(html.match(/<span class="visually-hidden">, answered<\/span>/g)).toHaveLength(2);
		expect(html.match(/<span class="visually-hidden">, blank<\/span>/g)).toHaveLength(quiz.questions.length - 2);
		expect(tags(html, "input").find((i) => i.value === "pashin" && i.name === "answer.q-third-party")).toHaveProperty("checked");
	});

	it("puts each attempt's own choice order and answers into question frames rendered once per version, a typed answer escaped", async () => {
		const quiz = await theQuiz();
		const pages = [await quizPage(), await quizPage()];
		const ids = pages.map((html) => /name="attemptId" value="([^"]+)"/.exec(html)?.[1] ?? "");
		expect(ids[0]).not.toBe(ids[1]);
		pages.forEach((html, p) => {
			const inputs = tags(html, "input");
			for (const q of quiz.questions.filter((q) => q.type !== "short")) {
				const shown = inputs.filter((i) => i.name === `answer.${q.id}`).map((i) => i.value);
				expect(shown, q.id).toEqual(shuffleChoices(ids[p] ?? "", q.id, q.type, q.choices).map((c) => c.id));
			}
		});
		const orders = pages.map((html) =>
			tags(html, "input")
				.map((i) => i.value)
				.join(" "),
		);
		expect(orders[0]).not.toBe(orders[1]);

		const short = quiz.questions.find((q) => q.type === "short");
		const choice = quiz.questions.find((q) => q.type === "multiple");
		const typed = `"><b>bold</b> & 'quoted' \u{1F642}`;
		const res = await call(`/quiz/${QUIZ_ID}`, {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams([
				["attemptId", ids[0] ?? ""],
				["studentName", ""],
				[`answer.${short?.id}`, typed],
				[`answer.${choice?.id}`, choice?.choices[0]?.id ?? ""],
				[`answer.${choice?.id}`, choice?.choices[2]?.id ?? ""],
			]),
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).not.toContain("<b>bold</b>");
		const box = tags(html, "input").find((i) => i.name === `answer.${short?.id}`);
		const decoded = (box?.value ?? "")
			.replaceAll("&quot;", '"')
			.replaceAll("&lt;", "<")
			.replaceAll("&gt;", ">")
			.replaceAll("&#39;", "'")
			.replaceAll("&amp;", "&");
		expect(decoded).toBe(typed);
		const ticked = tags(html, "input")
			.filter((i) => i.name === `answer.${choice?.id}` && "checked" in i)
			.map((i) => i.value);
		expect(ticked.sort()).toEqual([choice?.choices[0]?.id, choice?.choices[2]?.id].sort());
		// The same attempt keeps its order when the form comes back.
		expect(
			tags(html, "input")
				.filter((i) => i.name === `answer.${choice?.id}`)
				.map((i) => i.value),
		).toEqual(
			tags(pages[0] ?? "", "input")
				.filter((i) => i.name === `answer.${choice?.id}`)
				.map((i) => i.value),
		);
	});

	it("keeps the reading aids hidden until the script shows them, read aloud until the browser has a voice", async () => {
		const html = await quizPage();
		expect(html).toMatch(/<fieldset id="aids" class="aids" hidden="">/);
		const buttons = tags(html, "button").filter((b) => "data-aid" in b);
		expect(buttons.map((b) => b["data-aid"])).toEqual(["smaller", "larger", "spacing", "read"]);
		for (const b of buttons) expect(b.type).toBe("button");
		expect(buttons.find((b) => b["data-aid"] === "read")).toMatchObject({ "aria-pressed": "false", hidden: "" });
		expect(html).toContain('<span class="visually-hidden">Smaller text</span>');
		expect(html).toContain('<span class="visually-hidden">Larger text</span>');
	});
});

describe("who is answering", () => {
	const render = async (student: { name: string; classCode: string | null }) => {
		const quiz = publicQuiz(await theQuiz());
		const props = { quiz, articleByline: "", attemptId: issuedId(), student, name: student.name, classCode: student.classCode ?? "" };
		return String(await QuizPage({ ...props, draft: {}, errors: { summary: [] } }));
	};

	it("names the class by its join code, but never shows a personal code on the screen", async () => {
		expect(await render({ name: "Ada", classCode: "K7MHQX" })).toContain("Answering as <strong>Ada</strong> in class K7MHQX. ");
		const personal = await render({ name: "Ada Lovelace", classCode: "ACDEFGHJ" });
		expect(personal).toContain("Answering as <strong>Ada Lovelace</strong>. ");
		// Still sent with the answers, as a hidden field.
		expect(personal).toContain('<input type="hidden" name="classCode" value="ACDEFGHJ"/>');
		expect(personal.match(/ACDEFGHJ/g)).toHaveLength(1);
	});
});

describe("the page cut once per quiz version", () => {
	/** The page rendered in one go, every part as JSX, inside the student pages' document, as c.render would. */
	const inOneGo = async (props: QuizDocumentProps) =>
		DOCTYPE + String(await studentDocument(quizPageProps(props.quiz), props.assets, await QuizPage(props)).toString());

	it("is byte for byte the page rendered in one go, whoever answers and whatever they sent", async () => {
		const full = await theQuiz();
		const quiz = publicQuiz(full);
		const assets = await assetPaths();
		const short = quiz.questions.find((q) => q.type === "short")?.id ?? "";
		const multiple = quiz.questions.find((q) => q.type === "multiple");
		const hostile = `"><script>alert(1)</script> & 'x' \u{1F642}`;
		const base = { quiz, articleByline: byline(full.article), assets, draft: {}, errors: { summary: [] } };
		const cases: QuizDocumentProps[] = [
			// Not joined, nothing typed: the common first visit.
			{ ...base, attemptId: issuedId(), student: null, name: "", classCode: "" },
			// Joined with a class code, and with a personal code; a name that needs escaping.
			{ ...base, attemptId: issuedId(), student: { name: hostile, classCode: "K7MHQX" }, name: hostile, classCode: "K7MHQX" },
			{ ...base, attemptId: issuedId(), student: { name: "Ada", classCode: "ACDEFGHJ" }, name: "Ada", classCode: "ACDEFGHJ" },
			// The form again after a refusal: answers in place, a typed answer to escape, what to fix.
			{
				...base,
				attemptId: issuedId(),
				student: null,
				name: hostile,
				classCode: "nope",
				draft: {
					[short]: [hostile],
					"q-third-party": ["pashin"],
					[multiple?.id ?? ""]: (multiple?.choices ?? []).slice(0, 2).map((c) => c.id),
				},
				errors: { summary: ["The class code is unknown.", hostile], classCode: "The class code is unknown.", studentName: hostile },
			},
			// A joined student whose class code is no longer known: asked again, beside the field.
			{
				...base,
				attemptId: issuedId(),
				student: { name: "Ada", classCode: "K7MHQX" },
				name: "Ada",
				classCode: "K7MHQX",
				errors: { summary: [], classCode: "This class code is not known." },
			},
		];
		for (const props of cases) {
			const cut = fromUtf8(await quizDocument(props));
			expect(cut).toBe(await inOneGo(props));
			expect(cut).not.toContain("<script>alert(1)");
			expect(cut).not.toContain("<slot/>");
		}
		// The first case again, from the frames kept since: still the same page.
		const [first] = cases;
		if (first) expect(fromUtf8(await quizDocument({ ...first }))).toBe(await inOneGo(first));
	});
});

describe("the byline", () => {
	it("shows only what the article says about itself", async () => {
		const quiz = await theQuiz();
		// The built-in article: an unattributed source and a date inferred from outside the text.
		expect(byline(quiz.article)).toBe("");
		expect(await quizPage()).not.toContain("Unattributed");
		expect(byline({ source: "The Valley Courier", date: "2026-11-20" })).toBe("The Valley Courier · 2026-11-20");
		expect(byline({ source: "  unattributed wire copy ", date: "2026-11-20" })).toBe("2026-11-20");
		expect(byline({ source: "The Valley Courier", date: "2026-11", dateNote: "Inferred from the events it reports." })).toBe(
			"The Valley Courier",
		);
		expect(byline({ source: "", date: null })).toBe("");
	});
});

describe("offline first", () => {
	it("has the service worker and the page's script agree on the outbox and the Background Sync tag", async () => {
		const html = await quizPage();
		const script = staticFiles(html).find((f) => f.endsWith(".js")) ?? "";
		const page = await (await call(script)).text();
		const sw = await (await call("/sw.js")).text();
		for (const source of [page, sw]) {
			expect(source).toContain('indexedDB.open("quizline", 1)');
			expect(source).toContain('createObjectStore("outbox", { keyPath: "attemptId" })');
			expect(source).toContain('"quizline-outbox"');
		}
		expect(page).toMatch(/\.sync\?\.register\(SYNC\)/);
		expect(sw).toMatch(/addEventListener\("sync"/);
		// The page registers the worker that /sw.js serves, at the root scope.
		expect(page).toContain('navigator.serviceWorker.register("/sw.js")');
	});

	it("keeps the quiz page with its stylesheet, script and service worker within 30 KB compressed", async () => {
		const html = await quizPage();
		const files = [...staticFiles(html), "/sw.js"];
		expect(files).toHaveLength(3);
		const sizes = await Promise.all([html, ...(await Promise.all(files.map(async (f) => (await call(f)).text())))].map(gzipSize));
		// gzip here; the runtime sends brotli, which is smaller still (npm run audit:pages measures the wire).
		expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(30 * 1024);
	});
});

describe("my results on this device", () => {
	it("is an empty, hidden list on the join page: the device fills it, the server knows nothing of it", async () => {
		const html = await (await call("/")).text();
		expect(html).toContain(
			'<section id="my-results" aria-labelledby="my-results-title" hidden=""><h2 id="my-results-title">My results on this device</h2><ol class="my-results"></ol></section>',
		);
	});

	it("names the result on its page for the device's list: attempt, quiz, title, whose, when", async () => {
		const quiz = await theQuiz();
		const attemptId = issuedId();
		const sent = await postJson("/api/attempts", {
			attemptId,
			quizId: QUIZ_ID,
			studentName: "Mia <Tag> & Co",
			answers: [{ questionId: "q-third-party", choiceIds: ["pashin"] }],
		});
		expect(sent.status).toBe(201);
		const { submittedAt } = (await sent.json()) as { submittedAt: string };
		const [main] = tags(await (await call(`/result/${attemptId}`)).text(), "main");
		expect(main).toMatchObject({
			"data-attempt-id": attemptId,
			"data-quiz-id": QUIZ_ID,
			"data-title": quiz.title,
			"data-name": "Mia &lt;Tag&gt; &amp; Co",
			"data-submitted-at": submittedAt,
		});
	});
});
