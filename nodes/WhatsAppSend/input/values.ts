import type { IDataObject } from 'n8n-workflow';

import { InputError, quoteValue } from '../output/errors';
import type { Read } from './parameters';

// Reading one parameter's value the way the node and every provider's reader do: as text, as a list,
// from a resource locator, as a positive number, or the Options collection as a whole.

const TEXT_VALUES =
	'text, a number or true/false — to send one field of an object, name it in the expression (e.g. {{ $json.customer.name }}); ' +
	'to send a list as text, join it (e.g. {{ $json.items.join(", ") }})';

function preview(value: object): string {
	try {
		return quoteValue(JSON.stringify(value) ?? String(value));
	} catch {
		return 'that cannot be shown';
	}
}

interface DateLike {
	toISO(): string;
}

/**
 * A parameter's value as text. An expression can hand over anything: numbers and booleans are written as
 * text on purpose, dates as ISO text, `null` and `undefined` count as empty; an object or a list is refused
 * — it would reach the customer as "[object Object]" or "a,b".
 */
function asText(value: unknown, label: string, which = ''): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (typeof (value as DateLike)?.toISO === 'function') return String((value as DateLike).toISO());
	const kind = Array.isArray(value)
		? 'a list'
		: typeof value === 'object'
			? 'an object'
			: `a ${typeof value}`;
	const shown = typeof value === 'object' && value !== null ? ` ${preview(value)}` : '';
	throw new InputError(label, `${which}is ${kind}${shown}, not text`, TEXT_VALUES);
}

export function readString(read: Read, name: string, label: string): string {
	return asText(read(name, ''), label);
}

/** The text trimmed, or undefined when empty. */
export function optionalString(read: Read, name: string, label: string): string | undefined {
	const value = readString(read, name, label).trim();
	return value === '' ? undefined : value;
}

/** An option's text (from the Options collection), trimmed, or undefined when empty. */
export function optionText(value: unknown, label: string): string | undefined {
	return asText(value, label).trim() || undefined;
}

export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * A list parameter (Template Parameters, Poll Answers): the field's values, an expression that gives an
 * array, or one JSON array as text (`["Ann", "42"]`, as an AI agent writes it). Every value must be text
 * as `asText` takes it; `null` counts as empty however the list came. A single value that starts with
 * `[` but is no JSON array is just text ("[URGENT] your order").
 */
export function readList(read: Read, name: string, label: string): string[] {
	let value = read(name, []);
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		const parsed = safeJson(value.trim());
		if (Array.isArray(parsed)) value = parsed;
	}
	let values = Array.isArray(value) ? value : [value];
	// A list field holding one JSON array string is the same as the array itself.
	if (values.length === 1 && typeof values[0] === 'string' && values[0].trim().startsWith('[')) {
		const parsed = safeJson(values[0].trim());
		if (Array.isArray(parsed)) values = parsed;
	}
	return values.map((entry, index) => asText(entry, label, `value ${index + 1} `));
}

export function readResourceLocator(read: Read, name: string, label: string): string {
	const value = read(name, '');
	// A resource locator is `{ __rl, mode, value }`; an expression may also give the value itself.
	if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
		return asText((value as IDataObject).value, label).trim();
	}
	return asText(value, label).trim();
}

export function readPositiveNumber(value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0)
		throw new InputError(
			label,
			`${quoteValue(String(value))} is not a positive number`,
			'a number such as 8',
		);
	return number;
}

/** The Options collection of one item. */
export function readOptions(read: Read): IDataObject {
	return (read('options', {}) ?? {}) as IDataObject;
}
