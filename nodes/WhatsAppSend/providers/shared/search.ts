// What the providers' list searches (channel and template pickers) share.

/** Pages fetched at most in one search, so a misbehaving API cannot keep the editor loading forever. */
export const MAX_SEARCH_PAGES = 50;

const MAX_DESCRIPTION = 120;

/** Whether any of the values contains the filter the user typed, ignoring case. */
export function matches(filter: string | undefined, ...values: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => value?.toLowerCase().includes(needle));
}

/** A template's text as a picker entry's description: one line, cut to a readable length. */
export function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION - 1)}…` : flat;
}
