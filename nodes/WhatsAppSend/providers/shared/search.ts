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

/** What a picked template needs filled in, as the editor learns it from the provider's list. */
export interface TemplateNeeds {
	/** How many Template Parameters it takes. */
	values: number;
	/** The media header it needs a Template Media URL for (image, video, document). */
	media?: string;
	/** Whether it needs a Template Button Parameter. */
	button?: boolean;
}

/**
 * A template picker entry's name: the template, then what it takes. n8n's list shows only entries' names
 * (1.123 and 2.x alike; a description is not displayed) and keeps the picked name in the field, so the
 * user sees how many values a template takes when picking it and after, not from a failed run.
 */
export function templateEntryName(label: string, needs: TemplateNeeds | undefined): string {
	return `${label} · ${needs ? takesWhat(needs) : 'what it takes is not listed'}`;
}

function takesWhat({ values, media, button }: TemplateNeeds): string {
	const parts = [
		...(values > 0 ? [`${values} value${values === 1 ? '' : 's'}`] : []),
		...(media ? [`${/^[aeiou]/i.test(media) ? 'an' : 'a'} ${media.toLowerCase()} link`] : []),
		...(button ? ['a button value'] : []),
	];
	if (parts.length === 0) return 'takes no values';
	return `takes ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}`;
}
