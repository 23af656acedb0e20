import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MASK = '***';

// Shorter values would mask ordinary words; real keys and tokens are far longer.
const MIN_SECRET_LENGTH = 6;

/**
 * The secret strings of a credential as they may come back: as typed, without a pasted "Bearer "
 * prefix, and in the escaped forms a provider echoing a request could use (URL-encoded, JSON-escaped).
 */
export function secretsOf(credentials: ICredentialDataDecryptedObject, fields: readonly string[]): string[] {
	const secrets = new Set<string>();
	const add = (value: string) => {
		if (value.length < MIN_SECRET_LENGTH) return;
		secrets.add(value);
		secrets.add(encodeURIComponent(value));
		secrets.add(JSON.stringify(value).slice(1, -1));
	};
	for (const field of fields) {
		const value = String(credentials[field] ?? '').trim();
		add(value);
		add(value.replace(/^bearer\s+/i, ''));
	}
	// Longest first, so a secret that contains another is masked whole.
	return [...secrets].sort((a, b) => b.length - a.length);
}

export function maskText(text: string, secrets: readonly string[]): string {
	let masked = text;
	for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
	return masked;
}

/**
 * `value` with every secret masked, in strings and in object keys, however deep. Only what holds a
 * secret is copied: a clean answer comes back as the same object, so a large broadcast's outputs
 * are not all built twice.
 */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	const seen = new Set<unknown>();
	const visit = (current: unknown, depth: number): unknown => {
		if (typeof current === 'string') return maskText(current, secrets);
		if (depth > 50 || current === null || typeof current !== 'object' || seen.has(current)) return current;
		if (Buffer.isBuffer(current)) return current;
		seen.add(current);
		if (Array.isArray(current)) {
			const entries = current.map((entry) => visit(entry, depth + 1));
			return entries.every((entry, index) => entry === current[index]) ? current : entries;
		}
		let changed = false;
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(current)) {
			const maskedKey = maskText(key, secrets);
			const maskedEntry = visit(entry, depth + 1);
			changed ||= maskedKey !== key || maskedEntry !== entry;
			copy[maskedKey] = maskedEntry;
		}
		return changed ? copy : current;
	};
	return visit(value, 0) as T;
}

interface ErrorParts {
	message: string;
	stack?: string;
	description?: string | null;
	messages?: string[];
	context?: unknown;
	errorResponse?: unknown;
	cause?: unknown;
}

/**
 * Masks every secret in an error the node hands to n8n, in place: message, description, stack, the
 * messages n8n keeps, `context`, `errorResponse` and `cause` (n8n persists a cause's name and message).
 */
export function scrubError<E extends Error>(error: E, secrets: readonly string[]): E {
	if (secrets.length === 0) return error;
	const parts = error as unknown as ErrorParts;
	parts.message = maskText(parts.message ?? '', secrets);
	if (typeof parts.stack === 'string') parts.stack = maskText(parts.stack, secrets);
	if (typeof parts.description === 'string') parts.description = maskText(parts.description, secrets);
	if (Array.isArray(parts.messages)) parts.messages = parts.messages.map((m) => maskText(String(m), secrets));
	if (parts.context && typeof parts.context === 'object') {
		const context = parts.context as Record<string, unknown>;
		for (const [key, value] of Object.entries(context)) context[key] = maskDeep(value, secrets);
	}
	if (parts.errorResponse !== undefined) parts.errorResponse = maskDeep(parts.errorResponse, secrets);
	if (parts.cause !== undefined) {
		const cause = parts.cause;
		const safe =
			cause instanceof Error
				? { name: cause.name, message: maskText(cause.message, secrets) }
				: maskDeep(cause, secrets);
		Object.defineProperty(error, 'cause', { value: safe, writable: true, configurable: true, enumerable: false });
	}
	return error;
}
