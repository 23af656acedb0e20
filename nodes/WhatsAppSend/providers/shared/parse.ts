import type { IDataObject } from 'n8n-workflow';

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

const MAX_EXCERPT = 300;

/** The code `parseErrorBody` gives an HTML page: something other than the API answered. */
export const HTML_RESPONSE = 'HTML_RESPONSE';

function excerpt(value: string): string {
	const flat = value.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT)}…` : flat;
}

function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*<(!doctype|html|head|body|title|h1|\?xml)/i.test(body);
}

/** The title of an HTML page, or its first words: "502 Bad Gateway", "Welcome to nginx!". */
function pageSummary(page: string): string {
	const title =
		/<title[^>]*>([\s\S]*?)<\/title>/i.exec(page)?.[1] ??
		/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(page)?.[1];
	const text = (title ?? page.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' '))
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&');
	return excerpt(text);
}

/**
 * Finds a provider's error code and message in whatever it answered. The shapes differ by provider
 * and endpoint: `{error:{code,message,details}}` (bitbybit, Vobiz, Meta relayed), `{error:"…"}`
 * (Vobiz, Callbell), `{status,code,message,error}` (multi-session), `{message}`, `{detail}`, a list,
 * an HTML page, plain text, nothing.
 */
export function parseErrorBody(body: unknown): ProviderErrorDetail {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (Array.isArray(body)) return body.length > 0 ? parseErrorBody(body[0]) : {};
	const record = asRecord(body);
	if (!record) {
		if (typeof body === 'number' || typeof body === 'boolean') return { message: String(body) };
		const page = typeof body === 'string' ? body.trim() : '';
		if (page === '') return {};
		if (looksLikeHtml(page)) {
			const summary = pageSummary(page);
			return {
				code: HTML_RESPONSE,
				message: `an HTML page instead of JSON${summary ? ` ("${summary}")` : ''}`,
			};
		}
		return { message: excerpt(page) };
	}
	const nested = asRecord(record.error);
	const message =
		text(nested?.message) ??
		text(nested?.error_user_msg) ??
		text(record.error) ??
		text(record.message) ??
		text(record.detail) ??
		text(record.error_description) ??
		text(record.msg) ??
		firstOf(record.errors) ??
		firstOf(record.detail);
	const details =
		text(nested?.details) ?? stringAt(nested, 'error_data', 'details') ?? text(record.details);
	const code =
		text(nested?.code) ?? text(record.code) ?? text(record.error_code) ?? text(nested?.type);
	const full =
		message && details && !message.includes(details)
			? `${message}: ${details}`
			: (message ?? details);
	const parsed: ProviderErrorDetail = {
		code,
		message: full === undefined ? undefined : excerpt(full),
	};
	const structured = structuredDetails(nested?.details);
	if (structured) parsed.details = structured;
	return parsed;
}

// Kept whole up to this size; a larger object is cut to an excerpt of its JSON.
const MAX_DETAILS_JSON = 4000;

/**
 * An object (or list) in `error.details` — Vobiz's envelope `{error:{code, message, details}}` — is
 * what the provider says about the fields it refused; it is kept for the error item as it came.
 */
function structuredDetails(value: unknown): IDataObject | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const json = JSON.stringify(value);
	if (json === undefined || json === '{}' || json === '[]') return undefined;
	if (json.length > MAX_DETAILS_JSON) return { excerpt: `${json.slice(0, MAX_DETAILS_JSON)}…` };
	return Array.isArray(value) ? { items: value as IDataObject[] } : (value as IDataObject);
}

function firstOf(value: unknown): string | undefined {
	if (!Array.isArray(value) || value.length === 0) return undefined;
	return text(value[0]) ?? stringAt(value[0], 'message') ?? stringAt(value[0], 'msg');
}
