import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { excerpt, matches, MAX_SEARCH_PAGES, templateEntryName } from '../shared/search';
import type { ListSearchContext } from '../types';
import { callbellChannelLabel, CALLBELL_CHANNELS_PATH, parseCallbellChannels } from './channels';
import { CALLBELL_APPROVED, callbellTemplateLabel, fetchCallbellTemplates } from './templateList';

/** Template types whose header takes a Template Media URL. */
const CALLBELL_MEDIA_TEMPLATES = ['image', 'video', 'document'];

/** The account's active WhatsApp channels, page by page. */
export async function searchCallbellChannels(
	context: ListSearchContext,
	filter?: string,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
		const parsed = parseCallbellChannels(
			await context.getJson(CALLBELL_CHANNELS_PATH, { type: 'whatsapp', active: true, page }),
		);
		for (const channel of parsed.items) {
			if (matches(filter, channel.title, channel.uuid))
				results.push({ name: callbellChannelLabel(channel), value: channel.uuid });
		}
		if (page >= parsed.pages || parsed.items.length === 0) break;
	}
	return { results };
}

/** The account's approved Callbell templates. */
export async function searchCallbellTemplates(
	context: ListSearchContext,
	filter?: string,
): Promise<INodeListSearchResult> {
	const templates = await fetchCallbellTemplates(
		async (path, qs) => await context.getJson(path, qs),
	);
	const results: INodeListSearchItems[] = templates
		.filter((t) => t.status === CALLBELL_APPROVED)
		.filter((t) => matches(filter, t.title, t.text, t.uuid))
		.map((t) => ({
			name: templateEntryName(callbellTemplateLabel(t), {
				values: t.variables,
				media: CALLBELL_MEDIA_TEMPLATES.includes(t.templateType) ? t.templateType : undefined,
			}),
			value: t.uuid,
			description: excerpt(t.text),
		}));
	return { results };
}
