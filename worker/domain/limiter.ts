/** A brake a service consults before an action that can be abused (a class-code lookup, say); the HTTP layer supplies it per client. */
export interface Limiter {
	/** Counts one action; false when this client has done too many. */
	allow(): Promise<boolean>;
}

/** A limiter that never says no: for tools and tests that stand in for a trusted caller. */
export const unlimited: Limiter = { allow: async () => true };
