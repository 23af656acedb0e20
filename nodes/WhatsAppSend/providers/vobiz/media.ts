import type { IDataObject } from 'n8n-workflow';

import type { MediaMessage } from '../../input/message';
import {
	checkLinkMedia,
	extensionOf,
	fileNameFromUrl,
	urlOnlyProviderError,
} from '../../media/rules';
import { InputError, quoteValue } from '../../output/errors';
import type { VobizExtras } from './read';

type VobizMediaMessage = MediaMessage<VobizExtras>;

// Meta's rule, which Vobiz passes on: captions for image, video and document; a file name for documents.
const CAPTIONED = ['image', 'video', 'document'];

/** With the option "Use Media ID", Media URL holds an id of a file already uploaded to Meta. */
function checkMediaId({ media }: VobizMediaMessage): void {
	if (media.source !== 'url') throw urlOnlyProviderError('Vobiz');
	const id = media.url.trim();
	if (id === '')
		throw new InputError(
			'Media URL',
			'is empty, and the option "Use Media ID" needs a media id there',
			'a Meta media id such as 1037543291543636',
		);
	if (/^https?:\/\//i.test(id) || /\s/.test(id)) {
		throw new InputError(
			'Media URL',
			`${quoteValue(id)} is not a media id (the option "Use Media ID" is on)`,
			'a Meta media id such as 1037543291543636, or turn "Use Media ID" off to send a link',
		);
	}
}

export function validateVobizMedia(message: VobizMediaMessage): void {
	if (message.extras.mediaId) {
		checkMediaId(message);
		return;
	}
	const link = checkLinkMedia(message, 'Vobiz');
	// Only a link that names its file can be checked; signed or query links get the benefit of the doubt.
	const extension = extensionOf(fileNameFromUrl(link) ?? '');
	if (message.type === 'sticker' && extension !== undefined && extension !== 'webp') {
		throw new InputError(
			'Media URL',
			`a sticker must be a WebP image, but the link points to a .${extension} file`,
			'a link to a .webp file (WhatsApp shows stickers only in WebP)',
		);
	}
}

/** The shared `media` object of the five media types: `link` or `id`, and what the type takes besides. */
export function buildVobizMedia(message: VobizMediaMessage): IDataObject {
	const media: IDataObject = message.extras.mediaId
		? { id: message.media.source === 'url' ? message.media.url.trim() : '' }
		: { link: checkLinkMedia(message, 'Vobiz') };
	if (message.caption && CAPTIONED.includes(message.type)) media.caption = message.caption;
	if (message.fileName && message.type === 'document') media.filename = message.fileName;
	return { media };
}
