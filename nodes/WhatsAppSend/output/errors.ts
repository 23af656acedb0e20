/** Longest value an error message repeats: a 100 KB recipient must not make a 200 KB error. */
const MAX_QUOTED = 80;
/** Longest error message the node raises, whatever went into it. */
const MAX_MESSAGE = 1000;

/** A value as an error message repeats it: quoted, and cut to a readable length saying how long it was. */
export function quoteValue(value: unknown): string {
	const text = typeof value === 'string' ? value : String(value);
	if (text.length <= MAX_QUOTED) return `"${text}"`;
	return `"${text.slice(0, MAX_QUOTED)}…" (${text.length} characters)`;
}

/** Unquoted, cut the same way: for values that read better without quotes (digits, names). */
export function shortValue(value: string): string {
	return value.length <= MAX_QUOTED
		? value
		: `${value.slice(0, MAX_QUOTED)}… (${value.length} characters)`;
}

/** Cuts text that has grown beyond what a person reads, e.g. a message built from a provider's answer. */
export function cutText(text: string, max = MAX_MESSAGE): string {
	return text.length <= max ? text : `${text.slice(0, max)}… (cut, ${text.length} characters)`;
}

/**
 * A refusal of the node's own, raised before anything is sent: which parameter, what is wrong with it,
 * and what would be valid. Turned into a NodeOperationError carrying the item index by `toNodeError`.
 * `hint` says what to do when "valid" alone does not (e.g. raise the Timeout option).
 */
export class InputError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
		readonly valid?: string,
		readonly hint?: string,
	) {
		super(`${parameter}: ${problem}`);
	}
}

/**
 * The credential or the node's settings cannot make a valid request (or, for an option, cannot work) (an unusable Base URL, an API Key
 * Header that is not a header name): nothing can be sent for any item, and nothing was.
 */
export class ConfigurationError extends Error {
	constructor(
		readonly setting: string,
		readonly problem: string,
		readonly hint: string,
		/** False for a setting of the node itself (an option), true for one of the credential. */
		readonly ofCredential = true,
	) {
		super(`${setting} ${problem}`);
	}
}

/** A list search that cannot run as the editor stands (no Channel chosen yet): what to do instead. */
export class ListSearchRefusal extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}
