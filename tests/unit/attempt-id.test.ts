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

	it("are laid out byte for byte as RFC 9562 writes a UUID: 8-4-4-4-12 lower-case hex digits", () => {
		// The layout as it was first written, hex by Array.from and padStart.
		const reference = (t: number, nonce: number, mac: Uint8Array) => {
			const bytes = new Uint8Array(16);
			for (let i = 5, v = t; i >= 0; i--, v = Math.floor(v / 256)) bytes[i] = v % 256;
			bytes[6] = 0x70 | ((nonce >>> 22) & 0x0f);
			bytes[7] = (nonce >>> 14) & 0xff;
			bytes[8] = 0x80 | ((nonce >>> 8) & 0x3f);
			bytes[9] = nonce & 0xff;
			bytes.set(mac.subarray(0, 6), 10);
			const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
		};
		expect(assembleAttemptId(0x0190e1c2a3b4, 0x2a5b3c1, Uint8Array.of(0, 1, 0xab, 0xcd, 0xef, 0xff))).toBe(
			"0190e1c2-a3b4-7a96-b3c1-0001abcdefff",
		);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 47 }),
				fc.integer({ min: 0, max: 2 ** 26 - 1 }),
				fc.uint8Array({ minLength: 6, maxLength: 6 }),
				(t, nonce, mac) => {
					expect(assembleAttemptId(t, nonce, mac)).toBe(reference(t, nonce, mac));
				},
			),
			{ numRuns: 500 },
		);
	});
});
