import type { DeliveryRules } from './types';

/** Host names and literal addresses that only this machine or its network can reach. */
export function isLocalHost(host: string): boolean {
	const name = host.toLowerCase().replace(/^\[|\]$/g, '');
	if (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '0.0.0.0' ||
		name === '::' ||
		name === '::1'
	)
		return true;
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		// Loopback, private (RFC 1918), link-local and "this network": what Go's IsLoopback, IsPrivate
		// and IsLinkLocalUnicast refuse in the Multi-Session server, and what no hosted provider reaches.
		return (
			a === 127 ||
			a === 10 ||
			a === 0 ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 169 && b === 254)
		);
	}
	const mappedV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(name);
	if (mappedV4) return isLocalHost(mappedV4[1]);
	// IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
	return name.includes(':') && /^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/.test(name);
}

/** Loopback only: a server on this very machine (the sandbox, a local test server). */
function isLoopbackHost(host: string): boolean {
	const name = host.toLowerCase().replace(/^\[|\]$/g, '');
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '::1' ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
	);
}

/**
 * Why the provider would never deliver to `webhookUrl`, or undefined when it can. A credential whose
 * Base URL is on this machine is a stand-in for the provider (the sandbox), which reaches local
 * addresses, so nothing is refused then.
 */
export function undeliverableReason(
	webhookUrl: string | undefined,
	rules: DeliveryRules,
	credentialBaseUrl: unknown,
): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl ?? '');
	} catch {
		return `n8n gave this trigger no usable webhook address ("${webhookUrl ?? ''}")`;
	}
	if (isLocalServer(credentialBaseUrl)) return undefined;
	if (isLocalHost(url.hostname)) {
		return `${rules.label} cannot reach ${url.origin}: it is an address on this machine or its private network (${rules.source})`;
	}
	if (rules.httpsOnly && url.protocol !== 'https:') {
		return `${rules.label} delivers only to https:// addresses, and this trigger's address is ${url.origin} (${rules.source})`;
	}
	return undefined;
}

/** What to do about an undeliverable address, for every provider. */
export const PUBLIC_URL_REMEDY =
	'Give n8n a public HTTPS address: set WEBHOOK_URL to it (for example a tunnel such as cloudflared or ngrok pointing at n8n) and restart n8n, then activate the workflow again.';

function isLocalServer(baseUrl: unknown): boolean {
	try {
		return isLoopbackHost(new URL(String(baseUrl ?? '')).hostname);
	} catch {
		return false;
	}
}
