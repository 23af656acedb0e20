import {
	checkFileMatchesType,
	checkMediaUrl,
	fileNameFromContentDisposition,
	fileNameFromUrl,
	mimeFromFileName,
	sniffMime,
} from '../../../nodes/WhatsAppSend/media/rules';
import { FIXTURES } from '../../fixtures/media';

describe('media rules', () => {
	it('reads the file name of a Content-Disposition header, preferring the UTF-8 form', () => {
		expect(fileNameFromContentDisposition('attachment; filename="a b.pdf"')).toBe('a b.pdf');
		expect(fileNameFromContentDisposition('attachment; filename=plain.txt')).toBe('plain.txt');
		expect(
			fileNameFromContentDisposition(
				`attachment; filename="x.pdf"; filename*=UTF-8''M%C3%A4rz.pdf`,
			),
		).toBe('März.pdf');
		expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe(
			'passwd',
		);
		expect(fileNameFromContentDisposition('inline')).toBeUndefined();
		expect(fileNameFromContentDisposition(undefined)).toBeUndefined();
	});

	it('takes a file name from the last segment of a link', () => {
		expect(fileNameFromUrl('https://cdn.example.com/a/My%20Photo.jpg?sig=1')).toBe('My Photo.jpg');
		expect(fileNameFromUrl('https://cdn.example.com/')).toBeUndefined();
		expect(fileNameFromUrl('not a url')).toBeUndefined();
	});

	it('tells the fixtures apart by their first bytes', () => {
		expect(Object.values(FIXTURES).map((f) => sniffMime(f.bytes))).toEqual(
			Object.values(FIXTURES).map((f) => f.mimeType),
		);
		expect(sniffMime(Buffer.from('hello'))).toBeUndefined();
		expect(mimeFromFileName('REPORT.PDF')).toBe('application/pdf');
	});

	it('accepts http(s) links only', () => {
		expect(checkMediaUrl(' https://example.com/a.jpg ').hostname).toBe('example.com');
		expect(() => checkMediaUrl('example.com/a.jpg')).toThrow(
			'Media URL: "example.com/a.jpg" is not a URL',
		);
		expect(() => checkMediaUrl('javascript:alert(1)')).toThrow(
			'uses javascript, not http or https',
		);
	});

	it('lets documents be anything, but not an image be a PDF', () => {
		expect(() =>
			checkFileMatchesType('document', FIXTURES.png.bytes, 'image/png', 'x'),
		).not.toThrow();
		expect(() => checkFileMatchesType('image', FIXTURES.pdf.bytes, 'application/pdf', 'x')).toThrow(
			'x is application/pdf, not an image',
		);
		expect(() =>
			checkFileMatchesType('audio', FIXTURES.ogg.bytes, 'application/octet-stream', 'x'),
		).not.toThrow();
		expect(() =>
			checkFileMatchesType('sticker', FIXTURES.webp.bytes, 'image/webp', 'x'),
		).not.toThrow();
	});
});
