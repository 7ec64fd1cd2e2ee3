/**
 * One UTF-8 body put together from pieces: those that never change encoded once (`utf8`, kept by
 * the caller), and a request's own text encoded as it is added. Sending the bytes spares the
 * runtime from flattening a string of hundreds of pieces and encoding all of it again per request.
 */
import { concatBytes } from "./bytes";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A string's UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** UTF-8 bytes as a string. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

export class Utf8Builder {
	#chunks: Uint8Array[] = [];
	#length = 0;

	/** Adds bytes already encoded. */
	bytes(chunk: Uint8Array): this {
		this.#chunks.push(chunk);
		this.#length += chunk.length;
		return this;
	}

	/** Adds text, encoded now. */
	text(text: string): this {
		return text === "" ? this : this.bytes(utf8(text));
	}

	/** Everything added, in order, as one array. */
	finish(): Uint8Array<ArrayBuffer> {
		return concatBytes(this.#chunks, this.#length);
	}
}
