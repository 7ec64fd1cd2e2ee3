/**
 * A small XML writer for the QTI export: elements built as values, text escaped by construction.
 *
 * Why a builder rather than template strings: quiz text comes from teachers and article sources,
 * so every string must be escaped, and the easiest way never to forget is to make "a string"
 * mean "text" everywhere. Only values made by `el` are inserted as markup.
 *
 * Pure module: standard JS only, so it runs inside workerd.
 */

/** An element made by `el`. Plain strings are never markup. */
export interface Xml {
	readonly name: string;
	readonly attrs: string;
	readonly children: readonly XmlChild[];
}

export type XmlChild = Xml | string;
export type XmlAttrs = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Whether XML 1.0 allows a code point (its Char production): tab, line feed, carriage return,
 * and U+0020 upwards except surrogates and the non-characters U+FFFE and U+FFFF.
 */
function isXmlChar(cp: number): boolean {
	return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

/**
 * Replaces what XML cannot carry, not even as a character reference (other control characters,
 * lone surrogates), with U+FFFD, so that one stray character cannot make a whole file unreadable.
 */
export function xmlSafe(text: string): string {
	let out = "";
	// Iterating a string yields code points, and a lone surrogate on its own.
	for (const ch of text) out += isXmlChar(ch.codePointAt(0) as number) ? ch : "\uFFFD";
	return out;
}

/**
 * Escapes text content. `>` is escaped too, so "]]>" can never appear. Line breaks become
 * character references: a parser would turn a raw CR into LF, and keeping the markup free of
 * line breaks inside text lets `el` indent structure without touching any content.
 */
export function escapeText(text: string): string {
	return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;");
}

/** Escapes an attribute value (double-quoted). Tabs become references too, or attribute normalisation would turn them into spaces. */
export function escapeAttr(value: string): string {
	return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;");
}

/** Element names and attribute names we write are fixed identifiers; check them anyway so a typo cannot produce broken markup. */
const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;

/** Builds an element. Attributes whose value is undefined are left out. String children are text. */
export function el(name: string, attrs: XmlAttrs = {}, children: readonly XmlChild[] = []): Xml {
	if (!NAME.test(name)) throw new Error(`Not an XML name: ${name}`);
	let written = "";
	for (const [key, value] of Object.entries(attrs)) {
		if (value === undefined) continue;
		if (!NAME.test(key)) throw new Error(`Not an XML attribute name: ${key}`);
		written += ` ${key}="${escapeAttr(String(value))}"`;
	}
	return { name, attrs: written, children };
}

/**
 * Writes an element. One holding only elements gets one child per line, indented with tabs;
 * one holding text is written on a single line with everything inside it, since whitespace
 * added there would become part of the content.
 */
function render(node: Xml, depth: number, inline: boolean): string {
	const open = `<${node.name}${node.attrs}`;
	if (node.children.length === 0) return `${open}/>`;
	const mixed = inline || node.children.some((c) => typeof c === "string");
	const inner = node.children.map((c) => (typeof c === "string" ? escapeText(c) : render(c, depth + 1, mixed)));
	if (mixed) return `${open}>${inner.join("")}</${node.name}>`;
	const pad = "\t".repeat(depth + 1);
	return `${open}>\n${inner.map((m) => pad + m).join("\n")}\n${"\t".repeat(depth)}</${node.name}>`;
}

/** A whole document: XML declaration (UTF-8) and the root element, ending with a newline. */
export function xmlDocument(root: Xml): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, 0, false)}\n`;
}
