import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CALLBELL_APPROVED, callbellTemplateLabel, fetchCallbellTemplates } from '../providers/callbell/templates';
import { fetchVobizTemplates, VOBIZ_APPROVED, vobizTemplateLabel, vobizTemplateValue } from '../providers/vobiz/templates';
import { loadJson } from '../http/editor';

const MAX_DESCRIPTION = 120;

function matches(filter: string | undefined, ...values: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => value?.toLowerCase().includes(needle));
}

function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION - 1)}…` : flat;
}

/** The Vobiz channel chosen above the template picker, whichever mode it was given in. */
function chosenChannel(context: ILoadOptionsFunctions): string {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter('channel', { extractValue: true });
	} catch {
		value = context.getCurrentNodeParameter('channel');
	}
	if (value && typeof value === 'object') value = (value as { value?: unknown }).value;
	const channel = typeof value === 'string' ? value.trim() : '';
	if (channel === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a Channel first', {
			description: 'Vobiz keeps templates per WhatsApp channel: pick the Channel above, then open this list again.',
		});
	}
	if (channel.startsWith('=')) {
		throw new NodeOperationError(context.getNode(), 'The Channel is an expression the editor cannot resolve here', {
			description: 'Pick the Channel from the list or by ID to browse its templates, or give the Template By Name.',
		});
	}
	return channel;
}

/** The chosen channel's approved templates, one entry per translation. */
export async function searchVobizTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const channel = chosenChannel(this);
	const templates = await fetchVobizTemplates(
		async (path, qs) => await loadJson(this, 'whatsAppSendVobizApi', path, qs),
		channel,
		VOBIZ_APPROVED,
	);
	const results: INodeListSearchItems[] = templates
		// A list that ignored the status filter still shows only what can be sent.
		.filter((t) => t.status === VOBIZ_APPROVED || t.status === '')
		.filter((t) => matches(filter, t.name, t.language, t.category))
		.map((t) => ({
			name: vobizTemplateLabel(t),
			value: vobizTemplateValue(t),
			description: excerpt(t.bodyText),
		}));
	return { results };
}

/** The account's approved Callbell templates. */
export async function searchCallbellTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const templates = await fetchCallbellTemplates(async (path, qs) => await loadJson(this, 'whatsAppSendCallbellApi', path, qs));
	const results: INodeListSearchItems[] = templates
		.filter((t) => t.status === CALLBELL_APPROVED)
		.filter((t) => matches(filter, t.title, t.text, t.uuid))
		.map((t) => ({ name: callbellTemplateLabel(t), value: t.uuid, description: excerpt(t.text) }));
	return { results };
}
