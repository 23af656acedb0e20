import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { parseBitbybitEvents } from './events';
import { verifyBitbybit } from './signature';

/** bitbybit's webhooks (knowledge.bitbybit.studio/api-reference/webhooks): registered by hand, no subscription API. */
export const bitbybitWebhook: WebhookHalf = {
	id: 'bitbybit',
	credentialType: 'whatsAppSendBitbybitApi',
	eventOptions: STANDARD_EVENTS,
	secret: { from: 'credential', field: 'webhookSigningSecret' },
	registration: { kind: 'manual' },
	manualSteps:
		'In bitbybit, open Settings → Developer → Webhooks, create a webhook with this URL and the events message.received and message.status.updated, and copy the signing secret it shows once into the credential.',
	delivery: { httpsOnly: true, label: 'bitbybit', source: 'its documentation says webhook endpoint URLs must use HTTPS' },
	isSigned: (request) => Boolean(request.headers['x-bitbybit-webhook-signature']),
	verify: verifyBitbybit,
	parse: parseBitbybitEvents,
};
