import type { Child } from "hono/jsx";

/** A field's label with a note after it in the lighter "optional" style: `Source (optional)`. */
export function noted(label: string, note = "optional"): Child {
	return (
		<>
			{label} <span class="optional">({note})</span>
		</>
	);
}

/** A text field with a real label, an optional hint and an error tied to it for screen readers. */
export function TextField(props: {
	id: string;
	label: Child;
	value: string;
	maxlength: number;
	hint?: string;
	error?: string | undefined;
	extra?: Record<string, string | boolean>;
}) {
	const { id, label, value, maxlength, hint, error, extra } = props;
	const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
	return (
		<div class="field">
			<label for={id}>{label}</label>
			<input
				id={id}
				name={id}
				type="text"
				value={value}
				maxlength={maxlength}
				autocomplete="off"
				aria-invalid={error ? "true" : undefined}
				aria-describedby={describedBy || undefined}
				{...extra}
			/>
			{hint ? (
				<p id={`${id}-hint`} class="hint">
					{hint}
				</p>
			) : null}
			{error ? (
				<p id={`${id}-error`} class="error">
					{error}
				</p>
			) : null}
		</div>
	);
}

/** Name and class code, as on the join page and on a quiz opened without joining. */
export function NameAndClassFields(props: {
	name: string;
	classCode: string;
	nameError?: string | undefined;
	classError?: string | undefined;
}) {
	return (
		<>
			<TextField id="studentName" label="Your name" value={props.name} maxlength={60} error={props.nameError} extra={{ required: true }} />
			<TextField
				id="classCode"
				label={noted("Class code")}
				value={props.classCode}
				maxlength={32}
				hint="The six letters your teacher gave you, if any."
				error={props.classError}
				extra={{ autocapitalize: "characters", spellcheck: "false" }}
			/>
		</>
	);
}

/** The list of what to fix, announced at once (role="alert"). */
export function ErrorSummary({ heading, messages, children }: { heading: string; messages: string[]; children?: Child }) {
	if (messages.length === 0) return null;
	return (
		<div class="alert" role="alert">
			<h2>{heading}</h2>
			<ul>
				{messages.map((m) => (
					<li>{m}</li>
				))}
			</ul>
			{children}
		</div>
	);
}
