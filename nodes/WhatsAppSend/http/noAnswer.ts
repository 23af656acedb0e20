import { noAnswerWithin } from '../output/failure';
import type { Deadline } from './deadline';

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
const CONNECT_FAILURES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
];
// Raised while connecting or resolving (`connect ECONNRESET`, `connect ETIMEDOUT`, `getaddrinfo …`).
const CONNECT_SYSCALLS = ['connect', 'getaddrinfo', 'lookup'];
// Node's message for a TLS handshake cut short: the HTTP request is written only after the handshake.
const BEFORE_TLS = /before secure TLS connection was established/i;
const TIMEOUT_CODES = [
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
];
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
	while (
		current !== null &&
		typeof current === 'object' &&
		!chain.includes(current as ErrorLink) &&
		chain.length < 10
	) {
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
	const codes = chain
		.map((link) => link.code)
		.filter((code): code is string => typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code));
	const refusal = codes.find((c) => CLIENT_REFUSALS.includes(c));
	const code = refusal ?? codes[0];
	// The innermost message is the client's own ("connect ECONNREFUSED 127.0.0.1:7001"), not n8n's paraphrase.
	const innermost = [...chain]
		.reverse()
		.find((link) => typeof link.message === 'string' && link.message !== '');
	const detail = String(
		innermost?.message ?? (error instanceof Error ? error.message : String(error)),
	);
	const timedOut = codes.some((c) => TIMEOUT_CODES.includes(c)) || /time(d)?\s?out/i.test(detail);
	const connectFailed =
		codes.some((c) => CONNECT_FAILURES.includes(c)) ||
		chain.some(
			(link) => typeof link.syscall === 'string' && CONNECT_SYSCALLS.includes(link.syscall),
		) ||
		BEFORE_TLS.test(detail);
	if (refusal) return new NoAnswerError(detail, code, false, false, { refused: true });
	return new NoAnswerError(detail, code, connectFailed, timedOut && !connectFailed);
}

/** What ended a request that got no answer; the HTTP client's own error says only "canceled" when a signal did. */
export function explainNoAnswer(error: unknown, deadline: Deadline): NoAnswerError {
	if (deadline.cancelled) {
		const answer = toNoAnswer(error);
		return new NoAnswerError(
			'the execution was cancelled',
			answer.code,
			answer.connectFailed,
			false,
			{ cancelled: true },
		);
	}
	if (deadline.timedOut) {
		return new NoAnswerError(noAnswerWithin(deadline.ms), 'ETIMEDOUT', false, true, {
			timeoutMs: deadline.ms,
		});
	}
	const answer = toNoAnswer(error);
	if (!answer.timedOut) return answer;
	// n8n's own header timeout: the same limit, said the same way.
	return new NoAnswerError(noAnswerWithin(deadline.ms), answer.code, false, true, {
		timeoutMs: deadline.ms,
	});
}
