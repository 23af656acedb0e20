import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz } from '../../fakes/vobiz';
import { testCredential } from '../harness/credentialTest';
import { serveDuringSuite } from '../harness/fakes';

describe('credential tests, run the way n8n runs them', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	const multiSession = new FakeMultiSession();
	serveDuringSuite(bitbybit, vobiz, callbell, multiSession);

	describe('bitbybit', () => {
		it('passes a good key on the 400 VALIDATION_ERROR of an empty send, and nothing is sent', async () => {
			const before = bitbybit.requests.length;
			const result = await testCredential('whatsAppSendBitbybitApi', {
				apiKey: bitbybit.apiKey,
				baseUrl: bitbybit.url,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			const [request] = bitbybit.requests.slice(before);
			expect(`${request.method} ${request.path}`).toBe('POST /messages/send');
			expect(request.headers['x-api-key']).toBe(bitbybit.apiKey);
			expect(bitbybit.accepted).toHaveLength(0);
		});

		it('fails a bad key on 401', async () => {
			const result = await testCredential('whatsAppSendBitbybitApi', {
				apiKey: 'bbb_test_wrong',
				baseUrl: bitbybit.url,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/refused the API key|Unauthorized/);
		});

		it('sends the key in the header the credential names', async () => {
			const other = new FakeBitbybit({
				apiKey: 'bbb_live_otherkey1',
				headerName: 'x-bitbybit-key',
			});
			await other.start();
			try {
				const good = await testCredential('whatsAppSendBitbybitApi', {
					apiKey: other.apiKey,
					baseUrl: `${other.url}/`,
					headerName: 'x-bitbybit-key',
				});
				expect(good.status).toBe('OK');
				const wrongHeader = await testCredential('whatsAppSendBitbybitApi', {
					apiKey: other.apiKey,
					baseUrl: other.url,
				});
				expect(wrongHeader.status).toBe('Error');
			} finally {
				await other.stop();
			}
		});

		it('fails when nothing answers at the base URL', async () => {
			const result = await testCredential('whatsAppSendBitbybitApi', {
				apiKey: bitbybit.apiKey,
				baseUrl: 'http://127.0.0.1:9',
			});
			expect(result.status).toBe('Error');
		});
	});

	describe('vobiz', () => {
		it('passes good credentials with GET /api/v1/auth/me', async () => {
			const before = vobiz.requests.length;
			const result = await testCredential('whatsAppSendVobizApi', {
				authId: vobiz.authId,
				authToken: vobiz.authToken,
				baseUrl: vobiz.url,
			});
			expect(result.status).toBe('OK');
			const [request] = vobiz.requests.slice(before);
			expect(`${request.method} ${request.path}`).toBe('GET /api/v1/auth/me');
			expect(request.headers['x-auth-id']).toBe(vobiz.authId);
			expect(request.headers['x-auth-token']).toBe(vobiz.authToken);
		});

		it('fails a bad token', async () => {
			const result = await testCredential('whatsAppSendVobizApi', {
				authId: vobiz.authId,
				authToken: 'wrong-token',
				baseUrl: vobiz.url,
			});
			expect(result.status).toBe('Error');
		});
	});

	describe('callbell', () => {
		it('passes a good key with GET /auth/me and Bearer auth', async () => {
			const before = callbell.requests.length;
			const result = await testCredential('whatsAppSendCallbellApi', {
				apiKey: callbell.apiKey,
				baseUrl: callbell.url,
			});
			expect(result.status).toBe('OK');
			const [request] = callbell.requests.slice(before);
			expect(`${request.method} ${request.path}`).toBe('GET /auth/me');
			expect(request.headers.authorization).toBe(`Bearer ${callbell.apiKey}`);
		});

		it('fails a bad key', async () => {
			const result = await testCredential('whatsAppSendCallbellApi', {
				apiKey: 'wrong-key',
				baseUrl: callbell.url,
			});
			expect(result.status).toBe('Error');
		});
	});

	describe('multiSession', () => {
		it.each([
			['a bare token', (token: string) => token],
			['a token pasted with "Bearer "', (token: string) => `Bearer ${token}`],
			['a token pasted with "bearer  " and spaces', (token: string) => `  bearer  ${token} `],
		])('passes %s, always sending "Authorization: Bearer <token>"', async (_label, paste) => {
			const before = multiSession.requests.length;
			const result = await testCredential('whatsAppSendMultiSessionApi', {
				token: paste(multiSession.token),
				baseUrl: multiSession.url,
			});
			expect(result.status).toBe('OK');
			const [request] = multiSession.requests.slice(before);
			expect(`${request.method} ${request.path}`).toBe('GET /devices/me/status');
			expect(request.headers.authorization).toBe(`Bearer ${multiSession.token}`);
		});

		it('fails a bad token', async () => {
			const result = await testCredential('whatsAppSendMultiSessionApi', {
				token: 'not-the-token',
				baseUrl: multiSession.url,
			});
			expect(result.status).toBe('Error');
		});

		it('says so when the device answers but is not paired with a phone', async () => {
			const unpaired = new FakeMultiSession({ token: 'unpaired-device-token', paired: false });
			await unpaired.start();
			try {
				const result = await testCredential('whatsAppSendMultiSessionApi', {
					token: unpaired.token,
					baseUrl: unpaired.url,
				});
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(/not paired with a phone/);
			} finally {
				await unpaired.stop();
			}
		});
	});
});

describe('bitbybit credential test against a wrong base URL', () => {
	it('fails when the URL answers an HTML 404 page instead of the API', async () => {
		const { startServer } = await import('../../fakes/server');
		const server = await startServer(() => ({
			status: 404,
			body: '<html><body>Not Found</body></html>',
		}));
		try {
			const result = await testCredential('whatsAppSendBitbybitApi', {
				apiKey: 'bbb_test_goodkey123',
				baseUrl: server.url,
			});
			expect(result.status).toBe('Error');
		} finally {
			await server.close();
		}
	});
});
