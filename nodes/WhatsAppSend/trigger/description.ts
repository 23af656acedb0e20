import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { providerProperty } from '../description/provider';
import { PROVIDERS } from '../providers';
import type { ProviderId } from '../providers';
import { WEBHOOK_HALVES } from '../providers/webhooks';

/**
 * POST is where providers deliver. The GET twin answers connection checks with `{"status":"ok"}`
 * and never starts anything; it shares the URL, so it is not shown separately.
 */
export const triggerWebhooks: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
	{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook', ndvHideUrl: true },
];

const show = (provider: ProviderId) => ({ show: { provider: [provider] } });

const notices: INodeProperties[] = [
	{
		displayName:
			'Bitbybit has no API for webhooks, so register this trigger there yourself: in bitbybit open Settings → Developer → Webhooks, create a webhook with the Production URL from "Webhook URLs" above and the events message.received and message.status.updated, and paste the signing secret it shows once into the credential\'s Webhook Signing Secret.',
		name: 'bitbybitNotice',
		type: 'notice',
		default: '',
		displayOptions: show('bitbybit'),
	},
	{
		displayName:
			'Activating the workflow subscribes this trigger at Vobiz with a signing secret of its own; deactivating removes the subscription. Vobiz delivers only to a public HTTPS address: n8n needs one (WEBHOOK_URL).',
		name: 'vobizNotice',
		type: 'notice',
		default: '',
		displayOptions: show('vobiz'),
	},
	{
		displayName:
			'Callbell keeps one webhook per account. Unless you turn on "Overwrite Existing Webhook" below, paste the Production URL from "Webhook URLs" above in Callbell yourself (Settings → API Settings → Webhooks), with the events message_created and message_status_updated. Generate a signing secret there and paste it into the credential.',
		name: 'callbellNotice',
		type: 'notice',
		default: '',
		displayOptions: show('callbell'),
	},
	{
		displayName:
			'Activating the workflow registers this trigger on your Multi-Session server (it keeps the secret the server generates); deactivating removes it. The server delivers only to public HTTPS addresses, so n8n needs one (WEBHOOK_URL). It reports no "sent" or "failed" and never the text of a received message.',
		name: 'multiSessionNotice',
		type: 'notice',
		default: '',
		displayOptions: show('multiSession'),
	},
];

const eventOptionsOf = (provider: ProviderId) =>
	[...WEBHOOK_HALVES[provider].eventOptions].sort((a, b) => a.name.localeCompare(b.name));

const EVENTS_DESCRIPTION = 'Which events start the workflow; every other event is acknowledged and ignored';

/** One `events` per provider, listing what that provider can report. */
const eventsProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: show('bitbybit'),
		options: eventOptionsOf('bitbybit'),
		default: ['delivered', 'failed', 'read', 'received', 'sent'],
		description: EVENTS_DESCRIPTION,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: show('vobiz'),
		options: eventOptionsOf('vobiz'),
		default: ['delivered', 'failed', 'read', 'received', 'sent'],
		description: EVENTS_DESCRIPTION,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: show('callbell'),
		options: eventOptionsOf('callbell'),
		default: ['delivered', 'failed', 'read', 'received', 'sent'],
		description: EVENTS_DESCRIPTION,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: show('multiSession'),
		options: eventOptionsOf('multiSession'),
		default: ['connection', 'delivered', 'read', 'received'],
		description: EVENTS_DESCRIPTION,
	},
];

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Accept Unsigned Events',
			name: 'acceptUnsignedEvents',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/provider': ['callbell'] } },
			description:
				'Whether to accept events without a signature when the credential has no Webhook Signing Secret. Anyone who learns the URL could then start this workflow with made-up events: generate a secret in Callbell instead whenever you can.',
		},
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			displayOptions: { show: { '/provider': ['vobiz'] } },
			description: 'Only events of this WhatsApp number. Leave empty for every number of the account.',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchVobizChannels', searchable: true },
				},
				{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. 2f8892e1-59b7-40a2-b518-e7a7c31a754d' },
			],
		},
		{
			displayName: 'Overwrite Existing Webhook',
			name: 'overwriteWebhook',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/provider': ['callbell'] } },
			description:
				"Whether activating the workflow registers this trigger's URL in Callbell through its API. Callbell keeps one webhook per account and cannot show which one, so this replaces any webhook another system set up; deactivating removes it.",
		},
	],
};

export const triggerProperties: INodeProperties[] = [providerProperty(PROVIDERS), ...notices, ...eventsProperties, optionsProperty];
