import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { parseMultipart } from '../../fakes/multiSession/media';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FIXTURES, sha256 } from '../fixtures/media';
import type { Fixture } from '../fixtures/media';
import { runNode } from '../harness/engine';

// n8n in filesystem mode keeps binary data on disk and passes items that only reference it
// (`id: "filesystem-v2:…"`, no base64). The node must read such files through n8n's helpers.

const server = new FakeMultiSession();
let storage: string;
let service: BinaryDataService;

beforeAll(async () => {
	storage = mkdtempSync(join(tmpdir(), 'n8n-whatsapp-binary-'));
	// The same wiring n8n does at start-up: a configured service, initialised, in the DI container
	// that n8n-core's binary helpers ask.
	const config = {
		mode: 'filesystem',
		availableModes: ['filesystem'],
		localStoragePath: storage,
		signingSecret: 'test-secret',
		dbMaxFileSize: 512,
	};
	const quiet = {
		error: () => undefined,
		warn: () => undefined,
		info: () => undefined,
		debug: () => undefined,
	};
	service = new BinaryDataService(config as never, quiet as never, quiet as never);
	await service.init();
	Container.set(BinaryDataService, service);
	await server.start();
});
afterAll(async () => {
	await server.stop();
	rmSync(storage, { recursive: true, force: true });
});

async function storeOnDisk(fixture: Fixture): Promise<IBinaryData> {
	return await service.store(
		{ type: 'execution', workflowId: 'test-workflow', executionId: 'media-test' },
		fixture.bytes,
		{
			data: '',
			mimeType: fixture.mimeType,
			fileName: fixture.fileName,
		},
	);
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((entry) =>
		statSync(join(folder, entry)).isFile(),
	);
}

async function send(messageType: string, binary: IBinaryData, extra: Record<string, unknown> = {}) {
	const items: INodeExecutionData[] = [{ json: {}, binary: { data: binary } }];
	return await runNode({
		parameters: {
			provider: 'multiSession',
			messageType,
			to: '6281234567890',
			mediaSource: 'binary',
			...extra,
		},
		items,
		credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
	});
}

describe('binary data kept on disk by n8n (filesystem mode)', () => {
	it('reads the stored file and uploads its exact bytes, name and type', async () => {
		const stored = await storeOnDisk(FIXTURES.pdf);
		// The item only points at the file: nothing of it is in the item itself.
		expect(stored.id).toMatch(
			/^filesystem-v2:workflows\/test-workflow\/executions\/media-test\/binary_data\//,
		);
		expect(stored.data).toBe('filesystem-v2');
		expect(
			filesUnder(storage).some(
				(file) => statSync(join(storage, file)).size === FIXTURES.pdf.bytes.length,
			),
		).toBe(true);

		const before = server.requests.length;
		const result = await send('document', stored, { caption: 'From disk' });
		expect(result.error).toBeUndefined();
		const [request] = server.requests.slice(before);
		expect(request.url).toBe('/chats/6281234567890@s.whatsapp.net/documents');
		const parts = parseMultipart(request);
		if (typeof parts === 'string') throw new Error(parts);
		expect(parts.map((p) => [p.name, p.fileName, p.contentType])).toEqual([
			['filename', undefined, undefined],
			['caption', undefined, undefined],
			['file', 'invoice.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString()).toBe('invoice.pdf');
		expect(sha256(parts[2].data)).toBe(sha256(FIXTURES.pdf.bytes));
		expect(result.main[0].json).toMatchObject({
			provider: 'multiSession',
			messageType: 'document',
		});
	});

	it('refuses a stored document the server would refuse, from its first bytes, before sending', async () => {
		// A 2 MB CSV: only its first 512 bytes are read for the check (Go's sniffing window).
		const csv = {
			fileName: 'orders.csv',
			mimeType: 'text/csv',
			bytes: Buffer.from('order,total\n'.repeat(200_000)),
		};
		const items: INodeExecutionData[] = [
			{ json: {}, binary: { data: await storeOnDisk(FIXTURES.pdf) } },
			{ json: {}, binary: { data: await storeOnDisk(csv) } },
		];
		const before = server.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'document',
				to: '6281234567890',
				mediaSource: 'binary',
			},
			items,
			credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
		});
		expect(result.error?.message).toBe(
			'Item 1: Input Binary Field: the Multi-Session API reads binary field "data" as text/plain; charset=utf-8 (from its first bytes, whatever its name or declared type), and refuses documents of that type',
		);
		// Refused before the first message of the run, so item 0's PDF was not sent either.
		expect(server.requests.length).toBe(before);
	});

	it('uploads a stored sticker', async () => {
		const stored = await storeOnDisk(FIXTURES.webp);
		const before = server.requests.length;
		const result = await send('sticker', stored);
		expect(result.error).toBeUndefined();
		const parts = parseMultipart(server.requests[before]);
		if (typeof parts === 'string') throw new Error(parts);
		expect(parts).toHaveLength(1);
		expect(parts[0]).toMatchObject({
			name: 'file',
			fileName: 'sticker.webp',
			contentType: 'image/webp',
		});
		expect(sha256(parts[0].data)).toBe(sha256(FIXTURES.webp.bytes));
	});

	it('refuses a stored file over the limit by its recorded size', async () => {
		const big = {
			fileName: 'big.mp4',
			mimeType: 'video/mp4',
			bytes: Buffer.alloc(9 * 1024 * 1024, 5),
		};
		const stored = await storeOnDisk(big);
		expect(stored.bytes).toBe(big.bytes.length);
		const before = server.requests.length;
		const result = await send('video', stored);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: binary field "data" is 9.0 MB, over the limit of 8.0 MB: the Multi-Session API takes requests of at most 8.0 MB (HTTP_BODY_LIMIT_SIZE)',
		);
		expect(server.requests.length).toBe(before);
	});

	it("asks n8n's stored metadata for the size when the item carries none, and refuses without reading the file", async () => {
		const stored = await storeOnDisk(FIXTURES.mp4);
		// Items written by older n8n versions carry no byte count. Here the metadata claims 9 MB for a
		// 48 KB file: only a refusal shows that the node trusted the metadata instead of reading the bytes.
		delete stored.bytes;
		const [, fileId] = stored.id!.split(':');
		writeFileSync(
			join(storage, `${fileId}.metadata`),
			JSON.stringify({ fileName: 'clip.mp4', mimeType: 'video/mp4', fileSize: 9 * 1024 * 1024 }),
		);
		const before = server.requests.length;
		const result = await send('video', stored);
		expect(result.error?.message).toMatch(
			/^Item 0: Input Binary Field: binary field "data" is 9\.0 MB, over the limit of 8\.0 MB/,
		);
		expect(server.requests.length).toBe(before);
	});

	it('fails clearly, without sending, when the stored file has gone', async () => {
		const stored = await storeOnDisk(FIXTURES.jpeg);
		const [, fileId] = stored.id!.split(':');
		rmSync(join(storage, fileId));
		expect(existsSync(join(storage, fileId))).toBe(false);
		const before = server.requests.length;
		const result = await send('image', stored);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: n8n could not read the file of binary field "data": File not found',
		);
		expect(server.requests.length).toBe(before);
	});
});
