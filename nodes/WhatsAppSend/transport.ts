import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InputError } from './errors';
import { encodeMultipart } from './multipart';
import type { ProviderRequest } from './types';

/** A provider's answer, whatever its status: the node classifies it, n8n does not throw for it. */
export interface HttpAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/**
 * A request that got no HTTP answer. `connectFailed` means the connection was never made, so the
 * provider certainly never saw the request; anything else may have reached it.
 */
export class NoAnswerError extends Error {
	/** How many requests this message caused; set by the retry loop. */
	attempts = 1;

	constructor(
		message: string,
		readonly code: string | undefined,
		readonly connectFailed: boolean,
		readonly timedOut: boolean,
	) {
		super(message);
	}
}

// Codes that exist only before a connection is made: not one byte of the request left the machine.
const CONNECT_FAILURES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL'];
// Raised while connecting or resolving (`connect ECONNRESET`, `connect ETIMEDOUT`, `getaddrinfo …`).
const CONNECT_SYSCALLS = ['connect', 'getaddrinfo', 'lookup'];
// Node's message for a TLS handshake cut short: the HTTP request is written only after the handshake.
const BEFORE_TLS = /before secure TLS connection was established/i;
const TIMEOUT_CODES = ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

interface ErrorLink {
	code?: unknown;
	syscall?: unknown;
	message?: unknown;
	cause?: unknown;
}

/** The error and its causes, outermost first (n8n wraps the HTTP client's error in a NodeApiError). */
function chainOf(error: unknown): ErrorLink[] {
	const chain: ErrorLink[] = [];
	let current = error;
	while (current !== null && typeof current === 'object' && !chain.includes(current as ErrorLink) && chain.length < 10) {
		chain.push(current as ErrorLink);
		current = (current as ErrorLink).cause;
	}
	return chain;
}

/**
 * Classifies an error of n8n's HTTP helper that came without an answer. Only failures that happen
 * before a connection exists count as `connectFailed`; a reset or hang-up on an open connection,
 * and any timeout, may come after the provider read the request.
 */
export function toNoAnswer(error: unknown): NoAnswerError {
	const chain = chainOf(error);
	const codes = chain.map((link) => link.code).filter((code): code is string => typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code));
	const code = codes[0];
	// The innermost message is the client's own ("connect ECONNREFUSED 127.0.0.1:7001"), not n8n's paraphrase.
	const innermost = [...chain].reverse().find((link) => typeof link.message === 'string' && link.message !== '');
	const detail = String(innermost?.message ?? (error instanceof Error ? error.message : String(error)));
	const timedOut = codes.some((c) => TIMEOUT_CODES.includes(c)) || /time(d)?\s?out/i.test(detail);
	const connectFailed =
		codes.some((c) => CONNECT_FAILURES.includes(c)) ||
		chain.some((link) => typeof link.syscall === 'string' && CONNECT_SYSCALLS.includes(link.syscall)) ||
		BEFORE_TLS.test(detail);
	return new NoAnswerError(detail, code, connectFailed, timedOut && !connectFailed);
}

const SAFE_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/**
 * Refuses a request path whose segments could step outside the provider's route: `.` or `..`
 * (also percent-encoded), an encoded slash or backslash, or characters that end the path (`?`, `#`).
 * Builders validate what the user typed; this is the last check before anything leaves.
 */
export function checkPath(path: string): void {
	const problem = pathProblem(path);
	if (problem) {
		throw new InputError('Request path', `"${path}" ${problem}`, 'ids made of letters, digits and - _ . @ : only');
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
		if (decoded === '.' || decoded === '..') return 'climbs out of the provider\'s route';
		if (/[/\\?#]/.test(decoded) || hasControl(decoded)) return `has an encoded separator in "${segment}"`;
	}
	return undefined;
}

/**
 * The credential's Base URL, checked: http(s) only, no user info, query or fragment (they would
 * end up on every request). Returns the URL without trailing slashes, or undefined when unusable.
 */
export function normalizeBaseUrl(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (/\s/.test(value) || hasControl(value)) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password || url.search || url.hash || value.includes('?') || value.includes('#')) return undefined;
	if (!/^https?:\/\/[^/\\]/i.test(value)) return undefined;
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Turns a provider request into n8n's HTTP options. Pure, so dry runs show exactly what is sent. */
export function toHttpOptions(request: ProviderRequest, baseUrl: string, timeout: number): IHttpRequestOptions {
	checkPath(request.path);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		timeout,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (request.json) {
		options.body = request.json;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.multipart) {
		const encoded = encodeMultipart(request.multipart);
		options.body = encoded.body;
		options.json = false;
		options.headers = { ...options.headers, 'Content-Type': encoded.contentType };
	}
	if (request.qs) options.qs = request.qs;
	return options;
}

export class Transport {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentialType: string,
		readonly baseUrl: string,
		/** Milliseconds per request; media downloads use it too. */
		readonly timeout: number,
	) {}

	async send(request: ProviderRequest): Promise<HttpAnswer> {
		return this.sendRaw(toHttpOptions(request, this.baseUrl, this.timeout));
	}

	private async sendRaw(options: IHttpRequestOptions): Promise<HttpAnswer> {
		let response: unknown;
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.credentialType,
				options,
			);
		} catch (error) {
			throw toNoAnswer(error);
		}
		const full = (response ?? {}) as IDataObject;
		return {
			statusCode: Number(full.statusCode ?? 0),
			body: parseMaybeJson(full.body),
			headers: (full.headers ?? {}) as HttpAnswer['headers'],
		};
	}
}

/** Multipart answers come back as text (`json: false`); a JSON body is still JSON. */
function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}
