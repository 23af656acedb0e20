import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { callbellChannelLabel, CALLBELL_CHANNELS_PATH, parseCallbellChannels } from '../providers/callbell/channels';
import { parseVobizChannels, VOBIZ_CHANNELS_PATH, vobizChannelLabel } from '../providers/vobiz/channels';
import { loadJson } from '../http/editor';

// Template pickers live in their own module; n8n finds list searches by name on this namespace.
export { searchCallbellTemplates, searchVobizTemplates } from './templateSearch';

// Pages fetched at most in one search, so a misbehaving API cannot keep the editor loading forever.
const MAX_PAGES = 50;

function matches(filter: string | undefined, ...values: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => value?.toLowerCase().includes(needle));
}

export async function searchVobizChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const channels = parseVobizChannels(await loadJson(this, 'whatsAppSendVobizApi', VOBIZ_CHANNELS_PATH));
	const results: INodeListSearchItems[] = channels
		.filter((c) => matches(filter, c.displayName, c.phoneNumber, c.id))
		.map((c) => ({ name: vobizChannelLabel(c), value: c.id }));
	return { results };
}

export async function searchCallbellChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const parsed = parseCallbellChannels(
			await loadJson(this, 'whatsAppSendCallbellApi', CALLBELL_CHANNELS_PATH, { type: 'whatsapp', active: true, page }),
		);
		for (const channel of parsed.items) {
			if (matches(filter, channel.title, channel.uuid))
				results.push({ name: callbellChannelLabel(channel), value: channel.uuid });
		}
		if (page >= parsed.pages || parsed.items.length === 0) break;
	}
	return { results };
}
