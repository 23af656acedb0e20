import {
	hexDigestEquals,
	hmacSha256,
	parseTimestampedSignature,
	withinWindow,
} from '../../../trigger/hmac';
import type { Verification, WebhookRequest } from '../../../trigger/types';

/**
 * `X-BitByBit-Webhook-Signature: t=<unix>,v1=<hex>`, the HMAC-SHA256 of `"{t}.{raw body}"` under the
 * signing secret shown once when the webhook is created; older than 5 minutes is a replay
 * (knowledge.bitbybit.studio/api-reference/webhooks/security). A `t` more than 5 minutes ahead is
 * refused as well.
 */
export function verifyBitbybit(
	request: WebhookRequest,
	secret: string,
	nowMs: number,
): Verification {
	const header = request.headers['x-bitbybit-webhook-signature'];
	if (!header)
		return { ok: false, reason: 'the delivery has no X-BitByBit-Webhook-Signature header' };
	const parsed = parseTimestampedSignature(header);
	if (!parsed)
		return {
			ok: false,
			reason: 'the X-BitByBit-Webhook-Signature header is not of the form t=<unix>,v1=<hex>',
		};
	if (!withinWindow(parsed.timestamp, nowMs)) {
		return {
			ok: false,
			reason: `the signed timestamp ${parsed.timestamp} is more than 5 minutes from this server's clock`,
		};
	}
	const expected = hmacSha256(secret, `${parsed.timestamp}.`, request.rawBody);
	return parsed.signatures.some((signature) => hexDigestEquals(expected, signature))
		? { ok: true }
		: { ok: false, reason: 'the signature does not match the body' };
}
