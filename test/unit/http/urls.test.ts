import { InputError } from '../../../nodes/WhatsAppSend/output/errors';
import { checkPath, normalizeBaseUrl } from '../../../nodes/WhatsAppSend/http/urls';
import { toHttpOptions } from '../../../nodes/WhatsAppSend/http/request';

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
		expect(() =>
			toHttpOptions({ method: 'POST', path, json: {} }, 'http://localhost:7001', 1000),
		).toThrow(InputError);
	});
});

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.vobiz.ai', 'https://api.vobiz.ai'],
		[
			'https://api.bitbybit.studio/whatsapp/open/v1/',
			'https://api.bitbybit.studio/whatsapp/open/v1',
		],
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
