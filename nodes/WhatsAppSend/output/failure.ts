import type { IDataObject } from 'n8n-workflow';

import type { ProviderErrorDetail } from '../providers/types';
import { displayUrl } from './secrets';

type FailureKind =
	| 'auth'
	| 'validation'
	| 'rate_limited'
	| 'payment'
	| 'not_found'
	| 'provider_unavailable'
	/** The credential or a setting cannot make a valid request; nothing was sent. */
	| 'configuration'
	/** The execution was cancelled before or while the message was sent. */
	| 'cancelled'
	/** An unexpected error inside the node itself. */
	| 'unknown';

/** Everything the node knows about one failed send, in a provider-neutral shape. */
export interface Failure {
	kind: FailureKind;
	/** Whether sending the same message again later could succeed. */
	retryable: boolean;
	/** True when the provider may have accepted the message although the node saw a failure. */
	mayHaveBeenSent: boolean;
	httpCode?: number;
	providerCode?: string;
	providerMessage?: string;
	/** Structured details the provider attached to its refusal, secrets masked. */
	providerDetails?: IDataObject;
	hint?: string;
	/** Requests this message caused, retries included. */
	attempts?: number;
	/** What failed when it was not the message itself, e.g. "the lookup of /channels". */
	subject?: string;
	/** Set when no HTTP answer came at all. */
	noAnswer?: 'connect' | 'refused' | 'timeout' | 'closed' | 'cancelled';
}

export function classifyStatus(status: number): Pick<Failure, 'kind' | 'retryable'> {
	if (status === 401 || status === 403) return { kind: 'auth', retryable: false };
	if (status === 402) return { kind: 'payment', retryable: false };
	if (status === 404 || status === 405 || status === 410)
		return { kind: 'not_found', retryable: false };
	if (status === 429) return { kind: 'rate_limited', retryable: true };
	if (status === 408) return { kind: 'provider_unavailable', retryable: true };
	if (status >= 400 && status < 500) return { kind: 'validation', retryable: false };
	if (status >= 500) return { kind: 'provider_unavailable', retryable: status !== 501 };
	// A 2xx that is not the API's JSON, or a redirect the node does not follow: the address is not the API.
	return { kind: 'not_found', retryable: false };
}

export function isRedirect(status: number): boolean {
	return status >= 300 && status < 400;
}

const STATUS_TEXT: Record<number, string> = {
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/**
 * Only a 2xx answer in the provider's own format is an acceptance. An HTML page with 200 comes from
 * something that is not the API (a website, a login portal), and the message went nowhere.
 */
export function isAccepted(statusCode: number, body: unknown): boolean {
	if (statusCode < 200 || statusCode >= 300) return false;
	return !(typeof body === 'string' && /^\s*</.test(body));
}

export function providerFailure(
	status: number,
	detail: ProviderErrorDetail,
	hint?: string,
	attempts?: number,
	/** The provider's own class for this refusal, when it knows nothing was sent (see ProviderPlugin.knownRefusal). */
	known?: Pick<Failure, 'kind' | 'retryable' | 'mayHaveBeenSent'>,
): Failure {
	const { kind, retryable } = known ?? classifyStatus(status);
	// The multi-session API repeats the HTTP status as its `code`; that says nothing new.
	const providerCode =
		detail.code !== undefined && detail.code !== String(status) ? detail.code : undefined;
	return {
		kind,
		retryable,
		// 4xx, 429 and 503 are definite refusals; other 5xx (and 408) fail somewhere the node cannot see,
		// unless the provider knows the refusal.
		mayHaveBeenSent: known
			? known.mayHaveBeenSent
			: status === 408 || (status >= 500 && status !== 503 && status !== 501),
		httpCode: status,
		providerCode,
		providerMessage: detail.message ?? emptyAnswer(status),
		...(detail.details ? { providerDetails: detail.details } : {}),
		hint,
		attempts,
	};
}

function emptyAnswer(status: number): string {
	const text = STATUS_TEXT[status];
	return `HTTP ${status}${text ? ` ${text}` : ''} with no error message`;
}

/** What the Timeout option's hint says, for every request that met its deadline. */
export function timeoutHint(timeoutMs: number | undefined): string {
	const limit = timeoutMs !== undefined ? ` (${timeoutMs} ms)` : '';
	return `No answer came within the Timeout option${limit}, which bounds each request from connecting to the last byte of the answer: raise Timeout if the other side is often this slow.`;
}

/** `no answer within 300 ms`: the words every timeout uses, whether the wait was for headers or for the body. */
export function noAnswerWithin(timeoutMs: number | undefined): string {
	return timeoutMs !== undefined ? `no answer within ${timeoutMs} ms` : 'no answer in time';
}

/**
 * A redirect answer: the node never follows one with a credential (the key would travel to wherever it
 * points, and a POST would come back as a GET). The message was not handled — except after a 303, which
 * by definition points at the result of a request the server did handle.
 */
export function redirectFailure(
	status: number,
	location: string | undefined,
	baseUrl: string,
	attempts?: number,
): Failure {
	let target: URL | undefined;
	try {
		target = location ? new URL(location, baseUrl) : undefined;
	} catch {
		target = undefined;
	}
	const base = new URL(baseUrl);
	const toHttps =
		target &&
		base.protocol === 'http:' &&
		target.protocol === 'https:' &&
		target.host === base.host;
	const where = target
		? displayUrl(target.href)
		: location
			? 'an address that is not a URL'
			: 'nowhere (no Location header)';
	return {
		kind: 'not_found',
		retryable: false,
		mayHaveBeenSent: status === 303,
		httpCode: status,
		providerMessage: `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}: redirected to ${where}`,
		hint:
			`The credential's Base URL is not the API's own address: the server there redirects requests${toHttps ? ' from http:// to https://' : ''}. ` +
			`The node never follows a redirect with your key. ${toHttps ? 'Write the Base URL with https://.' : 'Set the Base URL to the address the API answers at itself.'}`,
		attempts,
	};
}

/** A request that got no HTTP answer: only a connection never made, or a request never built, proves nothing was sent. */
export function noAnswerFailure(
	error: {
		message: string;
		code?: string;
		connectFailed: boolean;
		timedOut: boolean;
		attempts: number;
		refused?: boolean;
		cancelled?: boolean;
		timeoutMs?: number;
	},
	baseUrl: string,
): Failure {
	if (error.refused) {
		return {
			kind: 'configuration',
			retryable: false,
			mayHaveBeenSent: false,
			providerCode: error.code,
			providerMessage: error.message,
			attempts: error.attempts,
			noAnswer: 'refused',
			hint:
				"n8n's HTTP client refused to build the request, so it never left n8n: check the credential (a header name " +
				'such as API Key Header takes letters, digits and - only; keys and tokens have no line breaks) and its Base URL.',
		};
	}
	if (error.cancelled) {
		return {
			kind: 'cancelled',
			retryable: true,
			mayHaveBeenSent: !error.connectFailed,
			providerCode: error.code,
			providerMessage: 'the execution was cancelled',
			attempts: error.attempts,
			noAnswer: 'cancelled',
		};
	}
	return {
		kind: 'provider_unavailable',
		retryable: true,
		mayHaveBeenSent: !error.connectFailed,
		providerCode: error.code,
		providerMessage:
			error.timedOut && error.timeoutMs !== undefined
				? noAnswerWithin(error.timeoutMs)
				: error.message,
		attempts: error.attempts,
		noAnswer: error.connectFailed ? 'connect' : error.timedOut ? 'timeout' : 'closed',
		hint: error.connectFailed
			? `Nothing answered at ${baseUrl}: check the credential's Base URL and that the service is running.`
			: error.timedOut
				? timeoutHint(error.timeoutMs)
				: undefined,
	};
}

/** An item the execution was cancelled before or while it waited for its turn: certainly not sent. */
export function cancelledFailure(): Failure {
	return {
		kind: 'cancelled',
		retryable: true,
		mayHaveBeenSent: false,
		providerMessage: 'the execution was cancelled',
		noAnswer: 'cancelled',
	};
}

export const MAY_HAVE_BEEN_SENT =
	'The message may or may not have been sent: check the recipient’s chat before sending it again.';

/** The provider an error is about: its id for the error item, its name for the sentence. */
export interface NamedProvider {
	id: string;
	labels: { inSentence: string };
}

/** One line that says who failed, how, and in the provider's own words. */
export function describeFailure(provider: NamedProvider, failure: Failure): string {
	const name = provider.labels.inSentence;
	const subject = failure.subject ?? 'the message';
	const code = failure.providerCode && !failure.noAnswer ? ` [${failure.providerCode}]` : '';
	const http = failure.httpCode !== undefined ? ` (HTTP ${failure.httpCode})` : '';
	const said = failure.providerMessage ?? 'no error message';
	let line: string;
	if (failure.noAnswer === 'connect') line = `Could not connect to ${name}: ${said}`;
	else if (failure.noAnswer === 'refused')
		line = `n8n could not build the request for ${subject} to ${name}: ${said}`;
	else if (failure.noAnswer === 'cancelled')
		line = failure.mayHaveBeenSent
			? `The execution was cancelled while ${subject} was on its way to ${name}`
			: `${capitalize(subject)} was not sent to ${name}: ${said}`;
	else if (failure.noAnswer === 'timeout')
		line = `${capitalize(name)} did not answer ${subject} in time: ${said}`;
	else if (failure.noAnswer === 'closed')
		line = `The connection to ${name} closed before it answered ${subject}: ${said}`;
	else if (failure.httpCode !== undefined && failure.httpCode >= 300 && failure.httpCode < 400)
		line = `${capitalize(name)} did not take ${subject}: ${said}`;
	else line = `${capitalize(name)} refused ${subject}${http}: ${said}${code}`;
	if (failure.attempts && failure.attempts > 1) line += ` (after ${failure.attempts} attempts)`;
	if (failure.mayHaveBeenSent) line += ' — it may or may not have been sent';
	return line;
}

/** "the WhatsApp Multi-Session API" opens a sentence capitalised; brand names keep their own case (bitbybit). */
function capitalize(name: string): string {
	return name.startsWith('the ') ? `T${name.slice(1)}` : name;
}
