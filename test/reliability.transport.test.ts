import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { InputError } from '../nodes/WhatsAppSend/output/errors';
import { characterCount, checkTextLimits, WHATSAPP_CLOUD_LIMITS, WHATSAPP_DEVICE_LIMITS } from '../nodes/WhatsAppSend/providers/shared/limits';
import { checkPath, normalizeBaseUrl } from '../nodes/WhatsAppSend/http/urls';
import { toHttpOptions } from '../nodes/WhatsAppSend/http/request';
import { toNoAnswer } from '../nodes/WhatsAppSend/http/noAnswer';
import type { MediaMessage, TextMessage } from '../nodes/WhatsAppSend/input/message';

const NODE: INode = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

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
		['a refused connection', helperError('connect ECONNREFUSED 127.0.0.1:7001', 'ECONNREFUSED', 'connect')],
		['an unknown host', helperError('getaddrinfo ENOTFOUND api.example.invalid', 'ENOTFOUND', 'getaddrinfo')],
		['a DNS failure', helperError('getaddrinfo EAI_AGAIN api.vobiz.ai', 'EAI_AGAIN', 'getaddrinfo')],
		['a reset while connecting', helperError('connect ECONNRESET 127.0.0.1:7001', 'ECONNRESET', 'connect')],
		['a connect timeout', helperError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT', 'connect')],
		['an unreachable host', helperError('connect EHOSTUNREACH 10.0.0.1:443', 'EHOSTUNREACH', 'connect')],
		[
			'a TLS handshake cut short',
			helperError('Client network socket disconnected before secure TLS connection was established', 'ECONNRESET'),
		],
	])('%s never reached the provider: safe to send again', (_, error) => {
		const result = toNoAnswer(error);
		expect(result.connectFailed).toBe(true);
		expect(result.timedOut).toBe(false);
	});

	it.each([
		['a connection dropped after the request went out', helperError('socket hang up', 'ECONNRESET'), false],
		['a reset while reading the answer', helperError('read ECONNRESET', 'ECONNRESET', 'read'), false],
		['a broken pipe while writing', helperError('write EPIPE', 'EPIPE', 'write'), false],
		['a response timeout', helperError('timeout of 200ms exceeded', 'ECONNABORTED'), true],
		['garbage instead of HTTP', helperError('Parse Error: Expected HTTP/', 'HPE_INVALID_CONSTANT'), false],
		['a cancelled execution', new Error('canceled'), false],
	])('%s may have reached the provider: never sent again', (_, error, timedOut) => {
		const result = toNoAnswer(error);
		expect(result.connectFailed).toBe(false);
		expect(result.timedOut).toBe(timedOut);
	});

	it('keeps the client’s own words and code, and nothing of the request', () => {
		const result = toNoAnswer(helperError('connect ECONNREFUSED 127.0.0.1:7001', 'ECONNREFUSED', 'connect'));
		expect(result.message).toBe('connect ECONNREFUSED 127.0.0.1:7001');
		expect(result.code).toBe('ECONNREFUSED');
		expect(JSON.stringify({ ...result, message: result.message })).not.toContain('bbb_live_secret');
	});
});

describe('checkPath: user input in a URL path', () => {
	it.each([
		'/chats/6281234567890@s.whatsapp.net/messages',
		'/chats/120363025246125486@g.us/images',
		'/api/v1/messaging/channels/0a8f3feb-9598-47f2-8a6c-df1aeb306ae1/templates',
		'/api/v1/messaging/channels/a%20b/templates',
	])('accepts %s', (path) => {
		expect(() => checkPath(path)).not.toThrow();
	});

	it.each([
		['../admin', '/chats/../admin/messages'],
		['an encoded ..', '/chats/%2e%2E/messages'],
		['an encoded slash', '/chats/a%2Fb/messages'],
		['an encoded backslash', '/chats/a%5Cb/messages'],
		['a query', '/chats/1@s.whatsapp.net?x=1/messages'],
		['a fragment', '/chats/1#x/messages'],
		['a space', '/chats/1 2/messages'],
		['a newline', '/chats/1\r\nHost: evil/messages'],
		['an encoded newline', '/chats/1%0d%0a/messages'],
		['a broken escape', '/chats/%zz/messages'],
		['an empty segment', '/chats//messages'],
		['no leading slash', 'chats/1/messages'],
		['a backslash', '/chats/a\\b/messages'],
	])('refuses %s before anything is sent', (_, path) => {
		expect(() => checkPath(path)).toThrow(InputError);
		expect(() => toHttpOptions({ method: 'POST', path, json: {} }, 'http://localhost:7001', 1000)).toThrow(InputError);
	});
});

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.vobiz.ai', 'https://api.vobiz.ai'],
		['https://api.bitbybit.studio/whatsapp/open/v1/', 'https://api.bitbybit.studio/whatsapp/open/v1'],
		['  http://localhost:7001//  ', 'http://localhost:7001'],
		['HTTP://Example.COM/Prefix', 'http://example.com/Prefix'],
	])('%s → %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});

	it.each([
		'',
		'api.vobiz.ai',
		'ftp://api.vobiz.ai',
		'file:///etc/passwd',
		'javascript:alert(1)',
		'https://user:pass@api.vobiz.ai',
		'https://api.vobiz.ai?key=1',
		'https://api.vobiz.ai#x',
		'https://api.vobiz.ai/a b',
		'http:/\\evil.example',
		'https://api.vobiz.ai/\nv1',
		undefined,
		42,
	])('refuses %p', (raw) => {
		expect(normalizeBaseUrl(raw)).toBeUndefined();
	});
});

describe('text and caption limits', () => {
	const recipient = { kind: 'phone', digits: '6281234567890' } as const;
	const base: TextMessage = { itemIndex: 0, type: 'text', recipient, text: '', extras: {} };

	it('counts the stricter way: an emoji outside the basic plane is two characters', () => {
		expect(characterCount('👍'.repeat(10))).toBe(20);
		expect(characterCount('é字')).toBe(2);
		expect(() => checkTextLimits({ ...base, text: '👍'.repeat(2048) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz')).not.toThrow();
		expect(() => checkTextLimits({ ...base, text: `${'👍'.repeat(2048)}a` }, WHATSAPP_CLOUD_LIMITS, 'Vobiz')).toThrow(InputError);
	});

	it('refuses a text over 4096 characters on the Cloud API, naming the field and the limit', () => {
		expect(() => checkTextLimits({ ...base, text: 'a'.repeat(4096) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz')).not.toThrow();
		const error = (() => {
			try {
				checkTextLimits({ ...base, text: 'a'.repeat(4097) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz');
			} catch (e) {
				return e as InputError;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(InputError);
		expect(error?.parameter).toBe('Text');
		expect(error?.message).toBe('Text: is 4097 characters long; Vobiz takes at most 4096');
	});

	it('refuses a caption over 1024 characters on the Cloud API', () => {
		const image: MediaMessage = { itemIndex: 0, type: 'image', recipient, media: { source: 'url', url: 'https://x.test/a.png' }, extras: {} };
		expect(() => checkTextLimits({ ...image, caption: 'c'.repeat(1024) }, WHATSAPP_CLOUD_LIMITS, 'bitbybit')).not.toThrow();
		expect(() => checkTextLimits({ ...image, caption: 'c'.repeat(1025) }, WHATSAPP_CLOUD_LIMITS, 'bitbybit')).toThrow(
			/^Caption: is 1025 characters long; bitbybit takes at most 1024$/,
		);
	});

	it('the self-hosted device API follows WhatsApp’s own 65,536', () => {
		expect(() => checkTextLimits({ ...base, text: 'a'.repeat(65_536) }, WHATSAPP_DEVICE_LIMITS, 'WhatsApp')).not.toThrow();
		expect(() => checkTextLimits({ ...base, text: 'a'.repeat(65_537) }, WHATSAPP_DEVICE_LIMITS, 'WhatsApp')).toThrow(InputError);
	});
});
