/** Response headers as n8n's HTTP helper hands them over. */
export type HttpHeaders = Record<string, string | string[] | undefined>;

/** A provider's answer, whatever its status: the node classifies it, n8n does not throw for it. */
export interface HttpAnswer {
	statusCode: number;
	body: unknown;
	headers: HttpHeaders;
}

/** A response header by name, whatever its case; the first value when it came several times. */
export function headerOf(headers: HttpHeaders | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers?.[key];
	return Array.isArray(value) ? value[0] : value;
}

/** Multipart answers come back as text (`json: false`); a JSON body is still JSON. */
export function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}
