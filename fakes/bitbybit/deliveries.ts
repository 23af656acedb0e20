import type { Delivery } from '../deliveries';
import { hmacHex } from '../deliveries';

/** knowledge.bitbybit.studio webhooks: documented headers, `t=…,v1=…` over `"{t}.{raw body}"`. */
export function bitbybitDelivery(
	fixture: { headers: Record<string, string>; body: unknown },
	secret: string,
	unixSeconds: number,
): Delivery {
	const body = Buffer.from(JSON.stringify(fixture.body));
	const headers = Object.fromEntries(
		Object.entries(fixture.headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	headers['x-bitbybit-webhook-timestamp'] = String(unixSeconds);
	headers['x-bitbybit-webhook-signature'] =
		`t=${unixSeconds},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${unixSeconds}.`), body]))}`;
	return { headers, body };
}
