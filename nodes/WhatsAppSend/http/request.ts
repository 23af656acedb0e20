import type { IHttpRequestOptions } from 'n8n-workflow';

import type { ProviderRequest } from '../providers/types';
import { encodeMultipart } from './multipart';
import { checkPath, joinUrl } from './urls';

/**
 * Turns a provider request into n8n's HTTP options. Pure, so dry runs show exactly what is sent.
 * Redirects are never followed: n8n's helper would otherwise take the key to wherever a redirect
 * points and turn a POST into a GET; a 3xx comes back as an answer, and the node reports it.
 */
export function toHttpOptions(
	request: ProviderRequest,
	baseUrl: string,
	timeout: number,
): IHttpRequestOptions {
	checkPath(request.path);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		timeout,
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (request.json) {
		options.body = request.json;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.multipart) {
		const encoded = encodeMultipart(request.multipart);
		options.body = encoded.body;
		options.json = false;
		options.headers = { ...options.headers, 'Content-Type': encoded.contentType };
	}
	if (request.qs) options.qs = request.qs;
	return options;
}
