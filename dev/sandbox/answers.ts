import type { FakeResponse } from '../../fakes/server';
import type { NodeProviderId } from './providers';

/** Answers the sandbox can be told to give to the next send requests, in each provider's own shape. */
export const SCRIPTED_ANSWERS = ['rateLimit', 'outage', 'serverError', 'drop'] as const;
export type ScriptedAnswer = (typeof SCRIPTED_ANSWERS)[number];

function vobizError(status: number, code: string, message: string): FakeResponse {
	return {
		status,
		body: {
			status: 'error',
			error: { code, message },
			timestamp: new Date().toISOString(),
			requestId: 'req_sandbox',
		},
	};
}

/** The server's envelope (pkg/router/response.go): the Go error's text is both `message` and `error`. */
function multiSessionError(status: number, message: string): FakeResponse {
	return { status, body: { status: false, code: status, message, error: message } };
}

/**
 * The provider's answer for `answer`, or a reason it has none. RateLimit-Reset is short so that the
 * node's wait is visible but brief.
 */
export function scriptedResponse(
	provider: NodeProviderId,
	answer: ScriptedAnswer,
): FakeResponse | string {
	if (answer === 'drop') return { status: 0, drop: true };
	switch (provider) {
		case 'bitbybit': {
			const error = (
				status: number,
				code: string,
				message: string,
				headers?: Record<string, string>,
			): FakeResponse => ({
				status,
				body: { error: { code, message } },
				headers,
			});
			if (answer === 'rateLimit')
				return error(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded: 100 requests per minute', {
					'RateLimit-Limit': '100',
					'RateLimit-Remaining': '0',
					'RateLimit-Reset': '2',
				});
			if (answer === 'outage')
				return error(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable');
			return error(500, 'INTERNAL_ERROR', 'Internal server error');
		}
		case 'vobiz':
			if (answer === 'rateLimit') return vobizError(429, 'RATE_LIMITED', 'Too many requests');
			if (answer === 'outage')
				return vobizError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable');
			return vobizError(500, 'INTERNAL_ERROR', 'Internal server error');
		case 'callbell':
			// Callbell documents its 429 without headers and without a body shape.
			if (answer === 'rateLimit') return { status: 429, body: { error: 'Too many requests' } };
			if (answer === 'outage') return { status: 503, body: { error: 'Service Unavailable' } };
			return { status: 500, body: { error: 'Internal Server Error' } };
		case 'multiSession':
			if (answer === 'rateLimit')
				return 'The Multi-Session API has no rate limit at the HTTP level; try "outage" or "serverError"';
			// A self-hosted server that is down answers through its reverse proxy.
			if (answer === 'outage')
				return {
					status: 503,
					body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
					contentType: 'text/html',
				};
			// whatsmeow's error when the connection to WhatsApp drops mid-send: the message may or may not be out.
			return multiSessionError(500, 'websocket not connected');
	}
}
