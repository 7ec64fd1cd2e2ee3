/** Each byte's two lower-case hex digits. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
	let out = "";
	for (const b of bytes) out += HEX[b] ?? "";
	return out;
}

/** Hex SHA-256 of a string's UTF-8 bytes (Web Crypto: runs in workerd and in Node). */
export async function sha256Hex(text: string): Promise<string> {
	return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
