import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ListSearchRefusal } from '../../output/errors';
import { excerpt, matches, templateEntryName } from '../shared/search';
import type { ListSearchContext } from '../types';
import { parseVobizChannels, VOBIZ_CHANNELS_PATH, vobizChannelLabel } from './channels';
import {
	fetchVobizTemplates,
	VOBIZ_APPROVED,
	vobizTemplateLabel,
	vobizTemplateValue,
} from './templateList';

/** Header formats that take a Template Media URL. */
const VOBIZ_MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'];

/** The account's WhatsApp channels. */
export async function searchVobizChannels(
	context: ListSearchContext,
	filter?: string,
): Promise<INodeListSearchResult> {
	const channels = parseVobizChannels(await context.getJson(VOBIZ_CHANNELS_PATH));
	const results: INodeListSearchItems[] = channels
		.filter((c) => matches(filter, c.displayName, c.phoneNumber, c.id))
		.map((c) => ({ name: vobizChannelLabel(c), value: c.id }));
	return { results };
}

/** The Vobiz channel chosen above the template picker, whichever mode it was given in. */
function chosenChannel(context: ListSearchContext): string {
	const value = context.currentValue('channel');
	const channel = typeof value === 'string' ? value.trim() : '';
	if (channel === '') {
		throw new ListSearchRefusal(
			'Choose a Channel first',
			'Vobiz keeps templates per WhatsApp channel: pick the Channel above, then open this list again.',
		);
	}
	if (channel.startsWith('=')) {
		throw new ListSearchRefusal(
			'The Channel is an expression the editor cannot resolve here',
			'Pick the Channel from the list or by ID to browse its templates, or give the Template By Name.',
		);
	}
	return channel;
}

/** The chosen channel's approved templates, one entry per translation. */
export async function searchVobizTemplates(
	context: ListSearchContext,
	filter?: string,
): Promise<INodeListSearchResult> {
	const channel = chosenChannel(context);
	const templates = await fetchVobizTemplates(
		async (path, qs) => await context.getJson(path, qs),
		channel,
		VOBIZ_APPROVED,
	);
	const results: INodeListSearchItems[] = templates
		// A list that ignored the status filter still shows only what can be sent.
		.filter((t) => t.status === VOBIZ_APPROVED || t.status === '')
		.filter((t) => matches(filter, t.name, t.language, t.category))
		.map((t) => ({
			name: templateEntryName(
				vobizTemplateLabel(t),
				t.shape && {
					values: t.shape.headerVariables + t.shape.bodyVariables,
					media: VOBIZ_MEDIA_HEADERS.includes(t.shape.headerFormat ?? '')
						? t.shape.headerFormat
						: undefined,
					button: t.shape.dynamicUrlButtons.length > 0,
				},
			),
			value: vobizTemplateValue(t),
			description: excerpt(t.bodyText),
		}));
	return { results };
}
