import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { parseCallbellEvents } from './events';
import { verifyCallbell } from './signature';
import { callbellAccountWebhook } from './subscriptions';

/** Callbell's webhooks (callbell-public-docs, docs/api/reference/webhooks). */
export const callbellWebhook: WebhookHalf = {
	id: 'callbell',
	credentialType: 'whatsAppSendCallbellApi',
	eventOptions: [
		...STANDARD_EVENTS,
		{ name: 'Enqueued', value: 'enqueued', description: "Callbell handed the message to WhatsApp's gateway" },
		{
			name: 'Mismatch',
			value: 'mismatch',
			description: 'WhatsApp corrected the phone number on its own; the corrected number is in the raw event',
		},
	],
	// Signing is optional and off until a secret is generated in Callbell's dashboard.
	secret: { from: 'credential', field: 'webhookSigningSecret', optional: true },
	registration: callbellAccountWebhook,
	manualSteps: 'In Callbell, open Settings → API Settings → Webhooks, enter this URL and choose the events message_created and message_status_updated.',
	// "Callbell doesn't support localhost as webhook URL"; its examples accept http and https.
	delivery: { httpsOnly: false, label: 'Callbell', source: 'its documentation says it does not support localhost webhook URLs' },
	isSigned: (request) => Boolean(request.headers['x-callbell-signature']),
	verify: verifyCallbell,
	parse: parseCallbellEvents,
};
