import type { MediaFile } from '../media/file';

/** A form with one file, as the Multi-Session API takes uploads. */
export interface MultipartBody {
	fields: Record<string, string>;
	file: { field: string } & MediaFile;
}

// No runtime dependencies are allowed, so multipart/form-data is written here: a few lines of RFC 7578.
function boundaryFor(parts: Buffer[]): string {
	for (let attempt = 0; ; attempt++) {
		const boundary = `----n8nWhatsAppSend${Date.now().toString(16)}${attempt.toString(16)}${Math.random().toString(16).slice(2)}`;
		if (!parts.some((part) => part.includes(boundary))) return boundary;
	}
}

/** Quotes a header parameter value; line breaks and quotes would end the header early. */
function quote(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22')}"`;
}

export function encodeMultipart(body: MultipartBody): { body: Buffer; contentType: string } {
	const { file, fields } = body;
	const values = Object.entries(fields).map(
		([name, value]) => [name, Buffer.from(value, 'utf8')] as const,
	);
	const boundary = boundaryFor([file.bytes, ...values.map(([, value]) => value)]);
	const chunks: Buffer[] = [];
	for (const [name, value] of values) {
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quote(name)}\r\n\r\n`),
			value,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name=${quote(file.field)}; filename=${quote(file.fileName)}\r\n` +
				`Content-Type: ${file.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`,
		),
		file.bytes,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
