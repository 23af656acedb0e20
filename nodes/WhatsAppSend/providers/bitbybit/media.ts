import { InputError } from '../../errors';
import { formatDigits } from '../../recipient';
import type { OutgoingMessage, ProviderRequest } from '../../types';
import { bitbybitCommonFields } from './common';

export function validateImage(message: OutgoingMessage): void {
	if (message.media?.source !== 'url') {
		throw new InputError(
			'Media Source',
			'bitbybit sends images only from a public URL, not from binary data',
			'an http(s) link in "Media URL" — host the file first (for example in cloud storage) and pass its link',
		);
	}
}

/** An image goes through /messages/send with `imageUrl`; the API requires `message`, which carries the caption. */
export function buildImage(message: OutgoingMessage): ProviderRequest {
	const url = message.media?.source === 'url' ? message.media.url : '';
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
