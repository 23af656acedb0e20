import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { providerProperty } from '../description/provider';
import { scopedOptions } from '../description/slots';
import type { ProviderRegistry } from '../providers';
import { triggerProviders } from './providers';

/**
 * POST is where providers deliver. The GET twin answers connection checks with `{"status":"ok"}`
 * and never starts anything; it shares the URL, so it is not shown separately.
 */
export const triggerWebhooks: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
	{
		name: 'setup',
		httpMethod: 'GET',
		responseMode: 'onReceived',
		path: 'webhook',
		ndvHideUrl: true,
	},
];

const EVENTS_DESCRIPTION =
	'Which events start the workflow; every other event is acknowledged and ignored';

/**
 * The trigger's parameters, for the registry's providers that have a webhook half: the provider, what
 * to know about its webhooks, the events it can report (one `events` per provider), and the options.
 */
export function triggerProperties(registry: ProviderRegistry): INodeProperties[] {
	const offered = triggerProviders(registry);
	const providers = Object.values(offered);
	const notices: INodeProperties[] = providers.map(({ id, webhook }) => ({
		displayName: webhook.editor.notice,
		name: `${id}Notice`,
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: [id] } },
	}));
	const events: INodeProperties[] = providers.map(({ id, webhook }) => ({
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: { provider: [id] } },
		options: [...webhook.eventOptions].sort((a, b) => a.name.localeCompare(b.name)),
		default: [...webhook.editor.defaultEvents],
		description: EVENTS_DESCRIPTION,
	}));
	// Shown only for providers with options of their own: an empty collection reads "No properties".
	const withOptions = providers
		.filter(({ webhook }) => (webhook.editor.options ?? []).length > 0)
		.map(({ id }) => id);
	const options: INodeProperties = {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { provider: withOptions } },
		options: scopedOptions(offered, (provider) => provider.webhook?.editor.options).sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
	return [providerProperty(offered), ...notices, ...events, options];
}
