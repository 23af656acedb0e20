import type { IDataObject } from 'n8n-workflow';

import type { MediaMessage } from '../../input/message';
import { checkLinkMedia } from '../../media/rules';

export function validateCallbellMedia(message: MediaMessage): void {
	checkLinkMedia(message, 'Callbell');
}

/**
 * Images go out as `type: "image"`, everything else as `type: "document"`: Callbell's published
 * audio and video examples — in every snippet language, and in the one public client that sends
 * audio — use `"document"` with `content.url`, and no Callbell document lists "audio" or "video" as a
 * message type. The caption (`content.text`) exists for images only.
 */
export function buildCallbellMedia(message: MediaMessage): IDataObject {
	const content: IDataObject = { url: checkLinkMedia(message, 'Callbell') };
	if (message.type === 'image' && message.caption) content.text = message.caption;
	return { type: message.type === 'image' ? 'image' : 'document', content };
}
