import type { INode } from 'n8n-workflow';

import {
	classifyStatus,
	describeFailure,
	isAccepted,
	MAY_HAVE_BEEN_SENT,
	noAnswerFailure,
	providerFailure,
} from '../../../nodes/WhatsAppSend/output/failure';
import { failureToNodeError } from '../../../nodes/WhatsAppSend/output/nodeErrors';
import { parseErrorBody } from '../../../nodes/WhatsAppSend/providers/shared/parse';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';
import { NoAnswerError } from '../../../nodes/WhatsAppSend/http/noAnswer';

const NODE: INode = {
	id: 'n',
	name: 'WhatsApp Send',
	type: 'n8n-nodes-whatsapp-send.whatsAppSend',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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
	])(
		'HTTP %i → %s, retryable %s, may have been sent %s',
		(status, kind, retryable, mayHaveBeenSent) => {
			expect(providerFailure(status, {})).toMatchObject({
				kind,
				retryable,
				mayHaveBeenSent,
				httpCode: status,
			});
			expect(classifyStatus(status)).toEqual({ kind, retryable });
		},
	);

	it('keeps the provider’s code and message; an empty answer gets the status text', () => {
		expect(providerFailure(402, { code: 'NO_BALANCE', message: 'Top up' })).toMatchObject({
			providerCode: 'NO_BALANCE',
			providerMessage: 'Top up',
		});
		expect(providerFailure(502, {}).providerMessage).toBe(
			'HTTP 502 Bad Gateway with no error message',
		);
		expect(providerFailure(599, {}).providerMessage).toBe('HTTP 599 with no error message');
	});

	it('drops a provider code that only repeats the HTTP status', () => {
		expect(
			providerFailure(500, parseErrorBody({ status: false, code: 500, error: 'x' })).providerCode,
		).toBeUndefined();
	});

	it('a 2xx is accepted only when it is not an HTML page', () => {
		expect(isAccepted(200, { data: {} })).toBe(true);
		expect(isAccepted(201, undefined)).toBe(true);
		expect(isAccepted(200, '<!doctype html><title>Login</title>')).toBe(false);
		expect(isAccepted(302, {})).toBe(false);
		expect(isAccepted(400, {})).toBe(false);
	});

	it('no answer: a failed connection was certainly not sent; a timeout or a cut connection may have been', () => {
		const connect = noAnswerFailure(
			new NoAnswerError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED', true, false),
			'http://127.0.0.1:1',
		);
		expect(connect).toMatchObject({
			kind: 'provider_unavailable',
			retryable: true,
			mayHaveBeenSent: false,
			noAnswer: 'connect',
		});
		expect(connect.hint).toMatch(/Nothing answered at http:\/\/127\.0\.0\.1:1/);
		const timeout = noAnswerFailure(
			new NoAnswerError('timeout of 50ms exceeded', 'ECONNABORTED', false, true),
			'x',
		);
		expect(timeout).toMatchObject({ mayHaveBeenSent: true, noAnswer: 'timeout' });
		const closed = noAnswerFailure(
			new NoAnswerError('socket hang up', 'ECONNRESET', false, false),
			'x',
		);
		expect(closed).toMatchObject({ mayHaveBeenSent: true, noAnswer: 'closed' });
	});
});

describe('error messages', () => {
	it('say who refused, the status, the provider’s words and code', () => {
		expect(
			describeFailure(
				PROVIDERS.vobiz,
				providerFailure(400, { code: 'VALIDATION_ERROR', message: 'to must be E.164 with +' }),
			),
		).toBe('Vobiz refused the message (HTTP 400): to must be E.164 with + [VALIDATION_ERROR]');
		expect(
			describeFailure(
				PROVIDERS.multiSession,
				providerFailure(401, { message: 'Invalid or expired JWT token' }),
			),
		).toBe(
			'The WhatsApp Multi-Session API refused the message (HTTP 401): Invalid or expired JWT token',
		);
	});

	it('say when a message may or may not have been sent, and how many attempts were made', () => {
		expect(describeFailure(PROVIDERS.callbell, providerFailure(500, { message: 'oops' }))).toBe(
			'Callbell refused the message (HTTP 500): oops — it may or may not have been sent',
		);
		expect(
			describeFailure(
				PROVIDERS.bitbybit,
				providerFailure(429, { message: 'Too many' }, undefined, 4),
			),
		).toBe('bitbybit refused the message (HTTP 429): Too many (after 4 attempts)');
		const timeout = new NoAnswerError('timeout of 50ms exceeded', 'ECONNABORTED', false, true);
		expect(describeFailure(PROVIDERS.vobiz, noAnswerFailure(timeout, 'x'))).toBe(
			'Vobiz did not answer the message in time: timeout of 50ms exceeded — it may or may not have been sent',
		);
		const hangUp = new NoAnswerError('socket hang up', 'ECONNRESET', false, false);
		expect(describeFailure(PROVIDERS.callbell, noAnswerFailure(hangUp, 'x'))).toBe(
			'The connection to Callbell closed before it answered the message: socket hang up — it may or may not have been sent',
		);
		const refused = Object.assign(
			new NoAnswerError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED', true, false),
			{ attempts: 4 },
		);
		expect(describeFailure(PROVIDERS.bitbybit, noAnswerFailure(refused, 'x'))).toBe(
			'Could not connect to bitbybit: connect ECONNREFUSED 127.0.0.1:9 (after 4 attempts)',
		);
	});

	it('n8n does not swap the node’s words for its generic network advice (which suggests Retry On Fail)', () => {
		const failure = noAnswerFailure(
			new NoAnswerError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT', true, false),
			'x',
		);
		const error = failureToNodeError(NODE, PROVIDERS.vobiz, 3, failure);
		expect(error.message).toBe('Could not connect to Vobiz: connect ETIMEDOUT 10.0.0.1:443');
		expect(error.message).not.toMatch(/Retry on Fail/i);
		expect(error.context.itemIndex).toBe(3);
		const reset = failureToNodeError(
			NODE,
			PROVIDERS.bitbybit,
			0,
			providerFailure(500, { message: 'read ECONNRESET upstream' }),
		);
		expect(reset.message).toBe(
			'bitbybit refused the message (HTTP 500): read ECONNRESET upstream — it may or may not have been sent',
		);
		expect(reset.description).toBe(MAY_HAVE_BEEN_SENT);
		expect(reset.httpCode).toBe('500');
	});
});
