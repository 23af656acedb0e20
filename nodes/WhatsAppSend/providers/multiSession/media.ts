import { InputError } from '../../output/errors';
import { checkMediaUrl, formatBytes } from '../../media/rules';
import { encodeMultipart } from '../../http/multipart';
import { formatJid } from '../../input/recipient';
import type { MediaFile, MediaType, OutgoingMessage } from '../../input/message';
import type { Lookup, MediaLimits, ProviderRequest } from '../types';
import { checkMultiSessionDocument, SNIFF_BYTES } from './documents';

const MB = 1024 * 1024;

const ENDPOINTS: Record<MediaType, string> = {
	image: 'images',
	video: 'videos',
	audio: 'audio',
	document: 'documents',
	sticker: 'stickers',
};

/** The server's own caps per type (pkg/whatsapp: maxImageBytes, …); stickers share the image cap. */
const TYPE_CAPS: Record<MediaType, number> = {
	image: 20 * MB,
	video: 100 * MB,
	audio: 20 * MB,
	document: 50 * MB,
	sticker: 20 * MB,
};

/** The server's HTTP_BODY_LIMIT_SIZE default ("8M"): the whole multipart request must fit in it. */
export const DEFAULT_BODY_LIMIT_MB = 8;

// The multipart boundary differs in length by a few characters between encodings.
const BOUNDARY_SLACK = 256;

export function validateMultiSessionMedia(message: OutgoingMessage): void {
	if (message.media?.source === 'url') checkMediaUrl(message.media.url);
}

function bodyLimit(message: OutgoingMessage): number {
	const mb = message.options.maxUploadSizeMb;
	return Math.floor((mb !== undefined && mb > 0 ? mb : DEFAULT_BODY_LIMIT_MB) * MB);
}

function limitsFor(message: OutgoingMessage): MediaLimits {
	const type = message.type as MediaType;
	const body = bodyLimit(message);
	const remedy =
		'a smaller file, or raise HTTP_BODY_LIMIT_SIZE on your Multi-Session server and the option "Max Upload Size (MB)" to match';
	if (TYPE_CAPS[type] <= body) {
		return {
			maxBytes: TYPE_CAPS[type],
			reason: `the Multi-Session API takes ${type} files of at most ${formatBytes(TYPE_CAPS[type])}`,
			remedy: 'a smaller file',
		};
	}
	return {
		maxBytes: body,
		reason: `the Multi-Session API takes requests of at most ${formatBytes(body)} (HTTP_BODY_LIMIT_SIZE)`,
		remedy,
	};
}

/** Form fields are strings: the server reads `"true"`, and only sets a flag the user chose. */
function flag(value: boolean | undefined): string | undefined {
	return value === undefined ? undefined : String(value);
}

function fieldsFor(message: OutgoingMessage, file: MediaFile): Record<string, string> {
	const { options } = message;
	const candidates: Record<string, string | undefined> = {};
	if (message.type === 'image' || message.type === 'video') {
		candidates.caption = message.caption;
		candidates.view_once = flag(options.viewOnce);
	} else if (message.type === 'audio') {
		candidates.voice_note = flag(options.voiceNote);
	} else if (message.type === 'document') {
		// File Name or the file's own name (see loadMediaFile). The server would fall back to the file
		// part's name anyway; sending it keeps the request explicit.
		candidates.filename = file.fileName;
		candidates.caption = message.caption;
	}
	candidates.typing_simulation = flag(options.typingSimulation);
	candidates.presence_simulation = flag(options.presenceSimulation);
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(candidates)) if (value !== undefined && value !== '') fields[name] = value;
	return fields;
}

/**
 * Before the first send of a run: a binary file over the limits is refused from its recorded size,
 * and a binary document the server would refuse from its first bytes (links are read in their turn).
 */
export async function preflightMultiSessionMedia(message: OutgoingMessage, lookup: Lookup): Promise<void> {
	await lookup.checkMediaSize?.(message, limitsFor(message));
	if (message.type !== 'document') return;
	const head = await lookup.readMediaHead?.(message, SNIFF_BYTES);
	if (head) checkMultiSessionDocument(message, head);
}

/**
 * Loads the file (capped by the server's limits, so an oversized one is never fully read) and checks
 * that the whole request — file plus form fields — fits the server's body limit.
 */
export async function prepareMultiSessionMedia(message: OutgoingMessage, lookup: Lookup): Promise<MediaFile> {
	const limits = limitsFor(message);
	const file = await lookup.loadMedia(message, limits);
	if (message.type === 'document') checkMultiSessionDocument(message, file.bytes);
	const { multipart } = buildMultiSessionMedia(message, file);
	const overhead =
		encodeMultipart({ fields: multipart!.fields, file: { ...multipart!.file, bytes: Buffer.alloc(0) } }).body.length +
		BOUNDARY_SLACK;
	const limit = bodyLimit(message);
	if (file.bytes.length + overhead > limit) {
		throw new InputError(
			message.media?.source === 'binary' ? 'Input Binary Field' : 'Media URL',
			`the file is ${formatBytes(file.bytes.length)} and with the form fields the upload would exceed ${formatBytes(limit)}: ` +
				'the Multi-Session API takes requests of at most that size (HTTP_BODY_LIMIT_SIZE)',
			`a file of at most ${formatBytes(limit - overhead)}, or raise HTTP_BODY_LIMIT_SIZE on your server and the option "Max Upload Size (MB)" to match`,
		);
	}
	return file;
}

/** `POST /chats/{jid}/<images|videos|audio|documents|stickers>`, multipart, the bytes in `file`. */
export function buildMultiSessionMedia(message: OutgoingMessage, file: MediaFile): ProviderRequest {
	const type = message.type as MediaType;
	return {
		method: 'POST',
		// The JID goes into the path unencoded, as in chatPath(): the server does not decode `%40`.
		path: `/chats/${formatJid(message.recipient)}/${ENDPOINTS[type]}`,
		multipart: { fields: fieldsFor(message, file), file: { field: 'file', ...file } },
	};
}
