// Filled in by the media work (issue 3).
export function checkCallbellMedia(type: string, _content: Record<string, unknown>): string | undefined {
	return `type ${type} is not checked by this fake yet`;
}
