/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3.x): every entry is stored, not compressed.
 *
 * Why our own: the LMS export needs only a handful of small XML files packed synchronously, and
 * stored entries need nothing beyond a CRC-32, so a few dozen lines keep the Worker bundle free
 * of a compression library. The format written is the plain one every reader understands: one
 * local file header before each entry's bytes, then the central directory, then the end of
 * central directory record; no data descriptors, no ZIP64, no encryption.
 *
 * Pure module: standard JS / Web APIs only, so it runs inside workerd.
 */

/** One file to put in an archive. */
export interface ZipEntry {
	/** Path inside the archive: relative, "/" between folders (e.g. "items/q1.xml"). */
	name: string;
	/** The file's bytes, or text (written as UTF-8). */
	data: Uint8Array | string;
}

export interface ZipOptions {
	/**
	 * Modification time recorded for every entry (local time fields, two-second resolution).
	 * Defaults to 1980-01-01 00:00, the earliest DOS date, so that the same input always gives
	 * the same bytes.
	 */
	modified?: Date;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** "Version needed to extract": 2.0, the baseline every reader supports. */
const VERSION_NEEDED = 20;
/**
 * "Version made by": Unix (3) in the high byte, APPNOTE 6.3 (the version that defines the UTF-8
 * flag) in the low byte. Made by MS-DOS, Info-ZIP's unzip would convert the names from the DOS
 * code page whatever the UTF-8 flag says, and garble every non-ASCII name.
 */
const VERSION_MADE_BY = (3 << 8) | 63;
/** External attributes for a Unix host: a regular file, mode 0644 (rw-r--r--), so extracted files are readable. */
const UNIX_FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** General purpose bit 11: file names (and comments) are UTF-8. */
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_RECORD_SIZE = 22;
/** Without ZIP64 every size and offset is a 32-bit field and the entry count a 16-bit one. */
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

const CRC_TABLE = buildCrcTable();

/** The CRC-32 table for the reflected polynomial 0xEDB88320 (the one ZIP, PNG and gzip use). */
function buildCrcTable(): Uint32Array {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
}

/** CRC-32 of some bytes, as ZIP records it (an unsigned 32-bit number). */
export function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Packs entries into a ZIP archive, in the order given. Throws on a name a careful reader would
 * refuse or misplace (empty, absolute, "..", backslashes, repeated) and on archives too big
 * for the classic format, rather than write something that unpacks wrongly.
 */
export function zip(entries: readonly ZipEntry[], options: ZipOptions = {}): Uint8Array<ArrayBuffer> {
	if (entries.length > MAX_ENTRIES) throw new RangeError(`A ZIP without ZIP64 holds at most ${MAX_ENTRIES} entries`);
	const encoder = new TextEncoder();
	const { time, date } = dosDateTime(options.modified ?? new Date(1980, 0, 1));
	const seen = new Set<string>();
	const files = entries.map((entry) => {
		checkName(entry.name, seen);
		const name = encoder.encode(entry.name);
		const data = typeof entry.data === "string" ? encoder.encode(entry.data) : entry.data;
		return { name, data, crc: crc32(data) };
	});

	const localSize = files.reduce((sum, f) => sum + LOCAL_HEADER_SIZE + f.name.length + f.data.length, 0);
	const centralSize = files.reduce((sum, f) => sum + CENTRAL_HEADER_SIZE + f.name.length, 0);
	if (localSize + centralSize + END_RECORD_SIZE > MAX_UINT32) throw new RangeError("A ZIP without ZIP64 is limited to 4 GiB");

	const out = new Uint8Array(localSize + centralSize + END_RECORD_SIZE);
	const view = new DataView(out.buffer);
	let at = 0;
	const offsets: number[] = [];
	for (const f of files) {
		offsets.push(at);
		view.setUint32(at, LOCAL_HEADER, true);
		writeEntryFields(view, at + 4, f, time, date);
		view.setUint16(at + 28, 0, true); // extra field length
		out.set(f.name, at + LOCAL_HEADER_SIZE);
		out.set(f.data, at + LOCAL_HEADER_SIZE + f.name.length);
		at += LOCAL_HEADER_SIZE + f.name.length + f.data.length;
	}

	const centralStart = at;
	files.forEach((f, i) => {
		view.setUint32(at, CENTRAL_HEADER, true);
		view.setUint16(at + 4, VERSION_MADE_BY, true);
		writeEntryFields(view, at + 6, f, time, date);
		// Extra field length, comment length, disk number and internal attributes stay zero.
		view.setUint32(at + 38, UNIX_FILE_ATTRIBUTES, true);
		view.setUint32(at + 42, offsets[i] as number, true);
		out.set(f.name, at + CENTRAL_HEADER_SIZE);
		at += CENTRAL_HEADER_SIZE + f.name.length;
	});

	view.setUint32(at, END_OF_CENTRAL_DIRECTORY, true);
	// Disk numbers (this disk, disk with the directory) stay zero: a single-file archive.
	view.setUint16(at + 8, files.length, true);
	view.setUint16(at + 10, files.length, true);
	view.setUint32(at + 12, at - centralStart, true);
	view.setUint32(at + 16, centralStart, true);
	// Comment length: zero.
	return out;
}

/**
 * The fields a local header and its central-directory entry share, in the same order: version
 * needed, flags, method, time, date, CRC-32, compressed and uncompressed size (equal: stored),
 * name length. They start at offset 4 of a local header and 6 of a central one.
 */
function writeEntryFields(view: DataView, at: number, f: { crc: number; data: Uint8Array; name: Uint8Array }, time: number, date: number) {
	view.setUint16(at, VERSION_NEEDED, true);
	view.setUint16(at + 2, FLAG_UTF8, true);
	view.setUint16(at + 4, METHOD_STORED, true);
	view.setUint16(at + 6, time, true);
	view.setUint16(at + 8, date, true);
	view.setUint32(at + 10, f.crc, true);
	view.setUint32(at + 14, f.data.length, true);
	view.setUint32(at + 18, f.data.length, true);
	view.setUint16(at + 22, f.name.length, true);
}

/** Rejects names that would unpack outside the target folder, clash, or mean different paths to different tools. */
function checkName(name: string, seen: Set<string>): void {
	const problem = nameProblem(name) ?? (seen.has(name) ? "is used twice" : null);
	if (problem) throw new RangeError(`ZIP entry name ${JSON.stringify(name)} ${problem}`);
	seen.add(name);
}

function nameProblem(name: string): string | null {
	if (name === "") return "is empty";
	if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "is absolute";
	if (name.includes("\\")) return 'uses "\\"; ZIP paths use "/"';
	if (name.split("/").some((part) => part === ".." || part === "." || part === "")) return 'has an empty, "." or ".." path segment';
	return null;
}

/** MS-DOS time and date fields (local time, as readers show them); the format covers 1980 to 2107 and clamps outside it. */
function dosDateTime(d: Date): { time: number; date: number } {
	if (d.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
	if (d.getFullYear() > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
	const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
	const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
	return { time, date };
}
