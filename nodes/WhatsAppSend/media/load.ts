import type { IExecuteFunctions } from 'n8n-workflow';

import { headerOf } from '../http/answer';
import { download, REACHABLE_LINK } from '../http/download';
import type { DownloadSettings } from '../http/download';
import type { MediaMessage } from '../input/message';
import { InputError } from '../output/errors';
import { displayUrl } from '../output/secrets';
import { loadBinary } from './binary';
import type { MediaFile, MediaLimits } from './file';
import { tooLarge } from './limits';
import type { LoadedFile } from './limits';
import { privateHostReason } from './privateHosts';
import {
	baseMime,
	checkFileMatchesType,
	checkMediaUrl,
	extensionFromMime,
	extensionOf,
	fileNameFromContentDisposition,
	fileNameFromUrl,
	GENERIC_MIME,
	mimeFromFileName,
	sniffMime,
} from './rules';

// Loads the bytes of a message's media for providers that upload files: from the item's binary data
// or downloaded from a link.

export interface MediaLoadSettings extends DownloadSettings {
	/** False in a dry run: the link is checked, nothing is downloaded. */
	download: boolean;
}

/**
 * Refuses a link (the first or a redirect hop) that is not http(s), or whose host is on the n8n server's own
 * machine or network, unless the option allows that. Hosts are judged as written: a name that resolves to a
 * private address is left to n8n's SSRF protection, which sees the address.
 */
function checkDownloadUrl(url: URL, allowPrivate: boolean, hop: number): void {
	const shown = displayUrl(url.href);
	const where =
		hop === 0 ? `the link ${shown}` : `the link redirects (hop ${hop}) to ${shown}, which`;
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InputError(
			'Media URL',
			`${where} uses ${url.protocol.replace(/:$/, '')}, not http or https`,
			REACHABLE_LINK,
		);
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

/** A link's file, its hops checked and its size capped by the provider's limits. */
async function loadLink(
	context: IExecuteFunctions,
	link: URL,
	limits: MediaLimits,
	settings: MediaLoadSettings,
	allowPrivate: boolean,
): Promise<LoadedFile> {
	const { bytes, url, headers } = await download(context, link, settings, {
		checkHop: (hopUrl, hop) => checkDownloadUrl(hopUrl, allowPrivate, hop),
		maxBytes: limits.maxBytes,
		tooLarge: (size, finalUrl) =>
			tooLarge(
				{ source: `the file at ${displayUrl(finalUrl)}`, parameter: 'Media URL' },
				size,
				limits,
			),
	});
	return {
		bytes,
		originalName:
			fileNameFromContentDisposition(headerOf(headers, 'content-disposition')) ??
			fileNameFromUrl(url),
		declaredMime: headerOf(headers, 'content-type'),
		source: `the file at ${displayUrl(url)}`,
		parameter: 'Media URL',
	};
}

/** Declared type unless it is missing or generic, then the bytes, then the name's extension. */
function resolveMime(
	declared: string | undefined,
	bytes: Buffer,
	fileName: string | undefined,
): string {
	const mime = baseMime(declared);
	if (mime !== '' && mime !== GENERIC_MIME) return mime;
	return sniffMime(bytes) ?? (fileName ? mimeFromFileName(fileName) : undefined) ?? GENERIC_MIME;
}

/** The user's File Name wins; otherwise the original name, given an extension when it has none. */
function resolveFileName(message: MediaMessage, loaded: LoadedFile, mimeType: string): string {
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
	message: MediaMessage,
	limits: MediaLimits,
	settings: MediaLoadSettings,
	allowPrivate: boolean,
): Promise<MediaFile> {
	const { media } = message;
	if (media.source === 'url' && !settings.download)
		return linkNotDownloaded(message, checkMediaUrl(media.url), allowPrivate);
	const loaded =
		media.source === 'binary'
			? await loadBinary(context, message.itemIndex, media.binaryPropertyName, limits)
			: await loadLink(context, checkMediaUrl(media.url), limits, settings, allowPrivate);
	if (loaded.bytes.length === 0) {
		throw new InputError(
			loaded.parameter,
			`${loaded.source} is empty (0 bytes)`,
			'a file with content',
		);
	}
	const mimeType = resolveMime(
		loaded.declaredMime,
		loaded.bytes,
		message.fileName ?? loaded.originalName,
	);
	checkFileMatchesType(message.type, loaded.bytes, mimeType, loaded.source, loaded.parameter);
	return { bytes: loaded.bytes, fileName: resolveFileName(message, loaded, mimeType), mimeType };
}

/**
 * A dry run's stand-in for a link it does not download: the link is checked as a download's first hop
 * would be, and the file is described by what the link says (its name and the type its extension names).
 */
function linkNotDownloaded(message: MediaMessage, link: URL, allowPrivate: boolean): MediaFile {
	checkDownloadUrl(link, allowPrivate, 0);
	const original = fileNameFromUrl(link.href);
	const mimeType =
		(message.fileName ? mimeFromFileName(message.fileName) : undefined) ??
		(original ? mimeFromFileName(original) : undefined) ??
		GENERIC_MIME;
	const loaded: LoadedFile = {
		bytes: Buffer.alloc(0),
		originalName: original,
		source: `the file at ${displayUrl(link.href)}`,
		parameter: 'Media URL',
	};
	return {
		bytes: loaded.bytes,
		fileName: resolveFileName(message, loaded, mimeType),
		mimeType,
		notDownloaded: displayUrl(link.href),
	};
}
