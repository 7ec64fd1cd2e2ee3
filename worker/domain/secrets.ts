/**
 * Credentials: random tokens with a prefix that says what they are, their SHA-256 hashes (what is
 * stored), constant-time comparison, join codes and personal codes. Pure (Web Crypto only): no Hono, no D1, so
 * the operator's CLI uses the very same functions.
 */
import { sha256Hex } from "../lib/hash";

/** The prefixes of our secrets: a teacher's API token, a dashboard session, an export link. */
export const SECRET_PREFIX = { teacherToken: "qlt", session: "qls", exportLink: "qle" } as const;

/** 32 random bytes (256 bits) from crypto.getRandomValues, base64url, with a prefix saying what it is. */
export function newSecret(prefix: string): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	const b64 = btoa(String.fromCharCode(...bytes))
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
	return `${prefix}_${b64}`;
}

/** Hex SHA-256 of a secret: what is stored and looked up, never the secret itself. */
export async function hashSecret(secret: string): Promise<string> {
	return sha256Hex(secret);
}

/**
 * Compares two strings in time that depends only on their (fixed) digest length: both are hashed
 * first, then the digests are compared with a loop that never exits early.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
	const enc = new TextEncoder();
	const [x, y] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
	const xa = new Uint8Array(x);
	const ya = new Uint8Array(y);
	let diff = 0;
	for (let i = 0; i < xa.length; i++) diff |= (xa[i] ?? 0) ^ (ya[i] ?? 0);
	return diff === 0;
}

/** Six characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B): what students type. */
export const JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const JOIN_CODE_LENGTH = 6;
/** A roster student's personal code: the join codes' alphabet, two characters longer (~37 bits), so the two never collide. */
export const PERSONAL_CODE_LENGTH = 8;

/** `length` characters of the join codes' alphabet, uniformly random (rejection sampling, so no letter is favoured). */
function randomCode(length: number): string {
	const n = JOIN_CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let out = "";
	while (out.length < length) {
		for (const b of crypto.getRandomValues(new Uint8Array(16))) {
			if (b < limit && out.length < length) out += JOIN_CODE_ALPHABET[b % n];
		}
	}
	return out;
}

/** A uniformly random join code. */
export function newJoinCode(): string {
	return randomCode(JOIN_CODE_LENGTH);
}

/** A uniformly random personal code (roster_students.code). */
export function newPersonalCode(): string {
	return randomCode(PERSONAL_CODE_LENGTH);
}

const PERSONAL_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${PERSONAL_CODE_LENGTH}}$`);

/**
 * Whether a code (normalised as students' codes are: upper case, no spaces or dashes) has the form of
 * a personal code. Form only: whether it is someone's is for the database to say.
 */
export function isPersonalCode(code: string | null | undefined): code is string {
	return typeof code === "string" && PERSONAL_CODE.test(code);
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * An id nobody can guess, safe in URLs and in quiz-file slugs: the prefix, a dash, then 130 random
 * bits as 26 lower-case base-32 characters. Teachers' quizzes get one, so a quiz link is not a
 * counter another class could walk.
 */
export function newPublicId(prefix: string): string {
	const bytes = crypto.getRandomValues(new Uint8Array(26));
	let out = "";
	for (const b of bytes) out += BASE32[b & 31];
	return `${prefix}-${out}`;
}
