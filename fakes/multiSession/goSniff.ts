// Go's net/http DetectContentType (src/net/http/sniff.go, the table of Go 1.17 and later, unchanged in the
// Go 1.25 the Multi-Session server is built with), which the server's detectMime calls for documents.
// Written for the fake on its own, independently of the node's sniffer, so the two can disagree.

const SNIFF_LENGTH = 512;
const WHITESPACE = [0x09, 0x0a, 0x0c, 0x0d, 0x20];

type Matcher = (data: Buffer, firstNonWhitespace: number) => boolean;

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** `exactSig`: the data starts with the signature. */
const prefix = (signature: string): Matcher => {
	const sig = bytes(signature);
	return (data) => data.length >= sig.length && data.subarray(0, sig.length).equals(sig);
};

/** `maskedSig`: every byte ANDed with the mask equals the pattern; optionally after leading whitespace. */
const masked = (mask: string, pattern: string, skipWhitespace = false): Matcher => {
	const m = bytes(mask);
	const p = bytes(pattern);
	return (data, first) => {
		const view = skipWhitespace ? data.subarray(first) : data;
		if (view.length < p.length) return false;
		for (let i = 0; i < p.length; i++) if ((view[i] & m[i]) !== p[i]) return false;
		return true;
	};
};

/** `htmlSig`: a tag after leading whitespace, letters case-insensitive, then a space or `>`. */
const html = (tag: string): Matcher => {
	const t = bytes(tag);
	return (data, first) => {
		const view = data.subarray(first);
		if (view.length < t.length + 1) return false;
		for (let i = 0; i < t.length; i++) {
			const expected = t[i];
			const actual = expected >= 0x41 && expected <= 0x5a ? view[i] & 0xdf : view[i];
			if (actual !== expected) return false;
		}
		return view[t.length] === 0x20 || view[t.length] === 0x3e;
	};
};

/** `mp4Sig`: an `ftyp` box whose brands (the minor version skipped) include one starting "mp4". */
const mp4: Matcher = (data) => {
	if (data.length < 12) return false;
	const boxSize = data.readUInt32BE(0);
	if (data.length < boxSize || boxSize % 4 !== 0) return false;
	if (data.toString('latin1', 4, 8) !== 'ftyp') return false;
	for (let at = 8; at < boxSize; at += 4) {
		if (at === 12) continue;
		if (data.toString('latin1', at, at + 3) === 'mp4') return true;
	}
	return false;
};

/** `textSig`: no binary control bytes after the leading whitespace. */
const text: Matcher = (data, first) => {
	for (const b of data.subarray(first)) {
		if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f))
			return false;
	}
	return true;
};

const FF = (count: number) => '\xff'.repeat(count);
const NUL = (count: number) => '\x00'.repeat(count);

/** In Go's order: the first match wins. */
const SIGNATURES: Array<[Matcher, string]> = [
	...[
		'<!DOCTYPE HTML',
		'<HTML',
		'<HEAD',
		'<SCRIPT',
		'<IFRAME',
		'<H1',
		'<DIV',
		'<FONT',
		'<TABLE',
		'<A',
		'<STYLE',
		'<TITLE',
		'<B',
		'<BODY',
		'<BR',
		'<P',
		'<!--',
	].map((tag): [Matcher, string] => [html(tag), 'text/html; charset=utf-8']),
	[masked(FF(5), '<?xml', true), 'text/xml; charset=utf-8'],
	[prefix('%PDF-'), 'application/pdf'],
	[prefix('%!PS-Adobe-'), 'application/postscript'],
	[masked('\xff\xff\x00\x00', '\xfe\xff\x00\x00'), 'text/plain; charset=utf-16be'],
	[masked('\xff\xff\x00\x00', '\xff\xfe\x00\x00'), 'text/plain; charset=utf-16le'],
	[masked('\xff\xff\xff\x00', '\xef\xbb\xbf\x00'), 'text/plain; charset=utf-8'],
	[prefix('\x00\x00\x01\x00'), 'image/x-icon'],
	[prefix('\x00\x00\x02\x00'), 'image/x-icon'],
	[prefix('BM'), 'image/bmp'],
	[prefix('GIF87a'), 'image/gif'],
	[prefix('GIF89a'), 'image/gif'],
	[masked(`${FF(4)}${NUL(4)}${FF(6)}`, 'RIFF\x00\x00\x00\x00WEBPVP'), 'image/webp'],
	[prefix('\x89PNG\r\n\x1a\n'), 'image/png'],
	[prefix('\xff\xd8\xff'), 'image/jpeg'],
	[masked(`${FF(4)}${NUL(4)}${FF(4)}`, 'FORM\x00\x00\x00\x00AIFF'), 'audio/aiff'],
	[masked(FF(3), 'ID3'), 'audio/mpeg'],
	[masked(FF(5), 'OggS\x00'), 'application/ogg'],
	[masked(FF(8), 'MThd\x00\x00\x00\x06'), 'audio/midi'],
	[masked(`${FF(4)}${NUL(4)}${FF(4)}`, 'RIFF\x00\x00\x00\x00AVI '), 'video/avi'],
	[masked(`${FF(4)}${NUL(4)}${FF(4)}`, 'RIFF\x00\x00\x00\x00WAVE'), 'audio/wave'],
	[mp4, 'video/mp4'],
	[prefix('\x1a\x45\xdf\xa3'), 'video/webm'],
	[masked(`${NUL(34)}${FF(2)}`, `${NUL(34)}LP`), 'application/vnd.ms-fontobject'],
	[prefix('\x00\x01\x00\x00'), 'font/ttf'],
	[prefix('OTTO'), 'font/otf'],
	[prefix('ttcf'), 'font/collection'],
	[prefix('wOFF'), 'font/woff'],
	[prefix('wOF2'), 'font/woff2'],
	[prefix('\x1f\x8b\x08'), 'application/x-gzip'],
	[prefix('PK\x03\x04'), 'application/zip'],
	[prefix('Rar!\x1a\x07\x00'), 'application/x-rar-compressed'],
	[prefix('Rar!\x1a\x07\x01\x00'), 'application/x-rar-compressed'],
	[prefix('\x00asm'), 'application/wasm'],
	[text, 'text/plain; charset=utf-8'],
];

export function detectContentType(content: Buffer): string {
	const data = content.subarray(0, SNIFF_LENGTH);
	let first = 0;
	while (first < data.length && WHITESPACE.includes(data[first])) first += 1;
	for (const [matches, type] of SIGNATURES) if (matches(data, first)) return type;
	return 'application/octet-stream';
}
