import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { noAnswerFailure } from '../../nodes/WhatsAppSend/output/failure';
import { toNoAnswer } from '../../nodes/WhatsAppSend/http/noAnswer';
import { WhatsAppSend } from '../../nodes/WhatsAppSend/WhatsAppSend.node';

import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/engine';
import { sendHtml, sendJson, startHostile } from '../harness/hostile';
import { providerCases } from '../harness/providerCases';

// Point 7 of issue 11: a request n8n's HTTP client refuses to build — an invalid header name, a header
// value with a line break — never left n8n: mayHaveBeenSent is false, and it is a configuration error.
// Point 8: the bitbybit credential test passes only on bitbybit's own answer to an empty send.

describe('mayHaveBeenSent tells the truth about requests that were never built', () => {
	const [bitbybit, , callbell] = providerCases();

	it.each([
		['x api key', /^The credential's API Key Header "x api key" is not a header name/],
		['x-api-key:', /^The credential's API Key Header "x-api-key:" is not a header name/],
		[
			'Content-Type',
			/^The credential's API Key Header "Content-Type" is a header HTTP itself uses/,
		],
	])(
		'bitbybit API Key Header %p: refused when the credential is read, nothing sent',
		async (headerName, message) => {
			const server = await startHostile((_request, res) =>
				sendJson(res, 200, { data: { messageId2: 'wamid.x' } }),
			);
			try {
				for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
					const result = await runNode({
						parameters: bitbybit.text(),
						credentials: bitbybit.credentials(server.url, { headerName }),
						onError,
					});
					const description =
						/Use letters, digits and - only \(for example x-api-key\).*Nothing was sent\.$/;
					if (onError === 'stopWorkflow') {
						expect(result.error?.message).toMatch(message);
						expect(result.error?.description).toMatch(description);
						expect(result.error?.context?.failure).toMatchObject({
							kind: 'configuration',
							mayHaveBeenSent: false,
							retryable: false,
						});
					} else {
						// Under Continue the run cannot start either, so every item fails on its own.
						expect(result.main).toEqual([]);
						expect(result.errorOutput[0].json.error).toMatchObject({
							message: expect.stringMatching(message),
							description: expect.stringMatching(description),
							errorType: 'configuration',
							mayHaveBeenSent: false,
							retryable: false,
						});
					}
				}
				expect(server.requests).toHaveLength(0);
			} finally {
				await server.close();
			}
		},
	);

	it('the bitbybit credential test says what is wrong with the header name', async () => {
		const server = await startHostile((_request, res) =>
			sendJson(res, 400, { error: { code: 'VALIDATION_ERROR', message: 'x' } }),
		);
		try {
			const result = await testCredential('whatsAppSendBitbybitApi', {
				apiKey: bitbybit.secret,
				baseUrl: server.url,
				headerName: 'x api key',
			});
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^API Key Header "x api key" is not a header name/),
			});
			expect(server.requests).toHaveLength(0);
		} finally {
			await server.close();
		}
	});

	it('a request n8n’s HTTP client refuses to build is classified as never sent, through the real helper', async () => {
		// Every setting the node sends is checked before it gets this far; this is the classification the node
		// falls back on, met with the error n8n's helper really throws (Node refuses the header name).
		const server = await startHostile((_request, res) => sendJson(res, 200, {}));
		const probe: INodeType = {
			description: { ...new WhatsAppSend().description },
			async execute(this: IExecuteFunctions) {
				let failure: IDataObject = {};
				try {
					await this.helpers.httpRequestWithAuthentication.call(this, 'whatsAppSendCallbellApi', {
						method: 'POST',
						url: `${server.url}/messages/send`,
						headers: { 'bad header': 'x' },
						body: { a: 1 },
						json: true,
					});
				} catch (error) {
					failure = noAnswerFailure(toNoAnswer(error), server.url) as unknown as IDataObject;
				}
				return [[{ json: failure }]];
			},
		};
		try {
			const result = await runNode({
				parameters: callbell.text(),
				credentials: callbell.credentials(server.url),
				nodeType: probe,
			});
			expect(server.requests).toHaveLength(0);
			expect(result.main[0].json).toMatchObject({
				kind: 'configuration',
				mayHaveBeenSent: false,
				retryable: false,
				providerCode: 'ERR_INVALID_HTTP_TOKEN',
				noAnswer: 'refused',
			});
		} finally {
			await server.close();
		}
	});
});

describe('the bitbybit credential test passes only on bitbybit’s own answer to an empty send', () => {
	const GOOD = { error: { code: 'VALIDATION_ERROR', message: 'to is required' } };
	const PAGE =
		'<!doctype html><html><head><title>Error</title></head><body>Something went wrong</body></html>';

	async function test(answer: (res: Parameters<typeof sendJson>[0]) => void) {
		const server = await startHostile((_request, res) => answer(res));
		try {
			return await testCredential('whatsAppSendBitbybitApi', {
				apiKey: 'bbb_live_any_key_1',
				baseUrl: server.url,
			});
		} finally {
			await server.close();
		}
	}

	it('400 with error.code VALIDATION_ERROR: the key works', async () => {
		expect(await test((res) => sendJson(res, 400, GOOD))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it.each([400, 402, 409, 410, 422])('an HTML page with HTTP %i fails', async (status) => {
		const result = await test((res) => sendHtml(res, status, PAGE));
		expect(result.status).toBe('Error');
	});

	it.each([402, 409, 410, 422, 500])(
		'HTTP %i fails, even with a VALIDATION_ERROR body',
		async (status) => {
			expect((await test((res) => sendJson(res, status, GOOD))).status).toBe('Error');
		},
	);

	it.each([
		['another API’s 400', 400, { message: 'Bad Request' }],
		['a 200', 200, { ok: true }],
		['an empty 204', 204, undefined],
		[
			'bitbybit’s INVALID_API_KEY in a 400',
			400,
			{ error: { code: 'INVALID_API_KEY', message: 'Invalid API key' } },
		],
	])('%s fails', async (_label, status, body) => {
		const result = await test((res) => {
			if (body === undefined) {
				res.writeHead(status);
				res.end();
			} else sendJson(res, status, body);
		});
		expect(result.status).toBe('Error');
		if (status === 200) expect(result.message).toMatch(/is not bitbybit/);
	});
});
