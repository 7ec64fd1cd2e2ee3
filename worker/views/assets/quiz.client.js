/*
 * Quizline student pages: the one enhancement script. Every page works without it (the form posts
 * to the server); with it, answers are kept in localStorage as they are chosen, restored after a
 * reload or a crash, and sent with fetch to POST /api/attempts, retried with the same attempt id
 * until the server confirms, queued while the phone is offline. The saved draft is the only truth
 * about the answers: whatever the browser restores into the form (by position, after Back), the
 * page shows the draft again, and nothing is saved that the student did not do. On the result
 * page it opens the question a link points to; on the join page it lists the results confirmed on
 * this device. Served by the Worker (worker/views/assets.ts); markup in worker/views/student/.
 */

(() => {
	const $ = (selector, root = document) => root.querySelector(selector);
	const RESULTS = "quizline:results";
	const readJson = (key, fallback) => {
		try {
			return JSON.parse(localStorage.getItem(key) || "null") ?? fallback;
		} catch {
			return fallback;
		}
	};
	const writeJson = (key, value) => {
		try {
			localStorage.setItem(key, JSON.stringify(value));
		} catch {
			// Storage full or disabled: the page still works, only without the copy on this device.
		}
	};
	/* My results on this device: kept here only, never sent. An entry is listed once the server confirmed it. */
	function noteResult(entry) {
		const list = readJson(RESULTS, []).filter((r) => r && r.attemptId !== entry.attemptId);
		list.unshift(entry);
		writeJson(RESULTS, list.slice(0, 50));
	}
	function confirmResult(attemptId) {
		const list = readJson(RESULTS, []);
		const entry = list.find((r) => r && r.attemptId === attemptId);
		if (entry) {
			entry.confirmed = true;
			writeJson(RESULTS, list);
		}
	}

	const mine = $("#my-results");
	if (mine) {
		const list = readJson(RESULTS, []).filter((r) => r?.confirmed && typeof r.attemptId === "string");
		const ol = $("ol", mine);
		for (const r of list) {
			const li = document.createElement("li");
			const a = document.createElement("a");
			a.href = `/result/${encodeURIComponent(r.attemptId)}`;
			a.textContent = r.title || "A quiz";
			const when = new Date(r.at);
			const time = document.createElement("time");
			time.dateTime = when.toISOString();
			time.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
			// A shared phone: each result says whose it is.
			li.append(a, r.name ? ` · ${r.name} · ` : " · ", time);
			ol.append(li);
		}
		mine.hidden = list.length === 0;
	}

	// The result page: a link to a question (the grid, or a shared #r3) opens its details.
	function openTarget(hash) {
		const target = hash.length > 1 ? document.getElementById(hash.slice(1)) : null;
		const details = target && $("details", target);
		if (details) details.open = true;
	}
	if ($(".results")) {
		openTarget(location.hash);
		window.addEventListener("hashchange", () => openTarget(location.hash));
		for (const a of document.querySelectorAll(".grid a")) a.addEventListener("click", () => openTarget(a.hash));
	}

	/* Reading aids: text size and line spacing, remembered in this browser, on every student page. */
	const AIDS = "quizline:aids";
	const SIZES = 4;
	const aids = readJson(AIDS, {});
	const root = document.documentElement;
	function applyAids() {
		const size = Math.max(0, Math.min(SIZES - 1, Number(aids.size) || 0));
		aids.size = size;
		for (let i = 1; i < SIZES; i++) root.classList.toggle(`text-${i}`, i === size);
		root.classList.toggle("spacious", Boolean(aids.spacing));
	}
	applyAids();
	const toolbar = $("#aids");
	if (toolbar) {
		const button = (name) => $(`[data-aid=${name}]`, toolbar);
		const sync = () => {
			applyAids();
			button("smaller").disabled = aids.size === 0;
			button("larger").disabled = aids.size === SIZES - 1;
			button("spacing").setAttribute("aria-pressed", String(Boolean(aids.spacing)));
		};
		const change = (edit) => {
			edit();
			sync();
			writeJson(AIDS, aids);
		};
		button("smaller").addEventListener("click", () => change(() => aids.size--));
		button("larger").addEventListener("click", () => change(() => aids.size++));
		button("spacing").addEventListener("click", () => change(() => (aids.spacing = !aids.spacing)));
		sync();
		toolbar.hidden = false;
		setUpSpeech(button("read"));
	}

	/*
	 * Read aloud with the browser's own voices: the article, one paragraph, or a question with its
	 * choices, one sentence (or choice) at a time, the one being read highlighted. One toggle per
	 * thing to read (aria-pressed: playing or not): pressing it again pauses, then resumes.
	 */
	function setUpSpeech(articleButton) {
		const synth = window.speechSynthesis;
		if (!synth || !window.SpeechSynthesisUtterance) return;
		let lang = "";
		let reading = null;
		const voices = () => {
			try {
				return synth.getVoices() || [];
			} catch {
				return [];
			}
		};
		const press = (b, on) => b.setAttribute("aria-pressed", String(on));
		function mark(el) {
			for (const old of document.querySelectorAll(".reading")) old.classList.remove("reading");
			if (el) {
				el.classList.add("reading");
				el.scrollIntoView({ block: "nearest" });
			}
		}
		function stop() {
			const r = reading;
			reading = null;
			if (r) press(r.button, false);
			synth.cancel();
			mark(null);
		}
		function next(r) {
			if (reading !== r) return;
			const item = r.items[r.i++];
			if (!item) {
				stop();
				return;
			}
			const u = new SpeechSynthesisUtterance(item.textContent.replace(/\s+/g, " ").trim());
			u.lang = lang;
			u.addEventListener("end", () => next(r));
			u.addEventListener("error", () => reading === r && stop());
			mark(item);
			synth.speak(u);
		}
		function toggle(button, items) {
			if (reading && reading.button === button) {
				const paused = button.getAttribute("aria-pressed") === "false";
				if (paused) synth.resume();
				else synth.pause();
				press(button, paused);
				return;
			}
			stop();
			reading = { button, items: items(), i: 0 };
			press(button, true);
			next(reading);
		}
		/* Sentences as spans, so that the one being read can be marked. */
		function sentences(p) {
			const text = p.textContent;
			p.textContent = "";
			for (const part of text.match(/[^.!?]+(?:[.!?]+["”’)]*\s*|$)/g) || [text]) {
				const span = document.createElement("span");
				span.className = "sentence";
				span.textContent = part;
				p.append(span);
			}
		}
		function sayButton(visible, hidden, extra) {
			const b = document.createElement("button");
			b.type = "button";
			b.className = `say ${extra}`;
			b.setAttribute("aria-pressed", "false");
			const icon = document.createElement("span");
			icon.className = "icon";
			icon.setAttribute("aria-hidden", "true");
			const text = document.createElement("span");
			text.className = "visually-hidden";
			text.textContent = hidden;
			b.append(icon, visible, text);
			return b;
		}
		function start() {
			const all = voices();
			if (all.length === 0 || !articleButton.hidden) return;
			const voice = all.find((v) => v.default && /^en/i.test(v.lang)) || all.find((v) => /^en/i.test(v.lang)) || all[0];
			lang = voice.lang || root.lang;
			const paras = Array.from(document.querySelectorAll(".para"));
			for (const p of paras) sentences(p);
			articleButton.hidden = false;
			articleButton.addEventListener("click", () =>
				toggle(articleButton, () => [$("#article-title"), ...document.querySelectorAll(".para .sentence")]),
			);
			paras.forEach((p, i) => {
				const b = sayButton("", `Read paragraph ${i + 1} aloud`, "say-para");
				b.addEventListener("click", () => toggle(b, () => Array.from(p.querySelectorAll(".sentence"))));
				p.append(" ", b);
			});
			for (const fs of document.querySelectorAll("fieldset[data-q]")) {
				const n = $(".qn", fs).textContent.replace(/ of \d+$/, "");
				const b = sayButton("Read aloud", `, ${n.toLowerCase()}`, "say-question");
				b.addEventListener("click", () => toggle(b, () => [$("legend", fs), ...fs.querySelectorAll(".choice span")]));
				$("legend", fs).after(b);
			}
			window.addEventListener("pagehide", stop);
		}
		start();
		synth.addEventListener?.("voiceschanged", start);
	}

	const form = document.querySelector("form[data-quiz-id]");
	if (!form || !window.fetch || !window.JSON) return;
	const quizId = form.dataset.quizId;
	// The draft of this quiz (answers, attempt id, places), and the outbox: one frozen submission per
	// attempt id, kept apart so that no later draft, not even another student's, can overwrite it.
	const KEY = `quizline:${quizId}`;
	const OUTBOX = "quizline:outbox:";
	const fields = form.elements;
	const questions = Array.from(form.querySelectorAll("fieldset[data-q]"));
	const progress = $("#progress");
	const status = $("#status");
	const panels = $(".panels");
	const article = $("#article");
	const answers = $("#questions");
	const toQuestion = $("#to-question");
	const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
	const OFFLINE = "You are offline. Your answers are saved on this phone and will be sent as soon as you are back online.";

	// A submission frozen when Submit was pressed, sent as it is until the server confirms it.
	let pending = null;
	let sending = false;
	let tries = 0;
	let timer = 0;
	let lastQuestion = -1;
	// Set once the server has confirmed: nothing may be saved again (the attempt id is spent).
	let done = false;
	// The answers, by question id: what the student chose on this page or what the saved draft holds.
	// The form only shows them; restored form state never flows back into them.
	let model = {};
	// Nothing is saved until the student did something here (or a draft was restored).
	let touched = false;
	// Blank questions acknowledged: "Submit anyway" was pressed.
	let blanksOk = false;
	const map = new Map(Array.from(document.querySelectorAll(".qmap a[data-map]"), (a) => [a.dataset.map, a]));

	const store = {
		read(key) {
			try {
				return localStorage.getItem(key);
			} catch {
				return null;
			}
		},
		write(key, text) {
			try {
				localStorage.setItem(key, text);
			} catch {
				// Storage full or disabled: the page still works, only without the safety copy.
			}
		},
		remove(key) {
			try {
				localStorage.removeItem(key);
			} catch {
				// as above
			}
		},
		outbox() {
			try {
				return Object.keys(localStorage).filter((k) => k.startsWith(OUTBOX));
			} catch {
				return [];
			}
		},
	};
	function readDraft() {
		try {
			return JSON.parse(store.read(KEY) || "null");
		} catch {
			return null;
		}
	}

	/* Same order as the server's (worker/domain/shuffle.ts): FNV-1a of attempt:question:choice. */
	function rank(key) {
		let h = 0x811c9dc5;
		for (let i = 0; i < key.length; i++) {
			h ^= key.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		return h;
	}
	function reorder(attemptId) {
		for (const fs of questions) {
			const box = $(".choices", fs);
			if (!box || fs.dataset.type === "true_false") continue;
			const key = (label) => rank(`${attemptId}:${fs.dataset.q}:${$("input", label).value}`);
			for (const label of Array.from(box.children).sort((a, b) => key(a) - key(b))) box.append(label);
		}
	}

	/* What the server rendered into a question (defaultChecked, defaultValue): form restoration never changes these. */
	function renderedAnswer(fs) {
		if (fs.dataset.type === "short") {
			const text = $("input[type=text]", fs).defaultValue;
			return text.trim() === "" ? null : text;
		}
		const ids = Array.from(fs.querySelectorAll("input"))
			.filter((input) => input.defaultChecked)
			.map((input) => input.value);
		return ids.length === 0 ? null : ids;
	}

	/* The form shows the model, whatever the browser put there. */
	function paint() {
		for (const fs of questions) {
			const a = model[fs.dataset.q];
			if (fs.dataset.type === "short") {
				const input = $("input[type=text]", fs);
				const text = typeof a === "string" ? a : "";
				if (input.value !== text) input.value = text;
			} else for (const input of fs.querySelectorAll("input")) input.checked = Array.isArray(a) && a.includes(input.value);
		}
		updateProgress();
	}

	function answerOf(fs) {
		if (fs.dataset.type === "short") {
			const text = $("input[type=text]", fs).value;
			return text.trim() === "" ? null : text;
		}
		const ids = Array.from(fs.querySelectorAll("input:checked"), (input) => input.value);
		return ids.length === 0 ? null : ids;
	}

	function snapshot() {
		const chosen = {};
		for (const fs of questions) {
			const a = model[fs.dataset.q];
			if (a !== undefined && a !== null) chosen[fs.dataset.q] = a;
		}
		return {
			attemptId: fields.attemptId.value,
			studentName: fields.studentName.value,
			classCode: fields.classCode.value,
			answers: chosen,
			scroll: [article.scrollTop, answers.scrollTop, panels.scrollLeft],
			lastQuestion,
		};
	}
	const save = () => {
		if (!done && touched) store.write(KEY, JSON.stringify(snapshot()));
	};

	const blankQuestions = () => questions.filter((fs) => model[fs.dataset.q] === undefined);

	function updateProgress() {
		const n = questions.length - blankQuestions().length;
		progress.textContent = `${n} of ${questions.length} answered`;
		for (const fs of questions) {
			const link = map.get(fs.dataset.q);
			if (!link) continue;
			const answered = model[fs.dataset.q] !== undefined;
			link.classList.toggle("done", answered);
			link.lastChild.textContent = answered ? ", answered" : ", blank";
		}
	}

	function say(message, isError) {
		status.textContent = message;
		status.classList.toggle("error", Boolean(isError));
	}

	function lock(locked) {
		for (const fs of questions) fs.disabled = locked;
		if (fields.studentName.type !== "hidden") fields.studentName.readOnly = locked;
		if (fields.classCode.type !== "hidden") fields.classCode.readOnly = locked;
	}

	function setLastQuestion(i) {
		lastQuestion = i;
		if (i >= 0) toQuestion.textContent = `Go to question ${i + 1}`;
	}

	function restore(saved) {
		if (!saved || typeof saved.answers !== "object" || saved.answers === null) return;
		// Another student on the same phone: theirs is not ours to show.
		if (fields.studentName.type === "hidden" && saved.studentName !== fields.studentName.value) return;
		if (saved.attemptId && saved.attemptId !== fields.attemptId.value) {
			fields.attemptId.value = saved.attemptId;
			reorder(saved.attemptId);
		}
		if (fields.studentName.type !== "hidden") {
			fields.studentName.value = saved.studentName || "";
			fields.classCode.value = saved.classCode || "";
		}
		model = {};
		for (const fs of questions) {
			const a = saved.answers[fs.dataset.q];
			if (fs.dataset.type === "short" ? typeof a === "string" && a.trim() !== "" : Array.isArray(a) && a.length > 0)
				model[fs.dataset.q] = a;
		}
		touched = true;
		if (Array.isArray(saved.scroll)) {
			[article.scrollTop, answers.scrollTop, panels.scrollLeft] = saved.scroll.map(Number);
		}
		if (typeof saved.lastQuestion === "number") setLastQuestion(saved.lastQuestion);
	}

	function body() {
		const s = snapshot();
		return JSON.stringify({
			attemptId: s.attemptId,
			quizId,
			// The version this page showed: the server grades against it even if the teacher has published another since.
			quizVersion: form.dataset.quizVersion || undefined,
			studentName: s.studentName,
			classCode: s.classCode || null,
			answers: Object.entries(s.answers).map(([questionId, a]) =>
				Array.isArray(a) ? { questionId, choiceIds: a } : { questionId, text: a },
			),
		});
	}

	/* Before an incomplete submission: how many are blank, each a link to it, and the choice. */
	const blankCheck = document.createElement("div");
	blankCheck.id = "blank-check";
	blankCheck.className = "alert";
	blankCheck.tabIndex = -1;
	blankCheck.hidden = true;
	blankCheck.setAttribute("role", "group");
	blankCheck.setAttribute("aria-labelledby", "blank-check-title");
	status.before(blankCheck);
	function showBlanks() {
		const blanks = blankQuestions();
		if (blanks.length === 0) {
			blankCheck.hidden = true;
			return;
		}
		const title = document.createElement("p");
		title.id = "blank-check-title";
		title.className = "big";
		title.textContent =
			blanks.length === 1 ? "1 question has no answer yet." : `${blanks.length} of ${questions.length} questions have no answer yet.`;
		const list = document.createElement("ul");
		list.className = "blank-list";
		for (const fs of blanks) {
			const li = document.createElement("li");
			const a = document.createElement("a");
			a.href = `#${fs.id}`;
			a.textContent = $(".qn", fs).textContent.replace(/ of \d+$/, "");
			li.append(a);
			list.append(li);
		}
		const anyway = document.createElement("button");
		anyway.type = "button";
		anyway.className = "primary";
		anyway.textContent = "Submit anyway";
		anyway.addEventListener("click", () => {
			blanksOk = true;
			if (form.requestSubmit) form.requestSubmit();
			else form.dispatchEvent(new Event("submit", { cancelable: true }));
		});
		const back = document.createElement("button");
		back.type = "button";
		back.textContent = "Go back to the questions";
		back.addEventListener("click", () => {
			blankCheck.hidden = true;
			const first = blankQuestions()[0];
			if (first) {
				first.scrollIntoView({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
				$("input", first).focus({ preventScroll: true });
			}
		});
		const actions = document.createElement("p");
		actions.className = "actions";
		actions.append(anyway, back);
		blankCheck.replaceChildren(title, list, actions);
		blankCheck.hidden = false;
	}

	function retryLater() {
		tries += 1;
		const delay = Math.min(30, 2 ** Math.min(tries - 1, 5));
		say(navigator.onLine ? `Could not reach the server. Your answers are saved on this phone; trying again in ${delay} s.` : OFFLINE);
		clearTimeout(timer);
		timer = setTimeout(send, delay * 1000);
	}

	async function send() {
		if (pending === null || sending) return;
		clearTimeout(timer);
		if (!navigator.onLine) {
			say(OFFLINE);
			return;
		}
		sending = true;
		say("Sending your answers…");
		let res;
		try {
			res = await fetch("/api/attempts", {
				method: "POST",
				headers: { "Content-Type": "application/json", Accept: "application/json" },
				body: pending,
				credentials: "same-origin",
			});
		} catch {
			sending = false;
			retryLater();
			return;
		}
		sending = false;
		if (res.ok) {
			const { attemptId } = JSON.parse(pending);
			pending = null;
			done = true;
			store.remove(OUTBOX + attemptId);
			store.remove(KEY);
			confirmResult(attemptId);
			say("Sent. Opening your result…");
			window.location.assign(`/result/${encodeURIComponent(attemptId)}`);
			return;
		}
		if (res.status >= 500 || res.status === 408 || res.status === 429) {
			retryLater();
			return;
		}
		// The server refused these answers: say why, unlock the form, keep every answer.
		const problem = await res.json().catch(() => null);
		store.remove(OUTBOX + JSON.parse(pending).attemptId);
		pending = null;
		lock(false);
		if (res.status === 409) {
			// That attempt id is spent: the next page load starts a new attempt with these answers.
			const saved = snapshot();
			saved.attemptId = null;
			store.write(KEY, JSON.stringify(saved));
			say("These answers were already submitted differently. Reload the page to submit them as a new attempt.", true);
			return;
		}
		save();
		say(problem?.detail || `The answers could not be sent (error ${res.status}).`, true);
	}

	/* Submissions left in the outbox by another attempt (another student on this phone, another
	   quiz): sent quietly, removed once the server has answered for them. */
	async function flushOthers() {
		for (const key of store.outbox()) {
			const text = store.read(key);
			if (key === OUTBOX + fields.attemptId.value || !text || !navigator.onLine) continue;
			try {
				const res = await fetch("/api/attempts", { method: "POST", headers: { "Content-Type": "application/json" }, body: text });
				if (res.status < 500 && res.status !== 408 && res.status !== 429) store.remove(key);
				if (res.ok) confirmResult(JSON.parse(text).attemptId);
			} catch {
				// Still unreachable: kept for the next page load or the next "online".
			}
		}
	}

	// The server's rendering first (the no-JS form shown again keeps its answers), then the saved
	// draft over it; the form shows exactly that. Then resume a submission a crash or reload interrupted.
	for (const fs of questions) {
		const a = renderedAnswer(fs);
		if (a !== null) model[fs.dataset.q] = a;
	}
	restore(readDraft());
	paint();
	pending = store.read(OUTBOX + fields.attemptId.value);
	if (pending !== null) {
		lock(true);
		send();
	}
	flushOthers();

	// Only what the student does changes the answers; a synthetic event (form restoration) does not.
	function onEdit(event) {
		const fs = event.target.closest("fieldset[data-q]");
		if (!event.isTrusted) return;
		touched = true;
		if (fs) {
			const a = answerOf(fs);
			if (a === null) delete model[fs.dataset.q];
			else model[fs.dataset.q] = a;
			if (!blankCheck.hidden) showBlanks();
		}
		updateProgress();
		save();
	}
	form.addEventListener("input", onEdit);
	form.addEventListener("change", onEdit);
	// Whatever the browser restores, late (after parsing, on load) or from the back/forward cache,
	// the form shows the model again. A page already submitted starts afresh: its attempt id is spent.
	document.addEventListener("DOMContentLoaded", paint);
	window.addEventListener("load", paint);
	window.addEventListener("pageshow", (event) => {
		if (event.persisted && done) window.location.reload();
		else paint();
	});
	form.addEventListener("focusin", (event) => {
		const i = questions.indexOf(event.target.closest("fieldset[data-q]"));
		if (i >= 0) setLastQuestion(i);
	});
	form.addEventListener("submit", (event) => {
		event.preventDefault();
		if (pending === null && fields.studentName.value.trim() === "") {
			say("Type your name first: it goes with your answers.", true);
			fields.studentName.focus();
			return;
		}
		const blanks = blankQuestions();
		if (pending === null && blanks.length > 0 && !blanksOk) {
			showBlanks();
			blankCheck.focus();
			return;
		}
		blankCheck.hidden = true;
		if (pending === null) {
			pending = body();
			tries = 0;
			lock(true);
			store.write(OUTBOX + fields.attemptId.value, pending);
			noteResult({
				attemptId: fields.attemptId.value,
				quizId,
				title: form.dataset.title || "",
				name: fields.studentName.value,
				at: Date.now(),
				confirmed: false,
			});
			save();
		}
		send();
	});
	window.addEventListener("online", () => {
		tries = 0;
		send();
		flushOthers();
	});
	window.addEventListener("offline", () => {
		if (pending !== null) say(OFFLINE);
	});

	// The article's "Go to question n": back to the question the student left, exactly where the
	// questions panel was; it scrolls only if that question is out of sight altogether.
	toQuestion.addEventListener("click", (event) => {
		const fs = questions[lastQuestion];
		if (!fs) return;
		event.preventDefault();
		const behavior = reduceMotion ? "auto" : "smooth";
		const box = answers.getBoundingClientRect();
		const r = fs.getBoundingClientRect();
		if (r.bottom <= box.top || r.top >= box.bottom) fs.scrollIntoView({ block: "nearest", behavior });
		panels.scrollTo({ left: answers.offsetLeft - article.offsetLeft, behavior });
		const target = fs.querySelector("input:checked, input") || fs;
		target.focus({ preventScroll: true });
	});

	// The Read/Answer switch shows which panel is in view; positions are saved as they change.
	const links = Array.from(document.querySelectorAll(".switch a"));
	let scrollTimer = 0;
	function onScroll() {
		const answering = panels.scrollLeft > panels.clientWidth / 2;
		for (const a of links) a.setAttribute("aria-current", String((a.dataset.panel === "questions") === answering));
		clearTimeout(scrollTimer);
		scrollTimer = setTimeout(save, 300);
	}
	panels.addEventListener("scroll", onScroll, { passive: true });
	article.addEventListener("scroll", onScroll, { passive: true });
	answers.addEventListener("scroll", onScroll, { passive: true });
	window.addEventListener("pagehide", save);
	onScroll();

	// Offline next time: the service worker keeps this page and its files (worker/views/assets/sw.client.js).
	if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
})();
