import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { parseBitbybitEvents } from './events';
import { verifyBitbybit } from './signature';

/** bitbybit's webhooks (knowledge.bitbybit.studio/api-reference/webhooks): registered by hand, no subscription API. */
export const bitbybitWebhook: WebhookHalf = {
	editor: {
		notice:
			'Bitbybit has no API for webhooks, so register this trigger there yourself: in bitbybit open Settings → Developer → Webhooks, create a webhook with the Production URL from "Webhook URLs" above and the events message.received and message.status.updated, and paste the signing secret it shows once into the credential\'s Webhook Signing Secret.',
		defaultEvents: ['delivered', 'failed', 'read', 'received', 'sent'],
	},
	eventOptions: STANDARD_EVENTS,
	secret: {
		from: 'credential',
		field: 'webhookSigningSecret',
		missing:
			"Paste the signing secret bitbybit showed when the webhook was created (Settings → Developer → Webhooks) into the credential's Webhook Signing Secret. Lost it? Create the webhook again in bitbybit.",
	},
	registration: { kind: 'manual' },
	delivery: {
		httpsOnly: true,
		label: 'bitbybit',
		source: 'its documentation says webhook endpoint URLs must use HTTPS',
	},
	verify: verifyBitbybit,
	parse: parseBitbybitEvents,
};
