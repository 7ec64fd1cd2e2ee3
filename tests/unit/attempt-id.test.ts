import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assembleAttemptId, isIssuedAttemptId, newAttemptId, startedAtFromIssuedId } from "../../worker/domain/attempt-id";

const secrets = { current: "unit-attempt-secret-0123456789abcdef-0123" };
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("attempt ids", () => {
	it("are UUIDv7 carrying the server's time, signed with its secret", async () => {
		const t = Date.UTC(2026, 10, 28, 9, 30);
		const id = await newAttemptId(secrets.current, t);
		expect(id).toMatch(UUID_V7);
		expect(await isIssuedAttemptId(id, secrets)).toBe(true);
		expect(startedAtFromIssuedId(id, new Date(t + 60_000))?.getTime()).toBe(t);
		expect(await newAttemptId(secrets.current, t)).not.toBe(id);
	});

	it("give no start time from the future or older than a day", async () => {
		const t = Date.UTC(2026, 10, 28);
		expect(startedAtFromIssuedId(await newAttemptId(secrets.current, t + 1000), new Date(t))).toBeNull();
		expect(startedAtFromIssuedId(await newAttemptId(secrets.current, t - 25 * 3600_000), new Date(t))).toBeNull();
	});

	it("finding 3: the nil UUID, the max UUID, other versions and forged v7 ids are refused", async () => {
		for (const id of ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", crypto.randomUUID()]) {
			expect(await isIssuedAttemptId(id, secrets)).toBe(false);
		}
		// A v7 with a chosen time and any MAC bits: forged.
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 2 ** 47 }),
				fc.integer({ min: 0, max: 2 ** 26 - 1 }),
				fc.uint8Array({ minLength: 6, maxLength: 6 }),
				async (t, nonce, mac) => {
					expect(await isIssuedAttemptId(assembleAttemptId(t, nonce, mac), secrets)).toBe(false);
				},
			),
			{ numRuns: 200 },
		);
		// Another server's secret, or one changed bit: refused.
		const other = await newAttemptId("another-secret-0123456789abcdef-0123456789");
		expect(await isIssuedAttemptId(other, secrets)).toBe(false);
		const id = await newAttemptId(secrets.current);
		const flipped = `${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`;
		expect(await isIssuedAttemptId(flipped, secrets)).toBe(false);
	});

	it("finding 3: rotation accepts ids signed with the previous secret while it is set, and only then", async () => {
		const old = await newAttemptId(secrets.current);
		const rotated = { current: "rotated-attempt-secret-0123456789abcdef-01", previous: secrets.current };
		expect(await isIssuedAttemptId(old, rotated)).toBe(true);
		expect(await isIssuedAttemptId(await newAttemptId(rotated.current), rotated)).toBe(true);
		expect(await isIssuedAttemptId(old, { current: rotated.current })).toBe(false);
	});
});
