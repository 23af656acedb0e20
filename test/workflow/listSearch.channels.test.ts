import { CALLBELL_CHANNELS, FakeCallbell } from '../../fakes/callbell';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runListSearch } from '../harness/listSearch';

describe('channel pickers in the editor', () => {
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	beforeAll(async () => {
		await Promise.all([vobiz.start(), callbell.start()]);
	});
	afterAll(async () => {
		await Promise.all([vobiz.stop(), callbell.stop()]);
	});

	const vobizCredentials = () => ({
		whatsAppSendVobizApi: { authId: vobiz.authId, authToken: vobiz.authToken, baseUrl: vobiz.url },
	});
	const callbellCredentials = () => ({
		whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url },
	});

	it('Vobiz: lists the WhatsApp channels with name and number, valued by channel id', async () => {
		const result = await runListSearch('searchVobizChannels', {
			parameters: { provider: 'vobiz' },
			credentials: vobizCredentials(),
		});
		expect(result.results).toEqual(
			VOBIZ_CHANNELS.map((c) => ({ name: `${c.display_name} (${c.phone_number})`, value: c.id })),
		);
		expect(vobiz.requests.at(-1)?.headers['x-auth-token']).toBe(vobiz.authToken);
	});

	it('Vobiz: filters by name, number or id, case-insensitively', async () => {
		const byName = await runListSearch('searchVobizChannels', {
			parameters: { provider: 'vobiz' },
			credentials: vobizCredentials(),
			filter: 'sales',
		});
		expect(byName.results.map((r) => r.value)).toEqual([VOBIZ_CHANNELS[1].id]);
		const byNumber = await runListSearch('searchVobizChannels', {
			parameters: { provider: 'vobiz' },
			credentials: vobizCredentials(),
			filter: '+9198765',
		});
		expect(byNumber.results.map((r) => r.value)).toEqual([VOBIZ_CHANNELS[0].id]);
	});

	it('Callbell: reads every page of active WhatsApp channels, marking the main one', async () => {
		const before = callbell.requests.length;
		const result = await runListSearch('searchCallbellChannels', {
			parameters: { provider: 'callbell' },
			credentials: callbellCredentials(),
		});
		expect(result.results).toEqual([
			{ name: 'WhatsApp Main (main)', value: CALLBELL_CHANNELS[0].uuid },
			{ name: 'WhatsApp Support', value: CALLBELL_CHANNELS[1].uuid },
			{ name: 'WhatsApp Billing', value: CALLBELL_CHANNELS[2].uuid },
		]);
		const requests = callbell.requests.slice(before);
		expect(requests.map((r) => r.url)).toEqual([
			'/channels?type=whatsapp&active=true&page=1',
			'/channels?type=whatsapp&active=true&page=2',
		]);
	});

	it('Callbell: filters by title', async () => {
		const result = await runListSearch('searchCallbellChannels', {
			parameters: { provider: 'callbell' },
			credentials: callbellCredentials(),
			filter: 'bill',
		});
		expect(result.results.map((r) => r.value)).toEqual([CALLBELL_CHANNELS[2].uuid]);
	});

	it('a refused list shows the provider message', async () => {
		await expect(
			runListSearch('searchCallbellChannels', {
				parameters: { provider: 'callbell' },
				credentials: { whatsAppSendCallbellApi: { apiKey: 'wrong', baseUrl: callbell.url } },
			}),
		).rejects.toThrow('Could not load the list (HTTP 401): Unauthorized');
	});

	it('masks a key the provider echoes back in a list error', async () => {
		const { startServer } = await import('../../fakes/server');
		const key = 'callbell-echoed-secret-991';
		const server = await startServer((request) => ({
			status: 401,
			body: {
				error: `API key ${String(request.headers.authorization).replace('Bearer ', '')} is revoked`,
			},
		}));
		try {
			const attempt = runListSearch('searchCallbellChannels', {
				parameters: { provider: 'callbell' },
				credentials: { whatsAppSendCallbellApi: { apiKey: key, baseUrl: server.url } },
			});
			await expect(attempt).rejects.toThrow(
				'Could not load the list (HTTP 401): API key *** is revoked',
			);
			const error = await attempt.catch((caught: unknown) => caught);
			expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(key);
		} finally {
			await server.close();
		}
	});
});
