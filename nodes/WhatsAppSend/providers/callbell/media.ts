import type { IDataObject } from 'n8n-workflow';

import { checkLinkMedia } from '../../mediaChecks';
import type { OutgoingMessage } from '../../types';

export function validateCallbellMedia(message: OutgoingMessage): void {
	checkLinkMedia(message, 'Callbell');
}

/**
 * `type` is the media type itself, also for audio and video. Callbell's published audio and video
 * examples say `"document"`, but they are copies of the document example (same shape, even the
 * document example's file is called my_image.pdf); the reference lists audio and video as message
 * types, its template examples send `type: "video"`, and audio/video are restricted to the official
 * WhatsApp Business API integration — which only makes sense for real audio and video messages, since
 * documents work on every integration. Sent as "document" they would arrive as a file to download
 * instead of a playable voice or video message. The caption (`content.text`) exists for images only.
 */
export function buildCallbellMedia(message: OutgoingMessage): IDataObject {
	const content: IDataObject = { url: checkLinkMedia(message, 'Callbell') };
	if (message.type === 'image' && message.caption) content.text = message.caption;
	return { type: message.type, content };
}
