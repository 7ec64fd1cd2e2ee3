/**
 * Attempt ids, issued by the server and impossible to forge without its secret (ATTEMPT_SECRET).
 *
 * An id is a UUIDv7 (RFC 9562): its first 48 bits are the server's clock when the quiz was handed
 * out, which becomes the attempt's started_at. Of its 74 random bits, 26 are a random nonce and 48
 * are the first 48 bits of HMAC-SHA-256(secret, timestamp ‖ nonce). A client cannot make an id the
 * server accepts, so neither the nil UUID, nor the max UUID, nor a UUID of another version, nor a
 * v7 with a chosen time is ever stored: `verifyAttemptId` refuses them all.
 *
 * Rotation: the server signs with ATTEMPT_SECRET and also accepts ids signed with
 * ATTEMPT_SECRET_PREVIOUS while it is set (docs/security.md, "Rotating ATTEMPT_SECRET").
 *
 * Pure (Web Crypto only): the load tools sign ids for their local server with the very same layout.
 */

import { toHex } from "../lib/hash";

/** The secrets that sign and verify attempt ids: the current one, and the one before it during a rotation. */
export interface AttemptSecrets {
	current: string;
	previous?: string | undefined;
}

/** Shortest secret accepted: 32 characters. */
export const MIN_SECRET_LENGTH = 32;

/** An issued id gives its start time for a day; an older one is still accepted (the offline queue) but gives no duration. */
export const MAX_ATTEMPT_AGE_MS = 24 * 60 * 60 * 1000;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NONCE_BITS = 26;
const MAC_BYTES = 6;

/** The secrets from the Worker's environment; an unset or short ATTEMPT_SECRET is a configuration error. */
export function attemptSecrets(vars: {
	ATTEMPT_SECRET?: string | undefined;
	ATTEMPT_SECRET_PREVIOUS?: string | undefined;
}): AttemptSecrets {
	const current = vars.ATTEMPT_SECRET ?? "";
	if (current.length < MIN_SECRET_LENGTH) throw new Error(`ATTEMPT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
	const previous = vars.ATTEMPT_SECRET_PREVIOUS;
	return { current, previous: previous && previous.length >= MIN_SECRET_LENGTH ? previous : undefined };
}

/** What the MAC covers: the 6 timestamp bytes and the 4 nonce bytes (big-endian). */
export function macInput(timestampMs: number, nonce: number): Uint8Array {
	const out = new Uint8Array(10);
	let t = timestampMs;
	for (let i = 5; i >= 0; i--) {
		out[i] = t % 256;
		t = Math.floor(t / 256);
	}
	new DataView(out.buffer).setUint32(6, nonce >>> 0);
	return out;
}

/** Lays out a UUIDv7 from its timestamp, its 26-bit nonce and (at least) the first 6 bytes of its MAC. */
export function assembleAttemptId(timestampMs: number, nonce: number, mac: Uint8Array): string {
	const bytes = new Uint8Array(16);
	bytes.set(macInput(timestampMs, 0).subarray(0, 6), 0);
	// rand_a (12 bits): nonce bits 25..14; rand_b (62 bits): nonce bits 13..0, then the 48 MAC bits.
	const n = nonce & ((1 << NONCE_BITS) - 1);
	bytes[6] = 0x70 | ((n >>> 22) & 0x0f);
	bytes[7] = (n >>> 14) & 0xff;
	bytes[8] = 0x80 | ((n >>> 8) & 0x3f);
	bytes[9] = n & 0xff;
	bytes.set(mac.subarray(0, MAC_BYTES), 10);
	const hex = toHex(bytes);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The parts of a well-formed UUIDv7: its timestamp, nonce and MAC bytes; null for anything else. */
function parse(id: string): { timestampMs: number; nonce: number; mac: Uint8Array } | null {
	if (!UUID_V7.test(id)) return null;
	const hex = id.replaceAll("-", "");
	const bytes = Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
	const timestampMs = Number.parseInt(hex.slice(0, 12), 16);
	const b = (i: number) => bytes[i] ?? 0;
	const nonce = ((b(6) & 0x0f) << 22) | (b(7) << 14) | ((b(8) & 0x3f) << 8) | b(9);
	return { timestampMs, nonce, mac: bytes.subarray(10) };
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
	let key = keys.get(secret);
	if (!key) {
		key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		keys.set(secret, key);
	}
	return key;
}

async function mac(secret: string, timestampMs: number, nonce: number): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), macInput(timestampMs, nonce) as Uint8Array<ArrayBuffer>));
}

/** A fresh attempt id signed with `secret`, stamped with the server's time `now`. */
export async function newAttemptId(secret: string, now = Date.now()): Promise<string> {
	const nonce = (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) & ((1 << NONCE_BITS) - 1);
	return assembleAttemptId(now, nonce, await mac(secret, now, nonce));
}

/** Whether the server issued `id` (under the current or the previous secret), compared in constant time. */
export async function isIssuedAttemptId(id: string, secrets: AttemptSecrets): Promise<boolean> {
	const parts = parse(id);
	if (!parts) return false;
	for (const secret of [secrets.current, secrets.previous]) {
		if (!secret) continue;
		const expected = await mac(secret, parts.timestampMs, parts.nonce);
		let diff = 0;
		for (let i = 0; i < MAC_BYTES; i++) diff |= (expected[i] ?? 0) ^ (parts.mac[i] ?? 0);
		if (diff === 0) return true;
	}
	return false;
}

/**
 * The start time an issued id carries, when it is neither in the future nor older than a day; null
 * otherwise. Only call this for an id `isIssuedAttemptId` accepted: a client's id never gives a time.
 */
export function startedAtFromIssuedId(id: string, now: Date): Date | null {
	const parts = parse(id);
	if (!parts) return null;
	const age = now.getTime() - parts.timestampMs;
	return age >= 0 && age <= MAX_ATTEMPT_AGE_MS ? new Date(parts.timestampMs) : null;
}
