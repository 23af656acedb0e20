import { isNonEmptyString, unknownFields } from './fake';

// Media sends (seed 003): `type` image, document, audio or video with `content.url`; a caption
// (`content.text`) exists for images only. `document` takes any file, which is why Callbell's own
// audio and video examples, copied from the document one, also go through.
const MEDIA_TYPES = ['image', 'document', 'audio', 'video'];

export function checkCallbellMedia(type: string, content: Record<string, unknown>): string | undefined {
	if (!MEDIA_TYPES.includes(type)) return `type ${type} is not supported`;
	const unknown = unknownFields(content, type === 'image' ? ['url', 'text'] : ['url']);
	if (unknown) return `content for type ${type}: ${unknown}`;
	if (typeof content.url !== 'string' || !/^https?:\/\/[^\s/]+\/?\S*$/.test(content.url)) {
		return 'content.url is required and must be an http(s) URL';
	}
	if (content.text !== undefined && !isNonEmptyString(content.text)) return 'content.text must be a non-empty string';
	return undefined;
}
