import { isNonEmptyString, unknownFields } from '../fake';

// The shared `media` object of the five media types (seed 002): a public link or a Meta media id,
// `caption` for image, video and document, `filename` for document. Meta, behind Vobiz, fetches http
// and https links, so both are accepted; the caption limit is Meta's.
const CAPTIONED = ['image', 'video', 'document'];
const MAX_CAPTION = 1024;

export function checkVobizMedia(type: string, media: unknown): string | undefined {
	if (!media || typeof media !== 'object' || Array.isArray(media))
		return `type ${type} requires a media object`;
	const fields = media as Record<string, unknown>;
	const allowed = [
		'link',
		'id',
		...(CAPTIONED.includes(type) ? ['caption'] : []),
		...(type === 'document' ? ['filename'] : []),
	];
	const unknown = unknownFields(fields, allowed);
	if (unknown) return `media for type ${type}: ${unknown}`;
	const hasLink = fields.link !== undefined;
	const hasId = fields.id !== undefined;
	if (hasLink === hasId) return 'media requires exactly one of link or id';
	if (
		hasLink &&
		(typeof fields.link !== 'string' || !/^https?:\/\/[^\s/]+\/?\S*$/.test(fields.link))
	) {
		return 'media.link must be a public http(s) URL';
	}
	if (hasId && (!isNonEmptyString(fields.id) || /\s/.test(fields.id)))
		return 'media.id must be a media id';
	if (
		fields.caption !== undefined &&
		(!isNonEmptyString(fields.caption) || fields.caption.length > MAX_CAPTION)
	) {
		return `media.caption must be a non-empty string of at most ${MAX_CAPTION} characters`;
	}
	if (fields.filename !== undefined && !isNonEmptyString(fields.filename))
		return 'media.filename must be a non-empty string';
	return undefined;
}
