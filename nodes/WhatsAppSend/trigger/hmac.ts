import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** How far a signed timestamp may be from n8n's clock, either way (bitbybit and Callbell say 5 minutes). */
const SIGNATURE_WINDOW_SECONDS = 300;

/** HMAC-SHA256 over the parts, concatenated byte for byte. */
export function hmacSha256(secret: string, ...parts: Array<string | Buffer>): Buffer {
	const mac = createHmac('sha256', secret);
	for (const part of parts) mac.update(part);
	return mac.digest();
}

/**
 * Whether a hex digest someone sent equals the expected digest, in constant time. Case-insensitive
 * hex; anything that is not a 64-digit hex string is simply not equal.
 */
export function hexDigestEquals(expected: Buffer, given: string): boolean {
	const text = given.trim();
	if (!/^[0-9a-fA-F]{64}$/.test(text)) return false;
	const received = Buffer.from(text, 'hex');
	return received.length === expected.length && timingSafeEqual(received, expected);
}

/** `t=<unix>,v1=<hex>[,v1=<hex>…]` (bitbybit, Callbell). Unknown parts are ignored. */
export function parseTimestampedSignature(
	header: string,
): { timestamp: string; signatures: string[] } | undefined {
	let timestamp: string | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const at = part.indexOf('=');
		if (at <= 0) continue;
		const key = part.slice(0, at).trim();
		const value = part.slice(at + 1).trim();
		if (key === 't') timestamp = value;
		else if (key === 'v1' && value) signatures.push(value);
	}
	if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0)
		return undefined;
	return { timestamp, signatures };
}

/** Whether a signed unix time lies within the window around `nowMs`. */
export function withinWindow(
	timestamp: string,
	nowMs: number,
	windowSeconds = SIGNATURE_WINDOW_SECONDS,
): boolean {
	return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= windowSeconds;
}

/** A short, stable fingerprint of a dedupe key or payload (96 bits, base64url). */
export function fingerprint(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
