/** Largest provider answer an output item keeps as `raw`, in characters of its JSON text. */
export const MAX_RAW_CHARS = 64 * 1024;

/**
 * The provider's answer as an output item keeps it: whole when its JSON text is at most 64 KB, otherwise
 * the start of that text with a marker saying it was cut and how long it was. A misbehaving provider
 * cannot put 30 MB into every output item of a broadcast. Mask secrets before calling this: a key cut
 * in half at the end would no longer be recognised.
 */
export function boundedRaw(body: unknown): unknown {
	if (body === undefined || body === null) return null;
	if (typeof body === 'number' || typeof body === 'boolean') return body;
	let text: string;
	if (typeof body === 'string') {
		if (body.length <= MAX_RAW_CHARS) return body;
		text = body;
	} else {
		try {
			text = JSON.stringify(body) ?? '';
		} catch {
			// Nested deeper than JSON.stringify can follow: n8n could not store it either.
			return { truncated: true, reason: 'the answer is nested too deeply to keep' };
		}
		if (text.length <= MAX_RAW_CHARS) return body;
	}
	return { truncated: true, length: text.length, start: text.slice(0, MAX_RAW_CHARS) };
}
