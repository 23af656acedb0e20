import fc from 'fast-check';

import { detectContentType as fakeSniff } from '../../../../fakes/multiSession/goSniff';
import { detectContentType } from '../../../../nodes/WhatsAppSend/providers/multiSession/sniff';

// The server sniffs a document's bytes with Go's http.DetectContentType and sends only the types on its
// allow-list (pkg/whatsapp/whatsapp.go detectMime, allowedDocumentMimes); anything else is a 500
// "Document MIME type … is not allowed". The node reads the first bytes the same way and refuses first.

describe('Go’s DetectContentType, as the server runs it', () => {
	// Expected values from Go's own tests (src/net/http/sniff_test.go, sniffTests).
	it.each([
		['empty', '', 'text/plain; charset=utf-8'],
		['binary', '\x01\x02\x03', 'application/octet-stream'],
		['HTML, mixed case', '<HtMl><bOdY>blah blah blah</body></html>', 'text/html; charset=utf-8'],
		['HTML after whitespace', '   <!DOCTYPE HTML>...', 'text/html; charset=utf-8'],
		['HTML after CRLF', '\r\n<html>...', 'text/html; charset=utf-8'],
		['plain text', 'This is not HTML. It has \xe2\x98\x83 though.', 'text/plain; charset=utf-8'],
		['XML', '\n<?xml!', 'text/xml; charset=utf-8'],
		['Windows icon', '\x00\x00\x01\x00', 'image/x-icon'],
		['Windows cursor', '\x00\x00\x02\x00', 'image/x-icon'],
		['BMP', 'BM...', 'image/bmp'],
		['GIF 87a', 'GIF87a', 'image/gif'],
		['GIF 89a', 'GIF89a...', 'image/gif'],
		['WebP', 'RIFF\x00\x00\x00\x00WEBPVP', 'image/webp'],
		['PNG', '\x89PNG\x0D\x0A\x1A\x0A', 'image/png'],
		['JPEG', '\xFF\xD8\xFF', 'image/jpeg'],
		['MIDI', 'MThd\x00\x00\x00\x06\x00\x01', 'audio/midi'],
		['MP3', 'ID3\x03\x00\x00\x00\x00\x0f', 'audio/mpeg'],
		['WAV', 'RIFFb\xb8\x00\x00WAVEfmt \x12\x00\x00\x00\x06', 'audio/wave'],
		[
			'AIFF',
			'FORM\x00\x00\x00\x00AIFFCOMM\x00\x00\x00\x12\x00\x01\x00\x00\x57\x55\x00\x10\x40\x0d\xf3\x34',
			'audio/aiff',
		],
		[
			'OGG',
			'OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x7e\x46\x00\x00\x00\x00\x00\x00\x1f\xf6\xb4\xfc\x01\x1e\x01\x76\x6f\x72',
			'application/ogg',
		],
		['not OGG', 'oggS\x00', 'application/octet-stream'],
		['MP4', '\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom<\x06t\xbfmdat', 'video/mp4'],
		['AVI', 'RIFF,O\n\x00AVI LIST\xc0', 'video/avi'],
		['TTF', '\x00\x01\x00\x00\x00\x17\x01\x00\x00\x04\x01\x60\x4f', 'font/ttf'],
		['OTF', '\x4f\x54\x54\x4f\x00\x0e\x00\x80\x00\x03\x00\x60\x42\x41\x53\x45', 'font/otf'],
		['WOFF', '\x77\x4f\x46\x46\x00\x01\x00\x00\x00\x00\x30\x54\x00\x0d\x00\x00', 'font/woff'],
		['WOFF2', '\x77\x4f\x46\x32\x00\x01\x00\x00\x00', 'font/woff2'],
		['wasm', '\x00\x61\x73\x6d\x01\x00', 'application/wasm'],
		['RAR 1.5-4.0', 'Rar!\x1A\x07\x00', 'application/x-rar-compressed'],
		['RAR 5+', 'Rar!\x1A\x07\x01\x00', 'application/x-rar-compressed'],
		['not RAR', 'Rar \x1A\x07\x00', 'application/octet-stream'],
	])('%s', (_, data, expected) => {
		const bytes = Buffer.from(data, 'latin1');
		expect(detectContentType(bytes)).toBe(expected);
		expect(fakeSniff(bytes)).toBe(expected);
	});

	it('reads only the first 512 bytes, as Go does', () => {
		const textThenBinary = Buffer.concat([Buffer.alloc(512, 0x61), Buffer.from([0x00, 0x01])]);
		expect(detectContentType(textThenBinary)).toBe('text/plain; charset=utf-8');
		expect(detectContentType(Buffer.concat([Buffer.alloc(511, 0x61), Buffer.from([0x00])]))).toBe(
			'application/octet-stream',
		);
	});

	it('the node and the fake, written apart, agree on any bytes', () => {
		const starts = [
			'',
			'%PDF-',
			'PK\x03\x04',
			'<html',
			' <P>',
			'<?xml',
			'RIFF\x00\x00\x00\x00',
			'ID3',
			'OggS\x00',
			'\x00\x00\x00\x18ftyp',
			'\xef\xbb\xbf',
			'\x1f\x8b\x08',
			'\x00\x01\x00\x00',
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...starts),
				fc.uint8Array({ maxLength: 600 }),
				fc.boolean(),
				(start, rest, printable) => {
					const tail = printable
						? Buffer.from(Array.from(rest, (b) => 0x20 + (b % 0x5f)))
						: Buffer.from(rest);
					const bytes = Buffer.concat([Buffer.from(start, 'latin1'), tail]);
					expect(detectContentType(bytes)).toBe(fakeSniff(bytes));
				},
			),
			{ numRuns: 3000 },
		);
	});
});
