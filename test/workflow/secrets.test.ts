import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import type { FakeProvider } from '../../fakes/fake';
import { FakeMultiSession } from '../../fakes/multiSession';
import type { FakeResponse } from '../../fakes/server';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import type { OnError } from '../harness/engine';
import { runNode } from '../harness/engine';
import { serializeAll } from '../harness/serialize';

interface Case {
	name: string;
	fake: FakeProvider;
	/** A part of the secret no ordinary text contains; it must appear nowhere. */
	needle: string;
	secret: string;
	credentials: () => Record<string, IDataObject>;
	wrongCredentials: () => Record<string, IDataObject>;
	parameters: INodeParameters;
	success: (secret: string) => FakeResponse;
}

const bitbybit = new FakeBitbybit({
	apiKey: 'bbb_live_k9SECRETbitbybitQ7x2',
	headerName: 'x-api-key',
});
/** Vobiz whose channel list can be told to refuse the lookup while echoing the token. */
class EchoingVobiz extends FakeVobiz {
	echoOnLookup = false;

	handle(request: Parameters<FakeVobiz['handle']>[0]): FakeResponse {
		if (this.echoOnLookup && request.method === 'GET') {
			return {
				status: 403,
				body: {
					status: 'error',
					error: {
						code: 'FORBIDDEN',
						message: `token ${String(request.headers['x-auth-token'])} may not list channels`,
					},
				},
			};
		}
		return super.handle(request);
	}
}

const vobiz = new EchoingVobiz({ authId: 'MA_TESTACCT', authToken: 'vz-tok_SECRETvobizR4n8/Zp==' });
const callbell = new FakeCallbell({ apiKey: 'cb/SECRETcallbell+KEY=0003' });
const multiSession = new FakeMultiSession({
	token: 'eyJhbGciOiJIUzI1NiJ9.eyJkZXZpY2UiOiJTRUNSRVQifQ.SECRETmultisessionSig-_42',
});

const CASES: Case[] = [
	{
		name: 'bitbybit',
		fake: bitbybit,
		needle: 'SECRETbitbybit',
		secret: bitbybit.apiKey,
		credentials: () => ({
			whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url },
		}),
		wrongCredentials: () => ({
			whatsAppSendBitbybitApi: { apiKey: 'bbb_live_WRONGSECRETbitbybitKEY', baseUrl: bitbybit.url },
		}),
		parameters: {
			provider: 'bitbybit',
			messageType: 'text',
			to: '6281234567890',
			text: 'Hi',
			source: 'whatsapp cloud api',
			options: { messagesPerSecond: 1000 },
		},
		success: (secret) => ({
			status: 200,
			body: { data: { messageId2: 'wamid.X', timestamp: 't', echo: secret } },
		}),
	},
	{
		name: 'vobiz',
		fake: vobiz,
		needle: 'SECRETvobiz',
		secret: vobiz.authToken,
		credentials: () => ({
			whatsAppSendVobizApi: {
				authId: vobiz.authId,
				authToken: vobiz.authToken,
				baseUrl: vobiz.url,
			},
		}),
		wrongCredentials: () => ({
			whatsAppSendVobizApi: {
				authId: vobiz.authId,
				authToken: 'vz-tok_WRONGSECRETvobiz',
				baseUrl: vobiz.url,
			},
		}),
		parameters: {
			provider: 'vobiz',
			messageType: 'text',
			channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
			to: '+919876543210',
			text: 'Hi',
		},
		success: (secret) => ({
			status: 201,
			body: { id: 'v-1', status: 'pending', [`token:${secret}`]: true },
		}),
	},
	{
		name: 'callbell',
		fake: callbell,
		needle: 'SECRETcallbell',
		secret: callbell.apiKey,
		credentials: () => ({
			whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url },
		}),
		wrongCredentials: () => ({
			whatsAppSendCallbellApi: { apiKey: 'cb/WRONGSECRETcallbell', baseUrl: callbell.url },
		}),
		parameters: {
			provider: 'callbell',
			messageType: 'text',
			channel: { __rl: true, mode: 'id', value: 'c1a2b3c4d5e6f70811223344556677aa' },
			to: '+6281234567890',
			text: 'Hi',
		},
		success: (secret) => ({
			status: 200,
			body: { message: { uuid: 'c-1', status: 'enqueued' }, api_key: secret },
		}),
	},
	{
		name: 'multiSession',
		fake: multiSession,
		needle: 'SECRETmultisession',
		secret: multiSession.token,
		// Pasted with "Bearer ": the bare token must be masked as well.
		credentials: () => ({
			whatsAppSendMultiSessionApi: {
				token: `Bearer ${multiSession.token}`,
				baseUrl: multiSession.url,
			},
		}),
		wrongCredentials: () => ({
			whatsAppSendMultiSessionApi: {
				token: 'eyJ.WRONGSECRETmultisession.x',
				baseUrl: multiSession.url,
			},
		}),
		parameters: { provider: 'multiSession', messageType: 'text', to: '6281234567890', text: 'Hi' },
		success: (secret) => ({
			status: 200,
			body: {
				status: true,
				code: 200,
				message: 'ok',
				data: { message_id: '3EB0', token: `Bearer ${secret}` },
			},
		}),
	},
];

/** The ways a provider can echo a key back while refusing a message. */
function failures(secret: string): Array<[string, FakeResponse[]]> {
	return [
		[
			'401 JSON naming the key',
			[
				{
					status: 401,
					body: { error: { code: 'INVALID_API_KEY', message: `Invalid API key ${secret}` } },
				},
			],
		],
		[
			'400 with the key in details and as an object key',
			[
				{
					status: 400,
					body: {
						error: {
							code: 'VALIDATION_ERROR',
							message: 'Bad request',
							details: `headers: {"x-api-key":"${secret}"}`,
						},
						[secret]: 1,
					},
				},
			],
		],
		['a string error', [{ status: 403, body: { error: `Key ${secret} may not send` } }]],
		[
			'500 HTML page',
			[
				{
					status: 500,
					body: `<html><head><title>Error ${secret}</title></head><body>Authorization: Bearer ${secret}</body></html>`,
				},
			],
		],
		[
			'502 plain text, URL-encoded',
			[
				{
					status: 502,
					body: `upstream refused token=${encodeURIComponent(secret)}`,
					contentType: 'text/plain',
				},
			],
		],
		[
			'200 HTML page',
			[{ status: 200, body: `<!doctype html><title>Login</title><p>${secret}</p>` }],
		],
		[
			'429 retried, then 422, both echoing',
			[
				{ status: 429, headers: { 'Retry-After': '0' }, body: { message: `slow down ${secret}` } },
				{
					status: 422,
					body: { message: `unprocessable for ${JSON.stringify(secret).slice(1, -1)}` },
				},
			],
		],
		['a dropped connection', [{ status: 200, drop: true }]],
		['no answer in time', [{ status: 200, hang: true }]],
	];
}

describe('secrets never leave the node: outputs, errors, logs', () => {
	const logs: unknown[] = [];
	const capture = (level: string) => (message: string, meta?: unknown) =>
		logs.push({ level, message, meta });
	// n8n's own logger installs itself into LoggerProxy when first used, so ours goes in before every run.
	const captureLogs = () =>
		LoggerProxy.init({
			error: capture('error'),
			warn: capture('warn'),
			info: capture('info'),
			debug: capture('debug'),
		} as never);
	beforeAll(async () => {
		await Promise.all(CASES.map(async (c) => await c.fake.start()));
		await runNode({
			parameters: { ...CASES[2].parameters, options: { dryRun: true } },
			credentials: CASES[2].credentials(),
		});
	});
	afterAll(async () => {
		await Promise.all(CASES.map(async (c) => await c.fake.stop()));
	});

	async function run(
		c: Case,
		onError: OnError,
		credentials = c.credentials(),
		options: IDataObject = {},
	) {
		logs.length = 0;
		captureLogs();
		const parameters = {
			...c.parameters,
			options: { ...(c.parameters.options as IDataObject), timeout: 500, ...options },
		};
		const result = await runNode({ parameters, credentials, onError });
		const everything = serializeAll({
			main: result.main,
			errorOutput: result.errorOutput,
			error: result.error,
			run: result.run,
			logs,
		});
		return { result, everything };
	}

	for (const c of CASES) {
		describe(c.name, () => {
			it('the test secret is recognisable, and would be found if it leaked', () => {
				expect(c.secret).toContain(c.needle);
				expect(serializeAll({ nested: [new Error(`x ${c.secret}`)] })).toContain(c.needle);
			});

			for (const [name, responses] of failures(c.secret)) {
				it(`${name}: nowhere in items, errors, run data or logs (Continue and Stop)`, async () => {
					for (const onError of [
						'continueErrorOutput',
						'continueRegularOutput',
						'stopWorkflow',
					] as const) {
						c.fake.script(...responses);
						const { result, everything } = await run(c, onError);
						// The run really failed through this path.
						const failed =
							result.errorOutput.length +
							(result.error ? 1 : 0) +
							result.main.filter((i) => i.json.error).length;
						expect(failed).toBe(1);
						expect(everything).not.toContain(c.needle);
					}
				});
			}

			it('a success answer that echoes the key: masked in raw', async () => {
				c.fake.script(c.success(c.secret));
				const { result, everything } = await run(c, 'stopWorkflow');
				expect(result.error).toBeUndefined();
				expect(JSON.stringify(result.main[0].json.raw)).toContain('***');
				expect(everything).not.toContain(c.needle);
			});

			it('a wrong key (refused by the provider) is masked too', async () => {
				for (const onError of ['continueErrorOutput', 'stopWorkflow'] as const) {
					const { result, everything } = await run(c, onError, c.wrongCredentials());
					expect(result.errorOutput.length + (result.error ? 1 : 0)).toBe(1);
					expect(everything).not.toContain('WRONGSECRET');
				}
			});

			it('a dry run shows the request without the key', async () => {
				const { result, everything } = await run(c, 'stopWorkflow', c.credentials(), {
					dryRun: true,
				});
				expect(result.error).toBeUndefined();
				expect(result.main[0].json.dryRun).toBe(true);
				expect(everything).not.toContain(c.needle);
			});
		});
	}

	it('a lookup refused with the token echoed (Vobiz channel list): masked, and nothing was sent', async () => {
		const c = CASES[1];
		vobiz.echoOnLookup = true;
		try {
			for (const onError of ['continueErrorOutput', 'stopWorkflow'] as const) {
				const { result, everything } = await run(c, onError);
				const error =
					(result.errorOutput[0]?.json.error as { message?: string } | undefined)?.message ??
					result.error?.message;
				expect(error).toMatch(
					/^Vobiz refused the lookup of \/api\/v1\/messaging\/channels\/whatsapp \(HTTP 403\): token \*\*\* may not list channels/,
				);
				if (onError === 'continueErrorOutput') {
					expect(result.errorOutput[0].json.error).toMatchObject({
						errorType: 'auth',
						mayHaveBeenSent: false,
					});
				}
				expect(everything).not.toContain(c.needle);
			}
		} finally {
			vobiz.echoOnLookup = false;
		}
	});

	it('logs were captured at all (the engine logs node errors)', async () => {
		callbell.script({ status: 500, body: { error: 'x' } });
		const c = CASES[2];
		await run(c, 'stopWorkflow');
		expect(logs.length).toBeGreaterThan(0);
	});
});
