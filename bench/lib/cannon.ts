/**
 * The load generator, run as its own process (pinned to another core than the server by
 * bench/run.ts): one autocannon run described by a JSON argument, its summary printed as JSON.
 * POST bodies are generated per request (a fresh attempt id each); GETs of attempts pick one of
 * the given ids per request.
 */
import autocannon from "autocannon";
import { issuedAttemptId, studentAddress } from "../../scripts/lib/submissions";

export interface CannonJob {
	url: string;
	method: "GET" | "POST";
	path: string;
	connections: number;
	seconds: number;
	/** POST: a submission template; attemptId is replaced by a new issued id in every request. */
	body?: object;
	/** GET: path template with ":id", filled with one of these per request. */
	ids?: string[];
}

export interface CannonResult {
	requests: number;
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
	timeouts: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as CannonJob;
if (!new URL(job.url).hostname.startsWith("127.0.0.1")) throw new Error("bench traffic goes to 127.0.0.1 only");

let n = 0;
const request: autocannon.Request = { method: job.method, path: job.path };
if (job.body) {
	const template = job.body;
	request.headers = { "content-type": "application/json" };
	// Each request a fresh student: a new server-issued id from their own address, as a class of phones sends them
	// (one client sending thousands of practice attempts would be refused by the practice limiter).
	request.setupRequest = (req) => {
		const attemptId = issuedAttemptId();
		return { ...req, headers: { ...req.headers, ...studentAddress(attemptId) }, body: JSON.stringify({ ...template, attemptId }) };
	};
} else if (job.ids && job.ids.length > 0) {
	const ids = job.ids;
	request.setupRequest = (req) => ({ ...req, path: job.path.replace(":id", ids[n++ % ids.length] as string) });
}

const result = await autocannon({
	url: job.url,
	connections: job.connections,
	duration: job.seconds,
	requests: [request],
	timeout: 30,
});
const out: CannonResult = {
	requests: result.requests.total,
	rps: result.requests.total / (result.duration || job.seconds),
	p50: result.latency.p50,
	p99: result.latency.p99,
	non2xx: result.non2xx,
	errors: result.errors,
	timeouts: result.timeouts,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
