import { createHmac } from 'node:crypto';

/**
 * Deliveries as each provider sends them: the exact bytes and the signature headers, following the
 * providers' documents — written independently of the node's code, so a test can catch it out.
 */
export interface Delivery {
	headers: Record<string, string>;
	body: Buffer;
}

function hmacHex(secret: string, data: string | Buffer): string {
	return createHmac('sha256', secret).update(data).digest('hex');
}

/** Escapes Go's encoding/json and Rails' to_json apply: `<`, `>`, `&`, U+2028, U+2029. */
function escapeHtml(json: string): string {
	return json
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

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
	const ordered = { event_type: event.event_type, device_id: event.device_id, timestamp: event.timestamp, data: sortedKeys(event.data) };
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

/** docs.vobiz.ai/whatsapp/api/webhooks: `X-Webhook-Signature` is the bare hex digest of the raw body. */
export function vobizDelivery(event: Record<string, unknown>, secret: string): Delivery {
	const body = Buffer.from(JSON.stringify(event));
	return {
		headers: {
			'content-type': 'application/json',
			'x-webhook-signature': hmacHex(secret, body),
			'x-webhook-event': String(event.event_type),
		},
		body,
	};
}

/**
 * Callbell (a Rails app: to_json escapes HTML characters) signs `<t>.<raw body>` when a secret was
 * generated, and sends no signature at all otherwise (webhooks/signatures.md).
 */
export function callbellDelivery(event: Record<string, unknown>, secret: string | undefined, unixSeconds: number): Delivery {
	const body = Buffer.from(escapeHtml(JSON.stringify(event)));
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secret) headers['x-callbell-signature'] = `t=${unixSeconds},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${unixSeconds}.`), body]))}`;
	return { headers, body };
}

/** knowledge.bitbybit.studio webhooks: documented headers, `t=…,v1=…` over `"{t}.{raw body}"`. */
export function bitbybitDelivery(
	fixture: { headers: Record<string, string>; body: unknown },
	secret: string,
	unixSeconds: number,
): Delivery {
	const body = Buffer.from(JSON.stringify(fixture.body));
	const headers = Object.fromEntries(Object.entries(fixture.headers).map(([name, value]) => [name.toLowerCase(), value]));
	headers['x-bitbybit-webhook-timestamp'] = String(unixSeconds);
	headers['x-bitbybit-webhook-signature'] = `t=${unixSeconds},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${unixSeconds}.`), body]))}`;
	return { headers, body };
}

/**
 * The same delivery with one byte of its body changed, the last letter that can change while the
 * body stays valid JSON (so only the signature can tell).
 */
export function tamper(delivery: Delivery): Delivery {
	for (let at = delivery.body.length - 1; at >= 0; at--) {
		const byte = delivery.body[at];
		if (!((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a))) continue;
		const body = Buffer.from(delivery.body);
		body[at] = byte ^ 0x20;
		try {
			JSON.parse(body.toString('utf8'));
			return { headers: delivery.headers, body };
		} catch {
			// A letter of true/false/null: try the one before.
		}
	}
	throw new Error('nothing to tamper with');
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
