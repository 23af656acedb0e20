import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import type { FakeProvider } from '../../fakes/fake';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import type { OnError, RunNodeResult } from '../harness/engine';
import { runNode } from '../harness/engine';
import { MAY_HAVE_BEEN_SENT } from '../../nodes/WhatsAppSend/output/failure';
import { WINDOW_HINT, NOT_ON_WHATSAPP_HINT } from '../../nodes/WhatsAppSend/providers/shared/hints';

const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
const NGINX_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('reliability inside the n8n engine: retries, timeouts, classification', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	const multiSession = new FakeMultiSession();
	const fakes: FakeProvider[] = [bitbybit, vobiz, callbell, multiSession];
	beforeAll(async () => {
		await Promise.all(fakes.map(async (fake) => await fake.start()));
	});
	afterAll(async () => {
		await Promise.all(fakes.map(async (fake) => await fake.stop()));
	});

	/** Sends one Callbell text per item; counts what reached the send route. */
	/** One Vobiz text message to a fixed recipient. */
	async function vobizText(text: string, onError?: OnError) {
		return await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
				to: '+919876543210',
				text,
			},
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
			onError,
		});
	}

	async function callbellRun(
		options: IDataObject = {},
		items: Array<{ to: string; text: string }> = [{ to: '+6281234567890', text: 'Hi' }],
		onError: OnError = 'continueErrorOutput',
		baseUrl = callbell.url,
	) {
		const before = { requests: sends(callbell).length, accepted: callbell.accepted.length };
		const result = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
				to: '={{ $json.to }}',
				text: '={{ $json.text }}',
				options: { concurrency: 1, ...options },
			},
			items: items.map((json) => ({ json })),
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl } },
			onError,
		});
		return {
			result,
			requests: sends(callbell).length - before.requests,
			accepted: callbell.accepted.length - before.accepted,
		};
	}

	function sends(fake: FakeProvider) {
		return fake.requests.filter((r) => r.method === 'POST');
	}

	const details = (result: RunNodeResult, index = 0) =>
		result.errorOutput[index]?.json.error as IDataObject;

	describe('what is retried, and how many requests a message causes', () => {
		it('a 429 followed by success: exactly two requests, one message accepted', async () => {
			callbell.script({
				status: 429,
				headers: { 'Retry-After': '0' },
				body: { error: 'Too Many Requests' },
			});
			const { result, requests, accepted } = await callbellRun();
			expect(requests).toBe(2);
			expect(accepted).toBe(1);
			expect(result.errorOutput).toHaveLength(0);
			expect(result.main[0].json).toMatchObject({ provider: 'callbell', status: 'enqueued' });
		});

		it("bitbybit's RateLimit-Reset is honoured before the second request", async () => {
			bitbybit.script({
				status: 429,
				headers: { 'RateLimit-Limit': '100', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '1' },
				body: {
					error: {
						code: 'RATE_LIMIT_EXCEEDED',
						message: 'Too many requests. Please retry after the reset period.',
					},
				},
			});
			const before = bitbybit.requests.length;
			const started = Date.now();
			const result = await runNode({
				parameters: {
					provider: 'bitbybit',
					messageType: 'text',
					to: '6281234567890',
					text: 'Hi',
					source: 'whatsapp cloud api',
					options: { messagesPerSecond: 1000 },
				},
				credentials: {
					whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url },
				},
			});
			expect(result.error).toBeUndefined();
			expect(bitbybit.requests.length - before).toBe(2);
			// The exact waits are asserted in test/unit/run/retry.test.ts; here only that the pause really happened.
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
			expect(result.main[0].json.messageId).toMatch(/^wamid\./);
		});

		it('a 429 without any header is retried with backoff, up to Max Retries, then fails as rate_limited', async () => {
			callbell.script({ status: 429 }, { status: 429 });
			const { result, requests, accepted } = await callbellRun({ maxRetries: 1 });
			expect(requests).toBe(2);
			expect(accepted).toBe(0);
			expect(details(result)).toMatchObject({
				errorType: 'rate_limited',
				httpCode: 429,
				retryable: true,
				mayHaveBeenSent: false,
				attempts: 2,
				providerMessage: 'HTTP 429 Too Many Requests with no error message',
			});
			expect(details(result).hint).toMatch(/300 requests a second/);
			expect((result.errorOutput[0].json.error as IDataObject).message).toBe(
				'Callbell refused the message (HTTP 429): HTTP 429 Too Many Requests with no error message (after 2 attempts)',
			);
		});

		it('Max Retries 0 sends a rate-limited message exactly once', async () => {
			callbell.script({ status: 429, headers: { 'Retry-After': '0' } });
			const { requests } = await callbellRun({ maxRetries: 0 });
			expect(requests).toBe(1);
		});

		it('a 503 then success: two requests', async () => {
			vobiz.script({
				status: 503,
				headers: { 'Retry-After': '0' },
				body: { status: 'error', error: { code: 'SERVICE_UNAVAILABLE', message: 'Try later' } },
			});
			const before = sends(vobiz).length;
			const result = await vobizText('Hi');
			expect(result.error).toBeUndefined();
			expect(sends(vobiz).length - before).toBe(2);
			expect(result.main[0].json).toMatchObject({ provider: 'vobiz', status: 'pending' });
		});

		it('a 503 that lasts: every retry used, then provider_unavailable, certainly not sent', async () => {
			const outage = {
				status: 503,
				headers: { 'Retry-After': '0' },
				body: { error: 'maintenance' },
			};
			callbell.script(outage, outage, outage, outage);
			const { result, requests } = await callbellRun();
			expect(requests).toBe(4);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				httpCode: 503,
				retryable: true,
				mayHaveBeenSent: false,
				attempts: 4,
				providerMessage: 'maintenance',
			});
		});

		it('a 500: exactly one request, and the error says the message may or may not have been sent', async () => {
			callbell.script({ status: 500, body: { error: 'Internal error' } });
			const { result, requests } = await callbellRun();
			expect(requests).toBe(1);
			expect((result.errorOutput[0].json.error as IDataObject).message).toBe(
				'Callbell refused the message (HTTP 500): Internal error — it may or may not have been sent',
			);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				httpCode: 500,
				retryable: true,
				mayHaveBeenSent: true,
				attempts: 1,
				description: MAY_HAVE_BEEN_SENT,
			});
		});

		it('a 500 with On Error → Stop: one request, the run stops with the same words', async () => {
			callbell.script({ status: 500, body: { error: 'Internal error' } });
			const { result, requests } = await callbellRun({}, undefined, 'stopWorkflow');
			expect(requests).toBe(1);
			expect(result.error?.message).toBe(
				'Callbell refused the message (HTTP 500): Internal error — it may or may not have been sent',
			);
			expect(result.error?.description).toBe(
				`${MAY_HAVE_BEEN_SENT} The run stopped at this failure (On Error: Stop). Of 1 message: 0 accepted by the provider before the stop, 1 may or may not have been sent, 0 not sent.`,
			);
			expect(result.error?.context?.itemIndex).toBe(0);
		});

		it('an HTML error page from a gateway: one request, named as such', async () => {
			callbell.script({ status: 502, body: NGINX_502 });
			const { result, requests } = await callbellRun();
			expect(requests).toBe(1);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				httpCode: 502,
				providerCode: 'HTML_RESPONSE',
				providerMessage: 'an HTML page instead of JSON ("502 Bad Gateway")',
				mayHaveBeenSent: true,
			});
			expect(details(result).hint).toMatch(/proxy or gateway/);
		});

		it('an empty body: one request, the status text stands in for the message', async () => {
			callbell.script({ status: 502 });
			const { result, requests } = await callbellRun();
			expect(requests).toBe(1);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				providerMessage: 'HTTP 502 Bad Gateway with no error message',
				mayHaveBeenSent: true,
			});
		});

		it('a connection dropped after the request arrived: one request, never resent', async () => {
			callbell.script({ status: 200, drop: true });
			const { result, requests, accepted } = await callbellRun();
			expect(requests).toBe(1);
			expect(accepted).toBe(0);
			expect((result.errorOutput[0].json.error as IDataObject).message).toMatch(
				/^The connection to Callbell closed before it answered the message: .* — it may or may not have been sent$/,
			);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				retryable: true,
				mayHaveBeenSent: true,
				attempts: 1,
				providerCode: 'ECONNRESET',
			});
		});

		it('no answer at all: the Timeout option fails the item after one request', async () => {
			callbell.script({ status: 200, hang: true });
			const { result, requests } = await callbellRun({ timeout: 300 });
			expect(requests).toBe(1);
			expect((result.errorOutput[0].json.error as IDataObject).message).toMatch(
				/^Callbell did not answer the message in time: .* — it may or may not have been sent$/,
			);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				retryable: true,
				mayHaveBeenSent: true,
				attempts: 1,
			});
			expect(details(result).hint).toMatch(/Timeout option/);
		});

		it('a slow answer within the Timeout option is a success', async () => {
			callbell.script({
				status: 200,
				delayMs: 150,
				body: { message: { uuid: 'slow-1', status: 'enqueued' } },
			});
			const { result } = await callbellRun({ timeout: 5000 });
			expect(result.main[0].json.messageId).toBe('slow-1');
		});

		it('a refused connection is retried (nothing was sent), then reported with the attempts made', async () => {
			const port = await closedPort();
			const { result } = await callbellRun(
				{ maxRetries: 2 },
				undefined,
				'continueErrorOutput',
				`http://127.0.0.1:${port}`,
			);
			expect((result.errorOutput[0].json.error as IDataObject).message).toMatch(
				/^Could not connect to Callbell: connect ECONNREFUSED .* \(after 3 attempts\)$/,
			);
			expect(details(result)).toMatchObject({
				errorType: 'provider_unavailable',
				retryable: true,
				mayHaveBeenSent: false,
				attempts: 3,
				providerCode: 'ECONNREFUSED',
			});
			expect(details(result).hint).toMatch(
				new RegExp(`Nothing answered at http://127\\.0\\.0\\.1:${port}`),
			);
		});
	});

	describe('classification and hints for known causes', () => {
		it('a wrong Base URL: a 404 on the provider’s own route', async () => {
			const { result, requests } = await callbellRun(
				{},
				undefined,
				'continueErrorOutput',
				`${callbell.url}/v2`,
			);
			expect(requests).toBe(1);
			expect(details(result)).toMatchObject({
				errorType: 'not_found',
				httpCode: 404,
				retryable: false,
				mayHaveBeenSent: false,
			});
			expect(details(result).hint).toMatch(/Base URL/);
		});

		it('a wrong Base URL: an HTML page with 200 is not a success', async () => {
			callbell.script({
				status: 200,
				body: '<!DOCTYPE html><html><head><title>Acme Inc.</title></head><body>Welcome</body></html>',
			});
			const { result, accepted } = await callbellRun();
			expect(accepted).toBe(0);
			expect(result.main).toHaveLength(0);
			expect(details(result)).toMatchObject({
				errorType: 'not_found',
				httpCode: 200,
				providerMessage: 'an HTML page instead of JSON ("Acme Inc.")',
				mayHaveBeenSent: false,
			});
			expect(details(result).hint).toMatch(/HTML page answered where the API answers JSON/);
		});

		it('auth (401) and payment (402)', async () => {
			const auth = await callbellRun({}, undefined, 'continueErrorOutput');
			expect(auth.result.errorOutput).toHaveLength(0);
			const wrongKey = await runNode({
				parameters: {
					provider: 'callbell',
					messageType: 'text',
					channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
					to: '+6281234567890',
					text: 'Hi',
				},
				credentials: {
					whatsAppSendCallbellApi: { apiKey: 'callbell-wrong-key', baseUrl: callbell.url },
				},
				onError: 'continueErrorOutput',
			});
			expect(details(wrongKey)).toMatchObject({
				errorType: 'auth',
				httpCode: 401,
				retryable: false,
				mayHaveBeenSent: false,
				providerMessage: 'Unauthorized',
			});
			callbell.script({ status: 402, body: { error: 'Insufficient WhatsApp balance' } });
			const { result } = await callbellRun();
			expect(details(result)).toMatchObject({
				errorType: 'payment',
				httpCode: 402,
				retryable: false,
			});
			expect(details(result).hint).toMatch(/balance is empty/);
		});

		it('validation (400/422) in the provider’s words', async () => {
			callbell.script({ status: 422, body: { error: 'to must be a phone number with +' } });
			const { result } = await callbellRun();
			expect(details(result)).toMatchObject({
				errorType: 'validation',
				httpCode: 422,
				providerMessage: 'to must be a phone number with +',
				retryable: false,
			});
		});

		it('a closed 24-hour window, as Meta reports it through Vobiz', async () => {
			vobiz.script({
				status: 400,
				body: {
					status: 'error',
					error: {
						code: '131047',
						message: 'Re-engagement message',
						details:
							'More than 24 hours have passed since the recipient last replied to the sender number.',
					},
				},
			});
			const result = await vobizText('Following up', 'continueErrorOutput');
			expect(details(result)).toMatchObject({
				errorType: 'validation',
				providerCode: '131047',
				hint: WINDOW_HINT,
				retryable: false,
			});
			expect(details(result).description).toBe(WINDOW_HINT);
		});

		it('a self-hosted device not paired with a phone', async () => {
			multiSession.paired = false;
			try {
				const result = await runNode({
					parameters: {
						provider: 'multiSession',
						messageType: 'text',
						to: '6281234567890',
						text: 'Hi',
					},
					credentials: {
						whatsAppSendMultiSessionApi: { token: multiSession.token, baseUrl: multiSession.url },
					},
					onError: 'continueErrorOutput',
				});
				expect(details(result)).toMatchObject({
					errorType: 'provider_unavailable',
					httpCode: 500,
					providerMessage: 'WhatsApp Client is not Logged In',
					mayHaveBeenSent: false,
				});
				expect(details(result).hint).toMatch(/not paired with a phone/);
			} finally {
				multiSession.paired = true;
			}
		});

		it('a recipient not on WhatsApp', async () => {
			multiSession.script({
				status: 500,
				body: {
					status: false,
					code: 500,
					message: 'WhatsApp Personal ID is Not Registered',
					error: 'WhatsApp Personal ID is Not Registered',
				},
			});
			const result = await runNode({
				parameters: {
					provider: 'multiSession',
					messageType: 'text',
					to: '6281234567890',
					text: 'Hi',
				},
				credentials: {
					whatsAppSendMultiSessionApi: { token: multiSession.token, baseUrl: multiSession.url },
				},
				onError: 'continueErrorOutput',
			});
			expect(details(result)).toMatchObject({
				providerMessage: 'WhatsApp Personal ID is Not Registered',
				hint: NOT_ON_WHATSAPP_HINT,
			});
			expect(details(result).providerCode).toBeUndefined();
		});
	});

	describe('input safety', () => {
		it('a text over 4096 characters is refused before sending, naming item and field', async () => {
			const { result, requests } = await callbellRun({}, [
				{ to: '+6281234567890', text: 'ok' },
				{ to: '+6281234567890', text: 'x'.repeat(4097) },
			]);
			expect(requests).toBe(1);
			expect((result.errorOutput[0].json.error as IDataObject).message).toBe(
				'Item 1: Text: is 4097 characters long; Callbell takes at most 4096',
			);
			expect(details(result)).toMatchObject({
				errorType: 'validation',
				mayHaveBeenSent: false,
				itemIndex: 1,
			});
		});

		it('a Base URL that is not http(s) stops the run before anything is sent', async () => {
			const result = await runNode({
				parameters: {
					provider: 'multiSession',
					messageType: 'text',
					to: '6281234567890',
					text: 'Hi',
				},
				credentials: {
					whatsAppSendMultiSessionApi: { token: multiSession.token, baseUrl: 'file:///etc/passwd' },
				},
			});
			// With Continue, every item fails with this reason instead (workflow/setupFailure.test.ts).
			expect(result.error?.message).toBe(
				"The credential's Base URL does not start with https:// or http:// followed by a host name",
			);
			expect(result.error?.context?.failure).toMatchObject({
				kind: 'configuration',
				mayHaveBeenSent: false,
			});
		});
	});

	describe('no item lost', () => {
		const mixed = [
			{ to: '+62 812 0000 0001', text: 'accepted' },
			{ to: 'nobody', text: 'refused by the node' },
			{ to: '+62 812 0000 0003', text: 'a 500' },
			{ to: '+62 812 0000 0004', text: 'a 429, then accepted' },
			{ to: '+62 812 0000 0005', text: 'a 402' },
			{ to: '+62 812 0000 0006', text: 'x'.repeat(5000) },
			{ to: '+62 812 0000 0007', text: 'dropped' },
			{ to: '+62 812 0000 0008', text: 'accepted' },
		];
		const scriptMixed = () =>
			callbell.script(
				{ status: 200, body: { message: { uuid: 'm-0', status: 'enqueued' } } },
				{ status: 500, body: { error: 'boom' } },
				{ status: 429, headers: { 'Retry-After': '0' } },
				{ status: 200, body: { message: { uuid: 'm-3', status: 'enqueued' } } },
				{ status: 402, body: { error: 'Insufficient WhatsApp balance' } },
				{ status: 200, drop: true },
				{ status: 200, body: { message: { uuid: 'm-7', status: 'enqueued' } } },
			);

		it('Continue (using error output): failures on output 1, the rest on output 0, in input order, all paired', async () => {
			scriptMixed();
			const { result, requests } = await callbellRun({}, mixed, 'continueErrorOutput');
			expect(requests).toBe(7);
			expect(result.main.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 3 },
				{ item: 7 },
			]);
			expect(result.main.map((item) => item.json.messageId)).toEqual(['m-0', 'm-3', 'm-7']);
			expect(result.errorOutput.map((item) => item.pairedItem)).toEqual(
				[1, 2, 4, 5, 6].map((item) => ({ item })),
			);
			expect(result.errorOutput.map((item) => (item.json.error as IDataObject).errorType)).toEqual([
				'validation',
				'provider_unavailable',
				'payment',
				'validation',
				'provider_unavailable',
			]);
			expect(result.errorOutput.map((item) => (item.json.error as IDataObject).itemIndex)).toEqual([
				1, 2, 4, 5, 6,
			]);
		});

		it('Continue (regular output): exactly one item per input item, in input order', async () => {
			scriptMixed();
			const { result } = await callbellRun({}, mixed, 'continueRegularOutput');
			expect(result.errorOutput).toHaveLength(0);
			expect(result.main.map((item) => item.pairedItem)).toEqual(
				mixed.map((_, item) => ({ item })),
			);
			expect(
				result.main.map((item) => ('error' in item.json ? 'error' : item.json.messageId)),
			).toEqual(['m-0', 'error', 'error', 'm-3', 'error', 'error', 'error', 'm-7']);
		});

		it('with concurrency the order and pairing still hold', async () => {
			const items = Array.from({ length: 30 }, (_, i) => ({
				to: `+62 812 0000 ${String(1000 + i)}`,
				text: i % 7 === 3 ? '' : `n${i}`,
			}));
			const { result } = await callbellRun({ concurrency: 8 }, items, 'continueRegularOutput');
			expect(result.main.map((item) => item.pairedItem)).toEqual(
				items.map((_, item) => ({ item })),
			);
			expect(result.main.map((item) => Boolean(item.json.error))).toEqual(
				items.map((_, i) => i % 7 === 3),
			);
		});
	});

	it('options.timeout and options.maxRetries are documented defaults of the node', async () => {
		const { optionsProperty } = await import('../../nodes/WhatsAppSend/description/options');
		const { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES } = await import(
			'../../nodes/WhatsAppSend/run/settings'
		);
		const { PROVIDERS } = await import('../../nodes/WhatsAppSend/providers');
		const byName = (name: string) =>
			(optionsProperty(PROVIDERS).options as unknown as INodeParameters[]).find(
				(o) => o.name === name,
			);
		expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
		expect(DEFAULT_MAX_RETRIES).toBe(3);
		expect(byName('timeout')?.default).toBe(DEFAULT_TIMEOUT_MS);
		expect(byName('maxRetries')?.default).toBe(DEFAULT_MAX_RETRIES);
	});
});
