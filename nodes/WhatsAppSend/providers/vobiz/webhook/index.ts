import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { VOBIZ_CHANNELS_PATH } from '../channels';
import { vobizChannelNumber } from './channel';
import { parseVobizEvents } from './events';
import { verifyVobiz } from './signature';
import { vobizSubscriptions } from './subscriptions';

/** Vobiz's outbound WhatsApp webhooks (docs.vobiz.ai/whatsapp/webhooks/events, /whatsapp/api/webhooks). */
export const vobizWebhook: WebhookHalf = {
	editor: {
		notice:
			'Activating the workflow subscribes this trigger at Vobiz with a signing secret of its own; deactivating removes the subscription. Vobiz delivers only to a public HTTPS address: n8n needs one (WEBHOOK_URL).',
		defaultEvents: ['delivered', 'failed', 'read', 'received', 'sent'],
		options: [
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description:
					'Only events of this WhatsApp number. Leave empty for every number of the account.',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchVobizChannels', searchable: true },
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 2f8892e1-59b7-40a2-b518-e7a7c31a754d',
					},
				],
			},
		],
	},
	eventOptions: STANDARD_EVENTS,
	secret: { from: 'subscription' },
	registration: vobizSubscriptions,
	channels: {
		list: () => ({ method: 'GET', path: VOBIZ_CHANNELS_PATH }),
		find: vobizChannelNumber,
	},
	delivery: {
		httpsOnly: true,
		label: 'Vobiz',
		source: 'its Webhooks API takes "HTTPS endpoint[s]" on the internet',
	},
	verify: (request, secret) => verifyVobiz(request, secret),
	parse: parseVobizEvents,
};
