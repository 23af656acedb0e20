import { encodeMultipart } from '../../nodes/WhatsAppSend/http/multipart';
import { checkCallbellMedia } from '../../fakes/callbell/media';
import { checkMultiSessionUpload, parseMultipart } from '../../fakes/multiSession/media';
import { checkMultiSessionStructured } from '../../fakes/multiSession/structured';
import type { RecordedRequest } from '../../fakes/server';
import { checkVobizMedia } from '../../fakes/vobiz/media';
import { FIXTURES } from '../fixtures/media';

function multipartRequest(body: Buffer, contentType: string): RecordedRequest {
	return {
		method: 'POST',
		url: '/',
		path: '/',
		query: new URLSearchParams(),
		headers: { 'content-type': contentType },
		rawBody: body,
	};
}

describe('the fakes refuse what the real providers refuse', () => {
	it('parses what the node encodes, byte for byte, boundary-like content included', () => {
		const { body, contentType } = encodeMultipart({
			fields: { caption: 'Line 1\r\nLine 2', filename: 'ä.pdf' },
			file: {
				field: 'file',
				fileName: 'ä.pdf',
				mimeType: 'application/pdf',
				bytes: FIXTURES.pdf.bytes,
			},
		});
		const parts = parseMultipart(multipartRequest(body, contentType));
		if (typeof parts === 'string') throw new Error(parts);
		expect(
			parts.map((p) => [p.name, p.fileName, p.contentType, p.data.toString('latin1')]),
		).toEqual([
			['caption', undefined, undefined, 'Line 1\r\nLine 2'],
			['filename', undefined, undefined, Buffer.from('ä.pdf').toString('latin1')],
			['file', 'ä.pdf', 'application/pdf', FIXTURES.pdf.bytes.toString('latin1')],
		]);
	});

	it('refuses broken or unexpected uploads', () => {
		const upload = (fields: Record<string, string>, bytes = FIXTURES.png.bytes, field = 'file') => {
			const { body, contentType } = encodeMultipart({
				fields,
				file: { field, fileName: 'a.png', mimeType: 'image/png', bytes },
			});
			return multipartRequest(body, contentType);
		};
		expect(
			checkMultiSessionUpload('images', upload({ caption: 'ok', view_once: 'true' })),
		).toBeUndefined();
		expect(checkMultiSessionUpload('images', upload({ view_once: '1' }))?.body).toMatchObject({
			error: 'view_once must be "true" or "false", got "1"',
		});
		expect(
			checkMultiSessionUpload('audio', upload({ caption: 'no captions on audio' }))?.status,
		).toBe(400);
		expect(checkMultiSessionUpload('images', upload({}, FIXTURES.png.bytes, 'image'))?.status).toBe(
			400,
		);
		// The sticker handler hands detectMime the fixed type "image/webp", so the server never sniffs a sticker.
		expect(checkMultiSessionUpload('stickers', upload({}))).toBeUndefined();
		expect(
			checkMultiSessionUpload('images', multipartRequest(Buffer.from('{}'), 'application/json'))
				?.status,
		).toBe(400);
		const truncated = upload({});
		truncated.rawBody = truncated.rawBody.subarray(0, truncated.rawBody.length - 10);
		expect(checkMultiSessionUpload('images', truncated)?.status).toBe(400);
	});

	it('refuses media objects Vobiz and Callbell would not take', () => {
		expect(checkVobizMedia('audio', { link: 'https://x.example/a.ogg', caption: 'no' })).toMatch(
			/unknown field\(s\): caption/,
		);
		expect(checkVobizMedia('image', { link: 'https://x.example/a.jpg', filename: 'no' })).toMatch(
			/unknown field\(s\): filename/,
		);
		expect(checkVobizMedia('image', { link: 'https://x.example/a.jpg', id: '1' })).toBe(
			'media requires exactly one of link or id',
		);
		expect(checkCallbellMedia('sticker', { url: 'https://x.example/a.webp' })).toBe(
			'type sticker is not supported',
		);
		expect(checkCallbellMedia('document', { url: 'https://x.example/a.pdf', text: 'no' })).toMatch(
			/unknown field\(s\): text/,
		);
	});

	it('refuses location, contact and poll bodies the server would not take', () => {
		const json = (body: unknown): RecordedRequest => ({
			...multipartRequest(Buffer.from(JSON.stringify(body)), 'application/json'),
			json: body,
		});
		expect(checkMultiSessionStructured('locations', json({ latitude: 0, longitude: 0 }))).toBe(
			'latitude and longitude are required',
		);
		expect(checkMultiSessionStructured('locations', json({ latitude: '1', longitude: 2 }))).toBe(
			'Failed parse body request',
		);
		expect(checkMultiSessionStructured('contacts', json({ name: 'A', phone: '+62 812' }))).toMatch(
			/digits with country code/,
		);
		expect(checkMultiSessionStructured('polls', json({ question: 'Q', options: ['A'] }))).toBe(
			'at least 2 options are required',
		);
		expect(
			checkMultiSessionStructured(
				'polls',
				json({ question: 'Q', options: ['A', 'B'], typing_simulation: false }),
			),
		).toMatch(/unknown field/);
	});
});
