import type { INodeExecutionData } from 'n8n-workflow';

import { FakeCallbell } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

/**
 * The node loads its credential once per run and hands it to n8n's HTTP helper with every request
 * (`credentialsDecrypted`), instead of letting the helper load and decrypt it again per request — a
 * database read each in real n8n. Each request must still be authenticated by the credential type's
 * own `authenticate`, which every fake checks on every request.
 */
describe('the credential, loaded once per run', () => {
	const multiSession = new FakeMultiSession();
	const callbell = new FakeCallbell();
	const vobiz = new FakeVobiz();
	serveDuringSuite(multiSession, callbell, vobiz);

	const rows = (count: number): INodeExecutionData[] =>
		Array.from({ length: count }, (_, i) => ({
			json: { to: `+62 812 0000 ${String(i).padStart(4, '0')}`, text: `message ${i}` },
		}));

	it('Multi-Session: five messages, one load, every request carries the device token', async () => {
		const before = multiSession.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'text',
				to: '={{ $json.to }}',
				text: '={{ $json.text }}',
				options: { concurrency: 3, typingSimulation: false },
			},
			items: rows(5),
			credentials: {
				whatsAppSendMultiSessionApi: {
					token: `Bearer ${multiSession.token}`,
					baseUrl: multiSession.url,
				},
			},
		});
		expect(result.error).toBeUndefined();
		const sent = multiSession.requests.slice(before);
		expect(sent).toHaveLength(5);
		expect(sent.every((r) => r.headers.authorization === `Bearer ${multiSession.token}`)).toBe(
			true,
		);
		expect(result.main.map((item) => item.json.to)).toEqual(
			rows(5).map((_, i) => `6281200000${String(i).padStart(3, '0')}@s.whatsapp.net`),
		);
		expect(result.credentialLoads).toBe(1);
	});

	it('Callbell: five messages, one load, every request carries the API key', async () => {
		const before = callbell.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: 'c1a2b3c4d5e6f70811223344556677bb' },
				to: '={{ $json.to }}',
				text: '={{ $json.text }}',
			},
			items: rows(5),
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
		});
		expect(result.error).toBeUndefined();
		const sent = callbell.requests.slice(before);
		expect(sent).toHaveLength(5);
		expect(sent.every((r) => r.headers.authorization === `Bearer ${callbell.apiKey}`)).toBe(true);
		expect(result.credentialLoads).toBe(1);
	});

	it('Vobiz: the channel lookup and three sends, one load, every request carries both headers', async () => {
		const before = vobiz.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
				to: '={{ $json.to }}',
				text: '={{ $json.text }}',
			},
			items: rows(3),
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
		expect(sent.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
		expect(
			sent.every(
				(r) =>
					r.headers['x-auth-id'] === vobiz.authId && r.headers['x-auth-token'] === vobiz.authToken,
			),
		).toBe(true);
		expect(result.credentialLoads).toBe(1);
	});
});
