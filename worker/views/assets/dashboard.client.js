/*
 * Quizline class page and class settings: the teacher's time zone. The pages work without this
 * script: times are then shown in UTC (and say so) until the teacher chooses a zone in Settings.
 * With it, the browser's own zone is sent once through that same settings form (the server checks
 * it and keeps it in a cookie), and the page is loaded again so that every time is shown, and
 * closing times are read, in it. A zone already chosen is never replaced.
 *
 * Markup: worker/views/teacher/classes.tsx and settings.tsx (data-time-zone, data-time-zone-chosen,
 * data-time-zone-action). Served by the Worker (worker/views/assets.ts).
 */

(() => {
	const page = document.querySelector("[data-time-zone-chosen='false'][data-time-zone-action]");
	if (!page) return;
	let zone = "";
	try {
		zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
	} catch {
		return;
	}
	if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) || zone === page.getAttribute("data-time-zone")) return;
	// Once per tab: should the zone not be kept (cookies refused), the page stays in UTC and says so.
	try {
		if (sessionStorage.getItem("quizline:time-zone-sent") === zone) return;
		sessionStorage.setItem("quizline:time-zone-sent", zone);
	} catch {
		return;
	}
	fetch(page.getAttribute("data-time-zone-action"), {
		method: "POST",
		body: new URLSearchParams({ timeZone: zone }),
		credentials: "same-origin",
		redirect: "manual",
	})
		.then(() => location.reload())
		.catch(() => undefined);
})();
