import type { INode } from 'n8n-workflow';

import { classifyStatus, describeFailure, isAccepted, MAY_HAVE_BEEN_SENT, noAnswerFailure, providerFailure } from '../nodes/WhatsAppSend/output/failure';
import { failureToNodeError } from '../nodes/WhatsAppSend/output/nodeErrors';
import { bitbybitHint } from '../nodes/WhatsAppSend/providers/bitbybit/hints';
import { callbellHint } from '../nodes/WhatsAppSend/providers/callbell/hints';
import { WINDOW_HINT, NOT_ON_WHATSAPP_HINT } from '../nodes/WhatsAppSend/providers/shared/hints';
import { multiSessionHint } from '../nodes/WhatsAppSend/providers/multiSession/hints';
import { HTML_RESPONSE, parseErrorBody } from '../nodes/WhatsAppSend/providers/shared/parse';
import { PROVIDERS } from '../nodes/WhatsAppSend/providers';
import { vobizHint } from '../nodes/WhatsAppSend/providers/vobiz/hints';
import { NoAnswerError } from '../nodes/WhatsAppSend/http/noAnswer';

const NODE: INode = {
	id: 'n',
	name: 'WhatsApp Send',
	type: 'n8n-nodes-whatsapp-send.whatsAppSend',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const NGINX_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe('parseErrorBody: every provider’s error shapes', () => {
	it.each([
		['bitbybit', { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please retry after the reset period.' } }, { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please retry after the reset period.' }],
		[
			'Vobiz envelope with details',
			{ status: 'error', error: { code: 'VALIDATION_ERROR', message: 'Invalid request', details: 'to must be E.164' }, timestamp: 't', requestId: 'r' },
			{ code: 'VALIDATION_ERROR', message: 'Invalid request: to must be E.164' },
		],
		[
			'Vobiz envelope with an object of details',
			{ status: 'error', error: { code: 'VALIDATION_ERROR', message: 'Invalid request', details: { field: 'to', reason: 'not E.164' } } },
			{ code: 'VALIDATION_ERROR', message: 'Invalid request', details: { field: 'to', reason: 'not E.164' } },
		],
		[
			'Vobiz envelope with a list of details',
			{ status: 'error', error: { code: 'VALIDATION_ERROR', message: 'Invalid request', details: [{ field: 'to' }] } },
			{ code: 'VALIDATION_ERROR', message: 'Invalid request', details: { items: [{ field: 'to' }] } },
		],
		['Vobiz / Callbell string error', { error: 'Insufficient balance' }, { message: 'Insufficient balance' }],
		[
			'Multi-Session (current)',
			{ status: false, code: 500, message: 'Internal server error', error: 'WhatsApp Client is not Logged In' },
			{ code: '500', message: 'WhatsApp Client is not Logged In' },
		],
		['Multi-Session (older, no message)', { status: false, code: 400, error: 'Bad request' }, { code: '400', message: 'Bad request' }],
		[
			'Meta relayed',
			{ error: { message: 'Re-engagement message', type: 'OAuthException', code: 131047, error_data: { details: 'More than 24 hours have passed since the recipient last replied to the sender number.' } } },
			{ code: '131047', message: 'Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.' },
		],
		['a bare message', { message: 'Not allowed' }, { message: 'Not allowed' }],
		['a detail list', { detail: [{ msg: 'field required', loc: ['to'] }] }, { message: 'field required' }],
		['an errors list', { errors: [{ message: 'to is invalid' }] }, { message: 'to is invalid' }],
		['a top-level list', [{ error: 'first' }, { error: 'second' }], { message: 'first' }],
		['plain text', 'Service temporarily unavailable', { message: 'Service temporarily unavailable' }],
		['an empty string', '', {}],
		['nothing', undefined, {}],
		['null', null, {}],
		['an empty object', {}, { code: undefined, message: undefined }],
		['a Buffer', Buffer.from('{"nope":1}'), { message: '{"nope":1}' }],
	])('%s', (_, body, expected) => {
		expect(parseErrorBody(body)).toEqual(expected);
	});

	it('keeps a details object beyond 4000 characters of JSON as an excerpt', () => {
		expect(parseErrorBody({ error: { message: 'x', details: { blob: 'y'.repeat(5000) } } }).details).toEqual({
			excerpt: `${JSON.stringify({ blob: 'y'.repeat(5000) }).slice(0, 4000)}…`,
		});
	});

	it('an HTML page is named as such, with its title', () => {
		expect(parseErrorBody(NGINX_502)).toEqual({ code: HTML_RESPONSE, message: 'an HTML page instead of JSON ("502 Bad Gateway")' });
		expect(parseErrorBody('<!DOCTYPE html><html><body><p>Hello   <b>world</b></p></body></html>')).toEqual({
			code: HTML_RESPONSE,
			message: 'an HTML page instead of JSON ("Hello world")',
		});
	});

	it('cuts a huge body down to a readable excerpt', () => {
		const message = parseErrorBody({ error: 'x'.repeat(10_000) }).message!;
		expect(message.length).toBeLessThanOrEqual(301);
	});

	it('every provider module parses errors with it', () => {
		for (const provider of Object.values(PROVIDERS)) expect(provider.parseError).toBe(parseErrorBody);
	});
});

describe('classification', () => {
	it.each([
		[400, 'validation', false, false],
		[401, 'auth', false, false],
		[402, 'payment', false, false],
		[403, 'auth', false, false],
		[404, 'not_found', false, false],
		[405, 'not_found', false, false],
		[409, 'validation', false, false],
		[413, 'validation', false, false],
		[422, 'validation', false, false],
		[429, 'rate_limited', true, false],
		[500, 'provider_unavailable', true, true],
		[501, 'provider_unavailable', false, false],
		[502, 'provider_unavailable', true, true],
		[503, 'provider_unavailable', true, false],
		[504, 'provider_unavailable', true, true],
		[200, 'not_found', false, false],
	])('HTTP %i → %s, retryable %s, may have been sent %s', (status, kind, retryable, mayHaveBeenSent) => {
		expect(providerFailure(status, {})).toMatchObject({ kind, retryable, mayHaveBeenSent, httpCode: status });
		expect(classifyStatus(status)).toEqual({ kind, retryable });
	});

	it('keeps the provider’s code and message; an empty answer gets the status text', () => {
		expect(providerFailure(402, { code: 'NO_BALANCE', message: 'Top up' })).toMatchObject({ providerCode: 'NO_BALANCE', providerMessage: 'Top up' });
		expect(providerFailure(502, {}).providerMessage).toBe('HTTP 502 Bad Gateway with no error message');
		expect(providerFailure(599, {}).providerMessage).toBe('HTTP 599 with no error message');
	});

	it('drops a provider code that only repeats the HTTP status', () => {
		expect(providerFailure(500, parseErrorBody({ status: false, code: 500, error: 'x' })).providerCode).toBeUndefined();
	});

	it('a 2xx is accepted only when it is not an HTML page', () => {
		expect(isAccepted(200, { data: {} })).toBe(true);
		expect(isAccepted(201, undefined)).toBe(true);
		expect(isAccepted(200, '<!doctype html><title>Login</title>')).toBe(false);
		expect(isAccepted(302, {})).toBe(false);
		expect(isAccepted(400, {})).toBe(false);
	});

	it('no answer: a failed connection was certainly not sent; a timeout or a cut connection may have been', () => {
		const connect = noAnswerFailure(new NoAnswerError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED', true, false), 'http://127.0.0.1:1');
		expect(connect).toMatchObject({ kind: 'provider_unavailable', retryable: true, mayHaveBeenSent: false, noAnswer: 'connect' });
		expect(connect.hint).toMatch(/Nothing answered at http:\/\/127\.0\.0\.1:1/);
		const timeout = noAnswerFailure(new NoAnswerError('timeout of 50ms exceeded', 'ECONNABORTED', false, true), 'x');
		expect(timeout).toMatchObject({ mayHaveBeenSent: true, noAnswer: 'timeout' });
		const closed = noAnswerFailure(new NoAnswerError('socket hang up', 'ECONNRESET', false, false), 'x');
		expect(closed).toMatchObject({ mayHaveBeenSent: true, noAnswer: 'closed' });
	});
});

describe('error messages', () => {
	it('say who refused, the status, the provider’s words and code', () => {
		expect(describeFailure(PROVIDERS.vobiz, providerFailure(400, { code: 'VALIDATION_ERROR', message: 'to must be E.164 with +' }))).toBe(
			'Vobiz refused the message (HTTP 400): to must be E.164 with + [VALIDATION_ERROR]',
		);
		expect(describeFailure(PROVIDERS.multiSession, providerFailure(401, { message: 'Invalid or expired JWT token' }))).toBe(
			'The WhatsApp Multi-Session API refused the message (HTTP 401): Invalid or expired JWT token',
		);
	});

	it('say when a message may or may not have been sent, and how many attempts were made', () => {
		expect(describeFailure(PROVIDERS.callbell, providerFailure(500, { message: 'oops' }))).toBe(
			'Callbell refused the message (HTTP 500): oops — it may or may not have been sent',
		);
		expect(describeFailure(PROVIDERS.bitbybit, providerFailure(429, { message: 'Too many' }, undefined, 4))).toBe(
			'bitbybit refused the message (HTTP 429): Too many (after 4 attempts)',
		);
		const timeout = new NoAnswerError('timeout of 50ms exceeded', 'ECONNABORTED', false, true);
		expect(describeFailure(PROVIDERS.vobiz, noAnswerFailure(timeout, 'x'))).toBe(
			'Vobiz did not answer the message in time: timeout of 50ms exceeded — it may or may not have been sent',
		);
		const hangUp = new NoAnswerError('socket hang up', 'ECONNRESET', false, false);
		expect(describeFailure(PROVIDERS.callbell, noAnswerFailure(hangUp, 'x'))).toBe(
			'The connection to Callbell closed before it answered the message: socket hang up — it may or may not have been sent',
		);
		const refused = Object.assign(new NoAnswerError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED', true, false), { attempts: 4 });
		expect(describeFailure(PROVIDERS.bitbybit, noAnswerFailure(refused, 'x'))).toBe(
			'Could not connect to bitbybit: connect ECONNREFUSED 127.0.0.1:9 (after 4 attempts)',
		);
	});

	it('n8n does not swap the node’s words for its generic network advice (which suggests Retry On Fail)', () => {
		const failure = noAnswerFailure(new NoAnswerError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT', true, false), 'x');
		const error = failureToNodeError(NODE, PROVIDERS.vobiz, 3, failure);
		expect(error.message).toBe('Could not connect to Vobiz: connect ETIMEDOUT 10.0.0.1:443');
		expect(error.message).not.toMatch(/Retry on Fail/i);
		expect(error.context.itemIndex).toBe(3);
		const reset = failureToNodeError(NODE, PROVIDERS.bitbybit, 0, providerFailure(500, { message: 'read ECONNRESET upstream' }));
		expect(reset.message).toBe('bitbybit refused the message (HTTP 500): read ECONNRESET upstream — it may or may not have been sent');
		expect(reset.description).toBe(MAY_HAVE_BEEN_SENT);
		expect(reset.httpCode).toBe('500');
	});
});

describe('hints for known causes', () => {
	const html = parseErrorBody('<!doctype html><html><head><title>Acme — Home</title></head></html>');

	it('a closed 24-hour window, in Meta’s and the providers’ words', () => {
		const meta = parseErrorBody({ error: { message: '(#131047) Re-engagement message', code: 131047 } });
		expect(vobizHint(400, meta)).toBe(WINDOW_HINT);
		expect(bitbybitHint(400, { code: 'VALIDATION_ERROR', message: 'Cannot send message outside the 24 hour window' })).toBe(WINDOW_HINT);
		expect(callbellHint(422, { message: 'After 24h without a reply from the customer, it is not possible to send regular messages' })).toBe(
			WINDOW_HINT,
		);
		expect(vobizHint(400, { message: 'Message failed to send because more than 24 hours have passed since the customer last replied' })).toBe(
			WINDOW_HINT,
		);
		expect(vobizHint(400, { message: 'to must be E.164 with +' })).toBeUndefined();
	});

	it('a self-hosted device that is not paired with a phone', () => {
		for (const message of [
			'WhatsApp Client is not Logged In',
			'WhatsApp Client is not Connected',
			'Failed to send message: device is not logged in',
			'WhatsApp Client Store ID is Empty, Please Re-Login and Scan QR Code Again',
		]) {
			expect(multiSessionHint(500, { message })).toMatch(/not paired with a phone.*QR code/);
		}
	});

	it('a recipient who is not on WhatsApp', () => {
		expect(multiSessionHint(500, { message: 'WhatsApp Personal ID is Not Registered' })).toBe(NOT_ON_WHATSAPP_HINT);
		expect(vobizHint(400, { code: 'INVALID_RECIPIENT', message: 'Recipient is not a WhatsApp user' })).toBe(NOT_ON_WHATSAPP_HINT);
		expect(bitbybitHint(400, { message: '(#131026) Message undeliverable' })).toBe(NOT_ON_WHATSAPP_HINT);
	});

	it('a wrong base URL: a 404 on the provider’s own route, or HTML where JSON was expected', () => {
		expect(bitbybitHint(404, { code: 'NOT_FOUND', message: 'Route not found' })).toMatch(/Base URL.*api\.bitbybit\.studio\/whatsapp\/open\/v1/);
		expect(vobizHint(404, { message: 'Route not found' })).toMatch(/Base URL.*https:\/\/api\.vobiz\.ai/);
		expect(callbellHint(404, { message: 'Not found' })).toMatch(/Base URL.*https:\/\/api\.callbell\.eu\/v1/);
		expect(multiSessionHint(404, { message: 'Cannot POST /api/chats/1@s.whatsapp.net/messages' })).toMatch(/Base URL.*path prefix/);
		for (const hint of [bitbybitHint, vobizHint, callbellHint, multiSessionHint]) {
			expect(hint(200, html)).toMatch(/HTML page answered where the API answers JSON.*Base URL/);
			expect(hint(404, html)).toMatch(/Base URL/);
		}
		// An error page from a gateway is an outage, not a wrong address.
		expect(callbellHint(502, parseErrorBody(NGINX_502))).toMatch(/proxy or gateway/);
		// A 404 about the data is not about the address.
		expect(vobizHint(404, { message: 'Channel not found' })).toMatch(/does not know this channel/);
	});

	it('credentials, balance and rate limits, per provider', () => {
		expect(bitbybitHint(401, { code: 'INVALID_API_KEY' })).toMatch(/x-bitbybit-key/);
		expect(bitbybitHint(403, { code: 'INSUFFICIENT_SCOPE' })).toMatch(/"messages" scope/);
		expect(bitbybitHint(403, { code: 'IP_NOT_ALLOWED' })).toMatch(/IP addresses/);
		expect(bitbybitHint(429, { code: 'RATE_LIMIT_EXCEEDED' })).toMatch(/100 requests a minute/);
		expect(vobizHint(401, {})).toMatch(/Auth ID/);
		expect(vobizHint(402, {})).toMatch(/balance/);
		expect(callbellHint(402, { message: 'Insufficient WhatsApp balance' })).toMatch(/balance is empty.*will not help/);
		expect(callbellHint(429, {})).toMatch(/300 requests a second/);
		expect(multiSessionHint(401, { message: 'Invalid or expired JWT token' })).toMatch(/device token/);
	});

	it('every provider module uses its hint', () => {
		expect(PROVIDERS.bitbybit.hint).toBe(bitbybitHint);
		expect(PROVIDERS.vobiz.hint).toBe(vobizHint);
		expect(PROVIDERS.callbell.hint).toBe(callbellHint);
		expect(PROVIDERS.multiSession.hint).toBe(multiSessionHint);
	});
});
