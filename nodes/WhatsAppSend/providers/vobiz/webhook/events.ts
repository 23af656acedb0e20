import type { IDataObject } from 'n8n-workflow';

import { blankEvent, isoFromDate, isoFromUnix, plusDigits } from '../../../trigger/event';
import type { ParsedEvent, WhatsAppEvent } from '../../../trigger/event';
import type { WebhookRequest } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';

interface ChangeValue {
	metadata?: IDataObject;
	messages?: IDataObject[];
	statuses?: IDataObject[];
}

/**
 * The WhatsApp Cloud API `value` objects in a Vobiz event. The docs' examples carry Meta's whole
 * notification (`{object, entry[].changes[].value}`) while their text speaks of "the change value";
 * both are read, as Vobiz's own n8n trigger does.
 */
function changeValues(payload: unknown): ChangeValue[] {
	const record = asRecord(payload);
	if (!record) return [];
	if (Array.isArray(record.entry)) {
		return record.entry.flatMap((entry) => {
			const changes = asRecord(entry)?.changes;
			return Array.isArray(changes)
				? changes.flatMap((change) => asRecord(asRecord(change)?.value) ?? [])
				: [];
		}) as ChangeValue[];
	}
	if (asRecord(record.value)) return [record.value as ChangeValue];
	if (record.messages || record.statuses) return [record as ChangeValue];
	return [];
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value.filter((entry) => asRecord(entry)) as IDataObject[]) : [];
}

/** The words of an inbound message, whatever its kind: text, a button, a list or button reply, a caption. */
function inboundText(message: IDataObject): string | null {
	return (
		stringAt(message, 'text', 'body') ??
		stringAt(message, 'button', 'text') ??
		stringAt(message, 'interactive', 'button_reply', 'title') ??
		stringAt(message, 'interactive', 'list_reply', 'title') ??
		stringAt(message, 'image', 'caption') ??
		stringAt(message, 'video', 'caption') ??
		stringAt(message, 'document', 'caption') ??
		null
	);
}

/** Meta's `errors[0]`: `{code, title, message, error_data:{details}}`. */
function statusError(status: IDataObject): WhatsAppEvent['error'] {
	const first = list(status.errors)[0];
	if (!first) return null;
	const message =
		stringAt(first, 'error_data', 'details') ??
		stringAt(first, 'message') ??
		stringAt(first, 'title') ??
		null;
	return { code: stringAt(first, 'code') ?? null, message };
}

export function parseVobizEvents(request: WebhookRequest): ParsedEvent[] {
	const envelope = asRecord(request.body);
	const raw = (envelope ?? {}) as IDataObject;
	const eventType = stringAt(envelope, 'event_type') ?? request.headers['x-webhook-event'] ?? '';
	const eventId = stringAt(envelope, 'event_id') ?? '';
	const occurredAt = isoFromDate(stringAt(envelope, 'occurred_at'));
	const events: ParsedEvent[] = [];

	for (const value of changeValues(envelope?.payload)) {
		const business = plusDigits(stringAt(value.metadata, 'display_phone_number'));
		const channel = {
			phoneNumberId: stringAt(value.metadata, 'phone_number_id'),
			phoneNumber: stringAt(value.metadata, 'display_phone_number'),
		};

		if (eventType === 'message.status') {
			for (const status of list(value.statuses)) {
				const word = stringAt(status, 'status')?.toLowerCase() ?? null;
				const wamid = stringAt(status, 'id') ?? null;
				const event = blankEvent('vobiz', 'status', raw);
				Object.assign(event, {
					status: word,
					// The send answered with Vobiz's own id and `meta_message_id: null`; statuses carry only the wamid.
					whatsappMessageId: wamid,
					to: plusDigits(stringAt(status, 'recipient_id')),
					from: business,
					timestamp: isoFromUnix(status.timestamp) ?? occurredAt,
					error: statusError(status),
				});
				// Meta may repeat a status under a new event_id: the content is the key where it exists.
				const key = wamid
					? `vobiz:status:${wamid}:${word}:${String(status.timestamp ?? '')}`
					: `vobiz:event:${eventId}:${events.length}`;
				events.push({ event, filterValue: word ?? '', dedupeKey: key, channel });
			}
		}

		if (eventType === 'message.inbound') {
			for (const message of list(value.messages)) {
				const wamid = stringAt(message, 'id') ?? null;
				const event = blankEvent('vobiz', 'message', raw);
				Object.assign(event, {
					status: 'received',
					whatsappMessageId: wamid,
					from: plusDigits(stringAt(message, 'from')),
					to: business,
					timestamp: isoFromUnix(message.timestamp) ?? occurredAt,
					text: inboundText(message),
					type: stringAt(message, 'type') ?? null,
				});
				const key = wamid ? `vobiz:message:${wamid}` : `vobiz:event:${eventId}:${events.length}`;
				events.push({ event, filterValue: 'received', dedupeKey: key, channel });
			}
		}
	}
	return events;
}
