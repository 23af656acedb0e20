import type { IDataObject } from 'n8n-workflow';

import { blankEvent, isoFromDate, isoFromUnix } from '../../../trigger/event';
import type { ParsedEvent, WhatsAppEvent } from '../../../trigger/event';
import { fingerprint } from '../../../trigger/hmac';
import type { WebhookRequest } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';

/*
 * bitbybit documents the delivery (headers X-BitByBit-Webhook-Id, -Event, -Timestamp, -Signature;
 * the body is the resource itself, camelCase, with ISO dates, as in its customer and order examples)
 * but not the body of `message.received` or `message.status.updated`. The fields below are the best
 * evidence available, not a documented contract [inferred]: the send answer's `messageId2` ("WhatsApp
 * message ID"), the resource style of the documented events, and common alternatives. Whatever is not
 * found stays null, and `raw` always carries the body as bitbybit sent it.
 */

function firstString(record: IDataObject, paths: string[][]): string | undefined {
	for (const path of paths) {
		const value = stringAt(record, ...path);
		if (value !== undefined) return value;
	}
	return undefined;
}

function digits(value: string | undefined): string | null {
	const only = (value ?? '').replace(/\D/g, '');
	return only === '' ? null : only;
}

/** The resource: the body itself, or its `data` when the body wraps one. */
function resourceOf(body: unknown): IDataObject {
	const record = (asRecord(body) ?? {}) as IDataObject;
	const data = asRecord(record.data);
	return (
		data && !record.status && !record.messageId2 && !record.message ? data : record
	) as IDataObject;
}

const MESSAGE_ID = [
	['messageId2'],
	['messageId'],
	['wamid'],
	['whatsappMessageId'],
	['message', 'id'],
	['id'],
];

function errorOf(resource: IDataObject): WhatsAppEvent['error'] {
	const nested = asRecord(resource.error);
	const code =
		stringAt(nested, 'code') ?? stringAt(resource, 'errorCode') ?? stringAt(resource, 'failedCode');
	const message =
		stringAt(nested, 'message') ??
		(typeof resource.error === 'string' ? resource.error : undefined) ??
		stringAt(resource, 'errorMessage') ??
		stringAt(resource, 'failedReason') ??
		stringAt(resource, 'reason');
	return code || message ? { code: code ?? null, message: message ?? null } : null;
}

function textOf(resource: IDataObject): string | null {
	for (const field of ['message', 'text', 'body', 'content']) {
		const value = resource[field];
		if (typeof value === 'string') return value;
		const body = stringAt(value, 'body') ?? stringAt(value, 'text');
		if (body !== undefined) return body;
	}
	return null;
}

export function parseBitbybitEvents(request: WebhookRequest): ParsedEvent[] {
	const eventName =
		request.headers['x-bitbybit-webhook-event'] ?? stringAt(request.body, 'event') ?? '';
	const deliveryId = request.headers['x-bitbybit-webhook-id'];
	const raw = (asRecord(request.body) ?? {}) as IDataObject;
	const resource = resourceOf(request.body);
	const messageId = firstString(resource, MESSAGE_ID) ?? null;
	const timestamp =
		isoFromDate(firstString(resource, [['timestamp'], ['updatedAt'], ['createdAt']])) ??
		isoFromUnix(request.headers['x-bitbybit-webhook-timestamp']);
	// X-BitByBit-Webhook-Id is the documented dedupe key (webhooks/best-practices).
	const key = (content: string) => `bitbybit:${deliveryId ?? fingerprint(content)}`;

	if (eventName === 'message.status.updated') {
		const status =
			firstString(resource, [['status'], ['messageStatus'], ['deliveryStatus']])?.toLowerCase() ??
			null;
		const event = blankEvent('bitbybit', 'status', raw);
		Object.assign(event, {
			status,
			// The send node's messageId is the send's `data.messageId2`, which bitbybit calls the WhatsApp message id.
			messageId,
			whatsappMessageId:
				firstString(resource, [['wamid'], ['whatsappMessageId'], ['messageId2']]) ?? null,
			to: digits(
				firstString(resource, [
					['to'],
					['recipient'],
					['phoneNumber'],
					['phone'],
					['customer', 'phoneNumber'],
				]),
			),
			timestamp,
			error: status === 'failed' ? errorOf(resource) : null,
		});
		return [
			{ event, filterValue: status ?? '', dedupeKey: key(`${messageId}:${status}:${timestamp}`) },
		];
	}

	if (eventName === 'message.received') {
		const event = blankEvent('bitbybit', 'message', raw);
		Object.assign(event, {
			status: 'received',
			messageId,
			whatsappMessageId:
				firstString(resource, [['wamid'], ['whatsappMessageId'], ['messageId2']]) ?? null,
			from: digits(
				firstString(resource, [
					['from'],
					['sender'],
					['phoneNumber'],
					['phone'],
					['customer', 'phoneNumber'],
				]),
			),
			to: digits(firstString(resource, [['to']])),
			timestamp,
			text: textOf(resource),
			type: firstString(resource, [['type'], ['messageType']]) ?? null,
		});
		return [
			{
				event,
				filterValue: 'received',
				dedupeKey: key(`${messageId}:${JSON.stringify(resource)}`),
			},
		];
	}
	return [];
}
