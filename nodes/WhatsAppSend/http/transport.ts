import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { Deadline } from './deadline';
import { DeadlineClock } from './deadline';
import { ConfigurationError, InputError, noAnswerWithin, quoteValue } from '../output/errors';
import type { StopSwitch } from '../run/halt';
import { parseMaybeJson } from './answer';
import type { HttpAnswer } from './answer';
import { encodeMultipart } from './multipart';
import type { ProviderRequest } from '../providers/types';

/**
 * A request that got no HTTP answer. `connectFailed` means the connection was never made, so the
 * provider certainly never saw the request; anything else may have reached it.
 */
export class NoAnswerError extends Error {
	/** How many requests this message caused; set by the retry loop. */
	attempts = 1;

	/** n8n's HTTP client refused to build the request (an invalid header name, an invalid URL): it never left n8n. */
	readonly refused: boolean;

	/** The execution was cancelled while the request was on its way. */
	readonly cancelled: boolean;

	/** The deadline the request had, for messages ("no answer within 300 ms"). */
	readonly timeoutMs?: number;

	constructor(
		message: string,
		readonly code: string | undefined,
		readonly connectFailed: boolean,
		readonly timedOut: boolean,
		more: { refused?: boolean; cancelled?: boolean; timeoutMs?: number } = {},
	) {
		super(message);
		this.refused = more.refused ?? false;
		this.cancelled = more.cancelled ?? false;
		this.timeoutMs = more.timeoutMs;
	}
}

// Codes that exist only before a connection is made: not one byte of the request left the machine.
const CONNECT_FAILURES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL'];
// Raised while connecting or resolving (`connect ECONNRESET`, `connect ETIMEDOUT`, `getaddrinfo …`).
const CONNECT_SYSCALLS = ['connect', 'getaddrinfo', 'lookup'];
// Node's message for a TLS handshake cut short: the HTTP request is written only after the handshake.
const BEFORE_TLS = /before secure TLS connection was established/i;
const TIMEOUT_CODES = ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];
// Node's and axios's refusals to build a request at all: an invalid header name or value, an invalid URL,
// an option axios rejects. Each is raised before a socket exists, so nothing was sent, and sending again
// would fail the same way. (Codes that can also come up while a request is under way are not listed.)
const CLIENT_REFUSALS = [
	'ERR_INVALID_HTTP_TOKEN',
	'ERR_INVALID_CHAR',
	'ERR_HTTP_INVALID_HEADER_VALUE',
	'ERR_INVALID_URL',
	'ERR_UNESCAPED_CHARACTERS',
	'ERR_INVALID_PROTOCOL',
	'ERR_BAD_OPTION_VALUE',
	'ERR_BAD_OPTION',
];

interface ErrorLink {
	code?: unknown;
	syscall?: unknown;
	message?: unknown;
	cause?: unknown;
	errorResponse?: unknown;
}

/**
 * The error and its causes, outermost first. n8n wraps the HTTP client's error in a NodeApiError, as its
 * `cause` — or as its `errorResponse` when the error does not pass `instanceof Error` (one made by Node
 * itself, seen from another JavaScript realm).
 */
function chainOf(error: unknown): ErrorLink[] {
	const chain: ErrorLink[] = [];
	let current = error;
	while (current !== null && typeof current === 'object' && !chain.includes(current as ErrorLink) && chain.length < 10) {
		chain.push(current as ErrorLink);
		current = (current as ErrorLink).cause ?? (current as ErrorLink).errorResponse;
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
	const refusal = codes.find((c) => CLIENT_REFUSALS.includes(c));
	const code = refusal ?? codes[0];
	// The innermost message is the client's own ("connect ECONNREFUSED 127.0.0.1:7001"), not n8n's paraphrase.
	const innermost = [...chain].reverse().find((link) => typeof link.message === 'string' && link.message !== '');
	const detail = String(innermost?.message ?? (error instanceof Error ? error.message : String(error)));
	const timedOut = codes.some((c) => TIMEOUT_CODES.includes(c)) || /time(d)?\s?out/i.test(detail);
	const connectFailed =
		codes.some((c) => CONNECT_FAILURES.includes(c)) ||
		chain.some((link) => typeof link.syscall === 'string' && CONNECT_SYSCALLS.includes(link.syscall)) ||
		BEFORE_TLS.test(detail);
	if (refusal) return new NoAnswerError(detail, code, false, false, { refused: true });
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
		throw new InputError('Request path', `${quoteValue(path)} ${problem}`, 'ids made of letters, digits and - _ . @ : only');
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

const BASE_URL_EXAMPLE = 'a URL such as https://api.example.com/v1: the scheme, the host and any path prefix, nothing else';

/**
 * What is wrong with a Base URL, in words that never repeat the parts where a key could have been pasted
 * (user info, query, fragment, or a value that is not a URL at all); undefined when it is usable.
 */
export function baseUrlProblem(raw: unknown): string | undefined {
	const value = String(raw ?? '').trim();
	if (value === '') return 'is empty';
	if (/\s/.test(value) || hasControl(value)) return 'contains spaces, line breaks or control characters';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'is not a URL (it must start with https:// or http://)';
	}
	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\/[^/\\]/i.test(value)) {
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

/**
 * Turns a provider request into n8n's HTTP options. Pure, so dry runs show exactly what is sent.
 * Redirects are never followed: n8n's helper would otherwise take the key to wherever a redirect
 * points and turn a POST into a GET; a 3xx comes back as an answer, and the node reports it.
 */
export function toHttpOptions(request: ProviderRequest, baseUrl: string, timeout: number): IHttpRequestOptions {
	checkPath(request.path);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		timeout,
		disableFollowRedirect: true,
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

/** The part of n8n's execution contexts the deadline needs; every context that runs a node has it. */
interface Cancellable {
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

/** What ended a request that got no answer; the HTTP client's own error says only "canceled" when a signal did. */
export function explainNoAnswer(error: unknown, deadline: Deadline): NoAnswerError {
	if (deadline.cancelled) {
		const answer = toNoAnswer(error);
		return new NoAnswerError('the execution was cancelled', answer.code, answer.connectFailed, false, { cancelled: true });
	}
	if (deadline.timedOut) {
		return new NoAnswerError(noAnswerWithin(deadline.ms), 'ETIMEDOUT', false, true, { timeoutMs: deadline.ms });
	}
	const answer = toNoAnswer(error);
	if (!answer.timedOut) return answer;
	// n8n's own header timeout: the same limit, said the same way.
	return new NoAnswerError(noAnswerWithin(deadline.ms), answer.code, false, true, { timeoutMs: deadline.ms });
}

/**
 * `context`, but with `signal` as its execution cancel signal. n8n's `httpRequestWithAuthentication`
 * replaces any `abortSignal` a node passes with the context's cancel signal (n8n-core 1.122 and 2.41
 * alike), so the deadline has to travel that way; n8n itself derives contexts like this in RoutingNode.
 */
export function withSignal<T extends object>(context: T, signal: AbortSignal): T {
	return Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as T;
}

/** The execution's cancel signal, where the engine offers one (list searches run without). */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	try {
		return (context as Cancellable).getExecutionCancelSignal?.();
	} catch {
		return undefined;
	}
}

export class Transport {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentialType: string,
		readonly baseUrl: string,
		/** Milliseconds per request, connecting to last byte; media downloads use it too. */
		readonly timeout: number,
		/** Flipped when the execution is cancelled: a cancelled run ends its requests at once. */
		readonly cancel?: StopSwitch,
	) {}

	/** Ends this run's requests at their deadlines. */
	readonly clock = new DeadlineClock();

	async send(request: ProviderRequest): Promise<HttpAnswer> {
		return await this.sendRaw(toHttpOptions(request, this.baseUrl, this.timeout));
	}

	private async sendRaw(options: IHttpRequestOptions): Promise<HttpAnswer> {
		const deadline = this.clock.start(this.timeout, this.cancel);
		let response: unknown;
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				withSignal(this.context, deadline.signal),
				this.credentialType,
				{ ...options, abortSignal: deadline.signal },
			);
		} catch (error) {
			throw explainNoAnswer(error, deadline);
		} finally {
			deadline.release();
		}
		const full = (response ?? {}) as IDataObject;
		return {
			statusCode: Number(full.statusCode ?? 0),
			body: parseMaybeJson(full.body),
			headers: (full.headers ?? {}) as HttpAnswer['headers'],
		};
	}
}
