import { hexDigestEquals, hmacSha256 } from '../../../trigger/hmac';
import type { Verification, WebhookRequest } from '../../../trigger/types';

// The server sets both headers to the same value, `sha256=<hex>` of the bytes it sends
// (internal/webhook/delivery.go, generateSignature; docs/WEBHOOK_EVENTS.md, Security).
const HEADERS = ['x-webhook-signature', 'x-hub-signature-256'];

function multiSessionSignature(request: WebhookRequest): string | undefined {
	for (const name of HEADERS) if (request.headers[name]) return request.headers[name];
	return undefined;
}

export function verifyMultiSession(request: WebhookRequest, secret: string): Verification {
	const header = multiSessionSignature(request);
	if (!header)
		return {
			ok: false,
			reason: 'the delivery has no X-Webhook-Signature or X-Hub-Signature-256 header',
		};
	const match = /^sha256=(.*)$/i.exec(header.trim());
	if (!match) return { ok: false, reason: 'the signature header is not of the form sha256=<hex>' };
	return hexDigestEquals(hmacSha256(secret, request.rawBody), match[1])
		? { ok: true }
		: { ok: false, reason: 'the signature does not match the body' };
}
