import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toNoAnswer } from '../../../nodes/WhatsAppSend/http/noAnswer';

const NODE: INode = {
	id: 'n',
	name: 'n',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** What n8n's HTTP helper throws: its NodeApiError around the client's error around Node's own. */
function helperError(message: string, code: string, syscall?: string): Error {
	const system = Object.assign(new Error(message), { code, ...(syscall ? { syscall } : {}) });
	const client = Object.assign(new Error(message), {
		name: 'AxiosError',
		code,
		config: { headers: { 'x-api-key': 'bbb_live_secret' } },
		cause: system,
	});
	return new NodeApiError(NODE, client as never);
}

describe('toNoAnswer: was the connection ever made?', () => {
	it.each([
		[
			'a refused connection',
			helperError('connect ECONNREFUSED 127.0.0.1:7001', 'ECONNREFUSED', 'connect'),
		],
		[
			'an unknown host',
			helperError('getaddrinfo ENOTFOUND api.example.invalid', 'ENOTFOUND', 'getaddrinfo'),
		],
		[
			'a DNS failure',
			helperError('getaddrinfo EAI_AGAIN api.vobiz.ai', 'EAI_AGAIN', 'getaddrinfo'),
		],
		[
			'a reset while connecting',
			helperError('connect ECONNRESET 127.0.0.1:7001', 'ECONNRESET', 'connect'),
		],
		['a connect timeout', helperError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT', 'connect')],
		[
			'an unreachable host',
			helperError('connect EHOSTUNREACH 10.0.0.1:443', 'EHOSTUNREACH', 'connect'),
		],
		[
			'a TLS handshake cut short',
			helperError(
				'Client network socket disconnected before secure TLS connection was established',
				'ECONNRESET',
			),
		],
	])('%s never reached the provider: safe to send again', (_, error) => {
		const result = toNoAnswer(error);
		expect(result.connectFailed).toBe(true);
		expect(result.timedOut).toBe(false);
	});

	it.each([
		[
			'a connection dropped after the request went out',
			helperError('socket hang up', 'ECONNRESET'),
			false,
		],
		[
			'a reset while reading the answer',
			helperError('read ECONNRESET', 'ECONNRESET', 'read'),
			false,
		],
		['a broken pipe while writing', helperError('write EPIPE', 'EPIPE', 'write'), false],
		['a response timeout', helperError('timeout of 200ms exceeded', 'ECONNABORTED'), true],
		[
			'garbage instead of HTTP',
			helperError('Parse Error: Expected HTTP/', 'HPE_INVALID_CONSTANT'),
			false,
		],
		['a cancelled execution', new Error('canceled'), false],
	])('%s may have reached the provider: never sent again', (_, error, timedOut) => {
		const result = toNoAnswer(error);
		expect(result.connectFailed).toBe(false);
		expect(result.timedOut).toBe(timedOut);
	});

	it('keeps the client’s own words and code, and nothing of the request', () => {
		const result = toNoAnswer(
			helperError('connect ECONNREFUSED 127.0.0.1:7001', 'ECONNREFUSED', 'connect'),
		);
		expect(result.message).toBe('connect ECONNREFUSED 127.0.0.1:7001');
		expect(result.code).toBe('ECONNREFUSED');
		expect(JSON.stringify({ ...result, message: result.message })).not.toContain('bbb_live_secret');
	});
});
