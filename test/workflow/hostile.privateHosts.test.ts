import type { IDataObject } from 'n8n-workflow';

import { FIXTURES } from '../fixtures/media';
import { runNode } from '../harness/engine';
import type { HostileServer } from '../harness/hostile';
import { localNameAndAddress, redirect, startHostile } from '../harness/hostile';
import { providerCases } from '../harness/providerCases';
import { privateHostReason } from '../../nodes/WhatsAppSend/media/privateHosts';

// Point 9 of issue 11: the Multi-Session provider downloads a media link and uploads the bytes to a chat.
// As an AI agent's tool that would make the node a way to read internal services, so by default it refuses
// links — and redirect hops — to localhost or a loopback, private, link-local or unspecified address. The
// option "Allow Private Media Hosts" lets them through; a dry run downloads nothing at all.

const c = providerCases()[3];
let internal: HostileServer;
beforeAll(async () => {
	await c.fake.start();
	// An "internal service": it must never be read unless allowed.
	internal = await startHostile((request, res) => {
		if (request.url.startsWith('/hop')) {
			redirect(res, 302, new URL(request.url, 'http://x').searchParams.get('to') ?? '/');
			return;
		}
		res.writeHead(200, { 'content-type': 'image/jpeg' });
		res.end(FIXTURES.jpeg.bytes);
	});
});
afterAll(async () => await Promise.all([c.fake.stop(), internal.close()]));

async function image(mediaUrl: string, options: IDataObject = {}) {
	const internalBefore = internal.requests.length;
	const uploadsBefore = c.fake.requests.length;
	const result = await runNode({
		parameters: { ...c.text(options), messageType: 'image', mediaSource: 'url', mediaUrl },
		credentials: c.credentials(),
		onError: 'continueErrorOutput',
	});
	return {
		result,
		error: result.errorOutput[0]?.json.error as IDataObject | undefined,
		read: internal.requests.length - internalBefore,
		uploads: c.fake.requests.length - uploadsBefore,
	};
}

describe('media links to the n8n server’s own machine or network are refused by default', () => {
	it.each([
		['127.0.0.1', () => `${internal.url}/secret.jpg`, 'a loopback address'],
		['[::1]', () => `http://[::1]:${internal.port}/secret.jpg`, 'a loopback address'],
		[
			'127.0.0.1 written as a number',
			() => `http://2130706433:${internal.port}/secret.jpg`,
			'a loopback address',
		],
		[
			'127.0.0.1 written in hex',
			() => `http://0x7f.1:${internal.port}/secret.jpg`,
			'a loopback address',
		],
		[
			'IPv4-mapped 127.0.0.1',
			() => `http://[::ffff:127.0.0.1]:${internal.port}/secret.jpg`,
			'a loopback address',
		],
		[
			'localhost',
			() => `http://localhost:${internal.port}/secret.jpg`,
			'the local machine (localhost)',
		],
		[
			'a *.localhost name',
			() => `http://files.localhost:${internal.port}/secret.jpg`,
			'the local machine (localhost)',
		],
		[
			'the cloud metadata address',
			() => 'http://169.254.169.254/latest/meta-data/iam',
			'a link-local address',
		],
		['10/8', () => 'http://10.0.0.5/a.jpg', 'a private network address'],
		['172.16/12', () => 'http://172.31.255.1/a.jpg', 'a private network address'],
		['192.168/16', () => 'http://192.168.1.1/a.jpg', 'a private network address'],
		['fc00::/7', () => 'http://[fd12:3456::1]/a.jpg', 'a private network address (unique local)'],
		['fe80::/10', () => 'http://[fe80::1]/a.jpg', 'a link-local address'],
		['0.0.0.0', () => `http://0.0.0.0:${internal.port}/a.jpg`, 'an unspecified address'],
	])('%s', async (_label, link, reason) => {
		const { error, read, uploads } = await image(link());
		expect(read).toBe(0);
		expect(uploads).toBe(0);
		expect(error).toMatchObject({ errorType: 'validation', mayHaveBeenSent: false });
		expect(error?.message).toContain(`points to ${reason}`);
		expect(error?.description).toMatch(/turn on the option "Allow Private Media Hosts"/);
	});

	it('public addresses are not mistaken for private ones', () => {
		for (const host of [
			'8.8.8.8',
			'172.32.0.1',
			'192.169.0.1',
			'100.64.0.1',
			'[2001:db8::1]',
			'cdn.example.com',
			'[::ffff:8.8.8.8]',
			'localhost.example.com',
		]) {
			expect({ host, reason: privateHostReason(host) }).toEqual({ host, reason: undefined });
		}
	});

	it('with "Allow Private Media Hosts" a file server in your own network is read and uploaded', async () => {
		const { result, read, uploads } = await image(`${internal.url}/photo.jpg`, {
			allowPrivateMediaHosts: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.errorOutput).toHaveLength(0);
		expect(read).toBe(1);
		expect(uploads).toBe(1);
	});

	it('a name that resolves to this machine is left to n8n’s SSRF protection — but its redirect to 127.0.0.1 is refused', async () => {
		const local = await localNameAndAddress();
		if (!local) {
			// Depends on the machine's own name resolving to one of its addresses (it does on the CI machine).
			console.warn(
				'skipped: this machine’s name does not resolve to an address a test server can listen on',
			);
			return;
		}
		const front = await startHostile(
			(request, res) => redirect(res, 302, `${internal.url}/secret.jpg`),
			local.address,
		);
		try {
			const { error, read, uploads } = await image(`http://${local.name}:${front.port}/photo.jpg`);
			expect(front.requests).toHaveLength(1);
			expect(read).toBe(0);
			expect(uploads).toBe(0);
			expect(error?.message).toMatch(
				new RegExp(
					`the link redirects \\(hop 1\\) to http://127\\.0\\.0\\.1:${internal.port}/secret\\.jpg, which points to a loopback address`,
				),
			);
		} finally {
			await front.close();
		}
	});
});

describe('a dry run downloads nothing', () => {
	it('the upload is described by its link, and the file host hears nothing', async () => {
		const { result, read, uploads } = await image(`${internal.url}/photos/sunset.jpg`, {
			dryRun: true,
			allowPrivateMediaHosts: true,
		});
		expect(read).toBe(0);
		expect(uploads).toBe(0);
		expect(result.main[0].json).toMatchObject({ dryRun: true, status: 'dryRun' });
		expect((result.main[0].json.request as IDataObject).body).toEqual({
			multipart: true,
			fields: {},
			file: {
				field: 'file',
				fileName: 'sunset.jpg',
				mimeType: 'image/jpeg',
				size: null,
				link: `${internal.url}/photos/sunset.jpg`,
				downloaded: false,
			},
		});
	});

	it('a private link is still refused in a dry run, without a request', async () => {
		const { error, read } = await image(`${internal.url}/secret.jpg`, { dryRun: true });
		expect(read).toBe(0);
		expect(error?.message).toContain('points to a loopback address');
	});
});
