import type { Delivery } from '../deliveries';
import { hmacHex } from '../deliveries';

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
