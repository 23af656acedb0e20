import type { IDataObject } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

const CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';

describe('output items and errors inside the n8n engine', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	serveDuringSuite(bitbybit, vobiz, callbell);

	const callbellRun = (
		items: Array<{ to: string; text: string }>,
		onError?: 'continueErrorOutput' | 'continueRegularOutput',
	) =>
		runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: CHANNEL },
				to: '={{ $json.to }}',
				text: '={{ $json.text }}',
				options: { concurrency: 1 },
			},
			items: items.map((json) => ({ json })),
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
			onError,
		});

	it('a 401 stops the run with the provider message and code, after exactly one request', async () => {
		const before = bitbybit.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '6281234567890',
				text: 'Hi',
				source: 'whatsapp cloud api',
			},
			credentials: {
				whatsAppSendBitbybitApi: { apiKey: 'bbb_test_revoked', baseUrl: bitbybit.url },
			},
		});
		expect(bitbybit.requests.length - before).toBe(1);
		expect(result.error?.message).toBe(
			'bitbybit refused the message (HTTP 401): Invalid or expired API key [INVALID_API_KEY]',
		);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result.run)).not.toContain('bbb_test_revoked');
	});

	it('a 400 shows the provider error body', async () => {
		vobiz.script({
			status: 400,
			body: {
				status: 'error',
				error: { code: 'INVALID_RECIPIENT', message: 'Recipient is not a WhatsApp user' },
				timestamp: 'x',
				requestId: 'r1',
			},
		});
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'list', value: VOBIZ_CHANNELS[0].id },
				to: '+919876543210',
				text: 'Hi',
			},
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
		});
		expect(result.error?.message).toBe(
			'Vobiz refused the message (HTTP 400): Recipient is not a WhatsApp user [INVALID_RECIPIENT]',
		);
	});

	it('Vobiz’s error.details object is kept in the error item as providerDetails, secrets masked', async () => {
		// Vobiz's error envelope: {status:"error", error:{code, message, details?}, timestamp, requestId} (contracts §2).
		vobiz.script({
			status: 422,
			body: {
				status: 'error',
				error: {
					code: 'VALIDATION_ERROR',
					message: 'Request validation failed',
					details: {
						field: 'media.link',
						reason: 'URL is not reachable',
						echoed: { token: vobiz.authToken },
					},
				},
				timestamp: '2026-11-22T10:00:00Z',
				requestId: 'req_123',
			},
		});
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'image',
				channel: { __rl: true, mode: 'list', value: VOBIZ_CHANNELS[0].id },
				to: '+919876543210',
				mediaSource: 'url',
				mediaUrl: 'https://cdn.example.com/photo.jpg',
			},
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
			onError: 'continueErrorOutput',
		});
		expect(result.errorOutput).toHaveLength(1);
		const error = result.errorOutput[0].json.error as IDataObject;
		expect(error).toMatchObject({
			provider: 'vobiz',
			httpCode: 422,
			providerCode: 'VALIDATION_ERROR',
			providerMessage: 'Request validation failed',
			providerDetails: {
				field: 'media.link',
				reason: 'URL is not reachable',
				echoed: { token: '***' },
			},
		});
		expect(JSON.stringify(result.run)).not.toContain(vobiz.authToken);
	});

	it('an HTML error page is reported as such, not as a parse failure', async () => {
		callbell.script({
			status: 502,
			body: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>',
		});
		const result = await callbellRun([{ to: '+6281234567890', text: 'Hi' }]);
		expect(result.error?.message).toMatch(
			/^Callbell refused the message \(HTTP 502\): an HTML page instead of JSON \("502 Bad Gateway"\)/,
		);
	});

	it('Continue (using error output): failed items on the error output, good ones on the main output, all paired', async () => {
		const before = callbell.accepted.length;
		callbell.script(
			{ status: 200, body: { message: { uuid: 'u-first', status: 'enqueued' } } },
			{ status: 402, body: { error: 'Insufficient WhatsApp balance' } },
		);
		const result = await callbellRun(
			[
				{ to: '+62 812 0000 0001', text: 'one' },
				{ to: 'not a number', text: 'two' },
				{ to: '+62 812 0000 0003', text: 'three' },
				{ to: '+62 812 0000 0004', text: 'four' },
			],
			'continueErrorOutput',
		);
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(result.main.map((item) => item.json.messageId)).toEqual(['u-first', expect.any(String)]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// Exactly `{error}`: the only shape n8n 1.x and 2.x both route to the error output.
		expect(Object.keys(result.errorOutput[0].json)).toEqual(['error']);
		expect(result.errorOutput[0].json.error).toEqual({
			message: expect.stringMatching(/^Item 1: To: "not a number" is not a phone number/),
			provider: 'callbell',
			messageType: 'text',
			to: null,
			errorType: 'validation',
			retryable: false,
			mayHaveBeenSent: false,
			description: expect.stringMatching(/^Valid: an international number .* Nothing was sent\.$/),
			itemIndex: 1,
		});
		expect((result.errorOutput[0].json.error as IDataObject).message).toMatch(
			/^Item 1: To: "not a number" is not a phone number/,
		);
		expect((result.errorOutput[1].json.error as IDataObject).message).toBe(
			'Callbell refused the message (HTTP 402): Insufficient WhatsApp balance',
		);
		expect(result.errorOutput[1].json.error).toMatchObject({
			provider: 'callbell',
			messageType: 'text',
			to: '+6281200000003',
			errorType: 'payment',
			httpCode: 402,
			providerMessage: 'Insufficient WhatsApp balance',
			retryable: false,
			itemIndex: 2,
		});
		// The invalid item never reached the provider; the scripted 200 stood for item 0.
		expect(callbell.accepted.length - before).toBe(1);
	});

	it('Continue (regular output): one item per input item, in input order', async () => {
		const result = await callbellRun(
			[
				{ to: '+62 812 0000 0001', text: 'one' },
				{ to: '12', text: 'two' },
				{ to: '+62 812 0000 0003', text: '' },
				{ to: '+62 812 0000 0004', text: 'four' },
			],
			'continueRegularOutput',
		);
		expect(result.main.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(result.main.map((item) => Boolean(item.json.error))).toEqual([false, true, true, false]);
		expect((result.main[2].json.error as IDataObject).message).toMatch(/Item 2: Text: is empty/);
	});

	it('Stop: an invalid item anywhere stops the run before any message is sent', async () => {
		const before = callbell.requests.length;
		const result = await callbellRun([
			{ to: '+62 812 0000 0001', text: 'one' },
			{ to: '+62 812 0000 0002', text: 'two' },
			{ to: '0812 0000 0003', text: 'three' },
		]);
		expect(callbell.requests.length).toBe(before);
		expect(result.error?.message).toMatch(
			/^Item 2: To: "0812 0000 0003" looks like a local number/,
		);
		expect(result.error?.description).toMatch(/Default Country Code/);
	});

	it('Stop: a template check that needs the template list also stops the run before any message is sent', async () => {
		const before = vobiz.accepted.length;
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'template',
				channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
				to: '={{ $json.to }}',
				template: { __rl: true, mode: 'name', value: 'order_confirmation' },
				templateLanguage: 'en_US',
				templateParameters: '={{ $json.values }}',
				options: { concurrency: 1 },
			},
			items: [
				{ json: { to: '+919876500001', values: ['Ann', 'ORD-1'] } },
				{ json: { to: '+919876500002', values: ['Budi', 'ORD-2'] } },
				{ json: { to: '+919876500003', values: ['Citra'] } },
			],
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
		});
		expect(result.error?.message).toMatch(
			/^Item 2: Template Parameters: template "order_confirmation" \(en_US\) needs 2 values/,
		);
		expect(vobiz.accepted.length).toBe(before);
	});
});
