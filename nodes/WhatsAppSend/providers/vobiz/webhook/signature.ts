import { hexDigestEquals, hmacSha256 } from '../../../trigger/hmac';
import type { Verification, WebhookRequest } from '../../../trigger/types';

/**
 * `X-Webhook-Signature`: the hex HMAC-SHA256 of the raw body under the subscription's secret, "no
 * sha256= prefix" (docs.vobiz.ai/whatsapp/api/webhooks, Delivery to your endpoint). Vobiz's own n8n
 * trigger also accepts the digest after `sha256=`, so that is tolerated.
 */
export function verifyVobiz(request: WebhookRequest, secret: string): Verification {
	const header = request.headers['x-webhook-signature'];
	if (!header) return { ok: false, reason: 'the delivery has no X-Webhook-Signature header' };
	const digest = header.trim().replace(/^sha256=/i, '');
	return hexDigestEquals(hmacSha256(secret, request.rawBody), digest)
		? { ok: true }
		: { ok: false, reason: 'the signature does not match the body' };
}
