import type { IDataObject } from 'n8n-workflow';

import type { FakeResponse, RecordedRequest, RunningServer } from '../../fakes/server';
import { startServer } from '../../fakes/server';
import { FIXTURES } from '../fixtures/media';
import { testCredential } from '../harness/credentialTest';
import { runNode } from '../harness/engine';
import type { HostileServer } from '../harness/hostile';
import { redirect, sendJson, startHostile } from '../harness/hostile';
import { runListSearch } from '../harness/listSearch';
import { providerCases } from '../harness/providerCases';

// Point 1 of issue 11: a provider API call never follows a redirect. n8n's HTTP helper would, by default:
// the key would travel to the other host, a 301/302 would turn the POST into a GET whose 200 reads as
// "sent", and a 307 loop would send one message 22 times. Media downloads do follow redirects (CDNs use
// them), each hop checked like the first link and never with a credential.

const errorOf = (result: Awaited<ReturnType<typeof runNode>>) =>
	result.errorOutput[0]?.json.error as IDataObject;

describe('no redirect is followed on a provider API call', () => {
	const cases = providerCases();
	// Where a redirect would take the key: it must never hear from the node.
	let elsewhere: HostileServer;
	beforeAll(async () => {
		elsewhere = await startHostile((_request, res) =>
			sendJson(res, 200, {
				data: { messageId2: 'wamid.stolen' },
				id: 'stolen',
				message: { uuid: 'stolen' },
			}),
		);
	});
	afterAll(async () => await elsewhere.close());

	/** The provider's fake behind a front that redirects the requests `redirects` picks. */
	async function front(
		fake: (typeof cases)[number]['fake'],
		redirects: (request: RecordedRequest) => FakeResponse | undefined,
	): Promise<RunningServer> {
		return await startServer(async (request) => redirects(request) ?? (await fake.handle(request)));
	}

	describe.each(cases.map((c) => [c.id, c] as const))(
		'%s: a send answered with a redirect',
		(_id, c) => {
			it.each([301, 302, 307, 308])(
				'HTTP %i: one request, nothing to the other host, not sent, the Base URL named as the cause',
				async (status) => {
					const stolenBefore = elsewhere.requests.length;
					const server = await front(c.fake, (request) =>
						request.method === 'POST'
							? {
									status,
									headers: {
										location: `${elsewhere.url}/v1/send?api_key=${encodeURIComponent(c.secret)}`,
									},
								}
							: undefined,
					);
					try {
						const result = await runNode({
							parameters: c.text(),
							credentials: c.credentials(server.url),
							onError: 'continueErrorOutput',
						});
						expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
						expect(elsewhere.requests.length - stolenBefore).toBe(0);
						expect(result.main).toHaveLength(0);
						const error = errorOf(result);
						expect(error).toMatchObject({
							errorType: 'not_found',
							httpCode: status,
							retryable: false,
							mayHaveBeenSent: false,
							attempts: 1,
						});
						expect(error.providerMessage).toMatch(
							new RegExp(
								`^HTTP ${status} [A-Za-z ]+: redirected to http://127\\.0\\.0\\.1:${elsewhere.port}/v1/send\\?api_key=\\*\\*\\*$`,
							),
						);
						expect(error.message).toMatch(/did not take the message: HTTP \d+ .*redirected to/);
						expect(error.hint).toMatch(
							/Base URL is not the API's own address.*never follows a redirect with your key/,
						);
						expect(JSON.stringify(result.errorOutput)).not.toContain('SECRET');
					} finally {
						await server.close();
					}
				},
			);
		},
	);

	it('a redirect from http:// to https:// on the same host says to write the Base URL with https://', async () => {
		const c = cases[2];
		let https = '';
		const server = await front(c.fake, (request) =>
			request.method === 'POST' ? { status: 301, headers: { location: https } } : undefined,
		);
		https = `https://${new URL(server.url).host}/messages/send`;
		try {
			const result = await runNode({
				parameters: c.text(),
				credentials: c.credentials(server.url),
				onError: 'continueErrorOutput',
			});
			expect(errorOf(result).hint).toMatch(
				/redirects requests from http:\/\/ to https:\/\/.*Write the Base URL with https:\/\//,
			);
		} finally {
			await server.close();
		}
	});

	it('a 307 that points back at itself: exactly one request, not 22', async () => {
		const c = cases[3];
		let self = '';
		const server = await front(c.fake, (request) =>
			request.method === 'POST' ? { status: 307, headers: { location: self } } : undefined,
		);
		self = `${server.url}/chats/6281234567890@s.whatsapp.net/messages`;
		try {
			const result = await runNode({
				parameters: c.text(),
				credentials: c.credentials(server.url),
				onError: 'stopWorkflow',
			});
			expect(server.requests).toHaveLength(1);
			expect(result.error?.message).toMatch(
				/^The WhatsApp Multi-Session API did not take the message: HTTP 307 Temporary Redirect: redirected to/,
			);
		} finally {
			await server.close();
		}
	});

	it('a 303 (the server handled the request and points at its result) may have been sent', async () => {
		const c = cases[2];
		const server = await front(c.fake, (request) =>
			request.method === 'POST'
				? { status: 303, headers: { location: '/messages/123' } }
				: undefined,
		);
		try {
			const result = await runNode({
				parameters: c.text(),
				credentials: c.credentials(server.url),
				onError: 'continueErrorOutput',
			});
			expect(server.requests).toHaveLength(1);
			expect(errorOf(result)).toMatchObject({
				errorType: 'not_found',
				httpCode: 303,
				mayHaveBeenSent: true,
				retryable: false,
			});
		} finally {
			await server.close();
		}
	});

	it('a lookup (the Vobiz channel list) answered with a redirect: nothing to the other host, the message not sent', async () => {
		const c = cases[1];
		const stolenBefore = elsewhere.requests.length;
		const server = await front(c.fake, (request) =>
			request.method === 'GET'
				? { status: 302, headers: { location: `${elsewhere.url}/channels` } }
				: undefined,
		);
		try {
			const result = await runNode({
				parameters: c.text(),
				credentials: c.credentials(server.url),
				onError: 'continueErrorOutput',
			});
			expect(server.requests.map((r) => r.method)).toEqual(['GET']);
			expect(elsewhere.requests.length - stolenBefore).toBe(0);
			expect(errorOf(result)).toMatchObject({
				errorType: 'not_found',
				httpCode: 302,
				mayHaveBeenSent: false,
			});
			expect(errorOf(result).message).toMatch(
				/^Vobiz did not take the lookup of \/api\/v1\/messaging\/channels\/whatsapp: HTTP 302 Found: redirected to http:\/\/127\.0\.0\.1:\d+\/channels$/,
			);
		} finally {
			await server.close();
		}
	});

	it.each([
		['searchVobizChannels', 1],
		['searchCallbellChannels', 2],
	] as const)(
		'the editor list %s answered with a redirect: refused, nothing to the other host',
		async (method, index) => {
			const c = cases[index];
			const stolenBefore = elsewhere.requests.length;
			const server = await front(c.fake, () => ({
				status: 301,
				headers: { location: `${elsewhere.url}/list` },
			}));
			try {
				await expect(
					runListSearch(method, {
						parameters: { provider: c.id },
						credentials: c.credentials(server.url),
					}),
				).rejects.toThrow(
					/^Could not load the list \(HTTP 301\): HTTP 301 Moved Permanently: redirected to http:\/\/127\.0\.0\.1:\d+\/list$/,
				);
				expect(server.requests).toHaveLength(1);
				expect(elsewhere.requests.length - stolenBefore).toBe(0);
			} finally {
				await server.close();
			}
		},
	);

	it.each(cases.map((c) => [c.credentialType, c] as const))(
		'the credential test of %s fails on a redirect, and the key goes nowhere',
		async (_type, c) => {
			const stolenBefore = elsewhere.requests.length;
			const server = await startHostile((_request, res) =>
				redirect(res, 302, `${elsewhere.url}/who-am-i`),
			);
			try {
				const result = await testCredential(
					c.credentialType,
					c.credentials(server.url)[c.credentialType],
				);
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(/redirects elsewhere.*not the API's own address/);
				expect(server.requests).toHaveLength(1);
				expect(elsewhere.requests.length - stolenBefore).toBe(0);
			} finally {
				await server.close();
			}
		},
	);
});

describe('a media download follows redirects itself, checking every hop', () => {
	const c = providerCases()[3];
	let files: HostileServer;
	let hops: HostileServer;
	beforeAll(async () => {
		await c.fake.start();
		files = await startHostile((request, res) => {
			if (request.url === '/photo.jpg') {
				res.writeHead(200, { 'content-type': 'image/jpeg' });
				res.end(FIXTURES.jpeg.bytes);
			} else if (request.url === '/huge.jpg') {
				res.writeHead(200, {
					'content-type': 'image/jpeg',
					'content-length': String(64 * 1024 * 1024),
				});
				res.end();
			} else sendJson(res, 404, { error: 'not found' });
		});
		hops = await startHostile((request, res) => {
			const to = new URL(request.url, 'http://x').searchParams.get('to') ?? '';
			redirect(res, 302, to === 'self' ? request.url : to);
		});
	});
	afterAll(async () => {
		await Promise.all([c.fake.stop(), files.close(), hops.close()]);
	});

	const image = (mediaUrl: string) => ({
		...c.text({ allowPrivateMediaHosts: true }),
		messageType: 'image',
		mediaSource: 'url',
		mediaUrl,
	});

	it('a CDN redirect is followed; the hop carries no credential, and the file is uploaded', async () => {
		const before = c.fake.accepted.length;
		const result = await runNode({
			parameters: image(`${hops.url}/p?to=${encodeURIComponent(`${files.url}/photo.jpg`)}`),
			credentials: c.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(c.fake.accepted.length - before).toBe(1);
		const fetched = files.requests.at(-1)!;
		expect(fetched.url).toBe('/photo.jpg');
		expect(fetched.headers.authorization).toBeUndefined();
		expect(JSON.stringify(fetched.headers)).not.toContain('SECRET');
	});

	it.each([
		[
			'file:///etc/passwd',
			/redirects \(hop 1\) to file:\/\/\/etc\/passwd, which uses file, not http or https/,
		],
		[
			'ftp://127.0.0.1/photo.jpg',
			/redirects \(hop 1\) to ftp:\/\/127\.0\.0\.1\/photo\.jpg, which uses ftp, not http or https/,
		],
	])('a hop to %s is refused like a first link would be', async (to, message) => {
		const before = c.fake.requests.length;
		const result = await runNode({
			parameters: image(`${hops.url}/p?to=${encodeURIComponent(to)}`),
			credentials: c.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result).message).toMatch(message);
		expect(errorOf(result)).toMatchObject({ errorType: 'validation', mayHaveBeenSent: false });
		expect(c.fake.requests.length - before).toBe(0);
	});

	it('a hop to a file over the size limit is refused from its Content-Length', async () => {
		const result = await runNode({
			parameters: image(`${hops.url}/p?to=${encodeURIComponent(`${files.url}/huge.jpg`)}`),
			credentials: c.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result).message).toMatch(
			/the file at http:\/\/127\.0\.0\.1:\d+\/huge\.jpg is 64\.0 MB \(announced by its server\), over the limit/,
		);
	});

	it('a redirect loop ends after 5 hops', async () => {
		const before = hops.requests.length;
		const result = await runNode({
			parameters: image(`${hops.url}/p?to=self`),
			credentials: c.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(hops.requests.length - before).toBe(6);
		expect(errorOf(result).message).toMatch(/redirects more than 5 times/);
	});
});
