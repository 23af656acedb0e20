import type { MediaMessage } from '../../input/message';
import { formatDigits } from '../../input/recipient';
import { checkLinkMedia } from '../../media/rules';
import { InputError } from '../../output/errors';
import type { ProviderRequest } from '../types';
import { bitbybitCommonFields } from './common';
import type { BitbybitExtras } from './read';

/**
 * bitbybit sends an image by link only, and `message` is required on every send, images included
 * (seed 000): the caption is that message, so an image without one is refused here instead of
 * guessing whether bitbybit takes an empty string or inventing a text the recipient would see.
 */
export function validateImage(message: MediaMessage<BitbybitExtras>): void {
	checkLinkMedia(message, 'bitbybit');
	if (!message.caption) {
		throw new InputError(
			'Caption',
			'is empty, and bitbybit requires a message text with every image (it is shown as the caption)',
			'the text to show under the image',
		);
	}
}

/** An image goes through /messages/send with `imageUrl`; `message` carries the caption. */
export function buildImage(message: MediaMessage<BitbybitExtras>): ProviderRequest {
	// The normalised link: a space or an upper-case scheme as typed would be refused by the API.
	const url = checkLinkMedia(message, 'bitbybit');
	return {
		method: 'POST',
		path: '/messages/send',
		json: {
			to: formatDigits(message.recipient),
			message: message.caption ?? '',
			imageUrl: url,
			sources: message.extras.source,
			...bitbybitCommonFields(message),
		},
	};
}
