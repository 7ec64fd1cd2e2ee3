/*
 * Quizline quiz page: the one enhancement script. The page works without it (the form posts to
 * the server); with it, answers are kept in localStorage as they are chosen, restored after a
 * reload or a crash, and sent with fetch to POST /api/attempts, retried with the same attempt id
 * until the server confirms, queued while the phone is offline. Served by the Worker
 * (worker/views/assets.ts); rendered markup in worker/views/student/quiz.tsx.
 */

(() => {
	const form = document.querySelector("form[data-quiz-id]");
	if (!form || !window.fetch || !window.JSON) return;
	const $ = (selector, root = document) => root.querySelector(selector);
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
			const a = answerOf(fs);
			if (a !== null) chosen[fs.dataset.q] = a;
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
		if (!done) store.write(KEY, JSON.stringify(snapshot()));
	};

	function updateProgress() {
		const n = questions.filter((fs) => answerOf(fs) !== null).length;
		progress.textContent = `${n} of ${questions.length} answered`;
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
		for (const fs of questions) {
			const a = saved.answers[fs.dataset.q];
			if (a === undefined || a === null) continue;
			if (fs.dataset.type === "short") $("input[type=text]", fs).value = String(a);
			else for (const input of fs.querySelectorAll("input")) input.checked = Array.isArray(a) && a.includes(input.value);
		}
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
			studentName: s.studentName,
			classCode: s.classCode || null,
			answers: Object.entries(s.answers).map(([questionId, a]) =>
				Array.isArray(a) ? { questionId, choiceIds: a } : { questionId, text: a },
			),
		});
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
			} catch {
				// Still unreachable: kept for the next page load or the next "online".
			}
		}
	}

	// Restore first, then show the count and resume a submission a crash or reload interrupted.
	restore(readDraft());
	updateProgress();
	pending = store.read(OUTBOX + fields.attemptId.value);
	if (pending !== null) {
		lock(true);
		send();
	}
	flushOthers();

	form.addEventListener("input", () => {
		updateProgress();
		save();
	});
	form.addEventListener("change", () => {
		updateProgress();
		save();
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
		if (pending === null) {
			pending = body();
			tries = 0;
			lock(true);
			store.write(OUTBOX + fields.attemptId.value, pending);
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
})();
