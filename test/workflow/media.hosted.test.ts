import type { INodeParameters } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { binaryItem, FIXTURES } from '../fixtures/media';
import { runNode } from '../harness/engine';

// The hosted providers fetch media themselves from a public link: the node sends the link, never bytes.

const bitbybit = new FakeBitbybit();
const vobiz = new FakeVobiz();
const callbell = new FakeCallbell();
const CHANNEL = VOBIZ_CHANNELS[0];
const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';

beforeAll(async () => {
	await Promise.all([bitbybit.start(), vobiz.start(), callbell.start()]);
});
afterAll(async () => {
	await Promise.all([bitbybit.stop(), vobiz.stop(), callbell.stop()]);
});

const credentials = () => ({
	whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url },
	whatsAppSendVobizApi: { authId: vobiz.authId, authToken: vobiz.authToken, baseUrl: vobiz.url },
	whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url },
});

async function send(parameters: INodeParameters, items = [{ json: {} }]) {
	return await runNode({ parameters, items, credentials: credentials() });
}

describe('bitbybit images', () => {
	it('sends the link as imageUrl and the caption as the required message', async () => {
		const before = bitbybit.requests.length;
		const result = await send({
			provider: 'bitbybit',
			messageType: 'image',
			to: '+62 812-3456-7890',
			source: 'whatsapp cloud api',
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example.com/promo/photo.jpg',
			caption: 'Our new menu',
		});
		expect(result.error).toBeUndefined();
		const sent = bitbybit.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0].method).toBe('POST');
		expect(sent[0].path).toBe('/messages/send');
		expect(sent[0].json).toEqual({
			to: '6281234567890',
			message: 'Our new menu',
			imageUrl: 'https://cdn.example.com/promo/photo.jpg',
			sources: 'whatsapp cloud api',
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'bitbybit',
			messageType: 'image',
			to: '6281234567890',
			messageId: expect.stringMatching(/^wamid\.BBB/),
		});
	});

	it('refuses an image whose caption comes out empty, since bitbybit requires the message text', async () => {
		const before = bitbybit.requests.length;
		// n8n itself refuses an empty required field; an expression can still produce nothing.
		const result = await send(
			{
				provider: 'bitbybit',
				messageType: 'image',
				to: '6281234567890',
				source: 'whatsapp cloud api',
				mediaUrl: 'https://cdn.example.com/photo.jpg',
				caption: '={{ $json.caption }}',
			},
			[{ json: { caption: '' } }],
		);
		expect(result.error?.message).toBe(
			'Item 0: Caption: is empty, and bitbybit requires a message text with every image (it is shown as the caption)',
		);
		expect(bitbybit.requests.length).toBe(before);
	});

	// The editor offers Media Source only to a provider that takes binary data. A workflow that still
	// says Binary Data (saved before, or imported) has it dropped by n8n as a hidden parameter, so n8n
	// asks for the Media URL the editor shows, before anything is sent.
	it('is not offered binary data; a saved Binary Data asks for the Media URL', async () => {
		const before = bitbybit.requests.length;
		await expect(
			send(
				{
					provider: 'bitbybit',
					messageType: 'image',
					to: '6281234567890',
					source: 'whatsapp cloud api',
					mediaSource: 'binary',
					caption: 'x',
				},
				[binaryItem(FIXTURES.jpeg)],
			),
		).rejects.toThrow(/Parameter "Media URL" is required/);
		expect(bitbybit.requests.length).toBe(before);
	});

	it('refuses a link that is not http(s)', async () => {
		const result = await send({
			provider: 'bitbybit',
			messageType: 'image',
			to: '6281234567890',
			source: 'whatsapp cloud api',
			mediaUrl: 'ftp://files.example.com/photo.jpg',
			caption: 'x',
		});
		expect(result.error?.message).toBe(
			'Item 0: Media URL: "ftp://files.example.com/photo.jpg" uses ftp, not http or https',
		);
		expect(result.error?.description).toMatch(/^Valid: a public http\(s\) link/);
	});
});

describe('Vobiz media', () => {
	const base = (type: string, extra: INodeParameters = {}): INodeParameters => ({
		provider: 'vobiz',
		messageType: type,
		channel: { __rl: true, mode: 'id', value: CHANNEL.id },
		to: '+91 98765 43210',
		mediaSource: 'url',
		caption: 'See attached',
		fileName: 'Invoice-42.pdf',
		...extra,
	});
	const envelope = (type: string) => ({
		channel_id: CHANNEL.id,
		waba_id: CHANNEL.waba_id,
		to: '+919876543210',
		type,
	});

	it.each([
		[
			'image',
			'https://cdn.example.com/a/photo.jpg',
			{ link: 'https://cdn.example.com/a/photo.jpg', caption: 'See attached' },
		],
		[
			'video',
			'https://cdn.example.com/a/clip.mp4',
			{ link: 'https://cdn.example.com/a/clip.mp4', caption: 'See attached' },
		],
		[
			'audio',
			'https://cdn.example.com/a/voice.ogg',
			{ link: 'https://cdn.example.com/a/voice.ogg' },
		],
		[
			'document',
			'https://cdn.example.com/a/inv.pdf',
			{
				link: 'https://cdn.example.com/a/inv.pdf',
				caption: 'See attached',
				filename: 'Invoice-42.pdf',
			},
		],
		[
			'sticker',
			'https://cdn.example.com/a/sticker.webp',
			{ link: 'https://cdn.example.com/a/sticker.webp' },
		],
	])(
		'%s: the shared media object with only the fields the type takes',
		async (type, url, media) => {
			const before = vobiz.requests.length;
			const result = await send(base(type, { mediaUrl: url }));
			expect(result.error).toBeUndefined();
			const sent = vobiz.requests.slice(before).filter((r) => r.method === 'POST');
			expect(sent).toHaveLength(1);
			expect(sent[0].path).toBe('/api/v1/messaging/messages');
			expect(sent[0].json).toEqual({ ...envelope(type), media });
			expect(result.main[0].json).toMatchObject({
				provider: 'vobiz',
				messageType: type,
				to: '+919876543210',
				status: 'pending',
			});
		},
	);

	it('sends a Meta media id instead of a link with the option Use Media ID', async () => {
		const before = vobiz.requests.length;
		const result = await send(
			base('image', { mediaUrl: '1037543291543636', options: { mediaId: true } }),
		);
		expect(result.error).toBeUndefined();
		const [request] = vobiz.requests.slice(before).filter((r) => r.method === 'POST');
		expect(request.json).toEqual({
			...envelope('image'),
			media: { id: '1037543291543636', caption: 'See attached' },
		});
	});

	it('refuses a link where Use Media ID expects an id', async () => {
		const result = await send(
			base('image', { mediaUrl: 'https://cdn.example.com/photo.jpg', options: { mediaId: true } }),
		);
		expect(result.error?.message).toBe(
			'Item 0: Media URL: "https://cdn.example.com/photo.jpg" is not a media id (the option "Use Media ID" is on)',
		);
	});

	it('refuses a sticker link to a file that is not WebP', async () => {
		const before = vobiz.requests.length;
		const result = await send(base('sticker', { mediaUrl: 'https://cdn.example.com/sticker.png' }));
		expect(result.error?.message).toBe(
			'Item 0: Media URL: a sticker must be a WebP image, but the link points to a .png file',
		);
		expect(vobiz.requests.length).toBe(before);
	});

	// The editor offers Media Source only to a provider that takes binary data. A workflow that still
	// says Binary Data (saved before, or imported) has it dropped by n8n as a hidden parameter, so n8n
	// asks for the Media URL the editor shows, before anything is sent.
	it('is not offered binary data; a saved Binary Data asks for the Media URL', async () => {
		const before = vobiz.requests.length;
		await expect(
			send(base('document', { mediaSource: 'binary' }), [binaryItem(FIXTURES.pdf)]),
		).rejects.toThrow(/Parameter "Media URL" is required/);
		expect(vobiz.requests.length).toBe(before);
	});
});

describe('Callbell media', () => {
	const base = (type: string, url: string): INodeParameters => ({
		provider: 'callbell',
		messageType: type,
		channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
		to: '+31 6 1234 5678',
		mediaSource: 'url',
		mediaUrl: url,
		caption: 'Hello',
	});

	it.each([
		[
			'image',
			'image',
			'https://cdn.example.com/photo.jpeg',
			{ url: 'https://cdn.example.com/photo.jpeg', text: 'Hello' },
		],
		[
			'document',
			'document',
			'https://cdn.example.com/inv.pdf',
			{ url: 'https://cdn.example.com/inv.pdf' },
		],
		[
			'audio',
			'document',
			'https://cdn.example.com/voice.mp3',
			{ url: 'https://cdn.example.com/voice.mp3' },
		],
		[
			'video',
			'document',
			'https://cdn.example.com/clip.mp4',
			{ url: 'https://cdn.example.com/clip.mp4' },
		],
	])(
		'%s goes out as type "%s" with content.url, a caption only on images',
		async (messageType, type, url, content) => {
			const before = callbell.requests.length;
			const result = await send(base(messageType, url));
			expect(result.error).toBeUndefined();
			const sent = callbell.requests.slice(before);
			expect(sent).toHaveLength(1);
			expect(sent[0].path).toBe('/messages/send');
			expect(sent[0].json).toEqual({
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type,
				content,
			});
			// The output keeps the message type the user chose.
			expect(result.main[0].json).toMatchObject({
				provider: 'callbell',
				messageType,
				status: 'enqueued',
			});
		},
	);

	it('the fake refuses what Callbell documents no example of: type "audio" or "video"', async () => {
		const { checkCallbellMedia } = await import('../../fakes/callbell/media');
		expect(checkCallbellMedia('audio', { url: 'https://cdn.example.com/voice.mp3' })).toBe(
			'type audio is not supported',
		);
		expect(checkCallbellMedia('video', { url: 'https://cdn.example.com/clip.mp4' })).toBe(
			'type video is not supported',
		);
		expect(
			checkCallbellMedia('document', { url: 'https://cdn.example.com/clip.mp4' }),
		).toBeUndefined();
	});

	// The editor offers Media Source only to a provider that takes binary data. A workflow that still
	// says Binary Data (saved before, or imported) has it dropped by n8n as a hidden parameter, so n8n
	// asks for the Media URL the editor shows, before anything is sent.
	it('is not offered binary data; a saved Binary Data asks for the Media URL', async () => {
		const before = callbell.requests.length;
		await expect(
			send({ ...base('audio', ''), mediaSource: 'binary' }, [binaryItem(FIXTURES.ogg)]),
		).rejects.toThrow(/Parameter "Media URL" is required/);
		expect(callbell.requests.length).toBe(before);
	});

	it('refuses an empty link', async () => {
		const result = await send(base('image', '   '));
		expect(result.error?.message).toBe('Item 0: Media URL: is empty');
	});
});
