import { detectContentType } from './goSniff';
import type { FakeResponse, RecordedRequest } from '../server';

// Uploads as the server's handlers read them (internal/messaging): multipart/form-data with the bytes
// in the `file` part, a few string fields per endpoint, the per-type caps of pkg/whatsapp and the
// WebP rule for stickers. The 8 MB body limit is enforced in FakeMultiSession itself, before any handler,
// as Fiber does.
export const MULTI_SESSION_UPLOADS = ['images', 'videos', 'audio', 'documents', 'stickers'];

const MB = 1024 * 1024;
const SIMULATION = ['typing_simulation', 'presence_simulation'];

const FIELDS: Record<string, string[]> = {
	images: ['caption', 'view_once', ...SIMULATION],
	videos: ['caption', 'view_once', ...SIMULATION],
	audio: ['voice_note', 'ptt', ...SIMULATION],
	documents: ['filename', 'caption', ...SIMULATION],
	stickers: [...SIMULATION],
};
const BOOLEAN_FIELDS = ['view_once', 'voice_note', 'ptt', ...SIMULATION];

/** pkg/whatsapp: maxImageBytes (also stickers), maxVideoBytes, maxAudioBytes, maxDocumentBytes. */
const CAPS: Record<string, { name: string; bytes: number }> = {
	images: { name: 'image', bytes: 20 * MB },
	videos: { name: 'video', bytes: 100 * MB },
	audio: { name: 'audio', bytes: 20 * MB },
	documents: { name: 'document', bytes: 50 * MB },
	stickers: { name: 'sticker', bytes: 20 * MB },
};

export interface MultipartPart {
	name: string;
	/** Present for file parts (Content-Disposition `filename`). */
	fileName?: string;
	contentType?: string;
	data: Buffer;
}

function headerParameters(value: string): Record<string, string> {
	const parameters: Record<string, string> = {};
	for (const match of value.matchAll(/;\s*([A-Za-z0-9_*-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/g)) {
		parameters[match[1].toLowerCase()] =
			match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : match[2].trim();
	}
	return parameters;
}

/**
 * Parses multipart/form-data (RFC 7578) strictly: the boundary from the Content-Type, every part
 * delimited by CRLF + `--boundary`, headers ending in an empty line, and the closing `--boundary--`.
 */
export function parseMultipart(request: RecordedRequest): MultipartPart[] | string {
	const contentType = request.headers['content-type'] ?? '';
	if (!/^multipart\/form-data\s*;/i.test(contentType))
		return `Content-Type is "${contentType}", not multipart/form-data`;
	const boundary = headerParameters(contentType.slice(contentType.indexOf(';'))).boundary;
	if (!boundary) return 'multipart Content-Type without boundary';
	const body = request.rawBody;
	const delimiter = Buffer.from(`--${boundary}`);
	let position = body.indexOf(delimiter);
	if (position === -1) return 'no multipart boundary in the body';
	const parts: MultipartPart[] = [];
	for (;;) {
		position += delimiter.length;
		const after = body.toString('latin1', position, position + 2);
		if (after === '--') return parts;
		if (after !== '\r\n') return 'a multipart boundary is not followed by CRLF';
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) return 'a multipart part has no end of headers';
		const headers: Record<string, string> = {};
		for (const line of body.toString('utf8', position, headerEnd).split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon <= 0) return `malformed part header "${line}"`;
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next === -1) return 'the multipart body is not closed';
		const disposition = headers['content-disposition'] ?? '';
		if (!/^form-data\s*;/i.test(disposition))
			return 'a part without Content-Disposition: form-data';
		const parameters = headerParameters(disposition.slice(disposition.indexOf(';')));
		if (parameters.name === undefined) return 'a part without a name';
		parts.push({
			name: parameters.name,
			fileName: parameters.filename,
			contentType: headers['content-type'],
			data: body.subarray(headerEnd + 4, next),
		});
		position = next + 2;
	}
}

function badRequest(error: string): FakeResponse {
	return { status: 400, body: { status: false, code: 400, message: error, error } };
}

/** pkg/router/response.go ResponseInternalError: the Go error's text is both `message` and `error`. */
function serverError(error: string): FakeResponse {
	return { status: 500, body: { status: false, code: 500, message: error, error } };
}

/** The handler's reading of the form (internal/messaging): a 400 when the server could not use it. */
export function checkMultiSessionForm(
	endpoint: string,
	request: RecordedRequest,
): FakeResponse | undefined {
	const parsed = parseMultipart(request);
	// Fiber's FormFile fails on anything that is not a readable multipart form.
	if (typeof parsed === 'string') return badRequest(`file is required (${parsed})`);
	const files = parsed.filter((part) => part.name === 'file');
	if (files.length !== 1)
		return badRequest(`file is required (exactly one "file" part, got ${files.length})`);
	const [file] = files;
	if (file.fileName === undefined || file.fileName === '')
		return badRequest('file is required (the "file" part has no filename)');
	if (!file.contentType) return badRequest('the "file" part has no Content-Type');

	const allowed = FIELDS[endpoint];
	const names = new Set<string>();
	for (const part of parsed) {
		if (part.name === 'file') continue;
		if (!allowed.includes(part.name))
			return badRequest(`unknown form field "${part.name}" for /${endpoint}`);
		if (names.has(part.name)) return badRequest(`form field "${part.name}" appears twice`);
		names.add(part.name);
		if (part.fileName !== undefined)
			return badRequest(`form field "${part.name}" must be a value, not a file`);
		const value = part.data.toString('utf8');
		// The handlers compare with "true"; anything but "true"/"false" would silently mean false.
		if (BOOLEAN_FIELDS.includes(part.name) && value !== 'true' && value !== 'false') {
			return badRequest(`${part.name} must be "true" or "false", got "${value}"`);
		}
		if ((part.name === 'caption' || part.name === 'filename') && value.trim() === '')
			return badRequest(`${part.name} is empty`);
	}
	return undefined;
}

/** pkg/whatsapp formatBytes: 1024-based, one decimal, unit without a space. */
function formatBytes(size: number): string {
	if (size < 1024) return `${size}B`;
	const units = 'KMGTPE';
	let value = size / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value.toFixed(1)}${units[unit]}B`;
}

/**
 * Checks one upload as the handler and pkg/whatsapp's WhatsAppSend<Type> do, in their order: the form
 * (400), a device that is not logged in (checked by the caller), then an empty file, the type's size cap,
 * the recipient (`checkRecipient`, WhatsAppCheckJID) and, for documents only, the sniffed MIME type
 * (500s, all before anything is uploaded to WhatsApp). Undefined means the server would send it.
 *
 * Images, video, audio and stickers are not sniffed: their handlers pass a fixed type ("image/jpeg",
 * "video/mp4", "audio/mpeg", "image/webp") to detectMime, which returns any non-generic hint unchanged,
 * so the server takes any bytes there — a sticker that is not WebP included.
 */
export function checkMultiSessionUpload(
	endpoint: string,
	request: RecordedRequest,
	checkRecipient: () => FakeResponse | undefined = () => undefined,
): FakeResponse | undefined {
	const invalid = checkMultiSessionForm(endpoint, request);
	if (invalid) return invalid;
	const file = (parseMultipart(request) as MultipartPart[]).find((part) => part.name === 'file')!;
	const cap = CAPS[endpoint];
	const capitalized = `${cap.name[0].toUpperCase()}${cap.name.slice(1)}`;
	if (file.data.length === 0) return serverError(`${capitalized} payload cannot be empty`);
	if (file.data.length > cap.bytes) {
		return serverError(
			`${cap.name} exceeds maximum allowed size (${formatBytes(file.data.length)} > ${formatBytes(cap.bytes)})`,
		);
	}
	const unregistered = checkRecipient();
	if (unregistered) return unregistered;
	if (endpoint === 'documents') {
		// The document handler passes "application/octet-stream", so detectMime sniffs the bytes with
		// Go's http.DetectContentType and the result must be on allowedDocumentMimes, compared as an
		// exact string: "text/plain; charset=utf-8" is not "text/plain".
		const sniffed = detectContentType(file.data);
		if (!ALLOWED_DOCUMENT_MIMES.includes(sniffed))
			return serverError(`Document MIME type ${sniffed} is not allowed`);
	}
	return undefined;
}

/** pkg/whatsapp/whatsapp.go allowedDocumentMimes (at dab7403). */
const ALLOWED_DOCUMENT_MIMES = [
	'application/pdf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'text/plain',
	'application/zip',
	'application/octet-stream',
];
