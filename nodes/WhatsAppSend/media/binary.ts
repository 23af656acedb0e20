import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { isMediaMessage } from '../input/message';
import type { MediaMessage, OutgoingMessage } from '../input/message';
import { InputError } from '../output/errors';
import type { MediaLimits } from './file';
import { tooLarge } from './limits';
import type { LoadedFile } from './limits';
import { baseMime, formatBytes, GENERIC_MIME } from './rules';

// Media from the item's binary data, through n8n's helpers, so filesystem, database and S3 binary
// modes work alike.

/** Finds the item's binary field, or says which fields the item does have. */
function binaryField(context: IExecuteFunctions, itemIndex: number, name: string): IBinaryData {
	const fields = context.getInputData()[itemIndex]?.binary ?? {};
	const found = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
	if (found) return found;
	const names = Object.keys(fields);
	throw new InputError(
		'Input Binary Field',
		`the item has no binary field "${name}"`,
		names.length > 0
			? `one of the item's binary fields: ${names.map((n) => `"${n}"`).join(', ')}`
			: 'the name of a binary field — this item carries no binary data at all; put a node that reads or ' +
				'downloads the file before this one (e.g. Read/Write Files from Disk, or HTTP Request with Response Format "File")',
	);
}

/**
 * Checks, before anything is sent, that the binary field exists and that a sticker is WebP as far as
 * its metadata tells. The bytes themselves are checked again when they are loaded.
 */
export function checkBinaryInput(context: IExecuteFunctions, message: OutgoingMessage): void {
	if (!isMediaMessage(message) || message.media.source !== 'binary') return;
	const name = message.media.binaryPropertyName;
	const binary = binaryField(context, message.itemIndex, name);
	const mime = baseMime(binary.mimeType);
	if (message.type === 'sticker' && mime !== '' && mime !== GENERIC_MIME && mime !== 'image/webp') {
		throw new InputError(
			'Input Binary Field',
			`a sticker must be a WebP image, but binary field "${name}" is ${mime}`,
			'a .webp file (WhatsApp shows stickers only in WebP; convert the image first)',
		);
	}
}

/** The size n8n recorded for a binary, without reading it: metadata, the stored file's size, or the base64 length. */
async function declaredSize(
	context: IExecuteFunctions,
	binary: IBinaryData,
): Promise<number | undefined> {
	if (typeof binary.bytes === 'number' && Number.isFinite(binary.bytes)) return binary.bytes;
	if (binary.id) {
		try {
			return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
		} catch {
			// Without metadata the real size is checked once the bytes are read.
			return undefined;
		}
	}
	if (typeof binary.data === 'string' && binary.data !== '') {
		const padding = binary.data.endsWith('==') ? 2 : binary.data.endsWith('=') ? 1 : 0;
		return Math.floor((binary.data.length * 3) / 4) - padding;
	}
	return undefined;
}

/** Refuses binary media whose recorded size is over the limits, without reading the file. */
export async function checkRecordedMediaSize(
	context: IExecuteFunctions,
	message: MediaMessage,
	limits: MediaLimits,
): Promise<void> {
	if (message.media.source !== 'binary') return;
	const name = message.media.binaryPropertyName;
	const size = await declaredSize(context, binaryField(context, message.itemIndex, name));
	if (size !== undefined && size > limits.maxBytes) {
		throw tooLarge(
			{ source: `binary field "${name}"`, parameter: 'Input Binary Field' },
			formatBytes(size),
			limits,
		);
	}
}

/**
 * The first `length` bytes of a binary field, without reading the rest: from n8n's binary data
 * stream (filesystem, database, S3 modes) or from the start of the in-memory base64. Undefined when
 * the field cannot be read now; loading it later reports why.
 */
export async function readBinaryHead(
	context: IExecuteFunctions,
	message: MediaMessage,
	length: number,
): Promise<Buffer | undefined> {
	if (message.media.source !== 'binary') return undefined;
	const binary = binaryField(context, message.itemIndex, message.media.binaryPropertyName);
	if (!binary.id) {
		const base64 = typeof binary.data === 'string' ? binary.data.replace(/\s+/g, '') : '';
		// Four base64 characters carry three bytes.
		return Buffer.from(base64.slice(0, Math.ceil(length / 3) * 4), 'base64').subarray(0, length);
	}
	try {
		const stream = await context.helpers.getBinaryStream(binary.id, length);
		const chunks: Buffer[] = [];
		let total = 0;
		try {
			for await (const chunk of stream) {
				const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
				chunks.push(bytes);
				total += bytes.length;
				if (total >= length) break;
			}
		} finally {
			stream.destroy();
		}
		return Buffer.concat(chunks).subarray(0, length);
	} catch {
		return undefined;
	}
}

/** The whole file of a binary field, refused from its recorded size first when that is over the limits. */
export async function loadBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	limits: MediaLimits,
): Promise<LoadedFile> {
	const binary = binaryField(context, itemIndex, name);
	const origin = { source: `binary field "${name}"`, parameter: 'Input Binary Field' as const };
	// Refused from metadata first, so a huge file is never read into memory for nothing.
	const size = await declaredSize(context, binary);
	if (size !== undefined && size > limits.maxBytes)
		throw tooLarge(origin, formatBytes(size), limits);
	let bytes: Buffer | undefined;
	let failure: unknown;
	try {
		bytes = await context.helpers.getBinaryDataBuffer(itemIndex, name);
	} catch (error) {
		failure = error;
	}
	if (!bytes) {
		throw new InputError(
			'Input Binary Field',
			`n8n could not read the file of binary field "${name}": ${(failure as Error)?.message ?? String(failure)}`,
			'binary data that still exists — files kept on disk or in the database are deleted with their execution',
		);
	}
	if (bytes.length > limits.maxBytes) throw tooLarge(origin, formatBytes(bytes.length), limits);
	return {
		bytes,
		originalName: binary.fileName || undefined,
		declaredMime: binary.mimeType,
		...origin,
	};
}

/**
 * The SHA-256 of a binary field's bytes (hex), read as a stream where n8n stores the file, so "the same
 * file" is the same whatever n8n's binary mode or the id it gave the file this time.
 */
export async function hashBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
): Promise<string> {
	const binary = binaryField(context, itemIndex, name);
	const hash = createHash('sha256');
	if (!binary.id) {
		const base64 = typeof binary.data === 'string' ? binary.data.replace(/\s+/g, '') : '';
		return hash.update(Buffer.from(base64, 'base64')).digest('hex');
	}
	const stream = await context.helpers.getBinaryStream(binary.id);
	try {
		for await (const chunk of stream) {
			hash.update(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
		}
	} finally {
		stream.destroy();
	}
	return hash.digest('hex');
}
