/** What every HTML error page says: what went wrong in one sentence, and a way back. */
export function ErrorBody(props: { detail: string; home: { href: string; label: string } }) {
	return (
		<>
			<div class="alert" role="alert">
				<p>{props.detail}</p>
			</div>
			<p>
				<a href={props.home.href}>{props.home.label}</a>
			</p>
		</>
	);
}
