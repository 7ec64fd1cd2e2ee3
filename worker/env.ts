import type { Database } from "./db/client";

/** The Hono environment shared by the app, every sub-app and every middleware. */
export type AppEnv = {
	Bindings: Env;
	Variables: {
		db: Database;
		/** Per-response nonce for inline scripts and styles, set by the security middleware. */
		nonce: string;
	};
};
