import type { Delivery } from '../deliveries';
import { escapeHtml, hmacHex } from '../deliveries';

function sortedKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortedKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value as object)
			.sort()
			.map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
	);
}

/**
 * Go's json.Marshal of the server's WebhookEvent struct: fields in declaration order (event_type,
 * device_id, timestamp, data), the `data` map's keys sorted, HTML characters escaped.
 */
export function goJson(event: Record<string, unknown>): string {
	const ordered = {
		event_type: event.event_type,
		device_id: event.device_id,
		timestamp: event.timestamp,
		data: sortedKeys(event.data),
	};
	return escapeHtml(JSON.stringify(ordered));
}

/** internal/webhook/delivery.go: both headers carry `sha256=<hex>` of the body; X-Webhook-Event names it. */
export function multiSessionDelivery(event: Record<string, unknown>, secret: string): Delivery {
	const body = Buffer.from(goJson(event));
	const signature = `sha256=${hmacHex(secret, body)}`;
	return {
		headers: {
			'content-type': 'application/json',
			'x-webhook-signature': signature,
			'x-hub-signature-256': signature,
			'x-webhook-event': String(event.event_type),
			'user-agent': 'WhatsApp-API-MultiSession/1.0',
		},
		body,
	};
}
