import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { parseMultipart } from '../../fakes/multiSession/media';
import type { MultipartPart } from '../../fakes/multiSession/media';
import { FakeMultiSession } from '../../fakes/multiSession';
import type { RecordedRequest } from '../../fakes/server';
import { binaryItem, FIXTURES, MediaHost, sha256 } from '../fixtures/media';
import type { Fixture } from '../fixtures/media';
import { runNode } from '../harness/engine';
import type { OnError } from '../harness/engine';

// The self-hosted API takes files only: multipart uploads with the bytes in `file`. Links are
// downloaded by the node (through n8n's HTTP helper) and uploaded.

const server = new FakeMultiSession();
const host = new MediaHost(64 * 1024 * 1024);
const JID = '6281234567890@s.whatsapp.net';

beforeAll(async () => {
	await Promise.all([server.start(), host.start()]);
});
afterAll(async () => {
	await Promise.all([server.stop(), host.stop()]);
});
afterEach(() => {
	server.bodyLimit = 8 * 1024 * 1024;
});

async function send(
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	onError?: OnError,
) {
	// The media host of these tests listens on 127.0.0.1: a private host, which the node reads only when allowed.
	const options = {
		allowPrivateMediaHosts: true,
		...(parameters.options as INodeParameters | undefined),
	};
	return await runNode({
		parameters: { provider: 'multiSession', to: '+62 812-3456-7890', ...parameters, options },
		items,
		credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
		onError,
	});
}

function uploads(before: number): RecordedRequest[] {
	return server.requests.slice(before);
}

/** The request's form: every value field by name, and the file part described by what a test can compare. */
function form(request: RecordedRequest) {
	const parts = parseMultipart(request);
	if (typeof parts === 'string') throw new Error(parts);
	const values = Object.fromEntries(
		parts.filter((p) => p.name !== 'file').map((p) => [p.name, p.data.toString('utf8')]),
	);
	const files = parts.filter((p) => p.name === 'file');
	const describe = (p: MultipartPart) => ({
		fileName: p.fileName,
		contentType: p.contentType,
		sha256: sha256(p.data),
		size: p.data.length,
	});
	return { values, names: parts.map((p) => p.name), files: files.map(describe) };
}

const describeFixture = (fixture: Fixture, fileName = fixture.fileName) => ({
	fileName,
	contentType: fixture.mimeType,
	sha256: sha256(fixture.bytes),
	size: fixture.bytes.length,
});

interface Case {
	type: string;
	endpoint: string;
	fixture: Fixture;
	parameters: INodeParameters;
	fields: Record<string, string>;
	/** The name the file part carries; the fixture's own name when not given. */
	fileName?: string;
}

const options = { typingSimulation: false, presenceSimulation: true };
const CASES: Case[] = [
	{
		type: 'image',
		endpoint: 'images',
		fixture: FIXTURES.png,
		parameters: { caption: 'Our new menu', options: { ...options, viewOnce: true } },
		fields: {
			caption: 'Our new menu',
			view_once: 'true',
			typing_simulation: 'false',
			presence_simulation: 'true',
		},
	},
	{
		type: 'video',
		endpoint: 'videos',
		fixture: FIXTURES.mp4,
		parameters: { caption: 'Watch this', options: { ...options, viewOnce: false } },
		fields: {
			caption: 'Watch this',
			view_once: 'false',
			typing_simulation: 'false',
			presence_simulation: 'true',
		},
	},
	{
		type: 'audio',
		endpoint: 'audio',
		fixture: FIXTURES.ogg,
		parameters: { options: { ...options, voiceNote: true } },
		fields: { voice_note: 'true', typing_simulation: 'false', presence_simulation: 'true' },
	},
	{
		type: 'document',
		endpoint: 'documents',
		fixture: FIXTURES.pdf,
		parameters: { caption: 'Your invoice', fileName: 'Invoice-42.pdf', options },
		fields: {
			filename: 'Invoice-42.pdf',
			caption: 'Your invoice',
			typing_simulation: 'false',
			presence_simulation: 'true',
		},
		fileName: 'Invoice-42.pdf',
	},
	{
		type: 'sticker',
		endpoint: 'stickers',
		fixture: FIXTURES.webp,
		parameters: { options },
		fields: { typing_simulation: 'false', presence_simulation: 'true' },
	},
];

describe.each([
	['binary data in memory', 'binary'],
	['a link, downloaded and uploaded', 'url'],
])('Multi-Session uploads from %s', (_label, source) => {
	it.each(CASES.map((c) => [c.type, c] as const))('%s', async (_type, c) => {
		const before = server.requests.length;
		const fetchedBefore = host.requested.length;
		const media: INodeParameters =
			source === 'binary'
				? { mediaSource: 'binary' }
				: { mediaSource: 'url', mediaUrl: host.url(`/media/${c.fixture.fileName}`) };
		const result = await send(
			{ messageType: c.type, ...media, ...c.parameters },
			source === 'binary' ? [binaryItem(c.fixture)] : undefined,
		);

		expect(result.error).toBeUndefined();
		const sent = uploads(before);
		expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /chats/${JID}/${c.endpoint}`]);
		expect(sent[0].headers.authorization).toBe(`Bearer ${server.token}`);
		expect(sent[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const { values, names, files } = form(sent[0]);
		expect(values).toEqual(c.fields);
		expect(names.filter((n) => n === 'file')).toHaveLength(1);
		expect(files).toEqual([describeFixture(c.fixture, c.fileName)]);
		expect(host.requested.slice(fetchedBefore)).toEqual(
			source === 'url' ? [`/media/${c.fixture.fileName}`] : [],
		);
		expect(result.main).toHaveLength(1);
		expect(result.main[0].json).toMatchObject({
			provider: 'multiSession',
			messageType: c.type,
			to: JID,
			messageId: expect.stringMatching(/^3EB0FAKE/),
		});
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Multi-Session file names and types', () => {
	it('sends only the fields the user set, and the binary file name for a document without File Name', async () => {
		const before = server.requests.length;
		const result = await send(
			{ messageType: 'document', mediaSource: 'binary', binaryPropertyName: 'attachment' },
			[binaryItem(FIXTURES.pdf, 'attachment')],
		);
		expect(result.error).toBeUndefined();
		const { values, files } = form(uploads(before)[0]);
		expect(values).toEqual({ filename: 'invoice.pdf' });
		expect(files).toEqual([describeFixture(FIXTURES.pdf)]);
	});

	it('takes the file name from Content-Disposition (UTF-8 form) and the type from Content-Type', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'document', mediaUrl: host.url('/download?id=42') });
		expect(result.error).toBeUndefined();
		const { values, files } = form(uploads(before)[0]);
		expect(values).toEqual({ filename: 'Rechnung März.pdf' });
		expect(files).toEqual([describeFixture(FIXTURES.pdf, 'Rechnung März.pdf')]);
	});

	it('tells the type from the bytes when the server sends no Content-Type, and names the file after it', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'video', mediaUrl: host.url('/raw/clip') });
		expect(result.error).toBeUndefined();
		const { values, files } = form(uploads(before)[0]);
		expect(values).toEqual({});
		expect(files).toEqual([describeFixture(FIXTURES.mp4, 'clip.mp4')]);
	});

	it('sends several items, each with its own file, paired to its item', async () => {
		const before = server.requests.length;
		const items = [
			binaryItem(FIXTURES.png, 'data', { to: '6281111111111' }),
			binaryItem(FIXTURES.jpeg, 'data', { to: '6282222222222' }),
		];
		const result = await send(
			{ messageType: 'image', mediaSource: 'binary', to: '={{ $json.to }}' },
			items,
		);
		expect(result.error).toBeUndefined();
		const sent = uploads(before).sort((a, b) => a.url.localeCompare(b.url));
		expect(sent.map((r) => r.url)).toEqual([
			'/chats/6281111111111@s.whatsapp.net/images',
			'/chats/6282222222222@s.whatsapp.net/images',
		]);
		expect(form(sent[0]).files).toEqual([describeFixture(FIXTURES.png)]);
		expect(form(sent[1]).files).toEqual([describeFixture(FIXTURES.jpeg)]);
		expect(result.main.map((i) => [i.json.to, i.json.messageType, i.pairedItem])).toEqual([
			['6281111111111@s.whatsapp.net', 'image', { item: 0 }],
			['6282222222222@s.whatsapp.net', 'image', { item: 1 }],
		]);
	});
});

describe('Multi-Session refusals before upload', () => {
	it('names the binary fields the item does have', async () => {
		const before = server.requests.length;
		const result = await send(
			{ messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' },
			[
				{
					json: {},
					binary: {
						photo: binaryItem(FIXTURES.png).binary!.data,
						thumb: binaryItem(FIXTURES.jpeg).binary!.data,
					},
				},
			],
		);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: the item has no binary field "data"',
		);
		expect(result.error?.description).toBe(
			`Valid: one of the item's binary fields: "photo", "thumb". Nothing was sent.`,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('says so when the item carries no binary data at all', async () => {
		const result = await send({ messageType: 'audio', mediaSource: 'binary' }, [
			{ json: { note: 'no file' } },
		]);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: the item has no binary field "data"',
		);
		expect(result.error?.description).toMatch(/this item carries no binary data at all/);
	});

	it('checks every item before the first upload: one bad item stops the run before anyone is messaged', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'image', mediaSource: 'binary' }, [
			binaryItem(FIXTURES.png),
			{ json: {} },
		]);
		expect(result.error?.message).toBe(
			'Item 1: Input Binary Field: the item has no binary field "data"',
		);
		expect(uploads(before)).toEqual([]);
	});

	it('with the error output, sends the good items and routes the bad one there', async () => {
		const before = server.requests.length;
		const result = await send(
			{ messageType: 'image', mediaSource: 'binary' },
			[{ json: {} }, binaryItem(FIXTURES.png)],
			'continueErrorOutput',
		);
		expect(uploads(before)).toHaveLength(1);
		expect(result.main.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.errorOutput).toHaveLength(1);
		expect((result.errorOutput[0].json.error as IDataObject).message).toBe(
			'Item 0: Input Binary Field: the item has no binary field "data"',
		);
		expect(result.errorOutput[0].json.error).toMatchObject({
			provider: 'multiSession',
			errorType: 'validation',
			mayHaveBeenSent: false,
			itemIndex: 0,
		});
		expect(result.main[0].json).toMatchObject({ provider: 'multiSession', messageType: 'image' });
	});

	it('refuses a sticker whose binary is not WebP, from its metadata', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'sticker', mediaSource: 'binary' }, [
			binaryItem(FIXTURES.png),
		]);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: a sticker must be a WebP image, but binary field "data" is image/png',
		);
		expect(uploads(before)).toEqual([]);
	});

	it('refuses a sticker whose bytes are not WebP, even when the metadata claims so', async () => {
		const before = server.requests.length;
		const disguised = binaryItem({
			...FIXTURES.png,
			mimeType: 'image/webp',
			fileName: 'sticker.webp',
		});
		const result = await send({ messageType: 'sticker', mediaSource: 'binary' }, [disguised]);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: a sticker must be a WebP image, but binary field "data" is image/png',
		);
		expect(uploads(before)).toEqual([]);
	});

	it('refuses a downloaded sticker that is not WebP', async () => {
		const before = server.requests.length;
		const url = host.url('/media/photo.png');
		const result = await send({ messageType: 'sticker', mediaUrl: url });
		expect(result.error?.message).toBe(
			`Item 0: Media URL: a sticker must be a WebP image, but the file at ${url} is image/png`,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('refuses a link that leads to a web page instead of the image', async () => {
		const url = host.url('/login');
		const result = await send({ messageType: 'image', mediaUrl: url });
		expect(result.error?.message).toBe(
			`Item 0: Media URL: the file at ${url} is text/html, not an image`,
		);
		expect(result.error?.description).toMatch(/seems to lead to a web page/);
	});

	it('refuses a link that answers 404', async () => {
		const url = host.url('/gone.jpg');
		const result = await send({ messageType: 'image', mediaUrl: url });
		expect(result.error?.message).toBe(
			`Item 0: Media URL: downloading ${url} failed with HTTP 404`,
		);
	});

	it('refuses a link nothing answers at', async () => {
		const result = await send({ messageType: 'image', mediaUrl: 'http://127.0.0.1:9/photo.jpg' });
		expect(result.error?.message).toMatch(
			/^Item 0: Media URL: could not download http:\/\/127\.0\.0\.1:9\/photo\.jpg: .*ECONNREFUSED/,
		);
	});

	it('refuses an empty file', async () => {
		const url = host.url('/empty.jpg');
		const result = await send({ messageType: 'image', mediaUrl: url });
		expect(result.error?.message).toBe(`Item 0: Media URL: the file at ${url} is empty (0 bytes)`);
	});

	it('refuses a link that is not http(s) before downloading anything', async () => {
		const fetched = host.requested.length;
		const result = await send({ messageType: 'image', mediaUrl: 'file:///etc/passwd' });
		expect(result.error?.message).toBe(
			'Item 0: Media URL: "file:///etc/passwd" uses file, not http or https',
		);
		expect(host.requested.length).toBe(fetched);
	});
});

describe('Multi-Session size limits (the server takes requests of at most 8 MB by default)', () => {
	const nineMb = Buffer.alloc(9 * 1024 * 1024, 7);
	const bigImage = () => binaryItem({ fileName: 'huge.png', mimeType: 'image/png', bytes: nineMb });

	it('refuses binary data over the limit before reading or uploading it', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'image', mediaSource: 'binary' }, [bigImage()]);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: binary field "data" is 9.0 MB, over the limit of 8.0 MB: the Multi-Session API takes requests of at most 8.0 MB (HTTP_BODY_LIMIT_SIZE)',
		);
		expect(result.error?.description).toMatch(
			/raise HTTP_BODY_LIMIT_SIZE on your Multi-Session server and the option "Max Upload Size \(MB\)"/,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('refuses an oversized binary in a later item before the first item is sent', async () => {
		const before = server.requests.length;
		const result = await send({ messageType: 'image', mediaSource: 'binary' }, [
			binaryItem(FIXTURES.png),
			bigImage(),
		]);
		expect(result.error?.message).toMatch(
			/^Item 1: Input Binary Field: binary field "data" is 9\.0 MB, over the limit of 8\.0 MB/,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('refuses a download whose server announces a size over the limit, without reading it', async () => {
		const before = server.requests.length;
		const url = host.url('/big-announced.mp4');
		const result = await send({ messageType: 'video', mediaUrl: url });
		expect(result.error?.message).toBe(
			`Item 0: Media URL: the file at ${url} is 64.0 MB (announced by its server), over the limit of 8.0 MB: the Multi-Session API takes requests of at most 8.0 MB (HTTP_BODY_LIMIT_SIZE)`,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('stops a download without Content-Length once it passes the limit', async () => {
		const before = server.requests.length;
		const url = host.url('/big-streamed.mp4');
		const result = await send({ messageType: 'video', mediaUrl: url });
		expect(result.error?.message).toBe(
			`Item 0: Media URL: the file at ${url} is more than 8.0 MB (the download was stopped there), over the limit of 8.0 MB: the Multi-Session API takes requests of at most 8.0 MB (HTTP_BODY_LIMIT_SIZE)`,
		);
		expect(uploads(before)).toEqual([]);
		// Had the node read to the end, the whole 64 MB would have gone out.
		expect(host.streamed['/big-streamed.mp4']).toBeLessThan(64 * 1024 * 1024);
	});

	it('refuses a file that fits alone but not with the form fields around it', async () => {
		const before = server.requests.length;
		const exactly8Mb = binaryItem({
			fileName: 'edge.pdf',
			mimeType: 'application/pdf',
			bytes: Buffer.alloc(8 * 1024 * 1024, 3),
		});
		const result = await send({ messageType: 'document', mediaSource: 'binary', caption: 'edge' }, [
			exactly8Mb,
		]);
		expect(result.error?.message).toMatch(
			/^Item 0: Input Binary Field: the file is 8\.0 MB and with the form fields the upload would exceed 8\.0 MB/,
		);
		expect(uploads(before)).toEqual([]);
	});

	it('uploads a bigger file when the server limit and Max Upload Size are raised together', async () => {
		server.bodyLimit = 10 * 1024 * 1024;
		const before = server.requests.length;
		const result = await send(
			{ messageType: 'image', mediaSource: 'binary', options: { maxUploadSizeMb: 10 } },
			[bigImage()],
		);
		expect(result.error).toBeUndefined();
		const { files } = form(uploads(before)[0]);
		expect(files).toEqual([
			{
				fileName: 'huge.png',
				contentType: 'image/png',
				sha256: sha256(nineMb),
				size: nineMb.length,
			},
		]);
	});

	it("keeps the server's own 20 MB image cap when the body limit is raised beyond it", async () => {
		const before = server.requests.length;
		// The recorded size is what the node checks first; the bytes are never read.
		const item = binaryItem(FIXTURES.png);
		item.binary!.data.bytes = 21 * 1024 * 1024;
		const result = await send(
			{ messageType: 'image', mediaSource: 'binary', options: { maxUploadSizeMb: 64 } },
			[item],
		);
		expect(result.error?.message).toBe(
			'Item 0: Input Binary Field: binary field "data" is 21.0 MB, over the limit of 20.0 MB: the Multi-Session API takes image files of at most 20.0 MB',
		);
		expect(result.error?.description).toBe('Valid: a smaller file. Nothing was sent.');
		expect(uploads(before)).toEqual([]);
	});

	it("shows the server's 413 when Max Upload Size is raised but the server's limit is not", async () => {
		const before = server.requests.length;
		const result = await send(
			{
				messageType: 'image',
				mediaSource: 'binary',
				options: { maxUploadSizeMb: 10, maxRetries: 0 },
			},
			[bigImage()],
		);
		expect(uploads(before)).toHaveLength(1);
		expect(result.error?.message).toMatch(/\(HTTP 413\): Request Entity Too Large/);
	});
});
