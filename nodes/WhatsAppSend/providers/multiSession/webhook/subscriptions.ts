import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, Subscription, SubscriptionApi } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';
import { MULTI_SESSION_CONNECTION_EVENTS } from './events';

const EVENTS_FOR: Record<string, string[]> = {
	delivered: ['message.delivered'],
	read: ['message.read'],
	played: ['message.played'],
	received: ['message.received'],
	connection: MULTI_SESSION_CONNECTION_EVENTS,
};

/** A field by its Go name (`URL`: the server's WebhookConfig has no JSON tags) or its lower-case name. */
function field(entry: unknown, goName: string, jsonName: string): unknown {
	const record = asRecord(entry);
	return record?.[goName] ?? record?.[jsonName];
}

/**
 * The device's webhooks: `GET /webhooks` answers `{data:{webhooks:[…]}}` (null when there are none),
 * each webhook marshalled from Go's WebhookConfig without JSON tags — `ID`, `URL`, `Secret`, `Events`,
 * `Active` — and the secret included (internal/webhooks/controller.go, ListWebhooks).
 */
export function parseMultiSessionWebhooks(body: unknown): Subscription[] {
	const data = asRecord(asRecord(body)?.data);
	const list = data?.webhooks;
	if (!Array.isArray(list)) return [];
	return list.flatMap((entry) => {
		const id = field(entry, 'ID', 'id');
		const url = field(entry, 'URL', 'url');
		if ((typeof id !== 'number' && typeof id !== 'string') || typeof url !== 'string') return [];
		const secret = field(entry, 'Secret', 'secret');
		const events = field(entry, 'Events', 'events');
		return [
			{
				id: String(id),
				url,
				...(typeof secret === 'string' && secret ? { secret } : {}),
				events: Array.isArray(events) ? events.map(String) : [],
			},
		];
	});
}

export const multiSessionSubscriptions: SubscriptionApi = {
	kind: 'subscriptions',
	// The server ignores a `secret` in the request and makes its own (controller.go, CreateWebhook).
	secretMadeBy: 'provider',

	list: (): ApiRequest => ({ method: 'GET', path: '/webhooks' }),
	parseList: parseMultiSessionWebhooks,

	create: ({ url, events }): ApiRequest => ({
		method: 'POST',
		path: '/webhooks',
		json: { url, events } as IDataObject,
	}),

	// `{data:{webhook_id, secret}}`, status 200.
	parseCreated(body) {
		const data = asRecord(asRecord(body)?.data);
		const id = stringAt(data, 'webhook_id');
		const secret = stringAt(data, 'secret');
		return id ? { id, ...(secret ? { secret } : {}) } : undefined;
	},

	remove: (id): ApiRequest => ({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` }),

	providerEvents(selected) {
		return [...new Set(selected.flatMap((value) => EVENTS_FOR[value] ?? []))].sort();
	},

	createRefusedHint:
		'The server allows a few webhooks per device (5 unless WEBHOOK_MAX_PER_DEVICE says otherwise); remove unused ones with DELETE /webhooks/{id}.',
};
