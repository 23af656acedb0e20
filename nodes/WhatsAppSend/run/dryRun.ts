import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { OutgoingMessage } from '../input/message';
import { MASK, maskDeep } from '../output/secrets';
import type { ProviderPlugin, ProviderRequest } from '../providers/types';

// Any header that looks like it carries a credential is masked too, whatever a provider calls it.
const SECRET_HEADER = /auth|key|token|secret|cookie|password/i;

function maskedHeaders(
	provider: ProviderPlugin,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries((options.headers ?? {}) as IDataObject)) {
		headers[name] = SECRET_HEADER.test(name) ? MASK : value;
	}
	// The headers n8n adds when it applies the credential, which the node never sees.
	for (const name of provider.credential.authHeaders(credentials)) headers[name] = MASK;
	return headers;
}

function fullUrl(options: IHttpRequestOptions): string {
	const qs = (options.qs ?? {}) as IDataObject;
	const entries = Object.entries(qs).filter(([, value]) => value !== undefined && value !== null);
	if (entries.length === 0) return options.url;
	const search = entries
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');
	return `${options.url}${options.url.includes('?') ? '&' : '?'}${search}`;
}

/** The body as it goes out: JSON as sent, multipart as its fields and a description of the file. */
function describeBody(request: ProviderRequest): IDataObject | null {
	if (request.json) return request.json;
	if (request.multipart) {
		const { fields, file } = request.multipart;
		// A dry run downloads nothing: a file from a link is described by the link.
		const size =
			file.notDownloaded !== undefined
				? { size: null, link: file.notDownloaded, downloaded: false }
				: { size: file.bytes.length };
		return {
			multipart: true,
			fields: { ...fields },
			file: { field: file.field, fileName: file.fileName, mimeType: file.mimeType, ...size },
		};
	}
	return null;
}

/**
 * What a dry run returns instead of sending: the exact request — method, URL, headers, body — with
 * every secret masked, in the output shape of a sent message so downstream nodes still work.
 */
export function dryRunJson(
	provider: ProviderPlugin,
	message: OutgoingMessage,
	request: ProviderRequest,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	secrets: readonly string[],
): IDataObject {
	return maskDeep(
		{
			provider: provider.id,
			messageType: message.type,
			to: provider.formatRecipient(message),
			messageId: null,
			status: 'dryRun',
			dryRun: true,
			request: {
				method: options.method ?? 'GET',
				url: fullUrl(options),
				headers: maskedHeaders(provider, options, credentials),
				body: describeBody(request),
			},
			...(request.notices?.length ? { notices: request.notices } : {}),
		},
		secrets,
	);
}
