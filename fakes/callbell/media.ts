import { isNonEmptyString, unknownFields } from '../fake';

// Media sends as Callbell publishes them (seed 003 and its request examples, callbell-public-docs
// src/snippets/*/messages_api/post_messages_{image,image_caption,document,audio,video}): `type` is
// "image" or "document" with `content.url`; a caption (`content.text`) only in the image example. The
// audio and video examples, in all nine snippet languages, send `type: "document"`, and no Callbell
// document lists "audio" or "video" as a message type — so this fake refuses them.
const MEDIA_TYPES = ['image', 'document'];

export function checkCallbellMedia(
	type: string,
	content: Record<string, unknown>,
): string | undefined {
	if (!MEDIA_TYPES.includes(type)) return `type ${type} is not supported`;
	const unknown = unknownFields(content, type === 'image' ? ['url', 'text'] : ['url']);
	if (unknown) return `content for type ${type}: ${unknown}`;
	if (typeof content.url !== 'string' || !/^https?:\/\/[^\s/]+\/?\S*$/.test(content.url)) {
		return 'content.url is required and must be an http(s) URL';
	}
	if (content.text !== undefined && !isNonEmptyString(content.text))
		return 'content.text must be a non-empty string';
	return undefined;
}
