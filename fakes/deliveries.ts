import { createHmac } from 'node:crypto';

/**
 * Deliveries as each provider sends them: the exact bytes and the signature headers, following the
 * providers' documents — written independently of the node's code, so a test can catch it out.
 */
export interface Delivery {
	headers: Record<string, string>;
	body: Buffer;
}

export function hmacHex(secret: string, data: string | Buffer): string {
	return createHmac('sha256', secret).update(data).digest('hex');
}

/** Escapes Go's encoding/json and Rails' to_json apply: `<`, `>`, `&`, U+2028, U+2029. */
export function escapeHtml(json: string): string {
	return json
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
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
