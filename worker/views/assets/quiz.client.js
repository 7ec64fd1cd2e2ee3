/*
 * Quizline student pages: the one enhancement script. Every page works without it (the form posts
 * to the server); with it, answers are kept in localStorage as they are chosen, restored after a
 * reload or a crash, and sent with fetch to POST /api/attempts, retried with the same attempt id
 * until the server confirms. A submission is frozen in the outbox (IndexedDB, so that the service
 * worker can send it with Background Sync when the network is back, even with no page open) and
 * sent by whichever gets there first: this page, another student page, or the service worker. The
 * saved draft is the only truth about the answers: whatever the browser restores into the form (by
 * position, after Back), the page shows the draft again, and nothing is saved that the student did
 * not do. On the result page it opens the question a link points to; on the join page it lists the
 * results of this device. Served by the Worker (worker/views/assets.ts); markup in
 * worker/views/student/; the service worker is worker/views/assets/sw.client.js.
 */

(() => {
	const $ = (selector, root = document) => root.querySelector(selector);
	const form = document.querySelector("form[data-quiz-id]");
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
	const when = (at) => new Date(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

	/*
	 * My results on this device: kept here only, never sent. An entry is noted when a submission is
	 * queued, confirmed when the server (through this page, another, or the service worker) has
	 * stored it, and written whenever a result page is shown.
	 */
	const results = () => readJson(RESULTS, []).filter((r) => r && typeof r.attemptId === "string");
	function remember(entry) {
		const list = results();
		const old = list.find((r) => r.attemptId === entry.attemptId);
		const merged = { ...old };
		for (const [k, v] of Object.entries(entry)) if (v !== undefined && v !== "") merged[k] = v;
		const next = [merged, ...list.filter((r) => r !== old)].sort((a, b) => (Number(b.at) || 0) - (Number(a.at) || 0));
		writeJson(RESULTS, next.slice(0, 50));
	}
	const entryOf = (r) => ({ attemptId: r.attemptId, quizId: r.quizId, title: r.title, name: r.name, at: r.at });
	/** An attempt the server has stored: its id must not be submitted again with other answers. */
	const spent = (id) => results().some((r) => r.attemptId === id && r.confirmed);

	/* The outbox: `quizlineOutbox` (worker/views/assets/outbox.client.js, before this script; the service worker reads it too). */
	const SYNC = "quizline-outbox";
	const WEEK = 7 * 24 * 60 * 60 * 1000;
	// Without IndexedDB (rare) a submission is still sent while the page is open; the draft keeps the answers.
	const outbox = {
		all: () => quizlineOutbox("readonly", (s) => s.getAll()).catch(() => []),
		put: (record) =>
			quizlineOutbox("readwrite", (s) => s.put(record)).then(
				() => true,
				() => false,
			),
		remove: (id) => quizlineOutbox("readwrite", (s) => s.delete(id)).catch(() => undefined),
	};
	const post = (body) =>
		fetch("/api/attempts", {
			method: "POST",
			headers: { "Content-Type": "application/json", Accept: "application/json" },
			body,
			credentials: "same-origin",
		});
	const retryable = (status) => status >= 500 || status === 408 || status === 429;
	const problemOf = (res) =>
		res.json().then(
			(p) => p?.detail || "",
			() => "",
		);
	/*
	 * Background Sync, where the browser has it: the service worker sends the outbox once the network
	 * is back, even with no page open. Asked for when the phone is offline, and when a page is left
	 * (hidden) with something still queued; an open page that is online sends and retries by itself.
	 */
	const wakeLater = () => navigator.serviceWorker?.ready.then((r) => r.sync?.register(SYNC)).catch(() => undefined);
	let unsent = false;
	const stillQueued = () => {
		unsent = true;
		if (!navigator.onLine) wakeLater();
	};
	document.addEventListener("visibilitychange", () => {
		if (document.visibilityState === "hidden" && unsent) wakeLater();
	});
	/* The copy of a quiz kept for offline use carries an attempt id the server has now stored: fetch it afresh. */
	const refreshCopy = (quizId) => navigator.serviceWorker?.controller?.postMessage({ refresh: `/quiz/${encodeURIComponent(quizId)}` });

	/*
	 * Every page first: an outbox left in localStorage by an earlier version of this script moves to
	 * IndexedDB; submissions the service worker sent while no page was open count as confirmed;
	 * refusals nobody came back for are dropped after a week. Resolves to the records still open.
	 */
	async function settle() {
		let keys = [];
		try {
			keys = Object.keys(localStorage).filter((k) => k.startsWith("quizline:outbox:"));
		} catch {
			// no storage
		}
		for (const key of keys) {
			const body = localStorage.getItem(key) || "";
			const s = readJson(key, null);
			const record = { attemptId: s?.attemptId, quizId: s?.quizId, name: s?.studentName, at: Date.now(), body, state: "queued" };
			if (typeof record.attemptId !== "string" || (await outbox.put(record))) localStorage.removeItem(key);
		}
		const open = [];
		for (const r of await outbox.all()) {
			if (r.state === "sent") {
				remember({ ...entryOf(r), confirmed: true });
				await outbox.remove(r.attemptId);
			} else if (r.state === "refused" && Date.now() - r.at > WEEK) await outbox.remove(r.attemptId);
			else open.push(r);
		}
		return open;
	}
	let settled = settle();
	const onOutbox = [];
	// The service worker sent or refused something: every page settles again.
	navigator.serviceWorker?.addEventListener("message", (event) => {
		if (event.data !== "outbox") return;
		settled = settle();
		for (const f of onOutbox) f();
	});

	/* Submissions of other attempts (another student on this phone, another quiz): sent quietly from any page. */
	let flushing = false;
	async function flush() {
		if (flushing || !navigator.onLine) return;
		flushing = true;
		const own = form?.elements.attemptId.value;
		for (const r of await settled) {
			if (r.state !== "queued" || r.attemptId === own) continue;
			let res;
			try {
				res = await post(r.body);
			} catch {
				stillQueued();
				continue;
			}
			if (res.ok) {
				remember({ ...entryOf(r), confirmed: true });
				await outbox.remove(r.attemptId);
				refreshCopy(r.quizId);
			} else if (retryable(res.status)) stillQueued();
			else await outbox.put({ ...r, state: "refused", status: res.status, detail: await problemOf(res) });
		}
		flushing = false;
		settled = settle();
		for (const f of onOutbox) f();
	}
	window.addEventListener("online", flush);

	/* The join page: "My results on this device", the confirmed ones as links, the queued ones waiting. */
	const mine = $("#my-results");
	async function listMine() {
		const waiting = new Set((await settled).filter((r) => r.state === "queued").map((r) => r.attemptId));
		const list = results().filter((r) => r.confirmed || waiting.has(r.attemptId));
		const items = list.map((r) => {
			const li = document.createElement("li");
			const title = document.createElement(r.confirmed ? "a" : "strong");
			if (r.confirmed) title.href = `/result/${encodeURIComponent(r.attemptId)}`;
			title.textContent = r.title || "A quiz";
			const time = document.createElement("time");
			time.dateTime = new Date(Number(r.at) || 0).toISOString();
			time.textContent = when(Number(r.at) || 0);
			// A shared phone: each result says whose it is.
			li.append(title, r.name ? ` · ${r.name} · ` : " · ", time, r.confirmed ? "" : " · waiting to be sent");
			return li;
		});
		$("ol", mine).replaceChildren(...items);
		mine.hidden = items.length === 0;
	}
	if (mine) {
		onOutbox.push(listMine);
		listMine();
	}

	// The result page: noted on this device, and a link to a question (the grid, or a shared #r3) opens its details.
	const shown = $("main[data-attempt-id]");
	if (shown) {
		const d = shown.dataset;
		remember({
			attemptId: d.attemptId,
			quizId: d.quizId,
			title: d.title,
			name: d.name,
			at: Date.parse(d.submittedAt) || Date.now(),
			confirmed: true,
		});
	}
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
	 * choices. One utterance per sentence (or choice): the sentence being read is marked when its
	 * utterance starts, and the word being read, where the voice reports word boundaries, with a CSS
	 * highlight (no change to the page's text). Short utterances also keep clear of engines that stop
	 * long ones. One toggle per thing to read (aria-pressed: playing or not): pressing it again
	 * pauses, then resumes.
	 */
	function setUpSpeech(articleButton) {
		const synth = window.speechSynthesis;
		if (!synth || !window.SpeechSynthesisUtterance) return;
		const words = window.CSS?.highlights && window.Highlight ? CSS.highlights : null;
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
			words?.delete("quizline-word");
			for (const old of document.querySelectorAll(".reading")) old.classList.remove("reading");
			if (el) {
				el.classList.add("reading");
				el.scrollIntoView({ block: "nearest" });
			}
		}
		/* The word at a boundary: only in an item made of one text node, whose spoken text is that text trimmed. */
		function markWord(item, said, event) {
			const node = item.firstChild;
			if (!words || event.name === "sentence" || !node || node !== item.lastChild || node.nodeType !== 3) return;
			if (node.data.trim() !== said) return;
			const start = node.data.length - node.data.trimStart().length + event.charIndex;
			const length = event.charLength || /^\S*/.exec(said.slice(event.charIndex))[0].length;
			if (length === 0 || start + length > node.data.length) return;
			const range = new Range();
			range.setStart(node, start);
			range.setEnd(node, start + length);
			words.set("quizline-word", new Highlight(range));
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
			const said = item.textContent.replace(/\s+/g, " ").trim();
			const u = new SpeechSynthesisUtterance(said);
			u.lang = lang;
			u.addEventListener("end", () => next(r));
			u.addEventListener("error", () => reading === r && stop());
			u.addEventListener("boundary", (event) => reading === r && markWord(item, said, event));
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

	if (!form || !window.fetch || !window.JSON) {
		settled.then(flush);
		return;
	}
	const quizId = form.dataset.quizId;
	const version = form.dataset.quizVersion || "";
	// The draft of this quiz: answers, attempt id, version, places.
	const KEY = `quizline:${quizId}`;
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

	// The outbox record frozen when Submit was pressed, sent as it is until the server confirms it.
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
	// The attempt id the server rendered into this copy, and whether it is stored already (a copy kept for
	// offline use, submitted since): then the answers given here are a new attempt, saved without that id.
	const rendered = fields.attemptId.defaultValue;
	let copySpent = spent(rendered);
	const newOnSpentCopy = (id) => copySpent && id === rendered;
	// The attempt id of the draft restored, if it named one.
	let restoredId = null;
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
	};

	/* Notes at the top of the questions: an earlier submission of this quiz, a quiz changed since the draft. */
	const notice = document.createElement("div");
	notice.className = "notice";
	notice.hidden = true;
	$(".qmap").before(notice);
	function note(...parts) {
		const p = document.createElement("p");
		p.append(...parts);
		notice.append(p);
		notice.hidden = false;
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
		const id = fields.attemptId.value;
		return {
			// The id of a stored attempt is never saved with new answers: the next load makes them a new attempt.
			attemptId: newOnSpentCopy(id) ? null : id,
			quizVersion: version,
			studentName: fields.studentName.value,
			classCode: fields.classCode.value,
			answers: chosen,
			scroll: [article.scrollTop, answers.scrollTop, panels.scrollLeft],
			lastQuestion,
		};
	}
	const save = () => {
		const id = fields.attemptId.value;
		// An attempt stored while this page was open (from another tab) leaves no draft behind.
		if (done || !touched || (spent(id) && !newOnSpentCopy(id))) return;
		store.write(KEY, JSON.stringify(snapshot()));
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

	/* A draft's answers, only what this page can show: a question or a choice the quiz no longer has is dropped. */
	function answersFrom(saved) {
		const out = {};
		for (const fs of questions) {
			const a = saved.answers[fs.dataset.q];
			const offered = Array.from(fs.querySelectorAll("input"), (input) => input.value);
			if (fs.dataset.type === "short") {
				if (typeof a === "string" && a.trim() !== "") out[fs.dataset.q] = a;
			} else if (Array.isArray(a) && a.some((id) => offered.includes(id))) out[fs.dataset.q] = a.filter((id) => offered.includes(id));
		}
		return out;
	}
	const readDraft = () => {
		try {
			const saved = JSON.parse(store.read(KEY) || "null");
			return saved && typeof saved.answers === "object" && saved.answers !== null ? saved : null;
		} catch {
			return null;
		}
	};

	/*
	 * The stored draft of THIS attempt again: the page is back from the back/forward cache, or another
	 * tab of this quiz saved it. Then whatever the browser or the other tab did, both show the same.
	 */
	function resync() {
		const saved = readDraft();
		const id = fields.attemptId.value;
		const mine = fields.studentName.type !== "hidden" || saved?.studentName === fields.studentName.value;
		if (saved && mine && !done && pending === null && (saved.attemptId === id || (saved.attemptId === null && newOnSpentCopy(id))))
			model = answersFrom(saved);
		paint();
	}

	function restore(saved) {
		if (!saved) return;
		// Another student on the same phone: theirs is not ours to show.
		if (fields.studentName.type === "hidden" && saved.studentName !== fields.studentName.value) return;
		// The draft of an attempt already stored (Back after submitting): nothing of it comes back.
		if (saved.attemptId && spent(saved.attemptId)) {
			store.remove(KEY);
			return;
		}
		restoredId = saved.attemptId || null;
		if (saved.attemptId && saved.attemptId !== fields.attemptId.value) {
			fields.attemptId.value = saved.attemptId;
			reorder(saved.attemptId);
		}
		if (fields.studentName.type !== "hidden") {
			fields.studentName.value = saved.studentName || "";
			fields.classCode.value = saved.classCode || "";
		}
		model = answersFrom(saved);
		touched = true;
		if (Array.isArray(saved.scroll)) {
			[article.scrollTop, answers.scrollTop, panels.scrollLeft] = saved.scroll.map(Number);
		}
		if (typeof saved.lastQuestion === "number") setLastQuestion(saved.lastQuestion);
		if (saved.quizVersion && version && saved.quizVersion !== version)
			note(
				"Your teacher has changed this quiz since you started it. Your answers to the questions that stayed the same are kept: check them before you submit.",
			);
	}

	/* An attempt stored already (sent by the service worker while no page was open): a new attempt, from a blank form. */
	function startAfresh() {
		store.remove(KEY);
		model = {};
		touched = false;
		if (rendered !== fields.attemptId.value) {
			fields.attemptId.value = rendered;
			reorder(rendered);
		}
		lock(false);
		paint();
		renewIfSpent();
	}

	/* The last submission of this quiz on this device (by this student, when the page knows who): a link to its result. */
	function noteSubmitted() {
		const name = fields.studentName.type === "hidden" ? fields.studentName.value : null;
		const last = results().find((r) => r.confirmed && r.quizId === quizId && (name === null || r.name === name));
		if (!last || notice.querySelector("a")) return;
		const a = document.createElement("a");
		a.href = `/result/${encodeURIComponent(last.attemptId)}`;
		a.textContent = "See that result";
		note(`You submitted this quiz on ${when(Number(last.at) || 0)}. `, a, ". Answers you give here are a new attempt.");
	}

	function body() {
		const s = snapshot();
		return JSON.stringify({
			attemptId: fields.attemptId.value,
			quizId,
			// The version this page showed: the server grades against it even if the teacher has published another since.
			quizVersion: version || undefined,
			studentName: s.studentName.trim() ? s.studentName : undefined,
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
		stillQueued();
	}

	/* The server has stored it (through this page or another sender): clear the draft, note it, open the result. */
	async function finish(record) {
		pending = null;
		done = true;
		unsent = false;
		clearTimeout(timer);
		store.remove(KEY);
		remember({ ...entryOf(record), confirmed: true });
		await outbox.remove(record.attemptId);
		refreshCopy(quizId);
		say("Sent. Opening your result…");
		window.location.assign(`/result/${encodeURIComponent(record.attemptId)}`);
	}

	/* The server refused these answers: say why, unlock the form, keep every answer. */
	async function refuse(status, detail) {
		const id = pending.attemptId;
		pending = null;
		clearTimeout(timer);
		await outbox.remove(id);
		lock(false);
		touched = true;
		if (status === 409) {
			// That attempt id is spent: the next page load submits these answers as a new attempt.
			const saved = snapshot();
			saved.attemptId = null;
			store.write(KEY, JSON.stringify(saved));
			say("These answers were already submitted differently. Reload the page to submit them as a new attempt.", true);
			return;
		}
		save();
		say(detail || `The answers could not be sent (error ${status}).`, true);
	}

	async function send() {
		if (pending === null || sending) return;
		clearTimeout(timer);
		if (!navigator.onLine) {
			say(OFFLINE);
			stillQueued();
			return;
		}
		sending = true;
		say("Sending your answers…");
		const record = pending;
		let res;
		try {
			res = await post(record.body);
		} catch {
			sending = false;
			retryLater();
			return;
		}
		sending = false;
		if (pending !== record) return;
		if (res.ok) finish(record);
		else if (retryable(res.status)) retryLater();
		else refuse(res.status, await problemOf(res));
	}

	/* A copy of the quiz kept for offline use whose attempt id is stored already: a new attempt needs a new id from the server. */
	async function renewId(quiet) {
		try {
			const res = await fetch(`/api/quizzes/${encodeURIComponent(quizId)}`, { headers: { Accept: "application/json" } });
			const { attemptId } = await res.json();
			if (!res.ok || typeof attemptId !== "string") throw new Error("no attempt id");
			if (!spent(fields.attemptId.value)) return true;
			fields.attemptId.value = attemptId;
			// Nothing answered yet: the new attempt's own order (a reload would show it anyway).
			if (Object.keys(model).length === 0) reorder(attemptId);
			save();
			return true;
		} catch {
			if (!quiet)
				say(
					"This copy of the quiz was submitted before. Your answers are saved on this phone: submit once you are back online to send them as a new attempt.",
					true,
				);
			return false;
		}
	}
	/* This copy's id is stored already and the phone is online: a new one now, before the student answers. */
	const renewIfSpent = () => {
		if (newOnSpentCopy(fields.attemptId.value) && navigator.onLine && pending === null) renewId(true);
	};

	// The server's rendering first (the no-JS form shown again keeps its answers), then the saved
	// draft over it; the form shows exactly that.
	for (const fs of questions) {
		const a = renderedAnswer(fs);
		if (a !== null) model[fs.dataset.q] = a;
	}
	restore(readDraft());
	paint();
	// Then the outbox: resume a submission a crash or a reload interrupted, show one refused while
	// no page was open, start afresh if the service worker has sent this attempt meanwhile.
	settled.then((open) => {
		copySpent = spent(rendered);
		const id = fields.attemptId.value;
		const record = open.find((r) => r.attemptId === id);
		if (record?.state === "queued") {
			pending = record;
			lock(true);
			send();
		} else if (record?.state === "refused") {
			pending = record;
			refuse(record.status, record.detail);
		} else if (spent(id) && restoredId === id) startAfresh();
		noteSubmitted();
		renewIfSpent();
		flush();
	});
	// The service worker (or another page) sent or refused this page's submission.
	onOutbox.push(async () => {
		const open = await settled;
		if (pending === null) return;
		const record = open.find((r) => r.attemptId === pending.attemptId);
		if (spent(pending.attemptId)) finish(pending);
		else if (record?.state === "refused") refuse(record.status, record.detail);
	});

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
		const id = fields.attemptId.value;
		if (event.persisted && (done || (spent(id) && !newOnSpentCopy(id)))) window.location.reload();
		else if (event.persisted) resync();
		else paint();
	});
	// Another tab of this quiz: the same draft; its attempt submitted there, a new one here.
	window.addEventListener("storage", (event) => {
		const id = fields.attemptId.value;
		if (event.key === KEY) resync();
		else if (event.key === RESULTS && !done && pending === null && spent(id) && !newOnSpentCopy(id)) {
			copySpent = spent(rendered);
			startAfresh();
			noteSubmitted();
		}
	});
	form.addEventListener("focusin", (event) => {
		const i = questions.indexOf(event.target.closest("fieldset[data-q]"));
		if (i >= 0) setLastQuestion(i);
	});
	let renewing = false;
	form.addEventListener("submit", async (event) => {
		event.preventDefault();
		if (pending !== null) {
			send();
			return;
		}
		if (renewing) return;
		// A personal code (eight characters, where a class code has six) names its student: no name needed then.
		if (fields.studentName.value.trim() === "" && !/^[A-Z0-9]{8}$/i.test(fields.classCode.value.replace(/[\s-]+/g, ""))) {
			say("Type your name first: it goes with your answers.", true);
			fields.studentName.focus();
			return;
		}
		if (blankQuestions().length > 0 && !blanksOk) {
			showBlanks();
			blankCheck.focus();
			return;
		}
		blankCheck.hidden = true;
		if (spent(fields.attemptId.value)) {
			renewing = true;
			const renewed = await renewId(false);
			renewing = false;
			if (!renewed) return;
		}
		pending = {
			attemptId: fields.attemptId.value,
			quizId,
			title: form.dataset.title || "",
			name: fields.studentName.value,
			at: Date.now(),
			body: body(),
			state: "queued",
		};
		tries = 0;
		lock(true);
		remember({ ...entryOf(pending), confirmed: false });
		save();
		await outbox.put(pending);
		send();
	});
	window.addEventListener("online", () => {
		tries = 0;
		send();
		renewIfSpent();
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

	// Offline next time, and Background Sync: the service worker (worker/views/assets/sw.client.js).
	if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
})();
