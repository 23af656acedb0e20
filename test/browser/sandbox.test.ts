import { Sandbox } from '../../dev/sandbox/server';
import { runNode } from '../harness/engine';

describe('provider sandbox', () => {
	const sandbox = new Sandbox();

	beforeAll(async () => {
		await sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		expect((await fetch(`${sandbox.url}/_sandbox/clear`, { method: 'POST' })).status).toBe(200);
	});

	const next = async (body: unknown) =>
		await fetch(`${sandbox.url}/_sandbox/next`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	it('routes each path prefix to its provider fake with that fake’s credential check', async () => {
		const refused = await fetch(`${sandbox.baseUrl('callbell')}/auth/me`, {
			headers: { authorization: 'Bearer wrong' },
		});
		expect(refused.status).toBe(401);
		const me = await fetch(`${sandbox.baseUrl('callbell')}/auth/me`, {
			headers: { authorization: `Bearer ${sandbox.fakes.callbell.apiKey}` },
		});
		expect(await me.json()).toMatchObject({ status: 'ok' });
		const channels = await fetch(`${sandbox.baseUrl('vobiz')}/api/v1/messaging/channels/whatsapp`, {
			headers: {
				'x-auth-id': sandbox.fakes.vobiz.authId,
				'x-auth-token': sandbox.fakes.vobiz.authToken,
			},
		});
		expect(((await channels.json()) as { items: unknown[] }).items).toEqual(
			sandbox.fakes.vobiz.channels,
		);
		expect((await fetch(`${sandbox.url}/nowhere/messages/send`, { method: 'POST' })).status).toBe(
			404,
		);
	});

	it('a scripted rate limit is answered in bitbybit’s shape; the node waits and sends again', async () => {
		expect((await next({ provider: 'bitbybit', answer: 'rateLimit' })).status).toBe(200);
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '+6281234567890',
				text: 'After the wait',
				source: 'whatsapp cloud api',
			},
			credentials: sandbox.credentials(),
		});
		expect(result.error).toBeUndefined();
		const state = (await (await fetch(`${sandbox.url}/_sandbox/inbox.json`)).json()) as {
			messages: Array<{ view: { text: string } }>;
			activity: Array<{ status: number; accepted: boolean; error?: string }>;
		};
		expect(state.activity.map((a) => [a.status, a.accepted]).reverse()).toEqual([
			[429, false],
			[200, true],
		]);
		expect(state.activity[1].error).toBe(
			'Rate limit exceeded: 100 requests per minute [RATE_LIMIT_EXCEEDED]',
		);
		expect(state.messages.map((m) => m.view.text)).toEqual(['After the wait']);
	});

	it('an outage that outlasts the retries ends on the error output with the provider’s words; nothing reaches the inbox', async () => {
		expect((await next({ provider: 'callbell', answer: 'outage', count: 2 })).status).toBe(200);
		const result = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: sandbox.fakes.callbell.channels[0].uuid },
				to: '+31612345678',
				text: 'During the outage',
				options: { maxRetries: 1 },
			},
			credentials: sandbox.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.main).toEqual([]);
		expect(result.errorOutput).toHaveLength(1);
		expect(String((result.errorOutput[0].json.error as { message?: string }).message)).toMatch(
			/^Callbell refused the message \(HTTP 503\): Service Unavailable/,
		);
		expect(sandbox.inbox.messages).toEqual([]);
		expect(sandbox.inbox.recentActivity.map((a) => a.status)).toEqual([503, 503]);
	});

	it('refuses control requests it cannot honour, saying why', async () => {
		const noRateLimit = await next({ provider: 'multiSession', answer: 'rateLimit' });
		expect(noRateLimit.status).toBe(400);
		expect(await noRateLimit.json()).toEqual({
			error:
				'The Multi-Session API has no rate limit at the HTTP level; try "outage" or "serverError"',
		});
		expect((await next({ provider: 'whatsapp', answer: 'outage' })).status).toBe(400);
		expect((await next({ provider: 'vobiz', answer: 'meltdown' })).status).toBe(400);
		expect((await next({ provider: 'vobiz', answer: 'outage', count: 0 })).status).toBe(400);
	});

	it('serves the bytes of a file uploaded to the Multi-Session fake', async () => {
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'image',
				to: '6281234567890',
				mediaSource: 'binary',
				binaryPropertyName: 'photo',
				options: { typingSimulation: false, presenceSimulation: false },
			},
			items: [
				{
					json: {},
					binary: {
						photo: {
							data: Buffer.from(sampleJpeg()).toString('base64'),
							mimeType: 'image/jpeg',
							fileName: 'cat.jpg',
						},
					},
				},
			],
			credentials: sandbox.credentials(),
		});
		expect(result.error).toBeUndefined();
		const [entry] = sandbox.inbox.messages;
		expect(entry.view).toMatchObject({
			kind: 'image',
			media: { fileName: 'cat.jpg', mimeType: 'image/jpeg', size: sampleJpeg().length },
		});
		const served = await fetch(`${sandbox.url}${entry.view.media?.url}`);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await served.arrayBuffer()).equals(sampleJpeg())).toBe(true);
	});
});

/** The smallest JPEG header the fakes recognise as an image, followed by filler bytes. */
function sampleJpeg(): Buffer {
	return Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		Buffer.from('JFIF sandbox test image'),
		Buffer.from([0xff, 0xd9]),
	]);
}
