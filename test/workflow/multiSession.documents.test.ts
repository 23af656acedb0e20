import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { checkMultiSessionUpload } from '../../fakes/multiSession/media';
import { FakeMultiSession } from '../../fakes/multiSession';
import type { RecordedRequest } from '../../fakes/server';
import { binaryItem, FIXTURES, MediaHost } from '../fixtures/media';
import type { Fixture } from '../fixtures/media';
import { runNode } from '../harness/engine';
import { encodeMultipart } from '../../nodes/WhatsAppSend/http/multipart';

// The server sniffs a document's bytes with Go's http.DetectContentType and sends only the types on its
// allow-list (pkg/whatsapp/whatsapp.go detectMime, allowedDocumentMimes); anything else is a 500
// "Document MIME type … is not allowed". The node reads the first bytes the same way and refuses first.

const file = (fileName: string, mimeType: string, bytes: Buffer | string): Fixture => ({
	fileName,
	mimeType,
	bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'),
});

// An Office 97-2003 (.doc/.xls/.ppt) file starts with the OLE compound-file signature, which Go does not know.
const OLE =
	'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\x00\x00\x3e\x00\x03\x00\xfe\xff\x09\x00';

const DOCS = {
	csv: file('orders.csv', 'text/csv', 'order,total\nORD-1,12.50\nORD-2,8.00\n'),
	json: file('order.json', 'application/json', '{"order":"ORD-1","total":12.5}'),
	markdown: file('notes.md', 'text/markdown', '# Notes\n\n- first\n- second\n'),
	html: file('page.html', 'text/html', '<!DOCTYPE html><html><body>Hi</body></html>'),
	xml: file('feed.xml', 'application/xml', '<?xml version="1.0"?><feed/>'),
	gzip: file('logs.gz', 'application/gzip', '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03'),
	docx: file(
		'report.docx',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00',
	),
	doc: file('report.doc', 'application/msword', `${OLE}${'\x00'.repeat(40)}`),
	xls: file('sheet.xls', 'application/vnd.ms-excel', `${OLE}${'\x01'.repeat(40)}`),
};

describe('Multi-Session documents the server would refuse', () => {
	const server = new FakeMultiSession();
	const host = new MediaHost();

	beforeAll(async () => {
		await Promise.all([server.start(), host.start()]);
	});
	afterAll(async () => {
		await Promise.all([server.stop(), host.stop()]);
	});

	async function send(
		parameters: INodeParameters,
		items: INodeExecutionData[],
		onError?: 'continueErrorOutput',
	) {
		const before = server.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'document',
				to: '6281234567890',
				mediaSource: 'binary',
				...parameters,
			},
			items,
			credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
			onError,
		});
		return { result, requests: server.requests.slice(before) };
	}

	it.each([
		['CSV', DOCS.csv, 'text/plain; charset=utf-8'],
		['JSON', DOCS.json, 'text/plain; charset=utf-8'],
		['Markdown', DOCS.markdown, 'text/plain; charset=utf-8'],
		['HTML', DOCS.html, 'text/html; charset=utf-8'],
		['XML', DOCS.xml, 'text/xml; charset=utf-8'],
		['gzip', DOCS.gzip, 'application/x-gzip'],
		['a JPEG photo', FIXTURES.jpeg, 'image/jpeg'],
		['an MP4 video', FIXTURES.mp4, 'video/mp4'],
		['an Ogg voice note', FIXTURES.ogg, 'application/ogg'],
	])(
		'%s is refused before anything is sent, naming the type and what the server takes',
		async (_, fixture, sniffed) => {
			const { result, requests } = await send({}, [binaryItem(fixture)]);
			expect(requests).toEqual([]);
			expect(result.error?.message).toBe(
				`Item 0: Input Binary Field: the Multi-Session API reads binary field "data" as ${sniffed} (from its first bytes, whatever its name or declared type), and refuses documents of that type`,
			);
			expect(result.error?.description).toMatch(
				/^Valid: a PDF, an Office file \(\.doc, \.xls, \.ppt, or \.docx, \.xlsx, \.pptx, which the server reads as zip\), a zip archive/,
			);
			expect(result.error?.description).toMatch(/Nothing was sent\.$/);
		},
	);

	it('a refused document among good ones stops the run before the first message', async () => {
		const { result, requests } = await send({}, [
			binaryItem(FIXTURES.pdf),
			binaryItem(DOCS.csv),
			binaryItem(FIXTURES.pdf),
		]);
		expect(requests).toEqual([]);
		expect(result.error?.message).toMatch(
			/^Item 1: Input Binary Field: .* as text\/plain; charset=utf-8/,
		);
	});

	it('with the error output, the refused document is an error item and the others are sent', async () => {
		const { result, requests } = await send(
			{},
			[binaryItem(DOCS.csv), binaryItem(DOCS.docx)],
			'continueErrorOutput',
		);
		expect(requests.map((r: RecordedRequest) => r.path)).toEqual([
			'/chats/6281234567890@s.whatsapp.net/documents',
		]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(result.errorOutput[0].json.error as IDataObject).toMatchObject({
			itemIndex: 0,
			errorType: 'validation',
			mayHaveBeenSent: false,
		});
	});

	it('a link that leads to a web page is refused once downloaded, before the upload', async () => {
		const url = host.url('/login');
		// The test's web server is on this machine, which the node reads only when told to.
		const { result, requests } = await send(
			{ mediaSource: 'url', mediaUrl: url, options: { allowPrivateMediaHosts: true } },
			[{ json: {} }],
		);
		expect(requests).toEqual([]);
		expect(result.error?.message).toBe(
			`Item 0: Media URL: the Multi-Session API reads the file at ${url} as text/html; charset=utf-8 (from its first bytes, whatever its name or declared type), and refuses documents of that type`,
		);
	});

	it.each([
		['PDF', FIXTURES.pdf],
		['.docx (zip)', DOCS.docx],
		['.doc (unrecognised binary)', DOCS.doc],
		['.xls (unrecognised binary)', DOCS.xls],
	])('%s is sent, and the fake (which sniffs too) takes it', async (_, fixture) => {
		const acceptedBefore = server.accepted.length;
		const { result, requests } = await send({}, [binaryItem(fixture)]);
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(server.accepted.length).toBe(acceptedBefore + 1);
	});

	it('the fake refuses what the server refuses, with the server’s message', () => {
		const upload = (fixture: Fixture) => {
			const { body, contentType } = encodeMultipart({
				fields: {},
				file: { field: 'file', ...fixture },
			});
			return {
				method: 'POST',
				url: '/',
				path: '/',
				query: new URLSearchParams(),
				headers: { 'content-type': contentType },
				rawBody: body,
			} as RecordedRequest;
		};
		expect(checkMultiSessionUpload('documents', upload(DOCS.csv))).toEqual({
			status: 500,
			body: {
				status: false,
				code: 500,
				message: 'Document MIME type text/plain; charset=utf-8 is not allowed',
				error: 'Document MIME type text/plain; charset=utf-8 is not allowed',
			},
		});
		// Declared as a PDF makes no difference: the server ignores the part's Content-Type.
		expect(
			checkMultiSessionUpload('documents', upload({ ...DOCS.json, mimeType: 'application/pdf' }))
				?.status,
		).toBe(500);
		expect(checkMultiSessionUpload('documents', upload(DOCS.doc))).toBeUndefined();
		expect(checkMultiSessionUpload('documents', upload(DOCS.docx))).toBeUndefined();
		// Images are not sniffed on /images (their handler passes "image/jpeg" as the type).
		expect(checkMultiSessionUpload('images', upload(DOCS.csv))).toBeUndefined();
	});
});
