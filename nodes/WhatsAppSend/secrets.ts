import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MASK = '***';

// Shorter values would mask ordinary words; real keys and tokens are far longer.
const MIN_SECRET_LENGTH = 6;

/** The secret strings of a credential, also without a pasted "Bearer " prefix. */
export function secretsOf(credentials: ICredentialDataDecryptedObject, fields: readonly string[]): string[] {
	const secrets = new Set<string>();
	for (const field of fields) {
		const value = String(credentials[field] ?? '').trim();
		if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
		const bare = value.replace(/^bearer\s+/i, '');
		if (bare.length >= MIN_SECRET_LENGTH) secrets.add(bare);
	}
	// Longest first, so a secret that contains another is masked whole.
	return [...secrets].sort((a, b) => b.length - a.length);
}

export function maskText(text: string, secrets: readonly string[]): string {
	let masked = text;
	for (const secret of secrets) masked = masked.split(secret).join(MASK);
	return masked;
}

/** A copy of `value` with every secret masked, in strings and in object keys, however deep. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	const visit = (current: unknown, depth: number): unknown => {
		if (typeof current === 'string') return maskText(current, secrets);
		if (depth > 50 || current === null || typeof current !== 'object') return current;
		if (Array.isArray(current)) return current.map((entry) => visit(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(current)) copy[maskText(key, secrets)] = visit(entry, depth + 1);
		return copy;
	};
	return visit(value, 0) as T;
}
