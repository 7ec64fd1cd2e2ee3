/** Bench baseline: a constant answer to every request, no routing, no framework. */
export default {
	fetch(): Response {
		return new Response("hello", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
	},
};
