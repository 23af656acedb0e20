import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import { parseErrorBody } from '../providers/parse';
import { maskDeep, secretsOf } from '../secrets';
import { normalizeBaseUrl } from '../transport';

/** An authenticated GET for the editor's pickers; a refusal shows the provider's own message. */
export async function loadJson(
	context: ILoadOptionsFunctions,
	credentialType: string,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const credentials = await context.getCredentials(credentialType);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(context.getNode(), `The credential's Base URL "${String(credentials.baseUrl ?? '')}" is not an http(s) URL`);
	}
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
		method: 'GET',
		url: `${baseUrl}${path}`,
		qs,
		json: true,
		timeout: 30_000,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
	// A provider may echo the key back in its error: mask it before it reaches the editor.
	const fields = Object.values(PROVIDERS).find((p) => p.credentialType === credentialType)?.secretFields ?? [];
	const detail = maskDeep(parseErrorBody(response.body), secretsOf(credentials, fields));
	throw new NodeApiError(context.getNode(), { ...detail } as never, {
		message: `Could not load the list (HTTP ${response.statusCode}): ${detail.message ?? 'no error message'}${detail.code ? ` [${detail.code}]` : ''}`,
		httpCode: String(response.statusCode),
	});
}
