import { describe, expect, it } from "vitest";
import { boundedMemo } from "../../worker/lib/memo";

describe("boundedMemo", () => {
	it("works a key out once and hands back the same value after", () => {
		const memo = boundedMemo<{ n: number }>(4);
		let made = 0;
		const first = memo("a", () => ({ n: ++made }));
		expect(memo("a", () => ({ n: ++made }))).toBe(first);
		expect(made).toBe(1);
	});

	it("keeps at most max values, dropping the oldest first", () => {
		const memo = boundedMemo<string>(2);
		const made: string[] = [];
		const get = (key: string) =>
			memo(key, () => {
				made.push(key);
				return key.toUpperCase();
			});
		get("a");
		get("b");
		get("c"); // drops "a"
		get("b");
		get("c");
		expect(made).toEqual(["a", "b", "c"]);
		expect(get("a")).toBe("A"); // worked out again, dropping "b"
		get("c");
		get("b");
		expect(made).toEqual(["a", "b", "c", "a", "b"]);
	});

	it("shares one pending promise between callers, and drops one that rejects", async () => {
		const memo = boundedMemo<Promise<number>>(4);
		let calls = 0;
		const failing = () => {
			calls++;
			return Promise.reject(new Error("render failed"));
		};
		const a = memo("q", failing);
		const b = memo("q", failing);
		expect(b).toBe(a);
		await expect(a).rejects.toThrow("render failed");
		expect(calls).toBe(1);
		const retried = memo("q", () => Promise.resolve(7));
		await expect(retried).resolves.toBe(7);
		expect(memo("q", () => Promise.resolve(8))).toBe(retried);
	});
});
