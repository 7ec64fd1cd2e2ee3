/** A paragraph with the quote found at `at` in it marked (<mark>): every part is text, so escaped like the rest. */
export function QuoteInParagraph({ text, quote, at }: { text: string; quote: string; at: number }) {
	return (
		<p>
			{text.slice(0, at)}
			<mark>{quote}</mark>
			{text.slice(at + quote.length)}
		</p>
	);
}
