import { InputError } from '../../output/errors';
import { checkLinkMedia } from '../../media/rules';
import { formatDigits } from '../../input/recipient';
import type { OutgoingMessage } from '../../input/message';
import type { ProviderRequest } from '../types';
import { bitbybitCommonFields } from './common';

/**
 * bitbybit sends an image by link only, and `message` is required on every send, images included
 * (seed 000): the caption is that message, so an image without one is refused here instead of
 * guessing whether bitbybit takes an empty string or inventing a text the recipient would see.
 */
export function validateImage(message: OutgoingMessage): void {
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
export function buildImage(message: OutgoingMessage): ProviderRequest {
	// The normalised link: a space or an upper-case scheme as typed would be refused by the API.
	const url = checkLinkMedia(message, 'bitbybit');
	return {
		method: 'POST',
		path: '/messages/send',
		json: {
			to: formatDigits(message.recipient),
			message: message.caption ?? '',
			imageUrl: url,
			sources: message.source,
			...bitbybitCommonFields(message),
		},
	};
}
