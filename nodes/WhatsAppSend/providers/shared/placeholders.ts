const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/**
 * How many values a template text needs: the highest `{{n}}` in it. A number repeated in the text is
 * still one value, and a gap (`{{1}} … {{3}}`) still needs a value for `{{2}}`, as WhatsApp counts them.
 */
export function countPlaceholders(text: string | undefined): number {
	if (!text) return 0;
	let highest = 0;
	for (const match of text.matchAll(PLACEHOLDER)) highest = Math.max(highest, Number(match[1]));
	return highest;
}

const NAMED_PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Meta's named placeholders (`{{first_name}}`), which take values by name rather than position. */
export function namedPlaceholders(text: string | undefined): string[] {
	return [
		...new Set([...(text ?? '').matchAll(NAMED_PLACEHOLDER)].map((match) => `{{${match[1]}}}`)),
	];
}

/** "1 value" / "3 values", for messages. */
export function values(count: number): string {
	return `${count} value${count === 1 ? '' : 's'}`;
}

const MAX_QUOTED = 160;

/** A template text quoted for an error message, shortened when long. */
export function quoteTemplateText(text: string | undefined): string {
	const flat = (text ?? '').replace(/\s+/g, ' ').trim();
	return `"${flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED - 1)}…` : flat}"`;
}

/** Up to `max` entries joined for an error message, saying how many were left out. */
export function listSome(entries: string[], max = 10): string {
	if (entries.length <= max) return entries.join(', ');
	return `${entries.slice(0, max).join(', ')} and ${entries.length - max} more`;
}
