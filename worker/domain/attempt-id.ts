/**
 * Attempt ids. The server hands out a UUIDv7 with the quiz: its first 48 bits are the server's
 * clock when the quiz was handed out, which becomes the attempt's started_at. An id made by a
 * client (any other UUID, or a v7 from the future or older than a day) gives no start time:
 * durations come from server time or not at all.
 */
export function newAttemptId(now = Date.now()): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let t = now;
	for (let i = 5; i >= 0; i--) {
		bytes[i] = t % 256;
		t = Math.floor(t / 256);
	}
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const MAX_ATTEMPT_AGE_MS = 24 * 60 * 60 * 1000;

export function startedAtFromAttemptId(id: string, now: Date): Date | null {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) return null;
	const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
	const age = now.getTime() - ms;
	return age >= 0 && age <= MAX_ATTEMPT_AGE_MS ? new Date(ms) : null;
}
