/** A brake a service consults before an action that can be abused (a class-code lookup, say); the HTTP layer supplies it per client. */
export interface Limiter {
	/** Counts one action; false when this client has done too many. */
	allow(): Promise<boolean>;
}
