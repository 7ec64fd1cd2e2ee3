/*
 * Quizline review page ("New quiz from an article" in the dashboard). The page works without this
 * script: every button posts the whole form and the server renders it again. With it:
 *
 * - the grounding check runs as the teacher types, and each problem shows beside its field. It is
 *   the server's own check: `quizlineCheck` (defined just before this file in the same served
 *   script) holds the Worker's `groundingIssues` and `errorSlot`, built from their source by
 *   worker/views/check-script.ts;
 * - each question's evidence is redrawn in its paragraph, the quote marked;
 * - text selected in the article becomes the evidence (paragraph and quote) of the active question,
 *   the one last focused, with "Use selected text as evidence".
 *
 * Markup: worker/views/teacher/authoring.tsx. Served by the Worker (worker/views/assets.ts).
 */

(() => {
	const form = document.querySelector("form[data-review]");
	const check = typeof quizlineCheck === "object" ? quizlineCheck : null;
	if (!form || !check) return;
	const $ = (selector, root = document) => root.querySelector(selector);
	// The article as the server checks it: each paragraph's text, exactly as stored.
	const paragraphs = Array.from(document.querySelectorAll("[data-paragraph]"), (el) => el.textContent);
	const status = $("#check-status");
	const useButton = $("#use-selection");
	const questions = () => Array.from(form.querySelectorAll("fieldset[data-question]"));
	const field = (n, name) => form.elements.namedItem(`questions[${n}].${name}`);
	const fieldValue = (n, name) => {
		const el = field(n, name);
		return el && typeof el.value === "string" ? el.value : "";
	};
	const paragraphNumber = (text) => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : null);

	/* One question as the server reads it from the form (worker/features/authoring/form.ts,
	   toQuestionInput), as far as the grounding check looks: ids, type, choices, answer, evidence. */
	function read(fs) {
		const n = fs.dataset.question;
		const type = fs.dataset.type;
		const choices = Array.from(fs.querySelectorAll("input[data-choice]"), (input) => ({
			id: input.value,
			text: fieldValue(n, input.name.slice(`questions[${n}].`.length).replace(/\.id$/, ".text")).trim(),
		}));
		const correct = Array.from(fs.querySelectorAll("input[type=radio]:checked, input[type=checkbox]:checked"), (input) => input.value);
		const accepted = fieldValue(n, "answer.accepted")
			.split(/\r\n|\r|\n/)
			.map((line) => line.trim())
			.filter((line) => line !== "");
		const paragraph = paragraphNumber(fieldValue(n, "evidence.paragraph"));
		return {
			id: fieldValue(n, "id"),
			type,
			...(type === "short" ? {} : { choices }),
			answer: type === "short" ? { accepted } : { choiceIds: correct },
			// Until the paragraph is a number there is no evidence to check: the form says so when it is published.
			evidence: paragraph === null ? { paragraph: 1, quote: "" } : { paragraph, quote: fieldValue(n, "evidence.quote").trim() },
		};
	}

	/* aria-describedby and aria-invalid of a slot's control, from the messages it has now. */
	function describe(slot) {
		const control = document.getElementById(slot);
		if (!control) return;
		const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && document.getElementById(id));
		for (const suffix of ["-error", "-live"]) {
			const id = slot + suffix;
			if (document.getElementById(id) && !ids.includes(id)) ids.push(id);
		}
		if (ids.length > 0) control.setAttribute("aria-describedby", ids.join(" "));
		else control.removeAttribute("aria-describedby");
		if (control.matches("input, textarea, select")) {
			if (document.getElementById(`${slot}-error`) || document.getElementById(`${slot}-live`)) control.setAttribute("aria-invalid", "true");
			else control.removeAttribute("aria-invalid");
		}
	}

	/* The grounding check's messages of one slot, beside its field (or under its question's legend). */
	function show(slot, messages) {
		const id = `${slot}-live`;
		let p = document.getElementById(id);
		if (messages.length === 0) {
			if (p) p.remove();
		} else {
			const box = form.querySelector(`[data-slot="${slot}"]`);
			if (!box) return;
			if (!p) {
				p = document.createElement("p");
				p.id = id;
				p.className = "error";
				p.dataset.live = "";
				const legend = box.matches("fieldset.question") ? $(":scope > legend", box) : null;
				if (legend) legend.after(p);
				else box.append(p);
			}
			p.textContent = messages.join("; ");
		}
		describe(slot);
	}

	/* Summary lines whose field has no message left go; so does the summary, once empty. */
	function pruneSummary() {
		const summary = $("#error-summary");
		if (!summary) return;
		for (const li of summary.querySelectorAll("li[data-slot]")) {
			const slot = li.dataset.slot;
			if (!document.getElementById(`${slot}-error`) && !document.getElementById(`${slot}-live`)) li.remove();
		}
		if (!summary.querySelector("li")) summary.remove();
	}

	let shown = form.querySelectorAll("[data-live]").length;
	function announce(count) {
		if (count === shown) return;
		shown = count;
		status.textContent =
			count === 0
				? "The evidence check finds no problem."
				: `The evidence check finds ${count === 1 ? "one problem" : `${count} problems`}: see the messages beside the fields.`;
	}

	function run() {
		const sets = questions();
		const types = sets.map((fs) => fs.dataset.type);
		const issues = check.groundingIssues({ questions: sets.map(read) }, { paragraphs });
		const bySlot = new Map();
		for (const issue of issues) {
			let slot = check.errorSlot(issue.path, types);
			if (!form.querySelector(`[data-slot="${slot}"]`)) slot = slot.replace(/^(questions-\d+).*$/, "$1");
			bySlot.set(slot, [...(bySlot.get(slot) || []), issue.message]);
		}
		for (const old of Array.from(form.querySelectorAll("[data-live]"))) {
			const slot = old.id.replace(/-live$/, "");
			if (!bySlot.has(slot)) show(slot, []);
		}
		for (const [slot, messages] of bySlot) show(slot, messages);
		pruneSummary();
		announce(form.querySelectorAll("[data-live]").length);
	}

	/* The question's evidence in its paragraph, the quote marked (as the server draws it). */
	function preview(fs) {
		const n = fs.dataset.question;
		const figure = $(`#questions-${n}-preview`);
		if (!figure) return;
		const number = paragraphNumber(fieldValue(n, "evidence.paragraph")) ?? 0;
		const text = paragraphs[number - 1];
		const quote = fieldValue(n, "evidence.quote").trim();
		const caption = document.createElement("figcaption");
		caption.textContent = text === undefined ? "Choose a paragraph of the article." : `Paragraph ${number}:`;
		const parts = [caption];
		if (text !== undefined) {
			const at = quote === "" ? -1 : text.indexOf(quote);
			const para = document.createElement("p");
			if (at < 0) para.textContent = text;
			else {
				const mark = document.createElement("mark");
				mark.textContent = quote;
				para.append(text.slice(0, at), mark, text.slice(at + quote.length));
			}
			const block = document.createElement("blockquote");
			block.append(para);
			parts.push(block);
		}
		figure.replaceChildren(...parts);
	}

	let timer = 0;
	function edited(event) {
		const target = event.target;
		// What the server said about this field no longer holds once it is changed.
		const box = target.closest?.("[data-slot]");
		if (box && (box.tagName !== "FIELDSET" || target.matches("input[type=radio], input[type=checkbox]"))) {
			document.getElementById(`${box.dataset.slot}-error`)?.remove();
			describe(box.dataset.slot);
		}
		const fs = target.closest?.("fieldset[data-question]");
		if (fs) preview(fs);
		clearTimeout(timer);
		timer = setTimeout(run, 150);
	}
	form.addEventListener("input", edited);
	form.addEventListener("change", edited);

	/* "Use selected text as evidence": the last text selected within one paragraph of the article. */
	let active = 0;
	let picked = null;
	function label() {
		useButton.textContent = `Use selected text as evidence for question ${active + 1}`;
	}
	form.addEventListener("focusin", (event) => {
		const fs = event.target.closest("fieldset[data-question]");
		if (!fs) return;
		active = Number(fs.dataset.question);
		label();
	});
	const paragraphOf = (node) => {
		const el = node.nodeType === 1 ? node : node.parentElement;
		const item = el?.closest(".paras > li");
		return item ? $("[data-paragraph]", item) : null;
	};
	document.addEventListener("selectionchange", () => {
		const selection = document.getSelection();
		// A collapsed selection (a click on the button, say) keeps the last one.
		if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
		const range = selection.getRangeAt(0);
		const from = paragraphOf(range.startContainer);
		const to = paragraphOf(range.endContainer);
		if (!from && !to) return;
		if (from !== to) {
			picked = { paragraph: null, text: "" };
			return;
		}
		// Only the paragraph's own text: never a list number or anything around it.
		const within = document.createRange();
		within.selectNodeContents(from);
		if (range.compareBoundaryPoints(Range.START_TO_START, within) > 0) within.setStart(range.startContainer, range.startOffset);
		if (range.compareBoundaryPoints(Range.END_TO_END, within) < 0) within.setEnd(range.endContainer, range.endOffset);
		picked = { paragraph: Number(from.dataset.paragraph), text: within.toString().trim() };
	});
	useButton.addEventListener("click", () => {
		const fs = questions()[active];
		if (!fs) return;
		if (!picked || picked.text === "") {
			status.textContent = picked
				? "Select text within one paragraph of the article."
				: "First select the evidence in the article: a sentence, or part of one, within one paragraph.";
			return;
		}
		const n = fs.dataset.question;
		field(n, "evidence.paragraph").value = String(picked.paragraph);
		const quote = field(n, "evidence.quote");
		quote.value = picked.text;
		quote.dispatchEvent(new Event("input", { bubbles: true }));
		quote.focus();
		status.textContent = `Question ${active + 1}: evidence set from paragraph ${picked.paragraph}.`;
	});
	label();
	$(".use-selection").hidden = false;

	/* A link of the error summary puts the focus in the field it names, not only the field in view. */
	$("#error-summary")?.addEventListener("click", (event) => {
		const link = event.target.closest("a[href^='#']");
		const target = link && document.getElementById(link.getAttribute("href").slice(1));
		if (!target) return;
		event.preventDefault();
		target.scrollIntoView({ block: "center" });
		target.focus({ preventScroll: true });
	});
})();
