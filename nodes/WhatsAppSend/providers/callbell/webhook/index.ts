import { STANDARD_EVENTS } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { parseCallbellEvents } from './events';
import { verifyCallbell } from './signature';
import { callbellAccountWebhook } from './subscriptions';

/** Callbell's webhooks (callbell-public-docs, docs/api/reference/webhooks). */
export const callbellWebhook: WebhookHalf = {
	editor: {
		notice:
			'Callbell keeps one webhook per account. Unless you turn on "Overwrite Existing Webhook" below, paste the Production URL from "Webhook URLs" above in Callbell yourself (Settings → API Settings → Webhooks), with the events message_created and message_status_updated. Generate a signing secret there and paste it into the credential.',
		defaultEvents: ['delivered', 'failed', 'read', 'received', 'sent'],
		options: [
			{
				displayName: 'Accept Unsigned Events',
				name: 'acceptUnsignedEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept events without a signature when the credential has no Webhook Signing Secret. Anyone who learns the URL could then start this workflow with made-up events: generate a secret in Callbell instead whenever you can.',
			},
			{
				displayName: 'Overwrite Existing Webhook',
				name: 'overwriteWebhook',
				type: 'boolean',
				default: false,
				description:
					"Whether activating the workflow registers this trigger's URL in Callbell through its API. Callbell keeps one webhook per account and cannot show which one, so this replaces any webhook another system set up; deactivating removes it.",
			},
		],
	},
	eventOptions: [
		...STANDARD_EVENTS,
		{
			name: 'Enqueued',
			value: 'enqueued',
			description: "Callbell handed the message to WhatsApp's gateway",
		},
		{
			name: 'Mismatch',
			value: 'mismatch',
			description:
				'WhatsApp corrected the phone number on its own; the corrected number is in the raw event',
		},
	],
	// Signing is optional and off until a secret is generated in Callbell's dashboard.
	secret: {
		from: 'credential',
		field: 'webhookSigningSecret',
		optional: true,
		missing:
			"Generate a signing secret in Callbell (Settings → API Settings → Webhooks → Generate secret) and paste it into the credential. Only if you cannot, turn on the trigger's Accept Unsigned Events option: then anyone who learns the URL can start this workflow.",
	},
	registration: callbellAccountWebhook,
	// "Callbell doesn't support localhost as webhook URL"; its examples accept http and https.
	delivery: {
		httpsOnly: false,
		label: 'Callbell',
		source: 'its documentation says it does not support localhost webhook URLs',
	},
	verify: verifyCallbell,
	parse: parseCallbellEvents,
};
