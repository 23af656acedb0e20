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
 * A template picker entry's description: what the template takes, then its text, so the user learns
 * the number of values when picking it rather than from a failed run.
 */
export function templateDescription(needs: TemplateNeeds | string, text: string): string {
	const takes = typeof needs === 'string' ? needs : takesWhat(needs);
	const body = excerpt(text);
	return body ? `${takes} · ${body}` : takes;
}

function takesWhat({ values, media, button }: TemplateNeeds): string {
	const parts = [
		...(values > 0 ? [`${values} Template Parameter${values === 1 ? '' : 's'}`] : []),
		...(media ? [`a Template Media URL (${media.toLowerCase()})`] : []),
		...(button ? ['a Template Button Parameter'] : []),
	];
	return parts.length ? `Takes ${parts.join(' and ')}` : 'Takes no values';
}
