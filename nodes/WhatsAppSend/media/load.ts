import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Deadline, DeadlineClock } from '../http/deadline';
import { InputError, noAnswerWithin, timeoutHint } from '../output/errors';
import { Halted } from '../run/halt';
import type { StopSwitch } from '../run/halt';
import {
	baseMime,
	checkFileMatchesType,
	checkMediaUrl,
	extensionFromMime,
	extensionOf,
	fileNameFromContentDisposition,
	fileNameFromUrl,
	formatBytes,
	GENERIC_MIME,
	mimeFromFileName,
	sniffMime,
} from './rules';
import { privateHostReason } from './privateHosts';
import type { MediaLimits } from '../providers/types';
import { displayUrl } from '../output/secrets';
import { headerOf } from '../http/transport';
import { isMediaType } from '../input/message';
import type { MediaFile, OutgoingMessage } from '../input/message';

// Loads the bytes of a message's media for providers that upload files: from the item's binary data
// (through n8n's helpers, so filesystem, database and S3 binary modes work) or downloaded from a link.

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
	if (message.media?.source !== 'binary') return;
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

function tooLarge(loaded: Pick<LoadedBytes, 'source' | 'parameter'>, size: string, limits: MediaLimits): InputError {
	return new InputError(
		loaded.parameter,
		`${loaded.source} is ${size}, over the limit of ${formatBytes(limits.maxBytes)}${limits.reason ? `: ${limits.reason}` : ''}`,
		limits.remedy ?? `a file of at most ${formatBytes(limits.maxBytes)}`,
	);
}

/** The size n8n recorded for a binary, without reading it: metadata, the stored file's size, or the base64 length. */
async function declaredSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
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

interface LoadedBytes {
	bytes: Buffer;
	/** What the file was called where it came from; undefined when nothing said. */
	originalName?: string;
	declaredMime?: string;
	/** How error messages name the file: `binary field "data"` or `the file at https://…`. */
	source: string;
	/** The parameter an error about the file points at. */
	parameter: 'Input Binary Field' | 'Media URL';
}

/** Refuses binary media whose recorded size is over the limits, without reading the file. */
export async function checkRecordedMediaSize(
	context: IExecuteFunctions,
	message: OutgoingMessage,
	limits: MediaLimits,
): Promise<void> {
	if (message.media?.source !== 'binary') return;
	const name = message.media.binaryPropertyName;
	const size = await declaredSize(context, binaryField(context, message.itemIndex, name));
	if (size !== undefined && size > limits.maxBytes) {
		throw tooLarge({ source: `binary field "${name}"`, parameter: 'Input Binary Field' }, formatBytes(size), limits);
	}
}

/**
 * The first `length` bytes of a binary field, without reading the rest: from n8n's binary data
 * stream (filesystem, database, S3 modes) or from the start of the in-memory base64. Undefined when
 * the field cannot be read now; loading it later reports why.
 */
export async function readBinaryHead(
	context: IExecuteFunctions,
	message: OutgoingMessage,
	length: number,
): Promise<Buffer | undefined> {
	if (message.media?.source !== 'binary') return undefined;
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

async function loadBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	limits: MediaLimits,
): Promise<LoadedBytes> {
	const binary = binaryField(context, itemIndex, name);
	const origin = { source: `binary field "${name}"`, parameter: 'Input Binary Field' as const };
	// Refused from metadata first, so a huge file is never read into memory for nothing.
	const size = await declaredSize(context, binary);
	if (size !== undefined && size > limits.maxBytes) throw tooLarge(origin, formatBytes(size), limits);
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
	return { bytes, originalName: binary.fileName || undefined, declaredMime: binary.mimeType, ...origin };
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	return headerOf(headers, name);
}

interface BodyStream {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: () => void;
}

function isStream(body: unknown): body is BodyStream {
	return typeof (body as BodyStream | undefined)?.[Symbol.asyncIterator] === 'function';
}

function discard(body: unknown): void {
	if (isStream(body)) body.destroy?.();
}

function networkProblem(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	const message = (error as Error)?.message ?? String(error);
	return typeof code === 'string' && code !== '' && !message.includes(code) ? `${message} (${code})` : message;
}

const REACHABLE_LINK = 'a public http(s) link that the n8n server can open without logging in';

/** Redirect hops a download follows at most (CDNs use one or two). */
const MAX_HOPS = 5;

export interface DownloadSettings {
	/** Milliseconds for the whole download, every hop and the last byte included. */
	timeout: number;
	/** False in a dry run: the link is checked, nothing is downloaded. */
	download: boolean;
	/** Ends the download when the run stops or the execution is cancelled. */
	halt?: StopSwitch;
	/** The run's deadline clock. */
	clock: DeadlineClock;
}

/**
 * Refuses a link (the first or a redirect hop) that is not http(s), or whose host is on the n8n server's own
 * machine or network, unless the option allows that. Hosts are judged as written: a name that resolves to a
 * private address is left to n8n's SSRF protection, which sees the address.
 */
export function checkDownloadUrl(url: URL, allowPrivate: boolean | undefined, hop: number): void {
	const shown = displayUrl(url.href);
	const where = hop === 0 ? `the link ${shown}` : `the link redirects (hop ${hop}) to ${shown}, which`;
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InputError('Media URL', `${where} uses ${url.protocol.replace(/:$/, '')}, not http or https`, REACHABLE_LINK);
	}
	const reason = allowPrivate ? undefined : privateHostReason(url.hostname);
	if (reason) {
		throw new InputError(
			'Media URL',
			`${where} points to ${reason} (${url.hostname}): the node does not download from the n8n server's own machine or network unless told to`,
			'a public link — or, for a file server in your own network, turn on the option "Allow Private Media Hosts"',
		);
	}
}

/** A redirect's Location, resolved against the link that answered it; undefined when it is no URL. */
function resolveLink(location: string, base: string): string | undefined {
	try {
		return new URL(location, base).href;
	} catch {
		return undefined;
	}
}

/** What ended a download that broke off — its deadline, the run's stop, or the network — before or while the body came. */
function downloadFailure(
	error: unknown,
	url: string,
	settings: DownloadSettings,
	deadline: Deadline,
	during: 'request' | 'body',
): Error {
	if (settings.halt?.aborted) return new Halted();
	if (deadline.timedOut) {
		return new InputError(
			'Media URL',
			`the download of ${displayUrl(url)} did not finish: ${noAnswerWithin(settings.timeout)}`,
			REACHABLE_LINK,
			timeoutHint(settings.timeout),
		);
	}
	const what = during === 'request' ? `could not download ${displayUrl(url)}` : `the download of ${displayUrl(url)} broke off`;
	return new InputError('Media URL', `${what}: ${networkProblem(error)}`, REACHABLE_LINK);
}

/**
 * Downloads a link through n8n's HTTP helper (its proxy and SSRF settings apply) without credentials:
 * the provider's key must never travel to a third-party host. Redirects are followed by the node itself,
 * each hop checked like the first link; the whole download, hops and body included, ends at `timeout`.
 * The size is capped twice — by the announced Content-Length, then by counting bytes — so an oversized
 * file is refused mid-download.
 */
async function download(
	context: IExecuteFunctions,
	link: URL,
	limits: MediaLimits,
	settings: DownloadSettings,
	allowPrivate: boolean | undefined,
): Promise<LoadedBytes> {
	const deadline = settings.clock.start(settings.timeout, settings.halt);
	try {
		return await downloadWithin(context, link, limits, settings, allowPrivate, deadline);
	} finally {
		deadline.release();
	}
}

async function downloadWithin(
	context: IExecuteFunctions,
	link: URL,
	limits: MediaLimits,
	settings: DownloadSettings,
	allowPrivate: boolean | undefined,
	deadline: Deadline,
): Promise<LoadedBytes> {
	const signal = deadline.signal;
	let url = link.href;
	let response: IDataObject | undefined;
	for (let hop = 0; ; hop++) {
		checkDownloadUrl(new URL(url), allowPrivate, hop);
		try {
			response = (await context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: settings.timeout,
				abortSignal: signal,
			})) as IDataObject;
		} catch (error) {
			throw downloadFailure(error, url, settings, deadline, 'request');
		}
		const status = Number(response.statusCode ?? 0);
		const location = header((response.headers ?? {}) as Headers, 'location');
		if (status < 300 || status >= 400 || !location) break;
		discard(response.body);
		if (hop + 1 > MAX_HOPS) {
			throw new InputError('Media URL', `${displayUrl(link.href)} redirects more than ${MAX_HOPS} times`, REACHABLE_LINK);
		}
		const next = resolveLink(location, url);
		if (next === undefined) throw new InputError('Media URL', `${displayUrl(url)} redirects to something that is not a link`, REACHABLE_LINK);
		url = next;
	}
	const origin = { source: `the file at ${displayUrl(url)}`, parameter: 'Media URL' as const };

	const body: unknown = response.body;
	const status = Number(response.statusCode ?? 0);
	const headers = (response.headers ?? {}) as Headers;
	if (status < 200 || status >= 300) {
		discard(body);
		throw new InputError('Media URL', `downloading ${displayUrl(url)} failed with HTTP ${status}`, REACHABLE_LINK);
	}
	const announced = Number(header(headers, 'content-length'));
	if (Number.isFinite(announced) && announced > limits.maxBytes) {
		discard(body);
		throw tooLarge(origin, `${formatBytes(announced)} (announced by its server)`, limits);
	}

	let bytes: Buffer;
	if (isStream(body)) {
		const chunks: Buffer[] = [];
		let total = 0;
		let readFailure: unknown;
		try {
			for await (const chunk of body) {
				const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
				total += buffer.length;
				// Leaving the loop destroys the stream: the rest is never downloaded.
				if (total > limits.maxBytes) break;
				chunks.push(buffer);
			}
		} catch (error) {
			readFailure = error;
		}
		if (total > limits.maxBytes) {
			throw tooLarge(origin, `more than ${formatBytes(limits.maxBytes)} (the download was stopped there)`, limits);
		}
		if (readFailure !== undefined || signal.aborted) throw downloadFailure(readFailure, url, settings, deadline, 'body');
		bytes = Buffer.concat(chunks, total);
	} else {
		bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '');
		if (bytes.length > limits.maxBytes) throw tooLarge(origin, formatBytes(bytes.length), limits);
	}
	return {
		bytes,
		originalName: fileNameFromContentDisposition(header(headers, 'content-disposition')) ?? fileNameFromUrl(url),
		declaredMime: header(headers, 'content-type'),
		...origin,
	};
}

/** Declared type unless it is missing or generic, then the bytes, then the name's extension. */
function resolveMime(declared: string | undefined, bytes: Buffer, fileName: string | undefined): string {
	const mime = baseMime(declared);
	if (mime !== '' && mime !== GENERIC_MIME) return mime;
	return sniffMime(bytes) ?? (fileName ? mimeFromFileName(fileName) : undefined) ?? GENERIC_MIME;
}

/** The user's File Name wins; otherwise the original name, given an extension when it has none. */
function resolveFileName(message: OutgoingMessage, loaded: LoadedBytes, mimeType: string): string {
	if (message.fileName) return message.fileName;
	const extension = extensionFromMime(mimeType);
	const original = loaded.originalName;
	if (original) return extensionOf(original) || !extension ? original : `${original}.${extension}`;
	return `${message.type}.${extension ?? 'bin'}`;
}

/**
 * The bytes, file name and MIME type of the message's media, refused before any upload when the
 * field is missing, the link fails, the file is empty, too large, or not what the message type needs.
 */
export async function loadMediaFile(
	context: IExecuteFunctions,
	message: OutgoingMessage,
	limits: MediaLimits,
	settings: DownloadSettings,
): Promise<MediaFile> {
	const media = message.media;
	if (!media) throw new InputError('Media', 'is missing');
	if (media.source === 'url' && !settings.download) return linkNotDownloaded(message, checkMediaUrl(media.url));
	const loaded =
		media.source === 'binary'
			? await loadBinary(context, message.itemIndex, media.binaryPropertyName, limits)
			: await download(context, checkMediaUrl(media.url), limits, settings, message.options.allowPrivateMediaHosts);
	if (loaded.bytes.length === 0) {
		throw new InputError(loaded.parameter, `${loaded.source} is empty (0 bytes)`, 'a file with content');
	}
	const mimeType = resolveMime(loaded.declaredMime, loaded.bytes, message.fileName ?? loaded.originalName);
	if (isMediaType(message.type)) checkFileMatchesType(message.type, loaded.bytes, mimeType, loaded.source, loaded.parameter);
	return { bytes: loaded.bytes, fileName: resolveFileName(message, loaded, mimeType), mimeType };
}

/**
 * A dry run's stand-in for a link it does not download: the link is checked as a download's first hop
 * would be, and the file is described by what the link says (its name and the type its extension names).
 */
function linkNotDownloaded(message: OutgoingMessage, link: URL): MediaFile {
	checkDownloadUrl(link, message.options.allowPrivateMediaHosts, 0);
	const original = fileNameFromUrl(link.href);
	const mimeType = (message.fileName ? mimeFromFileName(message.fileName) : undefined) ?? (original ? mimeFromFileName(original) : undefined) ?? GENERIC_MIME;
	const loaded: LoadedBytes = { bytes: Buffer.alloc(0), originalName: original, source: `the file at ${displayUrl(link.href)}`, parameter: 'Media URL' };
	return { bytes: loaded.bytes, fileName: resolveFileName(message, loaded, mimeType), mimeType, notDownloaded: displayUrl(link.href) };
}
