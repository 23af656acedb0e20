import { encodeMultipart } from '../../http/multipart';
import type { MultipartBody } from '../../http/multipart';
import type { MediaMessage, MediaType } from '../../input/message';
import type { MediaFile, MediaLimits } from '../../media/file';
import { checkMediaUrl, formatBytes } from '../../media/rules';
import { InputError } from '../../output/errors';
import type { ProviderRequest, Sources } from '../types';
import { chatPath } from './chat';
import { checkMultiSessionDocument, SNIFF_BYTES } from './documents';
import type { MultiSessionExtras } from './read';

type MultiSessionMedia = MediaMessage<MultiSessionExtras>;

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
const DEFAULT_BODY_LIMIT_MB = 8;

// The multipart boundary differs in length by a few characters between encodings.
const BOUNDARY_SLACK = 256;

export function validateMultiSessionMedia({ media }: MultiSessionMedia): void {
	if (media.source === 'url') checkMediaUrl(media.url);
}

function bodyLimit(message: MultiSessionMedia): number {
	const mb = message.extras.maxUploadSizeMb;
	return Math.floor((mb !== undefined && mb > 0 ? mb : DEFAULT_BODY_LIMIT_MB) * MB);
}

function limitsFor(message: MultiSessionMedia): MediaLimits {
	const { type } = message;
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

function fieldsFor(message: MultiSessionMedia, file: MediaFile): Record<string, string> {
	const options = message.extras;
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
	for (const [name, value] of Object.entries(candidates))
		if (value !== undefined && value !== '') fields[name] = value;
	return fields;
}

/**
 * Before the first send of a run: a binary file over the limits is refused from its recorded size,
 * and a binary document the server would refuse from its first bytes (links are read in their turn).
 */
export async function preflightMultiSessionMedia(
	message: MultiSessionMedia,
	{ media }: Sources,
): Promise<void> {
	await media.checkRecordedSize(message, limitsFor(message));
	if (message.type !== 'document') return;
	const head = await media.readHead(message, SNIFF_BYTES);
	if (head) checkMultiSessionDocument(message, head);
}

/**
 * Loads the file (capped by the server's limits, so an oversized one is never fully read) and checks
 * that the whole request — file plus form fields — fits the server's body limit.
 */
export async function prepareMultiSessionMedia(
	message: MultiSessionMedia,
	{ media }: Sources,
): Promise<MediaFile> {
	const limits = limitsFor(message);
	const file = await media.load(message, limits, {
		allowPrivateHosts: message.extras.allowPrivateMediaHosts,
	});
	if (message.type === 'document') checkMultiSessionDocument(message, file.bytes);
	const form = uploadForm(message, file);
	const overhead =
		encodeMultipart({ fields: form.fields, file: { ...form.file, bytes: Buffer.alloc(0) } }).body
			.length + BOUNDARY_SLACK;
	const limit = bodyLimit(message);
	if (file.bytes.length + overhead > limit) {
		throw new InputError(
			message.media.source === 'binary' ? 'Input Binary Field' : 'Media URL',
			`the file is ${formatBytes(file.bytes.length)} and with the form fields the upload would exceed ${formatBytes(limit)}: ` +
				'the Multi-Session API takes requests of at most that size (HTTP_BODY_LIMIT_SIZE)',
			`a file of at most ${formatBytes(limit - overhead)}, or raise HTTP_BODY_LIMIT_SIZE on your server and the option "Max Upload Size (MB)" to match`,
		);
	}
	return file;
}

/** The upload: the form fields the message type takes, and the file as `file`. */
function uploadForm(message: MultiSessionMedia, file: MediaFile): MultipartBody {
	return { fields: fieldsFor(message, file), file: { field: 'file', ...file } };
}

/** `POST /chats/{jid}/<images|videos|audio|documents|stickers>`, multipart, the bytes in `file`. */
export function buildMultiSessionMedia(
	message: MultiSessionMedia,
	file: MediaFile,
): ProviderRequest {
	return {
		method: 'POST',
		path: chatPath(message.recipient, ENDPOINTS[message.type]),
		multipart: uploadForm(message, file),
	};
}
