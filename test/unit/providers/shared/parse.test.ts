import {
	HTML_RESPONSE,
	parseErrorBody,
} from '../../../../nodes/WhatsAppSend/providers/shared/parse';
import { PROVIDERS } from '../../../../nodes/WhatsAppSend/providers';

const NGINX_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe('parseErrorBody: every provider’s error shapes', () => {
	it.each([
		[
			'bitbybit',
			{
				error: {
					code: 'RATE_LIMIT_EXCEEDED',
					message: 'Too many requests. Please retry after the reset period.',
				},
			},
			{
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Too many requests. Please retry after the reset period.',
			},
		],
		[
			'Vobiz envelope with details',
			{
				status: 'error',
				error: {
					code: 'VALIDATION_ERROR',
					message: 'Invalid request',
					details: 'to must be E.164',
				},
				timestamp: 't',
				requestId: 'r',
			},
			{ code: 'VALIDATION_ERROR', message: 'Invalid request: to must be E.164' },
		],
		[
			'Vobiz envelope with an object of details',
			{
				status: 'error',
				error: {
					code: 'VALIDATION_ERROR',
					message: 'Invalid request',
					details: { field: 'to', reason: 'not E.164' },
				},
			},
			{
				code: 'VALIDATION_ERROR',
				message: 'Invalid request',
				details: { field: 'to', reason: 'not E.164' },
			},
		],
		[
			'Vobiz envelope with a list of details',
			{
				status: 'error',
				error: { code: 'VALIDATION_ERROR', message: 'Invalid request', details: [{ field: 'to' }] },
			},
			{
				code: 'VALIDATION_ERROR',
				message: 'Invalid request',
				details: { items: [{ field: 'to' }] },
			},
		],
		[
			'Vobiz / Callbell string error',
			{ error: 'Insufficient balance' },
			{ message: 'Insufficient balance' },
		],
		[
			'Multi-Session (current)',
			{
				status: false,
				code: 500,
				message: 'Internal server error',
				error: 'WhatsApp Client is not Logged In',
			},
			{ code: '500', message: 'WhatsApp Client is not Logged In' },
		],
		[
			'Multi-Session (older, no message)',
			{ status: false, code: 400, error: 'Bad request' },
			{ code: '400', message: 'Bad request' },
		],
		[
			'Meta relayed',
			{
				error: {
					message: 'Re-engagement message',
					type: 'OAuthException',
					code: 131047,
					error_data: {
						details:
							'More than 24 hours have passed since the recipient last replied to the sender number.',
					},
				},
			},
			{
				code: '131047',
				message:
					'Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.',
			},
		],
		['a bare message', { message: 'Not allowed' }, { message: 'Not allowed' }],
		[
			'a detail list',
			{ detail: [{ msg: 'field required', loc: ['to'] }] },
			{ message: 'field required' },
		],
		['an errors list', { errors: [{ message: 'to is invalid' }] }, { message: 'to is invalid' }],
		['a top-level list', [{ error: 'first' }, { error: 'second' }], { message: 'first' }],
		[
			'plain text',
			'Service temporarily unavailable',
			{ message: 'Service temporarily unavailable' },
		],
		['an empty string', '', {}],
		['nothing', undefined, {}],
		['null', null, {}],
		['an empty object', {}, { code: undefined, message: undefined }],
		['a Buffer', Buffer.from('{"nope":1}'), { message: '{"nope":1}' }],
	])('%s', (_, body, expected) => {
		expect(parseErrorBody(body)).toEqual(expected);
	});

	it('keeps a details object beyond 4000 characters of JSON as an excerpt', () => {
		expect(
			parseErrorBody({ error: { message: 'x', details: { blob: 'y'.repeat(5000) } } }).details,
		).toEqual({
			excerpt: `${JSON.stringify({ blob: 'y'.repeat(5000) }).slice(0, 4000)}…`,
		});
	});

	it('an HTML page is named as such, with its title', () => {
		expect(parseErrorBody(NGINX_502)).toEqual({
			code: HTML_RESPONSE,
			message: 'an HTML page instead of JSON ("502 Bad Gateway")',
		});
		expect(
			parseErrorBody('<!DOCTYPE html><html><body><p>Hello   <b>world</b></p></body></html>'),
		).toEqual({
			code: HTML_RESPONSE,
			message: 'an HTML page instead of JSON ("Hello world")',
		});
	});

	it('cuts a huge body down to a readable excerpt', () => {
		const message = parseErrorBody({ error: 'x'.repeat(10_000) }).message!;
		expect(message.length).toBeLessThanOrEqual(301);
	});

	it('every provider module parses errors with it', () => {
		for (const provider of Object.values(PROVIDERS))
			expect(provider.parseError).toBe(parseErrorBody);
	});
});
