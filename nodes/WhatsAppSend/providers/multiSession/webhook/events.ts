import type { IDataObject } from 'n8n-workflow';

import { blankEvent, isoFromDate, isoFromUnix } from '../../../trigger/event';
import type { ParsedEvent } from '../../../trigger/event';
import type { WebhookRequest } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';

/**
 * The server's envelope is `{event_type, device_id, timestamp, data}`; `data` is built per event in
 * pkg/whatsapp/whatsapp.go (dab7403). Receipts carry `message_id`, `chat`, `sender`, `timestamp`
 * (unix); a received message only ids — never its text.
 */
const RECEIPTS: Record<string, string> = {
	'message.delivered': 'delivered',
	'message.read': 'read',
	'message.played': 'played',
};

/** Connection events worth a workflow. `connection.qr` is left out on purpose: it carries pairing codes. */
export const MULTI_SESSION_CONNECTION_EVENTS = [
	'connection.connected',
	'connection.disconnected',
	'connection.logged_out',
	'connection.reconnecting',
	'connection.keepalive_timeout',
	'connection.keepalive_restored',
	'connection.temporary_ban',
	'connection.client_outdated',
	'connection.connect_failure',
	'connection.stream_error',
	'connection.stream_replaced',
	'connection.manual_login_reconnect',
	'connection.cat_refresh_error',
];

function connectionError(eventType: string, data: IDataObject): ParsedEvent['event']['error'] {
	if (eventType === 'connection.temporary_ban') {
		// The code sends whatsmeow's ban reason code (a number) and the time left as a Go duration
		// in nanoseconds; the docs show a word and a date.
		const expires = data.expires;
		const left =
			typeof expires === 'number'
				? ` for about ${Math.round(expires / 6e10)} minutes`
				: typeof expires === 'string'
					? ` until ${expires}`
					: '';
		return {
			code: stringAt(data, 'reason') ?? null,
			message: `WhatsApp temporarily banned this number${left}`,
		};
	}
	if (eventType === 'connection.connect_failure') {
		return { code: stringAt(data, 'reason') ?? null, message: stringAt(data, 'message') ?? null };
	}
	if (eventType === 'connection.cat_refresh_error')
		return { code: null, message: stringAt(data, 'error') ?? null };
	if (eventType === 'connection.stream_error')
		return { code: stringAt(data, 'code') ?? null, message: null };
	return null;
}

export function parseMultiSessionEvents(request: WebhookRequest): ParsedEvent[] {
	const envelope = asRecord(request.body);
	const eventType = stringAt(envelope, 'event_type') ?? request.headers['x-webhook-event'] ?? '';
	const data = (asRecord(envelope?.data) ?? {}) as IDataObject;
	const raw = (envelope ?? {}) as IDataObject;
	const sentAt = stringAt(envelope, 'timestamp');

	const receipt = RECEIPTS[eventType];
	if (receipt) {
		const messageId = stringAt(data, 'message_id') ?? null;
		const event = blankEvent('multiSession', 'status', raw);
		Object.assign(event, {
			status: receipt,
			messageId,
			to: stringAt(data, 'chat') ?? null,
			timestamp: isoFromUnix(data.timestamp) ?? isoFromDate(sentAt),
		});
		// A group sends one receipt per member; a retried delivery repeats the same one.
		const key = `multiSession:${eventType}:${messageId}:${String(data.timestamp ?? sentAt)}:${stringAt(data, 'sender') ?? ''}`;
		return [{ event, filterValue: receipt, dedupeKey: key }];
	}

	if (eventType === 'message.received') {
		// The server also reports messages this device sent from the phone: they are not a customer's.
		if (data.is_from_me === true) return [];
		const messageId = stringAt(data, 'message_id') ?? null;
		const event = blankEvent('multiSession', 'message', raw);
		Object.assign(event, {
			status: 'received',
			messageId,
			from: stringAt(data, 'from') ?? null,
			timestamp: isoFromUnix(data.timestamp) ?? isoFromDate(sentAt),
		});
		return [
			{
				event,
				filterValue: 'received',
				dedupeKey: `multiSession:message.received:${messageId ?? sentAt}`,
			},
		];
	}

	if (MULTI_SESSION_CONNECTION_EVENTS.includes(eventType)) {
		const event = blankEvent('multiSession', 'connection', raw);
		Object.assign(event, {
			status: eventType.slice('connection.'.length),
			timestamp: isoFromDate(sentAt),
			error: connectionError(eventType, data),
		});
		// The envelope's timestamp is taken once, when the event is dispatched; retries resend the same bytes.
		return [
			{
				event,
				filterValue: 'connection',
				dedupeKey: `multiSession:${eventType}:${sentAt ?? ''}:${stringAt(envelope, 'device_id') ?? ''}`,
			},
		];
	}
	return [];
}
