/**
 * The one Node.js module the Worker uses, as workerd provides it with nodejs_compat (on by default
 * from our compatibility date): AsyncLocalStorage, to know which request a D1 query belongs to
 * (db/session.ts). Declared here rather than pulling every Node.js type into the Worker's build.
 */
declare module "node:async_hooks" {
	export class AsyncLocalStorage<T> {
		run<R>(store: T, fn: () => R): R;
		getStore(): T | undefined;
	}
}
