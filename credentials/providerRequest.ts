import type { IAuthenticateRuleResponseCode, IHttpRequestOptions } from 'n8n-workflow';

type AbortListener = (reason: unknown) => void;

/**
 * An abort signal for the HTTP client that ends the request at `ms`, or when `base` (the execution's)
 * aborts. At the deadline the client receives an error saying so, instead of the bare "ERR_CANCELED"
 * n8n would show for an aborted request.
 */
function deadlineSignal(
	base: AbortSignal | undefined,
	ms: number,
): NonNullable<IHttpRequestOptions['abortSignal']> {
	const timer = AbortSignal.timeout(ms);
	const combined = base ? AbortSignal.any([base, timer]) : timer;
	const wrapped = new Map<AbortListener, () => void>();
	const reason = () =>
		timer.aborted && !base?.aborted
			? new Error(
					`No complete answer within ${ms / 1000} s: check the Base URL, and that the service there is the provider's API`,
				)
			: undefined;
	return {
		get aborted() {
			return combined.aborted;
		},
		addEventListener(type: string, listener: AbortListener) {
			// The HTTP client (axios) aborts with what its listener is given, unless it looks like an event.
			const call = () => listener(reason() ?? { type });
			wrapped.set(listener, call);
			combined.addEventListener(type, call);
		},
		removeEventListener(type: string, listener: AbortListener) {
			const call = wrapped.get(listener);
			if (call) combined.removeEventListener(type, call);
			wrapped.delete(listener);
		},
	} as NonNullable<IHttpRequestOptions['abortSignal']>;
}

// What every request made with one of this package's credentials shares, applied in `authenticate` — the
// one step n8n runs on every such request, after the node, n8n's RoutingNode or any other node built it.

/** How long a credential's Test may take in all, connecting to the last byte of the answer. */
export const CREDENTIAL_TEST_TIMEOUT_MS = 10_000;

// RFC 9110 token: what a header field name may consist of.
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the HTTP client or the request itself sets: a key in one of them would break the request.
const RESERVED_HEADERS = [
	'host',
	'content-type',
	'content-length',
	'transfer-encoding',
	'connection',
	'accept',
	'user-agent',
	'cookie',
];

export const HEADER_NAME_RULE =
	'letters, digits and - only (for example x-api-key), not a header HTTP itself uses';

/** What is wrong with a header name typed into a credential, or undefined when it is one. */
export function headerNameProblem(name: string): string | undefined {
	if (name === '') return 'is empty';
	if (!HEADER_TOKEN.test(name))
		return 'is not a header name: it holds spaces, a colon or other characters headers cannot have';
	if (RESERVED_HEADERS.includes(name.toLowerCase()))
		return `is a header HTTP itself uses (${name.toLowerCase()})`;
	return undefined;
}

/**
 * `options` with the credential's headers, never following a redirect (n8n's helper would take the key
 * to wherever one points, and re-add Authorization on the way), and for a credential Test a deadline.
 *
 * Why the Test's deadline is set here: n8n runs a credential's `test.request` through RoutingNode, which
 * overwrites its `timeout` with 300 000 ms and its `abortSignal` with the execution's (n8n-core 1.122 and
 * 2.41 alike), and `timeout` only bounds the wait for the headers anyway. A Test is the one request made
 * with `baseURL` (the node's own requests carry a full `url`), so that is how it is recognised.
 */
export function providerRequest(
	options: IHttpRequestOptions,
	headers: Record<string, string>,
): IHttpRequestOptions {
	const request: IHttpRequestOptions = {
		...options,
		headers: { ...options.headers, ...headers },
		disableFollowRedirect: true,
	};
	if (options.baseURL !== undefined) {
		request.timeout = Math.min(
			options.timeout ?? CREDENTIAL_TEST_TIMEOUT_MS,
			CREDENTIAL_TEST_TIMEOUT_MS,
		);
		request.abortSignal = deadlineSignal(
			options.abortSignal as AbortSignal | undefined,
			CREDENTIAL_TEST_TIMEOUT_MS,
		);
	}
	return request;
}

/** A credential Test that meets a redirect fails, saying why: the Base URL is not the API's own address. */
export const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map(
	(status) => ({
		type: 'responseCode',
		properties: {
			value: status,
			message: `HTTP ${status}: the Base URL redirects elsewhere (for example from http:// to https://), so it is not the API's own address. The key is never sent on to another address: set the Base URL to where the API answers itself.`,
		},
	}),
);
