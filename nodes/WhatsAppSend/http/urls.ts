import { ConfigurationError, InputError, quoteValue } from '../output/errors';

const SAFE_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/**
 * Refuses a request path whose segments could step outside the provider's route: `.` or `..`
 * (also percent-encoded), an encoded slash or backslash, or characters that end the path (`?`, `#`).
 * Builders validate what the user typed; this is the last check before anything leaves.
 */
export function checkPath(path: string): void {
	const problem = pathProblem(path);
	if (problem) {
		throw new InputError(
			'Request path',
			`${quoteValue(path)} ${problem}`,
			'ids made of letters, digits and - _ . @ : only',
		);
	}
}

function hasControl(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

function pathProblem(path: string): string | undefined {
	if (!path.startsWith('/')) return 'does not start with "/"';
	for (const segment of path.slice(1).split('/')) {
		if (segment === '') return 'has an empty segment';
		if (!SAFE_SEGMENT.test(segment)) return `has an unsafe segment "${segment}"`;
		let decoded: string;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			return `has a badly encoded segment "${segment}"`;
		}
		if (decoded === '.' || decoded === '..') return "climbs out of the provider's route";
		if (/[/\\?#]/.test(decoded) || hasControl(decoded))
			return `has an encoded separator in "${segment}"`;
	}
	return undefined;
}

const BASE_URL_EXAMPLE =
	'a URL such as https://api.example.com/v1: the scheme, the host and any path prefix, nothing else';

/**
 * What is wrong with a Base URL, in words that never repeat the parts where a key could have been pasted
 * (user info, query, fragment, or a value that is not a URL at all); undefined when it is usable.
 */
function baseUrlProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (value === '') return 'is empty';
	if (/\s/.test(value) || hasControl(value))
		return 'contains spaces, line breaks or control characters';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'is not a URL (it must start with https:// or http://)';
	}
	if (
		(url.protocol !== 'http:' && url.protocol !== 'https:') ||
		!/^https?:\/\/[^/\\]/i.test(value)
	) {
		return 'does not start with https:// or http:// followed by a host name';
	}
	const shown = `${url.protocol}//${url.username || url.password ? '…@' : ''}${url.host}${url.pathname}`;
	const parts = [
		url.username || url.password ? 'a user name or password before the host (…@)' : undefined,
		url.search || value.includes('?') ? 'a query string (?…)' : undefined,
		url.hash || value.includes('#') ? 'a fragment (#…)' : undefined,
	].filter((part): part is string => part !== undefined);
	if (parts.length > 0) {
		return `${shown} has ${parts.join(' and ')}, which would be sent with every request — a key pasted there belongs in the credential's key field`;
	}
	return undefined;
}

/**
 * The credential's Base URL, checked: http(s) only, no user info, query or fragment (they would
 * end up on every request). Returns the URL without trailing slashes, or undefined when unusable.
 */
export function normalizeBaseUrl(raw: unknown): string | undefined {
	return baseUrlProblem(raw) === undefined ? usableBaseUrl(raw) : undefined;
}

/** A Base URL `baseUrlProblem` found nothing wrong with, without trailing slashes. */
function usableBaseUrl(raw: unknown): string {
	const url = new URL(String(raw).trim());
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** The Base URL to send to, or a ConfigurationError that says what is wrong with it (nothing was sent). */
export function readBaseUrl(raw: unknown): string {
	const problem = baseUrlProblem(raw);
	if (problem !== undefined) {
		throw new ConfigurationError('Base URL', problem, `Use ${BASE_URL_EXAMPLE}.`);
	}
	return usableBaseUrl(raw);
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
