import type { IDataObject } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/engine';
import type { HostileServer } from '../harness/hostile';
import { drip, hostileFront, startHostile } from '../harness/hostile';
import { runListSearch } from '../harness/listSearch';
import { providerCases } from '../harness/providerCases';
import { CREDENTIAL_TEST_TIMEOUT_MS } from '../../credentials/providerRequest';

// Point 2 of issue 11: Timeout is a wall-clock deadline for the whole request — connecting, headers and
// body. n8n's own `timeout` only bounds the wait for the headers: a server that sends them at once and then
// one byte every 100 ms would hold an item, and its lane, for as long as it liked.

const TIMEOUT = 500;
// Well above TIMEOUT for a busy machine, well below the 10 s the dripping answers below would last.
const BOUND = 3000;
const errorOf = (result: Awaited<ReturnType<typeof runNode>>) =>
	result.errorOutput[0]?.json.error as IDataObject;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const started = Date.now();
	const value = await work();
	return { value, ms: Date.now() - started };
}

describe('Timeout bounds the whole request, body included', () => {
	const cases = providerCases();

	describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
		let server: HostileServer;
		beforeAll(async () => {
			// The provider's lists answer normally; a send gets its headers at once and then a byte every 100 ms.
			server = await hostileFront(c.fake, (request, res) => {
				if (request.method !== 'POST') return false;
				drip(res, { everyMs: 100, maxChunks: 100 });
				return true;
			});
		});
		afterAll(async () => await server.close());

		it(`a send whose answer trickles in fails at the deadline: provider_unavailable, may have been sent, not retried`, async () => {
			const { value: result, ms } = await timed(
				async () =>
					await runNode({
						parameters: c.text({ timeout: TIMEOUT }),
						credentials: c.credentials(server.url),
						onError: 'continueErrorOutput',
					}),
			);
			expect(ms).toBeLessThan(BOUND);
			expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(errorOf(result)).toMatchObject({
				errorType: 'provider_unavailable',
				mayHaveBeenSent: true,
				retryable: true,
				attempts: 1,
				providerMessage: `no answer within ${TIMEOUT} ms`,
			});
			expect(errorOf(result).message).toMatch(
				new RegExp(
					`did not answer the message in time: no answer within ${TIMEOUT} ms — it may or may not have been sent$`,
				),
			);
			expect(errorOf(result).hint).toMatch(
				new RegExp(`Timeout option \\(${TIMEOUT} ms\\).*raise Timeout`),
			);
		});
	});

	it('a lookup (the Vobiz channel list) that trickles in fails at the deadline, and the message is not sent', async () => {
		const c = cases[1];
		const server = await hostileFront(c.fake, (request, res) => {
			if (request.method !== 'GET') return false;
			drip(res, { everyMs: 100, maxChunks: 100 });
			return true;
		});
		try {
			const { value: result, ms } = await timed(
				async () =>
					await runNode({
						parameters: c.text({ timeout: TIMEOUT }),
						credentials: c.credentials(server.url),
						onError: 'continueErrorOutput',
					}),
			);
			expect(ms).toBeLessThan(BOUND);
			expect(server.requests.map((r) => r.method)).toEqual(['GET']);
			expect(errorOf(result)).toMatchObject({
				errorType: 'provider_unavailable',
				mayHaveBeenSent: false,
				providerMessage: `no answer within ${TIMEOUT} ms`,
			});
			expect(errorOf(result).message).toBe(
				`Vobiz did not answer a lookup in time: no answer within ${TIMEOUT} ms`,
			);
		} finally {
			await server.close();
		}
	});

	it('an editor list that trickles in ends at the node’s Timeout', async () => {
		const c = cases[2];
		const server = await startHostile((_request, res) =>
			drip(res, { everyMs: 100, maxChunks: 100 }),
		);
		try {
			const { ms } = await timed(async () => {
				await expect(
					runListSearch('searchCallbellChannels', {
						parameters: { provider: 'callbell', options: { timeout: TIMEOUT } },
						credentials: c.credentials(server.url),
					}),
				).rejects.toThrow(`Could not load the list: no answer within ${TIMEOUT} ms`);
			});
			expect(ms).toBeLessThan(BOUND);
		} finally {
			await server.close();
		}
	});

	it('a media download that trickles in fails at the deadline, and nothing is uploaded', async () => {
		const c = cases[3];
		await c.fake.start();
		const files = await startHostile((_request, res) =>
			drip(res, { contentType: 'image/jpeg', chunk: 'x', everyMs: 100, maxChunks: 100 }),
		);
		try {
			const { value: result, ms } = await timed(
				async () =>
					await runNode({
						parameters: {
							...c.text({ timeout: TIMEOUT, allowPrivateMediaHosts: true }),
							messageType: 'image',
							mediaSource: 'url',
							mediaUrl: `${files.url}/slow.jpg`,
						},
						credentials: c.credentials(),
						onError: 'continueErrorOutput',
					}),
			);
			expect(ms).toBeLessThan(BOUND);
			expect(c.fake.requests).toHaveLength(0);
			expect(errorOf(result)).toMatchObject({ errorType: 'validation', mayHaveBeenSent: false });
			expect(errorOf(result).message).toBe(
				`Item 0: Media URL: the download of ${files.url}/slow.jpg did not finish: no answer within ${TIMEOUT} ms`,
			);
			expect(errorOf(result).description).toMatch(new RegExp(`Timeout option \\(${TIMEOUT} ms\\)`));
		} finally {
			await Promise.all([files.close(), c.fake.stop()]);
		}
	});

	it(
		'a credential test against a server that trickles its answer ends at its own deadline',
		async () => {
			const c = cases[2];
			const server = await startHostile((_request, res) =>
				drip(res, { everyMs: 100, maxChunks: 250 }),
			);
			try {
				const { value: result, ms } = await timed(
					async () =>
						await testCredential(c.credentialType, c.credentials(server.url)[c.credentialType]),
				);
				expect(result).toEqual({
					status: 'Error',
					message: expect.stringMatching(/^No complete answer within 10 s: check the Base URL/),
				});
				expect(ms).toBeGreaterThanOrEqual(CREDENTIAL_TEST_TIMEOUT_MS - 100);
				expect(ms).toBeLessThan(CREDENTIAL_TEST_TIMEOUT_MS + BOUND);
			} finally {
				await server.close();
			}
		},
		CREDENTIAL_TEST_TIMEOUT_MS + 30_000,
	);
});
