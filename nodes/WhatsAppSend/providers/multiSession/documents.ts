import type { MediaMessage } from '../../input/message';
import { InputError } from '../../output/errors';
import { detectContentType } from './sniff';

/**
 * The document types the server sends (pkg/whatsapp/whatsapp.go `allowedDocumentMimes`). It ignores
 * the upload's Content-Type, sniffs the bytes with Go's `http.DetectContentType` (`detectMime`) and
 * compares the result as an exact string — so `text/plain` on this list never matches, since Go
 * reports text as `text/plain; charset=utf-8`, and .docx/.xlsx/.pptx files pass as `application/zip`.
 */
const MULTI_SESSION_DOCUMENT_TYPES: readonly string[] = [
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

/** Go decides from the first 512 bytes. */
export const SNIFF_BYTES = 512;

/** What the server takes as a document, in words a user can act on. */
export const ACCEPTED_DOCUMENTS =
	'a PDF, an Office file (.doc, .xls, .ppt, or .docx, .xlsx, .pptx, which the server reads as zip), a zip archive, ' +
	'or a binary file of a type the server does not recognise (application/octet-stream). Text, CSV, JSON, HTML or XML ' +
	'files can travel inside a zip; images, audio and video go with Message Type Image, Audio or Video';

function describeSource({ media }: MediaMessage): { parameter: string; source: string } {
	return media.source === 'binary'
		? { parameter: 'Input Binary Field', source: `binary field "${media.binaryPropertyName}"` }
		: { parameter: 'Media URL', source: `the file at ${media.url}` };
}

/** Refuses a document the server would refuse, from the file's first bytes (all of it, or its head). */
export function checkMultiSessionDocument(message: MediaMessage, bytes: Buffer): void {
	// An empty file is refused as empty when it is loaded.
	if (bytes.length === 0) return;
	const sniffed = detectContentType(bytes);
	if (MULTI_SESSION_DOCUMENT_TYPES.includes(sniffed)) return;
	const { parameter, source } = describeSource(message);
	throw new InputError(
		parameter,
		`the Multi-Session API reads ${source} as ${sniffed} (from its first bytes, whatever its name or declared type), and refuses documents of that type`,
		ACCEPTED_DOCUMENTS,
	);
}
