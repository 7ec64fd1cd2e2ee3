/**
 * Bench baseline: the quiz JSON's own bytes and headers as a constant. On its first request it
 * fetches one answer of the app's GET /api/quizzes/:id (SOURCE, given by the bench) and from then on
 * answers every request with those bytes and headers: no routing, no framework, no work. Beside the
 * hello Worker's 5 bytes and one header, it shows what the local stack alone charges for the quiz
 * JSON's response, so that the JSON's own cost can be read apart from it (bench/notes.md).
 */
interface Env {
	SOURCE: string;
}

/** Headers the runtime writes for each response itself. */
const PER_RESPONSE = new Set(["connection", "content-length", "date", "keep-alive", "transfer-encoding"]);

interface Answer {
	body: Uint8Array<ArrayBuffer>;
	headers: [string, string][];
}

/** The answer once fetched, so that every later request is answered without waiting on anything. */
let ready: Answer | undefined;
let pending: Promise<Answer> | undefined;

async function fetchAnswer(source: string): Promise<Answer> {
	const res = await fetch(source);
	if (!res.ok) throw new Error(`${source} answered ${res.status}`);
	const headers = [...res.headers].filter(([name]) => !PER_RESPONSE.has(name));
	return { body: new Uint8Array(await res.arrayBuffer()), headers };
}

const respond = (a: Answer) => new Response(a.body, { headers: a.headers });

export default {
	fetch(_request: Request, env: Env): Response | Promise<Response> {
		if (ready) return respond(ready);
		pending ??= fetchAnswer(env.SOURCE).then(
			(a) => {
				ready = a;
				return a;
			},
			(err: unknown) => {
				pending = undefined;
				throw err;
			},
		);
		return pending.then(respond);
	},
};
