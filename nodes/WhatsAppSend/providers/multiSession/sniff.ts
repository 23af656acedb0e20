// The MIME type Go's `http.DetectContentType` gives a file (Go's net/http/sniff.go, which implements
// the WHATWG MIME Sniffing standard): the Multi-Session server decides from it whether it takes a
// document, so the node reads the file's first bytes the same way before uploading it.

/** Go looks at no more than the first 512 bytes. */
const SNIFF_WINDOW = 512;

const FALLBACK = 'application/octet-stream';

interface Signature {
	mime: string;
	/** Bytes compared, as latin1 text. */
	pattern: string;
	/** Per-byte mask applied to the data before comparing; none means an exact prefix. */
	mask?: string;
	/** Compare after the leading whitespace (Go: `skipWS`). */
	afterWhitespace?: boolean;
}

const all = (length: number) => '\xff'.repeat(length);
const none = (length: number) => '\x00'.repeat(length);

/** The HTML tags Go recognises, case-insensitively, after leading whitespace and before a space or `>`. */
const HTML_TAGS = [
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
];

// After the HTML tags, in Go's order (the first match wins); the MP4 box and the plain-text rule
// are checked in between and at the end, as in Go.
const BEFORE_MP4: Signature[] = [
	{ mime: 'text/xml; charset=utf-8', pattern: '<?xml', mask: all(5), afterWhitespace: true },
	{ mime: 'application/pdf', pattern: '%PDF-' },
	{ mime: 'application/postscript', pattern: '%!PS-Adobe-' },
	{ mime: 'text/plain; charset=utf-16be', pattern: '\xfe\xff\x00\x00', mask: '\xff\xff\x00\x00' },
	{ mime: 'text/plain; charset=utf-16le', pattern: '\xff\xfe\x00\x00', mask: '\xff\xff\x00\x00' },
	{ mime: 'text/plain; charset=utf-8', pattern: '\xef\xbb\xbf\x00', mask: '\xff\xff\xff\x00' },
	{ mime: 'image/x-icon', pattern: '\x00\x00\x01\x00' },
	{ mime: 'image/x-icon', pattern: '\x00\x00\x02\x00' },
	{ mime: 'image/bmp', pattern: 'BM' },
	{ mime: 'image/gif', pattern: 'GIF87a' },
	{ mime: 'image/gif', pattern: 'GIF89a' },
	{ mime: 'image/webp', pattern: 'RIFF\x00\x00\x00\x00WEBPVP', mask: all(4) + none(4) + all(6) },
	{ mime: 'image/png', pattern: '\x89PNG\r\n\x1a\n' },
	{ mime: 'image/jpeg', pattern: '\xff\xd8\xff' },
	{ mime: 'audio/aiff', pattern: 'FORM\x00\x00\x00\x00AIFF', mask: all(4) + none(4) + all(4) },
	{ mime: 'audio/mpeg', pattern: 'ID3', mask: all(3) },
	{ mime: 'application/ogg', pattern: 'OggS\x00', mask: all(5) },
	{ mime: 'audio/midi', pattern: 'MThd\x00\x00\x00\x06', mask: all(8) },
	{ mime: 'video/avi', pattern: 'RIFF\x00\x00\x00\x00AVI ', mask: all(4) + none(4) + all(4) },
	{ mime: 'audio/wave', pattern: 'RIFF\x00\x00\x00\x00WAVE', mask: all(4) + none(4) + all(4) },
];

const AFTER_MP4: Signature[] = [
	{ mime: 'video/webm', pattern: '\x1a\x45\xdf\xa3' },
	{ mime: 'application/vnd.ms-fontobject', pattern: `${none(34)}LP`, mask: none(34) + all(2) },
	{ mime: 'font/ttf', pattern: '\x00\x01\x00\x00' },
	{ mime: 'font/otf', pattern: 'OTTO' },
	{ mime: 'font/collection', pattern: 'ttcf' },
	{ mime: 'font/woff', pattern: 'wOFF' },
	{ mime: 'font/woff2', pattern: 'wOF2' },
	{ mime: 'application/x-gzip', pattern: '\x1f\x8b\x08' },
	{ mime: 'application/zip', pattern: 'PK\x03\x04' },
	{ mime: 'application/x-rar-compressed', pattern: 'Rar!\x1a\x07\x00' },
	{ mime: 'application/x-rar-compressed', pattern: 'Rar!\x1a\x07\x01\x00' },
	{ mime: 'application/wasm', pattern: '\x00asm' },
];

function isWhitespace(byte: number): boolean {
	return byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
}

function matches(data: Buffer, firstNonWhitespace: number, signature: Signature): boolean {
	const view = signature.afterWhitespace ? data.subarray(firstNonWhitespace) : data;
	const { pattern, mask } = signature;
	if (view.length < pattern.length) return false;
	for (let i = 0; i < pattern.length; i++) {
		const byte = mask === undefined ? view[i] : view[i] & mask.charCodeAt(i);
		if (byte !== pattern.charCodeAt(i)) return false;
	}
	return true;
}

function isHtml(data: Buffer, firstNonWhitespace: number, tag: string): boolean {
	const view = data.subarray(firstNonWhitespace);
	if (view.length < tag.length + 1) return false;
	for (let i = 0; i < tag.length; i++) {
		const expected = tag.charCodeAt(i);
		// Letters compare case-insensitively: clearing bit 0x20 upper-cases ASCII letters.
		const actual = expected >= 0x41 && expected <= 0x5a ? view[i] & 0xdf : view[i];
		if (actual !== expected) return false;
	}
	const terminator = view[tag.length];
	return terminator === 0x20 || terminator === 0x3e;
}

/** An ISO media file whose `ftyp` box names a brand starting "mp4" (the minor version aside). */
function isMp4(data: Buffer): boolean {
	if (data.length < 12) return false;
	const boxSize = data.readUInt32BE(0);
	if (data.length < boxSize || boxSize % 4 !== 0) return false;
	if (data.toString('latin1', 4, 8) !== 'ftyp') return false;
	for (let offset = 8; offset < boxSize; offset += 4) {
		if (offset !== 12 && data.toString('latin1', offset, offset + 3) === 'mp4') return true;
	}
	return false;
}

/** Text unless a byte after the leading whitespace is a control character no text uses. */
function isText(data: Buffer, firstNonWhitespace: number): boolean {
	for (let i = firstNonWhitespace; i < data.length; i++) {
		const byte = data[i];
		if (
			byte <= 0x08 ||
			byte === 0x0b ||
			(byte >= 0x0e && byte <= 0x1a) ||
			(byte >= 0x1c && byte <= 0x1f)
		)
			return false;
	}
	return true;
}

/** What Go's `http.DetectContentType(bytes)` returns, e.g. "application/pdf" or "text/plain; charset=utf-8". */
export function detectContentType(bytes: Buffer): string {
	const data = bytes.subarray(0, SNIFF_WINDOW);
	let first = 0;
	while (first < data.length && isWhitespace(data[first])) first++;
	if (HTML_TAGS.some((tag) => isHtml(data, first, tag))) return 'text/html; charset=utf-8';
	const early = BEFORE_MP4.find((signature) => matches(data, first, signature));
	if (early) return early.mime;
	if (isMp4(data)) return 'video/mp4';
	const late = AFTER_MP4.find((signature) => matches(data, first, signature));
	if (late) return late.mime;
	return isText(data, first) ? 'text/plain; charset=utf-8' : FALLBACK;
}
