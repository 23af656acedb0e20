/** One multipart/form-data body, split into text fields and files. */
export interface ParsedMultipart {
	fields: Record<string, string>;
	files: Array<{ field: string; fileName: string; mimeType: string; bytes: Buffer }>;
}

function boundaryOf(contentType: string): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2];
}

function headerParam(header: string, name: string): string | undefined {
	const match =
		new RegExp(`${name}="([^"]*)"`, 'i').exec(header) ??
		new RegExp(`${name}=([^;\\s]+)`, 'i').exec(header);
	return match?.[1];
}

/** Reads a multipart body for the inbox; returns undefined when it is not one. */
export function parseMultipart(
	contentType: string | undefined,
	body: Buffer,
): ParsedMultipart | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
	const boundary = boundaryOf(contentType);
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary}`);
	const result: ParsedMultipart = { fields: {}, files: [] };
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const partStart = start + delimiter.length;
		if (body.subarray(partStart, partStart + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, partStart);
		if (next === -1) break;
		// A part is CRLF, headers, CRLF CRLF, content, CRLF.
		const part = body.subarray(partStart + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split !== -1) {
			const headers = part.subarray(0, split).toString('utf8');
			const content = part.subarray(split + 4);
			const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
			const name = headerParam(disposition, 'name') ?? '';
			const fileName = headerParam(disposition, 'filename');
			if (fileName !== undefined) {
				const mimeType =
					/content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
				result.files.push({ field: name, fileName, mimeType, bytes: Buffer.from(content) });
			} else {
				result.fields[name] = content.toString('utf8');
			}
		}
		start = next;
	}
	return result;
}
