import type { ProviderErrorDetail } from '../types';

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** Reads a nested string, e.g. `stringAt(body, 'data', 'messageId2')`. */
export function stringAt(value: unknown, ...path: string[]): string | undefined {
	let current: unknown = value;
	for (const key of path) current = asRecord(current)?.[key];
	return text(current);
}

const MAX_PAGE_EXCERPT = 200;

/**
 * Finds a provider's error code and message in whatever it answered. The shapes differ by provider
 * and endpoint: `{error:{code,message}}`, `{error:"…"}`, `{message}`, `{detail}`, an HTML page, nothing.
 */
export function parseErrorBody(body: unknown): ProviderErrorDetail {
	const record = asRecord(body);
	if (!record) {
		const page = typeof body === 'string' ? body.trim() : '';
		if (page === '') return {};
		const looksLikeHtml = /^<(!doctype|html|head|body)/i.test(page);
		const excerpt = looksLikeHtml
			? page.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
			: page;
		return {
			message: looksLikeHtml
				? `an HTML page instead of JSON${excerpt ? ` ("${excerpt.slice(0, MAX_PAGE_EXCERPT)}")` : ''}`
				: excerpt.slice(0, MAX_PAGE_EXCERPT),
			code: looksLikeHtml ? 'NON_JSON_RESPONSE' : undefined,
		};
	}
	const nested = asRecord(record.error);
	const message =
		text(nested?.message) ??
		text(record.error) ??
		text(record.message) ??
		text(record.detail) ??
		text(record.error_description) ??
		firstOf(record.errors);
	const code = text(nested?.code) ?? text(record.code) ?? text(record.error_code);
	return { code, message };
}

function firstOf(value: unknown): string | undefined {
	if (!Array.isArray(value) || value.length === 0) return undefined;
	return text(value[0]) ?? stringAt(value[0], 'message');
}
