import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

describe('text messages inside the n8n engine', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	const multiSession = new FakeMultiSession();
	serveDuringSuite(bitbybit, vobiz, callbell, multiSession);

	it('bitbybit: POST /messages/send with digits, message and sources', async () => {
		const before = bitbybit.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '+62 812-3456-7890',
				text: 'Hello Ann',
				source: 'whatsapp coex',
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		expect(result.error).toBeUndefined();
		const [request] = bitbybit.requests.slice(before);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/messages/send');
		expect(request.headers['x-api-key']).toBe(bitbybit.apiKey);
		expect(request.json).toEqual({
			to: '6281234567890',
			message: 'Hello Ann',
			sources: 'whatsapp coex',
		});
		expect(result.main).toHaveLength(1);
		expect(result.main[0].json).toMatchObject({
			provider: 'bitbybit',
			messageType: 'text',
			to: '6281234567890',
			messageId: 'wamid.BBB000001',
			status: 'accepted',
		});
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
	});

	it('vobiz: channel_id with the waba_id looked up from the channel list, E.164 recipient', async () => {
		const before = vobiz.requests.length;
		const channel = VOBIZ_CHANNELS[1];
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: channel.id },
				to: '0062 (812) 3456.7890',
				text: 'Halo',
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
		const sent = vobiz.requests.slice(before);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v1/messaging/channels/whatsapp',
			'POST /api/v1/messaging/messages',
		]);
		expect(sent[1].json).toEqual({
			channel_id: channel.id,
			waba_id: channel.waba_id,
			to: '+6281234567890',
			type: 'text',
			text: { body: 'Halo' },
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'vobiz',
			to: '+6281234567890',
			status: 'pending',
		});
		expect(result.main[0].json.messageId).toMatch(/^9b2e1c40-/);
	});

	it('callbell: channel_uuid, from whatsapp, content.text', async () => {
		const before = callbell.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'list', value: 'c1a2b3c4d5e6f70811223344556677bb' },
				to: '0812 3456 7890',
				text: 'Hi there',
				options: { defaultCountryCode: '+62' },
			},
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
		});
		expect(result.error).toBeUndefined();
		const [request] = callbell.requests.slice(before);
		expect(request.headers.authorization).toBe(`Bearer ${callbell.apiKey}`);
		expect(request.json).toEqual({
			to: '+6281234567890',
			from: 'whatsapp',
			channel_uuid: 'c1a2b3c4d5e6f70811223344556677bb',
			type: 'text',
			content: { text: 'Hi there' },
		});
		expect(result.main[0].json).toMatchObject({ provider: 'callbell', status: 'enqueued' });
	});

	it('multiSession: JID in the path with an unencoded @, token pasted with "Bearer "', async () => {
		const before = multiSession.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'text',
				to: '120363025246125486@g.us',
				text: 'Team update',
				options: { typingSimulation: false },
			},
			credentials: {
				whatsAppSendMultiSessionApi: {
					token: `Bearer ${multiSession.token}`,
					baseUrl: multiSession.url,
				},
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = multiSession.requests.slice(before);
		expect(request.url).toBe('/chats/120363025246125486@g.us/messages');
		expect(request.headers.authorization).toBe(`Bearer ${multiSession.token}`);
		expect(request.json).toEqual({ text: 'Team update', typing_simulation: false });
		expect(result.main[0].json).toMatchObject({
			provider: 'multiSession',
			to: '120363025246125486@g.us',
			messageId: '3EB0FAKE00000001',
		});
	});
});
