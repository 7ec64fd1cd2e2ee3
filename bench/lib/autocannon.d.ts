/** The part of autocannon 9's API the bench uses (the package ships no types). */
declare module "autocannon" {
	namespace autocannon {
		interface Request {
			method?: string;
			path?: string;
			headers?: Record<string, string>;
			body?: string;
			setupRequest?: (req: Request) => Request;
		}
		interface Options {
			url: string;
			connections?: number;
			duration?: number;
			timeout?: number;
			requests?: Request[];
		}
		interface Histogram {
			p50: number;
			p99: number;
			average: number;
			total: number;
		}
		interface Result {
			requests: Histogram;
			latency: Histogram;
			duration: number;
			non2xx: number;
			errors: number;
			timeouts: number;
		}
	}
	function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
	export default autocannon;
}
