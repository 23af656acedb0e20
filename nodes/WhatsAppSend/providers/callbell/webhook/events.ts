import type { IDataObject } from 'n8n-workflow';

import { blankEvent, isoFromDate, isoFromUnix, plusDigits } from '../../../trigger/event';
import type { ParsedEvent, WhatsAppEvent } from '../../../trigger/event';
import { fingerprint } from '../../../trigger/hmac';
import type { WebhookRequest } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';

/**
 * `messageStatusPayload` is the raw status of Callbell's WhatsApp gateway; the documented example
 * (`{id, gsId, type, payload:{ts}, destination}`) is Gupshup's message event, where `id` is WhatsApp's
 * message id for sent/delivered/read and Gupshup's own id otherwise, and a failure carries
 * `payload:{code, reason}` [inferred from Gupshup's documentation; Callbell documents only the example].
 */
const WHATSAPP_ID_TYPES = ['sent', 'delivered', 'read'];

function statusError(word: string | null, inner: IDataObject | undefined): WhatsAppEvent['error'] {
	if (word !== 'failed') return null;
	const detail = asRecord(inner?.payload);
	return {
		code: stringAt(detail, 'code') ?? null,
		message:
			stringAt(detail, 'reason') ??
			stringAt(detail, 'message') ??
			stringAt(detail, 'error') ??
			null,
	};
}

function metadataOf(payload: IDataObject): IDataObject | null {
	const metadata = asRecord(payload.metadata);
	return metadata && Object.keys(metadata).length > 0 ? (metadata as IDataObject) : null;
}

/** The kind of an inbound message, where Callbell's payload shows it (it has no type field). */
function inboundType(payload: IDataObject): string | null {
	if (asRecord(payload.messageLocation)) return 'location';
	if (asRecord(payload.messageContactCard)) return 'contact';
	const attachments = Array.isArray(payload.attachments) ? payload.attachments : [];
	if (attachments.length === 0 && stringAt(payload, 'text')) return 'text';
	return null;
}

export function parseCallbellEvents(request: WebhookRequest): ParsedEvent[] {
	const envelope = asRecord(request.body);
	const raw = (envelope ?? {}) as IDataObject;
	const payload = (asRecord(envelope?.payload) ?? {}) as IDataObject;
	const name = stringAt(envelope, 'event');

	if (name === 'message_status_updated') {
		const word = stringAt(payload, 'status')?.toLowerCase() ?? null;
		const inner = asRecord(payload.messageStatusPayload) as IDataObject | undefined;
		const innerType = stringAt(inner, 'type')?.toLowerCase();
		const uuid = stringAt(payload, 'uuid') ?? null;
		const event = blankEvent('callbell', 'status', raw);
		Object.assign(event, {
			status: word,
			// The send node's messageId is the send's `message.uuid`, which this `uuid` repeats.
			messageId: uuid,
			whatsappMessageId:
				innerType && WHATSAPP_ID_TYPES.includes(innerType) ? (stringAt(inner, 'id') ?? null) : null,
			to: plusDigits(stringAt(payload, 'contact', 'phoneNumber') ?? stringAt(inner, 'destination')),
			timestamp: isoFromUnix(asRecord(inner?.payload)?.ts),
			error: statusError(word, inner),
			metadata: metadataOf(payload),
		});
		return [
			{
				event,
				filterValue: word ?? '',
				dedupeKey: `callbell:status:${uuid ?? fingerprint(JSON.stringify(payload))}:${word}`,
			},
		];
	}

	// `message_created` also fires for messages sent to the customer (status "sent"): only "received" is a reply.
	if (name === 'message_created' && stringAt(payload, 'status') === 'received') {
		const uuid = stringAt(payload, 'uuid') ?? null;
		const event = blankEvent('callbell', 'message', raw);
		Object.assign(event, {
			status: 'received',
			messageId: uuid,
			from: plusDigits(stringAt(payload, 'from')),
			to: plusDigits(stringAt(payload, 'to')),
			timestamp: isoFromDate(stringAt(payload, 'createdAt')),
			text: typeof payload.text === 'string' ? payload.text : null,
			type: inboundType(payload),
			metadata: metadataOf(payload),
		});
		// No event id: a retry repeats the same payload (and is signed anew), so the payload is the key.
		return [
			{
				event,
				filterValue: 'received',
				dedupeKey: `callbell:message:${uuid ?? fingerprint(JSON.stringify(payload))}`,
			},
		];
	}
	return [];
}
