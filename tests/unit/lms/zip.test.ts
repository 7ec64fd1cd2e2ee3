import { describe, expect, it } from "vitest";
import { crc32, zip } from "../../../worker/domain/zip";
import { referenceCrc32, unzip } from "../../fixtures/unzip";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe("crc32", () => {
	it("gives the standard check value for '123456789'", () => {
		expect(crc32(encoder.encode("123456789"))).toBe(0xcbf43926);
	});

	it("agrees with a bit-by-bit reference on varied input", () => {
		const samples = [
			new Uint8Array(0),
			new Uint8Array([0]),
			new Uint8Array([0xff, 0xff, 0xff, 0xff]),
			encoder.encode("김민준 “quotes” 🎉"),
		];
		const ramp = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);
		for (const bytes of [...samples, ramp]) expect(crc32(bytes)).toBe(referenceCrc32(bytes));
	});
});

describe("zip", () => {
	const entries = [
		{ name: "imsmanifest.xml", data: "<manifest/>\n" },
		{ name: "items/질문-1.xml", data: "Korean name, “typographic” text, emoji 🎉" },
		{ name: "empty.txt", data: "" },
		{ name: "bytes.bin", data: new Uint8Array([0, 1, 2, 253, 254, 255]) },
	];

	it("round-trips every entry, in order, through an independent reader that checks CRCs", () => {
		const read = unzip(zip(entries));
		expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
		read.forEach((e, i) => {
			const original = (entries[i] as (typeof entries)[number]).data;
			expect(e.data).toEqual(typeof original === "string" ? encoder.encode(original) : original);
		});
		expect(decoder.decode(read[1]?.data)).toBe("Korean name, “typographic” text, emoji 🎉");
	});

	it("stores entries uncompressed, flags UTF-8 names and needs version 2.0", () => {
		for (const e of unzip(zip(entries))) {
			expect(e.method).toBe(0);
			expect(e.flags).toBe(0x0800);
			expect(e.versionNeeded).toBe(20);
		}
	});

	it("says it was made on Unix, with mode 0644 files (made on MS-DOS, Info-ZIP unzip garbles UTF-8 names)", () => {
		for (const e of unzip(zip(entries))) {
			expect(e.versionMadeBy >> 8).toBe(3);
			expect(e.versionMadeBy & 0xff).toBe(63);
			expect((e.externalAttributes >>> 16).toString(8)).toBe("100644");
		}
	});

	it("writes the names' UTF-8 bytes, not UTF-16 or a lossy encoding", () => {
		const archive = zip([{ name: "é/한.txt", data: "x" }]);
		const nameBytes = encoder.encode("é/한.txt");
		// The local header's name follows its 30 fixed bytes.
		expect(archive.subarray(30, 30 + nameBytes.length)).toEqual(nameBytes);
		expect(new DataView(archive.buffer).getUint16(26, true)).toBe(nameBytes.length);
	});

	it("lays out a single entry exactly: local header, data, central header, end record", () => {
		const archive = zip([{ name: "a.txt", data: "hi" }]);
		const view = new DataView(archive.buffer);
		expect(archive.length).toBe(30 + 5 + 2 + 46 + 5 + 22);
		expect(view.getUint32(0, true)).toBe(0x04034b50);
		expect(decoder.decode(archive.subarray(35, 37))).toBe("hi");
		expect(view.getUint32(37, true)).toBe(0x02014b50);
		const end = archive.length - 22;
		expect(view.getUint32(end, true)).toBe(0x06054b50);
		expect(view.getUint16(end + 10, true)).toBe(1); // entries
		expect(view.getUint32(end + 12, true)).toBe(46 + 5); // central directory size
		expect(view.getUint32(end + 16, true)).toBe(37); // central directory offset
		expect(view.getUint32(14, true)).toBe(crc32(encoder.encode("hi")));
	});

	it("writes an empty archive as just an end record", () => {
		const archive = zip([]);
		expect(archive.length).toBe(22);
		expect(unzip(archive)).toEqual([]);
	});

	it("is deterministic by default (1980-01-01 00:00) and records a given time", () => {
		expect(zip(entries)).toEqual(zip(entries));
		const [dflt] = unzip(zip([{ name: "a", data: "" }]));
		expect(dflt?.date).toBe((0 << 9) | (1 << 5) | 1);
		expect(dflt?.time).toBe(0);
		const [dated] = unzip(zip([{ name: "a", data: "" }], { modified: new Date(2026, 10, 29, 13, 45, 58) }));
		expect(dated?.date).toBe(((2026 - 1980) << 9) | (11 << 5) | 29);
		expect(dated?.time).toBe((13 << 11) | (45 << 5) | 29);
	});

	it("is caught by the reader when a stored byte is corrupted", () => {
		const archive = zip([{ name: "a.txt", data: "hello" }]);
		archive[35] = (archive[35] as number) ^ 0x01;
		expect(() => unzip(archive)).toThrow(/CRC-32/);
	});

	it.each([
		["", /empty/],
		["/etc/passwd", /absolute/],
		["C:/x.txt", /absolute/],
		["a\\b.txt", /uses/],
		["../up.txt", /path segment/],
		["a/./b.txt", /path segment/],
		["a//b.txt", /path segment/],
		["dir/", /path segment/],
	])("refuses the entry name %j", (name, message) => {
		expect(() => zip([{ name, data: "" }])).toThrow(message);
	});

	it("refuses a name used twice", () => {
		expect(() =>
			zip([
				{ name: "a.xml", data: "1" },
				{ name: "a.xml", data: "2" },
			]),
		).toThrow(/used twice/);
	});
});
