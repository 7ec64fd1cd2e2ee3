/**
 * Short-answer matching.
 *
 * An answer and each accepted form are normalised: Unicode compatibility decomposition (NFKD),
 * diacritics removed, lower-cased, every run of punctuation or spacing turned into one space,
 * trimmed. The answer is right when its normalised form equals an accepted one, also when both
 * are compared with the spaces taken out ("Hwasong15" = "Hwasong 15"), or, for answers of six
 * letters or more, when they are one edit apart (one letter added, removed, changed, or two
 * neighbours swapped) and their digits are the same: a typo is forgiven, a different number
 * ("Hwasong-14") is not.
 */
export function normaliseAnswer(text: string): string {
	return text
		.normalize("NFKD")
		.replace(/\p{M}+/gu, "")
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim();
}

/** Letters and digits in a normalised answer (spaces do not count towards the typo threshold). */
function letterCount(normalised: string): number {
	return normalised.replace(/ /g, "").length;
}

export const TYPO_MIN_LETTERS = 6;

function digits(normalised: string): string {
	return normalised.replace(/\P{N}+/gu, "");
}

export function matchesShortAnswer(given: string, accepted: readonly string[]): boolean {
	const answer = normaliseAnswer(given);
	if (answer === "") return false;
	const compact = answer.replace(/ /g, "");
	for (const form of accepted) {
		const target = normaliseAnswer(form);
		if (target === "") continue;
		const targetCompact = target.replace(/ /g, "");
		if (answer === target || compact === targetCompact) return true;
		const typoAllowed =
			letterCount(answer) >= TYPO_MIN_LETTERS && letterCount(target) >= TYPO_MIN_LETTERS && digits(answer) === digits(target);
		if (typoAllowed && withinOneEdit(compact, targetCompact)) {
			return true;
		}
	}
	return false;
}

/** True when a and b are equal or one insertion, deletion, substitution or adjacent transposition apart. */
export function withinOneEdit(a: string, b: string): boolean {
	const x = [...a];
	const y = [...b];
	if (Math.abs(x.length - y.length) > 1) return false;
	let i = 0;
	while (i < x.length && i < y.length && x[i] === y[i]) i++;
	if (i === x.length && i === y.length) return true;
	const rest = (p: number, q: number) => x.slice(p).join("") === y.slice(q).join("");
	if (x.length === y.length) {
		if (rest(i + 1, i + 1)) return true; // substitution
		return x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2); // transposition
	}
	return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1); // deletion / insertion
}
