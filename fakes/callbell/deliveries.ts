import type { Delivery } from '../deliveries';
import { escapeHtml, hmacHex } from '../deliveries';

/**
 * Callbell (a Rails app: to_json escapes HTML characters) signs `<t>.<raw body>` when a secret was
 * generated, and sends no signature at all otherwise (webhooks/signatures.md).
 */
export function callbellDelivery(
	event: Record<string, unknown>,
	secret: string | undefined,
	unixSeconds: number,
): Delivery {
	const body = Buffer.from(escapeHtml(JSON.stringify(event)));
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secret)
		headers['x-callbell-signature'] =
			`t=${unixSeconds},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${unixSeconds}.`), body]))}`;
	return { headers, body };
}
