import { InputError } from '../../errors';
import type { MediaFile, OutgoingMessage, ProviderRequest } from '../../types';
import type { Lookup } from '../types';

// Filled in by the media work (issue 3): multipart uploads to /images, /videos, /audio, /documents, /stickers.
export function validateMultiSessionMedia(message: OutgoingMessage): void {
	throw new InputError('Message Type', `${message.type} messages are not available for the Multi-Session API yet`);
}

export async function prepareMultiSessionMedia(message: OutgoingMessage, lookup: Lookup): Promise<MediaFile> {
	return lookup.loadMedia(message, { maxBytes: 8 * 1024 * 1024 });
}

export function buildMultiSessionMedia(_message: OutgoingMessage, _file: MediaFile): ProviderRequest {
	throw new InputError('Message Type', 'media is not available for the Multi-Session API yet');
}
