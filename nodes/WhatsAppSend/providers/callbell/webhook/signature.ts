import {
	hexDigestEquals,
	hmacSha256,
	parseTimestampedSignature,
	withinWindow,
} from '../../../trigger/hmac';
import type { Verification, WebhookRequest } from '../../../trigger/types';

/**
 * `X-Callbell-Signature: t=<unix>,v1=<hex>`, the HMAC-SHA256 of `<t>.<raw body>` under the
 * `whsec_…` secret used whole; reject a `t` more than 5 minutes away
 * (callbell-public-docs, docs/api/reference/webhooks/signatures.md).
 */
export function verifyCallbell(
	request: WebhookRequest,
	secret: string,
	nowMs: number,
): Verification {
	const header = request.headers['x-callbell-signature'];
	if (!header) return { ok: false, reason: 'the delivery has no X-Callbell-Signature header' };
	const parsed = parseTimestampedSignature(header);
	if (!parsed)
		return {
			ok: false,
			reason: 'the X-Callbell-Signature header is not of the form t=<unix>,v1=<hex>',
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
