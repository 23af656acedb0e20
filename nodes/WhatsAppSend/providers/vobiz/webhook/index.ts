import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { VOBIZ_CHANNELS_PATH } from '../channels';
import { vobizChannelNumber } from './channel';
import { parseVobizEvents } from './events';
import { verifyVobiz } from './signature';
import { vobizSubscriptions } from './subscriptions';

/** Vobiz's outbound WhatsApp webhooks (docs.vobiz.ai/whatsapp/webhooks/events, /whatsapp/api/webhooks). */
export const vobizWebhook: WebhookHalf = {
	id: 'vobiz',
	credentialType: 'whatsAppSendVobizApi',
	eventOptions: STANDARD_EVENTS,
	secret: { from: 'subscription' },
	registration: vobizSubscriptions,
	channels: { list: () => ({ method: 'GET', path: VOBIZ_CHANNELS_PATH }), find: vobizChannelNumber },
	delivery: { httpsOnly: true, label: 'Vobiz', source: 'its Webhooks API takes "HTTPS endpoint[s]" on the internet' },
	isSigned: (request) => Boolean(request.headers['x-webhook-signature']),
	verify: (request, secret) => verifyVobiz(request, secret),
	parse: parseVobizEvents,
};
