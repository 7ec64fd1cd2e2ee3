import { describe, expect, it } from "vitest";
import { newAttemptId, startedAtFromAttemptId } from "../../worker/domain/attempt-id";

describe("attempt ids", () => {
	it("are UUIDv7 carrying the server's time", () => {
		const t = Date.UTC(2026, 10, 28, 9, 30);
		const id = newAttemptId(t);
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(startedAtFromAttemptId(id, new Date(t + 60_000))?.getTime()).toBe(t);
		expect(newAttemptId(t)).not.toBe(id);
	});

	it("give no start time when made by a client, from the future, or older than a day", () => {
		const t = Date.UTC(2026, 10, 28);
		expect(startedAtFromAttemptId(crypto.randomUUID(), new Date(t))).toBeNull();
		expect(startedAtFromAttemptId(newAttemptId(t + 1000), new Date(t))).toBeNull();
		expect(startedAtFromAttemptId(newAttemptId(t - 25 * 3600_000), new Date(t))).toBeNull();
	});
});
