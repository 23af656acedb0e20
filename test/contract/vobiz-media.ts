// Filled in by the media work (issue 3): the shared `media` object of the five media types.
export function checkVobizMedia(type: string, _media: unknown): string | undefined {
	return `media type ${type} is not checked by this fake yet`;
}
