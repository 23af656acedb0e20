import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { WhatsAppProvider } from '../providers/types';
import { MASK, maskDeep } from '../output/secrets';
import type { OutgoingMessage, ProviderRequest } from '../input/message';

/**
 * The headers each credential type adds when n8n authenticates the request. The node never sees
 * them (n8n applies the credential after the node hands the request over), so a dry run names them
 * here, always with a masked value. Kept in step with credentials/*.credentials.ts.
 */
const AUTH_HEADERS: Record<string, (credentials: ICredentialDataDecryptedObject) => string[]> = {
	whatsAppSendBitbybitApi: (credentials) => [String(credentials.headerName || 'x-api-key').trim()],
	whatsAppSendVobizApi: () => ['X-Auth-ID', 'X-Auth-Token'],
	whatsAppSendCallbellApi: () => ['Authorization'],
	whatsAppSendMultiSessionApi: () => ['Authorization'],
};

// Any header that looks like it carries a credential is masked too, whatever a provider calls it.
const SECRET_HEADER = /auth|key|token|secret|cookie|password/i;

function maskedHeaders(
	provider: WhatsAppProvider<unknown>,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries((options.headers ?? {}) as IDataObject)) {
		headers[name] = SECRET_HEADER.test(name) ? MASK : value;
	}
	const authNames = AUTH_HEADERS[provider.credentialType]?.(credentials) ?? [];
	for (const name of authNames) headers[name] = MASK;
	return headers;
}

function fullUrl(options: IHttpRequestOptions): string {
	const qs = (options.qs ?? {}) as IDataObject;
	const entries = Object.entries(qs).filter(([, value]) => value !== undefined && value !== null);
	if (entries.length === 0) return options.url;
	const search = entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&');
	return `${options.url}${options.url.includes('?') ? '&' : '?'}${search}`;
}

/** The body as it goes out: JSON as sent, multipart as its fields and a description of the file. */
function describeBody(request: ProviderRequest): IDataObject | null {
	if (request.json) return request.json;
	if (request.multipart) {
		const { fields, file } = request.multipart;
		// A dry run downloads nothing: a file from a link is described by the link.
		const size = file.notDownloaded !== undefined ? { size: null, link: file.notDownloaded, downloaded: false } : { size: file.bytes.length };
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
	provider: WhatsAppProvider<unknown>,
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
