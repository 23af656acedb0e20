import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseErrorBody } from '../providers/shared/parse';
import { maskDeep, maskText, secretsOf } from '../output/secrets';
import { checkPath, joinUrl, normalizeBaseUrl } from '../http/transport';
import type { ApiRequest, TriggerProvider } from './types';

export interface ApiAnswer {
	statusCode: number;
	body: unknown;
}

const API_TIMEOUT_MS = 30_000;

/**
 * The credential's secrets (the provider's `secretFields`) and any other the call involves (a
 * subscription's secret), in every escaped form: masked in whatever reaches the user or the log.
 */
export async function credentialSecrets(context: IHookFunctions, provider: TriggerProvider, extra: Array<string | undefined> = []): Promise<string[]> {
	const credentials = await context.getCredentials(provider.credential.type);
	const fields = provider.credential.secretFields;
	const values = [...fields.map((field) => credentials[field]), ...extra];
	const named: ICredentialDataDecryptedObject = Object.fromEntries(values.map((value, index) => [String(index), String(value ?? '')]));
	return secretsOf(named, Object.keys(named));
}

export async function baseUrlOf(context: IHookFunctions, provider: TriggerProvider): Promise<string> {
	const credentials = await context.getCredentials(provider.credential.type);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(context.getNode(), `The credential's Base URL "${String(credentials.baseUrl ?? '').trim()}" is not an http(s) URL`, {
			description: 'Use a URL such as https://api.example.com/v1, without user name, password, query string or fragment.',
		});
	}
	return baseUrl;
}

/**
 * One call to a provider's webhook API through n8n's authenticated HTTP helper. Redirects are not
 * followed (they would carry the credential's headers elsewhere); the status is returned, not thrown.
 */
export async function callProvider(context: IHookFunctions, provider: TriggerProvider, request: ApiRequest): Promise<ApiAnswer> {
	const baseUrl = await baseUrlOf(context, provider);
	checkPath(request.path);
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, provider.credential.type, {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		...(request.json ? { body: request.json, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } } : { headers: { Accept: 'application/json' } }),
		json: true,
		timeout: API_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	})) as IDataObject;
	return { statusCode: Number(response.statusCode ?? 0), body: response.body };
}

export function isSuccess(answer: ApiAnswer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/** A provider's refusal, in its own words, with every secret masked. */
export function refusal(context: IHookFunctions, what: string, answer: ApiAnswer, secrets: string[], description?: string): NodeOperationError {
	const detail = maskDeep(parseErrorBody(answer.body), secrets);
	const said = detail.message ? `: ${detail.message}${detail.code ? ` [${detail.code}]` : ''}` : '';
	return new NodeOperationError(context.getNode(), maskText(`${what} (HTTP ${answer.statusCode})${said}`, secrets), {
		...(description ? { description } : {}),
	});
}
