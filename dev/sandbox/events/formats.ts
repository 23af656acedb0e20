import { randomBytes, randomUUID } from 'node:crypto';

import type { Outcome } from './recipients';

/*
 * Each provider's events in its own format, after the documented examples kept in
 * test/fixtures/webhooks/ (see its README for how much each provider stands behind).
 */

export type StatusWord = 'sent' | 'delivered' | 'read' | 'failed';

/** A message the sandbox accepted, with the ids its events carry. */
export interface SentMessage {
	/** The inbox entry it belongs to. */
	inboxId: number;
	/** The id the send's answer carried, which the send node outputs as `messageId`. */
	messageId: string;
	/** WhatsApp's id for it (`wamid…`): the answer's where it had one, else made up as Meta would. */
	wamid: string;
	/** The recipient's digits. */
	recipient: string;
	/** The sending business number (Vobiz: the channel's). */
	business: { phoneNumber: string; phoneNumberId: string };
	/** What the send asked the provider to echo in its events (Callbell's `metadata`). */
	metadata?: Record<string, unknown>;
}

/** A customer's message typed into the inbox. */
export interface Reply {
	/** The customer's digits. */
	customer: string;
	text: string;
	business: { phoneNumber: string; phoneNumberId: string };
	/** Made up as WhatsApp would. */
	wamid: string;
}

/** One event as the provider serialises it: a name for the inbox and the body (and bitbybit's headers). */
export interface ProviderEvent {
	name: string;
	body: Record<string, unknown>;
	/** bitbybit's event id, sent as X-BitByBit-Webhook-Id. */
	eventId?: string;
}

export function newWamid(): string {
	return `wamid.HBgM${randomBytes(18).toString('base64url').toUpperCase()}`;
}

/**
 * WhatsApp Cloud API errors (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) in
 * the `errors[]` shape Meta's status webhooks carry; the wording of 131047 is the one in Vobiz's docs.
 */
const META_ERRORS: Record<Exclude<Outcome, 'delivered'>, Record<string, unknown>> = {
	notOnWhatsApp: {
		code: 131026,
		title: 'Message undeliverable',
		message: 'Message undeliverable',
		error_data: {
			details:
				'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.',
		},
	},
	windowClosed: {
		code: 131047,
		title: 'Re-engagement message',
		message: 'Re-engagement message',
		error_data: {
			details:
				'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		},
	},
};

/**
 * Callbell's gateway failure payload (Gupshup's message event, `payload:{code, reason}`): 1002 is
 * Gupshup's documented "Number Does Not Exists On WhatsApp"; for the closed window Gupshup passes
 * WhatsApp's own error on (470, the On-Premises API's re-engagement code) [derived].
 */
const GUPSHUP_ERRORS: Record<Exclude<Outcome, 'delivered'>, Record<string, unknown>> = {
	notOnWhatsApp: { code: 1002, reason: 'Number Does Not Exists On WhatsApp' },
	windowClosed: {
		code: 470,
		reason:
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
	},
};

function unixSeconds(at: Date): string {
	return String(Math.floor(at.getTime() / 1000));
}

// ── bitbybit [inferred: bitbybit documents neither body; see test/fixtures/webhooks/README.md] ──

export function bitbybitStatus(
	message: SentMessage,
	status: StatusWord,
	outcome: Outcome,
	at: Date,
): ProviderEvent {
	const failure = status === 'failed' && outcome !== 'delivered' ? META_ERRORS[outcome] : undefined;
	return {
		name: 'message.status.updated',
		eventId: `evt_${randomBytes(10).toString('hex')}`,
		body: {
			messageId2: message.wamid,
			status,
			to: message.recipient,
			timestamp: at.toISOString(),
			...(failure
				? {
						error: {
							code: String(failure.code),
							message: (failure.error_data as Record<string, string>).details,
						},
					}
				: {}),
		},
	};
}

export function bitbybitReceived(reply: Reply, at: Date): ProviderEvent {
	return {
		name: 'message.received',
		eventId: `evt_${randomBytes(10).toString('hex')}`,
		body: {
			messageId2: reply.wamid,
			from: `+${reply.customer}`,
			type: 'text',
			message: reply.text,
			timestamp: at.toISOString(),
		},
	};
}

// ── Vobiz (docs.vobiz.ai /whatsapp/webhooks/events: Meta's notification inside Vobiz's envelope) ──

function vobizEnvelope(
	eventType: string,
	accountId: string,
	business: SentMessage['business'],
	value: Record<string, unknown>,
	at: Date,
): ProviderEvent {
	return {
		name: eventType,
		body: {
			event_id: randomUUID(),
			event_type: eventType,
			account_id: accountId,
			occurred_at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
			payload: {
				object: 'whatsapp_business_account',
				entry: [
					{
						id: 'sandbox-waba',
						changes: [
							{
								field: 'messages',
								value: {
									messaging_product: 'whatsapp',
									metadata: {
										display_phone_number: business.phoneNumber.replace(/\D/g, ''),
										phone_number_id: business.phoneNumberId,
									},
									...value,
								},
							},
						],
					},
				],
			},
		},
	};
}

export function vobizStatus(
	message: SentMessage,
	status: StatusWord,
	outcome: Outcome,
	at: Date,
	accountId: string,
): ProviderEvent {
	return vobizEnvelope(
		'message.status',
		accountId,
		message.business,
		{
			statuses: [
				{
					id: message.wamid,
					status,
					recipient_id: message.recipient,
					timestamp: unixSeconds(at),
					...(status === 'failed' && outcome !== 'delivered'
						? { errors: [META_ERRORS[outcome]] }
						: {}),
				},
			],
		},
		at,
	);
}

export function vobizInbound(reply: Reply, at: Date, accountId: string): ProviderEvent {
	return vobizEnvelope(
		'message.inbound',
		accountId,
		reply.business,
		{
			contacts: [{ wa_id: reply.customer, profile: { name: 'Sandbox customer' } }],
			messages: [
				{
					from: reply.customer,
					id: reply.wamid,
					timestamp: unixSeconds(at),
					type: 'text',
					text: { body: reply.text },
				},
			],
		},
		at,
	);
}

// ── Callbell (callbell-public-docs, docs/api/reference/webhooks/message_events/) ──

function callbellContact(number: string): Record<string, unknown> {
	const uuid = randomBytes(16).toString('hex');
	return {
		href: `https://dash.callbell.eu/contacts/${uuid}`,
		conversationHref: `https://dash.callbell.eu/chat/${uuid}`,
		name: 'Sandbox customer',
		tags: [],
		uuid,
		source: 'whatsapp',
		avatarUrl: null,
		createdAt: '2026-01-01T00:00:00Z',
		phoneNumber: number,
	};
}

export function callbellStatus(
	message: SentMessage,
	status: StatusWord,
	outcome: Outcome,
	at: Date,
): ProviderEvent {
	const failed = status === 'failed' && outcome !== 'delivered';
	return {
		name: 'message_status_updated',
		body: {
			event: 'message_status_updated',
			payload: {
				uuid: message.messageId,
				status,
				...(message.metadata ? { metadata: message.metadata } : {}),
				contact: callbellContact(message.recipient),
				// Gupshup's event: `id` is WhatsApp's id for sent/delivered/read, Gupshup's own otherwise.
				messageStatusPayload: {
					id: failed ? randomUUID() : message.wamid,
					...(failed ? {} : { gsId: randomUUID() }),
					type: status,
					payload: failed ? GUPSHUP_ERRORS[outcome] : { ts: Number(unixSeconds(at)) },
					destination: message.recipient,
				},
			},
		},
	};
}

export function callbellReceived(reply: Reply, at: Date): ProviderEvent {
	return {
		name: 'message_created',
		body: {
			event: 'message_created',
			payload: {
				to: reply.business.phoneNumber.replace(/\D/g, ''),
				from: reply.customer,
				text: reply.text,
				status: 'received',
				channel: 'whatsapp',
				contact: callbellContact(reply.customer),
				createdAt: at.toISOString().replace(/Z$/, '+00:00'),
			},
		},
	};
}

// ── Multi-Session server (docs/WEBHOOK_EVENTS.md; only receipts, and no text for a customer's message) ──

export function multiSessionReceipt(
	message: SentMessage,
	status: 'delivered' | 'read',
	at: Date,
	deviceId: string,
): ProviderEvent {
	const jid = `${message.recipient}@s.whatsapp.net`;
	return {
		name: `message.${status}`,
		body: {
			event_type: `message.${status}`,
			device_id: deviceId,
			timestamp: at.toISOString(),
			data: {
				message_id: message.messageId,
				chat: jid,
				sender: jid,
				timestamp: Number(unixSeconds(at)),
			},
		},
	};
}

export function multiSessionReceived(reply: Reply, at: Date, deviceId: string): ProviderEvent {
	const jid = `${reply.customer}@s.whatsapp.net`;
	return {
		name: 'message.received',
		body: {
			event_type: 'message.received',
			device_id: deviceId,
			timestamp: at.toISOString(),
			data: {
				// whatsmeow's ids for messages from phones: 3EB0… from WhatsApp Web, 32 hex from phones.
				message_id: randomBytes(16).toString('hex').toUpperCase(),
				from: jid,
				chat: jid,
				timestamp: Number(unixSeconds(at)),
				is_from_me: false,
			},
		},
	};
}
