/*
 * Quizline's live class pages: "Who has submitted" (worker/views/teacher/status.tsx) and the
 * projector view (worker/views/teacher/present.tsx). Both work without this script: they are plain
 * pages with a refresh link. With it, the page asks its JSON (`data-live` on #live) again every
 * `data-interval` milliseconds while it is visible, and changes only what changed, without a reload:
 *
 * - status: each student's state per quiz (cells are `<td data-state>` in `<tr data-id>`, as the
 *   server draws them), the counts per quiz, and new submissions announced politely in #live-announce;
 * - present: the "joined" and "submitted" counts (their paragraph is itself a polite live region),
 *   the quiz counted, and a full-screen button.
 *
 * When the answer is not the JSON (signed out, the class deleted) the updates stop and say so; the
 * refresh link stays. Served by the Worker (worker/views/assets.ts).
 */

(() => {
	const root = document.getElementById("live");
	if (!root || typeof fetch !== "function") return;
	const url = root.dataset.live;
	const kind = root.dataset.kind;
	const every = Math.max(1000, Number(root.dataset.interval) || 5000);
	const $ = (id) => document.getElementById(id);
	const el = (tag, attrs, text) => {
		const node = document.createElement(tag);
		for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
		if (text !== undefined) node.textContent = text;
		return node;
	};
	const setText = (node, text) => {
		if (node && node.textContent !== text) node.textContent = text;
	};

	/* The state labels, as the legend names them (one wording, from the server). */
	const labels = {};
	for (const item of document.querySelectorAll("#legend [data-state]")) labels[item.dataset.state] = item.textContent;
	const labelOf = (state) => labels[state] || state;

	const asOf = (iso) => {
		const node = $("as-of");
		if (!node) return;
		node.setAttribute("datetime", iso);
		setText(node, new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }));
	};

	/* The class's closing, as the server says it now: told once when it closes while the page is open. */
	function drawClosing(data) {
		const note = $("closing");
		if (!note || note.classList.contains("status-note") === data.closed) return;
		if (data.closed) {
			note.className = "status-note";
			note.hidden = false;
			note.textContent = "This class has closed: it takes no new answers.";
		} else {
			note.className = "";
			note.hidden = !data.closesAt;
			note.textContent = data.closesAt ? "This class takes answers again." : "";
		}
	}

	/* ---- The status page ---- */

	/* What the server drew, read back from the page: the first answer is compared with it. */
	function readPage() {
		const table = $("roster-table");
		if (!table) return null;
		const quizzes = Array.from(table.querySelectorAll("thead th[data-quiz]"), (th) => ({ id: th.dataset.quiz, title: th.textContent }));
		const lines = (name) =>
			Array.from($(`${name}-table`)?.tBodies[0]?.rows || [], (tr) => ({
				id: tr.dataset.id,
				name: tr.cells[0].textContent,
				states: Array.from(tr.cells, (td) => td.dataset.state).slice(1),
			}));
		return { quizzes, roster: lines("roster"), notOnRoster: lines("others") };
	}

	let previous = kind === "status" ? readPage() : null;

	function sameQuizzes(table, quizzes) {
		const ids = Array.from(table.querySelectorAll("thead th[data-quiz]"), (th) => th.dataset.quiz);
		return ids.length === quizzes.length && ids.every((id, i) => id === quizzes[i].id);
	}

	function drawHead(table, quizzes) {
		const row = el("tr");
		row.append(el("th", { scope: "col" }, "Student"));
		for (const q of quizzes) row.append(el("th", { scope: "col", "data-quiz": q.id }, q.title));
		table.tHead.replaceChildren(row);
	}

	/* One table's rows: kept where the student is still there, their cells changed only where the state did. */
	function drawRows(name, lines, quizzes) {
		const table = $(`${name}-table`);
		const wrap = $(`${name}-wrap`);
		const empty = $(`${name}-empty`);
		if (!table) return;
		if (!sameQuizzes(table, quizzes)) {
			drawHead(table, quizzes);
			table.tBodies[0].replaceChildren();
		}
		const body = table.tBodies[0];
		const existing = new Map(Array.from(body.rows, (tr) => [tr.dataset.id, tr]));
		lines.forEach((line, i) => {
			const id = line.id ?? line.key;
			let tr = existing.get(id);
			existing.delete(id);
			if (!tr) {
				tr = el("tr", { "data-id": id });
				tr.append(el("th", { scope: "row" }, line.name));
				for (const state of line.states) tr.append(el("td", { "data-state": state }, labelOf(state)));
			} else {
				setText(tr.cells[0], line.name);
				line.states.forEach((state, j) => {
					const td = tr.cells[j + 1];
					if (td && td.dataset.state !== state) {
						td.dataset.state = state;
						td.textContent = labelOf(state);
					}
				});
			}
			if (body.rows[i] !== tr) body.insertBefore(tr, body.rows[i] || null);
		});
		for (const gone of existing.values()) gone.remove();
		if (wrap) wrap.hidden = lines.length === 0;
		if (empty) empty.hidden = lines.length > 0;
	}

	function drawCounts(quizzes) {
		const list = $("counts");
		if (!list) return;
		const items = Array.from(list.children);
		const same = items.length === quizzes.length && items.every((li, i) => li.dataset.quiz === quizzes[i].id);
		if (!same) {
			list.replaceChildren(
				...quizzes.map((q) => {
					const li = el("li", { "data-quiz": q.id });
					li.append(
						el("span", { class: "quiz" }, q.title),
						el("span", { class: "headline", "data-part": "headline" }),
						el("span", { "data-part": "detail" }),
					);
					return li;
				}),
			);
		}
		Array.from(list.children).forEach((li, i) => {
			setText(li.querySelector("[data-part=headline]"), quizzes[i].headline);
			setText(li.querySelector("[data-part=detail]"), quizzes[i].detail);
		});
		const none = $("no-quizzes");
		if (none) none.hidden = quizzes.length > 0;
	}

	/* What changed since the last answer, in a sentence or two: new submissions and quizzes opened. */
	function changes(before, now) {
		if (!before) return "";
		const stateOf = new Map();
		const titles = new Map(before.quizzes.map((q) => [q.id, q.title]));
		for (const line of [...before.roster, ...before.notOnRoster]) {
			line.states.forEach((s, i) => {
				stateOf.set(`${line.id ?? line.key}\u0000${before.quizzes[i].id}`, s);
			});
		}
		const submitted = new Map();
		const started = new Map();
		for (const line of [...now.roster, ...now.notOnRoster]) {
			line.states.forEach((s, i) => {
				const quiz = now.quizzes[i];
				const was = stateOf.get(`${line.id ?? line.key}\u0000${quiz.id}`) || "not-started";
				if (s === was) return;
				const bucket = s === "submitted" ? submitted : s === "in-progress" ? started : null;
				if (!bucket) return;
				titles.set(quiz.id, quiz.title);
				bucket.set(quiz.id, [...(bucket.get(quiz.id) || []), line.name]);
			});
		}
		const say = (bucket, verb) =>
			Array.from(bucket, ([quizId, names]) =>
				names.length <= 3
					? `${names.join(", ")} ${verb} ${titles.get(quizId)}.`
					: `${names.length} students ${verb} ${titles.get(quizId)}.`,
			);
		return [...say(submitted, "submitted"), ...say(started, "opened")].join(" ");
	}

	function drawStatus(data) {
		drawCounts(data.quizzes);
		drawRows("roster", data.roster, data.quizzes);
		drawRows("others", data.notOnRoster, data.quizzes);
		const hasRoster = data.roster.length > 0;
		setText($("others-h"), hasRoster ? "Submitted without being on the roster" : "Students who submitted");
		setText(
			$("others-table")?.caption,
			hasRoster ? "Students who submitted under a name that is not on the roster" : "Each student who submitted, and which quizzes",
		);
		const announcement = changes(previous, data);
		if (announcement) setText($("live-announce"), announcement);
		previous = data;
	}

	/* ---- The projector view ---- */

	function drawPresent(data) {
		const counts = $("present-counts");
		if (counts) {
			setText(counts.querySelector("[data-count=joined]"), String(data.joined));
			setText(counts.querySelector("[data-count=submitted]"), String(data.submitted));
		}
		setText($("present-quiz"), data.quiz ? `Quiz: ${data.quiz.title}` : "No quiz opened yet");
	}

	const button = $("fullscreen");
	if (button && document.fullscreenEnabled) {
		button.hidden = false;
		const label = () => {
			button.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
		};
		button.addEventListener("click", () => {
			if (document.fullscreenElement) document.exitFullscreen();
			else document.documentElement.requestFullscreen().catch(() => undefined);
		});
		document.addEventListener("fullscreenchange", label);
	}

	/* ---- Polling ---- */

	let timer = 0;
	let failures = 0;
	let stopped = false;
	let lastBody = "";
	const note = $("live-note");
	if (note) note.hidden = false;

	function stop(sentence) {
		stopped = true;
		clearTimeout(timer);
		if (note) {
			note.textContent = sentence;
			note.hidden = false;
		}
	}

	async function tick() {
		if (stopped) return;
		try {
			const res = await fetch(url, {
				headers: { Accept: "application/json" },
				cache: "no-store",
				credentials: "same-origin",
				redirect: "manual",
			});
			const type = res.headers.get("Content-Type") || "";
			if (res.type === "opaqueredirect" || res.status === 401 || (res.ok && !type.includes("application/json"))) {
				return stop("Live updates stopped: you are signed out. Sign in again, then refresh this page.");
			}
			if (!res.ok) {
				if (res.status >= 400 && res.status < 500) return stop("Live updates stopped: this class or quiz is no longer here.");
				throw new Error(`status ${res.status}`);
			}
			const text = await res.text();
			const data = JSON.parse(text);
			failures = 0;
			if (note?.dataset.offline) {
				delete note.dataset.offline;
				note.textContent = "This page updates itself while it is open.";
			}
			// The time changes on every answer; the rest only when something happened.
			const { asOf: time, ...rest } = data;
			const body = JSON.stringify(rest);
			if (body !== lastBody) {
				lastBody = body;
				if (kind === "present") drawPresent(data);
				else drawStatus(data);
				drawClosing(data);
			}
			asOf(time);
		} catch {
			failures++;
			if (note && failures === 2) {
				note.dataset.offline = "1";
				note.textContent = "Cannot reach Quizline right now: trying again.";
			}
		}
		schedule();
	}

	function schedule() {
		clearTimeout(timer);
		if (stopped || document.hidden) return;
		// After failures, wait longer (up to a minute) so a lost connection is not hammered.
		timer = setTimeout(tick, Math.min(60000, every * 2 ** Math.min(failures, 4)));
	}

	document.addEventListener("visibilitychange", () => {
		if (document.hidden) clearTimeout(timer);
		else if (!stopped) tick();
	});
	schedule();
})();
