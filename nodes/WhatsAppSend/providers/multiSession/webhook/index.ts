import { DELIVERED, READ, RECEIVED } from '../../../trigger/eventOptions';
import type { WebhookHalf } from '../../../trigger/types';
import { parseMultiSessionEvents } from './events';
import { verifyMultiSession } from './signature';
import { multiSessionSubscriptions } from './subscriptions';

/** The self-hosted WhatsApp Multi-Session REST API's webhooks (go-whatsapp-multi-session-rest-api, dab7403). */
export const multiSessionWebhook: WebhookHalf = {
	editor: {
		notice:
			'Activating the workflow registers this trigger on your Multi-Session server (it keeps the secret the server generates); deactivating removes it. The server delivers only to public HTTPS addresses, so n8n needs one (WEBHOOK_URL). It reports no "sent" or "failed" and never the text of a received message.',
		defaultEvents: ['connection', 'delivered', 'read', 'received'],
	},
	// No `sent` or `failed`: the server reports neither (a failed send fails the HTTP call instead).
	eventOptions: [
		DELIVERED,
		READ,
		{
			name: 'Played',
			value: 'played',
			description: 'The recipient played a voice message or video',
		},
		{
			...RECEIVED,
			description: 'A customer sent a message. The server sends only its ids, never its text.',
		},
		{
			name: 'Connection',
			value: 'connection',
			description:
				'The device connected, disconnected, was logged out or temporarily banned, and similar',
		},
	],
	secret: { from: 'subscription' },
	registration: multiSessionSubscriptions,
	// internal/webhook/delivery.go, validateURL: checked at each delivery, after the webhook was accepted.
	delivery: {
		httpsOnly: true,
		label: 'The Multi-Session server',
		source:
			'it delivers only to public https:// addresses and drops other deliveries without an error',
	},
	verify: (request, secret) => verifyMultiSession(request, secret),
	parse: parseMultiSessionEvents,
};
