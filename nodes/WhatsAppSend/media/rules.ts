import type { MediaMessage, MediaType, MessageType } from '../input/message';
import { InputError, quoteValue } from '../output/errors';
import { displayUrl } from '../output/secrets';

// Pure rules about media files and links, shared by the providers and the loader.

const HTTP_LINK = 'a public http(s) link such as https://example.com/photo.jpg';

/** A media link must be an absolute http(s) URL: providers fetch it, and so does the node for uploads. */
export function checkMediaUrl(raw: string, parameter = 'Media URL'): URL {
	const value = raw.trim();
	if (value === '') throw new InputError(parameter, 'is empty', HTTP_LINK);
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url) throw new InputError(parameter, `${quoteValue(value)} is not a URL`, HTTP_LINK);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InputError(
			parameter,
			`${quoteValue(displayUrl(value))} uses ${url.protocol.replace(/:$/, '')}, not http or https`,
			HTTP_LINK,
		);
	}
	if (!url.hostname)
		throw new InputError(parameter, `${displayUrl(value)} has no host name`, HTTP_LINK);
	return url;
}

/** The error for a hosted provider given binary data: it fetches media itself, from a public link. */
export function urlOnlyProviderError(providerLabel: string): InputError {
	return new InputError(
		'Media Source',
		`${providerLabel} takes media only as a public link; it cannot receive a file from binary data`,
		'Media Source "URL" with a public http(s) link — upload the file somewhere public first ' +
			'(for example cloud storage or your website) and pass its link, or use the self-hosted Multi-Session provider, which uploads files',
	);
}

/** Refuses binary media for a provider that only fetches links, and checks the link otherwise. */
export function checkLinkMedia({ media }: MediaMessage, providerLabel: string): string {
	if (media.source !== 'url') throw urlOnlyProviderError(providerLabel);
	return checkMediaUrl(media.url).toString();
}

const EXTENSION_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	mp4: 'video/mp4',
	m4v: 'video/mp4',
	'3gp': 'video/3gpp',
	mov: 'video/quicktime',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	amr: 'audio/amr',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	txt: 'text/plain',
	csv: 'text/csv',
	zip: 'application/zip',
};

export const GENERIC_MIME = 'application/octet-stream';

export function extensionOf(fileName: string): string | undefined {
	const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
	return match ? match[1].toLowerCase() : undefined;
}

export function mimeFromFileName(fileName: string): string | undefined {
	const extension = extensionOf(fileName);
	return extension ? EXTENSION_TYPES[extension] : undefined;
}

export function extensionFromMime(mimeType: string): string | undefined {
	const wanted = baseMime(mimeType);
	return Object.keys(EXTENSION_TYPES).find((extension) => EXTENSION_TYPES[extension] === wanted);
}

/** `image/jpeg; charset=…` → `image/jpeg`. */
export function baseMime(mimeType: string | undefined): string {
	return (mimeType ?? '').split(';')[0].trim().toLowerCase();
}

/** RIFF container with the WEBP form type: the only sticker format WhatsApp shows. */
function isWebp(bytes: Buffer): boolean {
	return (
		bytes.length >= 12 &&
		bytes.toString('latin1', 0, 4) === 'RIFF' &&
		bytes.toString('latin1', 8, 12) === 'WEBP'
	);
}

/** The MIME type of a file from its first bytes, for the few formats WhatsApp media come in. */
export function sniffMime(bytes: Buffer): string | undefined {
	if (isWebp(bytes)) return 'image/webp';
	const head = bytes.subarray(0, 12);
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
	if (head.toString('latin1', 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
	if (head.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
	if (head.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
	if (head.toString('latin1', 0, 4) === 'OggS') return 'audio/ogg';
	if (head.toString('latin1', 0, 3) === 'ID3') return 'audio/mpeg';
	if (head.toString('latin1', 4, 8) === 'ftyp')
		return head.toString('latin1', 8, 11) === 'M4A' ? 'audio/mp4' : 'video/mp4';
	if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE')
		return 'audio/wav';
	return undefined;
}

/** The last path segment of a URL, decoded, when it looks like a file name. */
export function fileNameFromUrl(url: string): string | undefined {
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		return undefined;
	}
	const segment = path.split('/').pop() ?? '';
	let decoded = segment;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		decoded = segment;
	}
	return cleanFileName(decoded);
}

/** `attachment; filename="a.pdf"; filename*=UTF-8''%C3%A4.pdf` → the file name, preferring the UTF-8 form. */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			const name = cleanFileName(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
			if (name) return name;
		} catch {
			// A broken extended value falls back to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
	return cleanFileName(value);
}

/** Keeps the last path segment only and drops control characters: the name travels in a form header. */
function cleanFileName(raw: string): string | undefined {
	const lastSegment = raw.split(/[/\\]/).pop() ?? '';
	const name = [...lastSegment]
		.filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
		.join('')
		.trim();
	return name === '' || name === '.' || name === '..' ? undefined : name;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const FAMILY: Partial<Record<MessageType, string[]>> = {
	image: ['image/'],
	sticker: ['image/webp'],
	video: ['video/', 'application/mp4'],
	audio: ['audio/', 'application/ogg'],
};

/**
 * Refuses a file whose type clearly contradicts the message type — typically an HTML login page
 * downloaded instead of the picture. Documents are left to the provider's own rules (the Multi-Session
 * provider sniffs them as its server does); unknown types get the benefit of the doubt.
 */
export function checkFileMatchesType(
	type: MediaType,
	bytes: Buffer,
	mimeType: string,
	source: string,
	parameter = 'Media',
): void {
	if (type === 'sticker') {
		if (!isWebp(bytes)) {
			const found = sniffMime(bytes) ?? (baseMime(mimeType) || 'an unknown format');
			throw new InputError(
				parameter,
				`a sticker must be a WebP image, but ${source} is ${found}`,
				'a .webp file (WhatsApp shows stickers only in WebP; convert the image first)',
			);
		}
		return;
	}
	const allowed = FAMILY[type];
	const mime = baseMime(mimeType);
	if (!allowed || mime === '' || mime === GENERIC_MIME) return;
	if (allowed.some((prefix) => mime.startsWith(prefix))) return;
	throw new InputError(
		parameter,
		`${source} is ${mime}, not ${type === 'image' ? 'an image' : `a${type === 'audio' ? 'n' : ''} ${type} file`}`,
		// Not "send it as a Document": the one provider that uploads files (Multi-Session) sniffs documents
		// and refuses images, audio, video and web pages there too.
		`a ${type} file${mime.startsWith('text/html') ? ' — the link seems to lead to a web page (a login or preview page?) rather than to the file itself' : ''}`,
	);
}
