import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

describe('options.dryRun returns the exact request instead of sending it', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	const multiSession = new FakeMultiSession();
	serveDuringSuite(bitbybit, vobiz, callbell, multiSession);

	it('bitbybit: method, URL, headers with the API key header masked, JSON body; nothing reaches the provider', async () => {
		const before = bitbybit.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '0812-3456-7890',
				text: 'Hello Ann',
				source: 'whatsapp coex',
				options: { dryRun: true, defaultCountryCode: '62' },
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		expect(result.error).toBeUndefined();
		expect(bitbybit.requests.length).toBe(before);
		expect(result.main).toEqual([
			{
				json: {
					provider: 'bitbybit',
					messageType: 'text',
					to: '6281234567890',
					messageId: null,
					status: 'dryRun',
					dryRun: true,
					request: {
						method: 'POST',
						url: `${bitbybit.url}/messages/send`,
						headers: {
							Accept: 'application/json',
							'Content-Type': 'application/json',
							'x-api-key': '***',
						},
						body: { to: '6281234567890', message: 'Hello Ann', sources: 'whatsapp coex' },
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('bitbybit: the header named in the credential is the one shown, masked', async () => {
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '+6281234567890',
				text: 'Hi',
				source: 'whatsapp cloud api',
				options: { dryRun: true },
			},
			credentials: {
				whatsAppSendBitbybitApi: {
					apiKey: 'bbb_live_secretkey999',
					baseUrl: bitbybit.url,
					headerName: 'x-bitbybit-key',
				},
			},
		});
		expect((result.main[0].json.request as { headers: unknown }).headers).toEqual({
			Accept: 'application/json',
			'Content-Type': 'application/json',
			'x-bitbybit-key': '***',
		});
		expect(JSON.stringify(result.main)).not.toContain('secretkey999');
	});

	it('vobiz: both auth headers masked; only the read-only channel lookup reaches the provider', async () => {
		const before = vobiz.requests.length;
		const channel = VOBIZ_CHANNELS[0];
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: channel.id },
				to: '+91 98765 43210',
				text: 'Namaste',
				options: { dryRun: true },
			},
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(vobiz.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v1/messaging/channels/whatsapp',
		]);
		expect(vobiz.accepted).toHaveLength(0);
		expect(result.main[0].json.request).toEqual({
			method: 'POST',
			url: `${vobiz.url}/api/v1/messaging/messages`,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
				'X-Auth-ID': '***',
				'X-Auth-Token': '***',
			},
			body: {
				channel_id: channel.id,
				waba_id: channel.waba_id,
				to: '+919876543210',
				type: 'text',
				text: { body: 'Namaste' },
			},
		});
	});

	it('callbell: Authorization masked, and a secret typed into the message is masked too', async () => {
		const before = callbell.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: 'c1a2b3c4d5e6f70811223344556677aa' },
				to: '+31 6 1234 5678',
				text: `my key is ${callbell.apiKey}`,
				options: { dryRun: true },
			},
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
		});
		expect(result.error).toBeUndefined();
		expect(callbell.requests.length).toBe(before);
		expect(result.main[0].json.request).toEqual({
			method: 'POST',
			url: `${callbell.url}/messages/send`,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
				Authorization: '***',
			},
			body: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: 'c1a2b3c4d5e6f70811223344556677aa',
				type: 'text',
				content: { text: 'my key is ***' },
			},
		});
		expect(JSON.stringify(result.main)).not.toContain(callbell.apiKey);
	});

	it('multiSession upload: the multipart fields plus the file name, size and type, never the bytes', async () => {
		const before = multiSession.requests.length;
		const bytes = Buffer.from('%PDF-1.4 a tiny invoice');
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'document',
				to: '+62 812-3456-7890',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				fileName: 'Invoice-1042.pdf',
				caption: 'November',
				options: { dryRun: true, typingSimulation: false },
			},
			items: [
				{
					json: {},
					binary: {
						data: {
							data: bytes.toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'invoice.pdf',
						},
					},
				},
			],
			credentials: {
				whatsAppSendMultiSessionApi: {
					token: `Bearer ${multiSession.token}`,
					baseUrl: multiSession.url,
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(multiSession.requests.length).toBe(before);
		const request = result.main[0].json.request as {
			headers: Record<string, string>;
			body: Record<string, unknown>;
		};
		expect(result.main[0].json).toMatchObject({
			provider: 'multiSession',
			messageType: 'document',
			to: '6281234567890@s.whatsapp.net',
			dryRun: true,
		});
		expect(request).toMatchObject({
			method: 'POST',
			url: `${multiSession.url}/chats/6281234567890@s.whatsapp.net/documents`,
		});
		expect(Object.keys(request.headers).sort()).toEqual([
			'Accept',
			'Authorization',
			'Content-Type',
		]);
		expect(request.headers.Authorization).toBe('***');
		expect(request.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(request.body).toEqual({
			multipart: true,
			fields: { filename: 'Invoice-1042.pdf', caption: 'November', typing_simulation: 'false' },
			file: {
				field: 'file',
				fileName: 'Invoice-1042.pdf',
				mimeType: 'application/pdf',
				size: bytes.length,
			},
		});
		expect(JSON.stringify(result.main)).not.toContain(multiSession.token);
	});

	it('an invalid item is still refused before anything is shown or sent', async () => {
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: 'not a number',
				text: 'Hi',
				source: 'whatsapp cloud api',
				options: { dryRun: true },
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		expect(result.error?.message).toMatch(/To/);
		expect(result.main).toEqual([]);
	});
});
