import type { ICredentialDataDecryptedObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpAnswer } from '../http/answer';
import { cancelSignalOf, ProviderClient } from '../http/client';
import { NoAnswerError } from '../http/noAnswer';
import { normalizeBaseUrl } from '../http/urls';
import { describeFailure, noAnswerFailure } from '../output/failure';
import { maskDeep, maskText, scrubError, secretsOf } from '../output/secrets';
import { parseErrorBody } from '../providers/shared/parse';
import { StopSwitch } from '../run/halt';
import { DEFAULT_TIMEOUT_MS } from '../run/settings';
import type { ApiRequest, TriggerProvider } from './types';

/**
 * The credential's secrets (the provider's `secretFields`) and any other the call involves (a
 * subscription's secret), in every escaped form: masked in whatever reaches the user or the log.
 */
export async function credentialSecrets(
	context: IHookFunctions,
	provider: TriggerProvider,
	extra: Array<string | undefined> = [],
): Promise<string[]> {
	const credentials = await context.getCredentials(provider.credential.type);
	const fields = provider.credential.secretFields;
	const values = [...fields.map((field) => credentials[field]), ...extra];
	const named: ICredentialDataDecryptedObject = Object.fromEntries(
		values.map((value, index) => [String(index), String(value ?? '')]),
	);
	return secretsOf(named, Object.keys(named));
}

async function baseUrlOf(context: IHookFunctions, provider: TriggerProvider): Promise<string> {
	const credentials = await context.getCredentials(provider.credential.type);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(
			context.getNode(),
			`The credential's Base URL "${String(credentials.baseUrl ?? '').trim()}" is not an http(s) URL`,
			{
				description:
					'Use a URL such as https://api.example.com/v1, without user name, password, query string or fragment.',
			},
		);
	}
	return baseUrl;
}

/**
 * One call to a provider's webhook API, through the provider client like every other call: no redirects
 * followed (they would carry the credential's headers elsewhere), a deadline, the status returned, not
 * thrown. A call that gets no answer fails in the node's own words, secrets masked.
 */
export async function callProvider(
	context: IHookFunctions,
	provider: TriggerProvider,
	request: ApiRequest,
): Promise<HttpAnswer> {
	const baseUrl = await baseUrlOf(context, provider);
	const client = new ProviderClient(
		context,
		provider.credential.type,
		baseUrl,
		DEFAULT_TIMEOUT_MS,
		new StopSwitch(cancelSignalOf(context)),
	);
	try {
		return await client.send(request);
	} catch (error) {
		throw await unanswered(context, provider, baseUrl, error);
	}
}

/** What a call that got no answer raises: whom it could not reach and why, with every secret masked. */
async function unanswered(
	context: IHookFunctions,
	provider: TriggerProvider,
	baseUrl: string,
	error: unknown,
): Promise<NodeOperationError> {
	const secrets = await credentialSecrets(context, provider);
	if (!(error instanceof NoAnswerError)) {
		return scrubError(
			new NodeOperationError(
				context.getNode(),
				error instanceof Error ? error : new Error(String(error)),
			),
			secrets,
		);
	}
	// Registering a webhook sends no message: whatever happened, none went out.
	const failure = {
		...noAnswerFailure(error, baseUrl),
		mayHaveBeenSent: false,
		subject: 'the webhook request',
	};
	const message = describeFailure(provider, failure);
	const refused = new NodeOperationError(context.getNode(), message, {
		...(failure.hint ? { description: failure.hint } : {}),
	});
	// n8n rewrites a message that names a network error code into its own advice: keep the node's words.
	refused.message = message;
	return scrubError(refused, secrets);
}

export function isSuccess(answer: HttpAnswer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/** A provider's refusal, in its own words, with every secret masked. */
export function refusal(
	context: IHookFunctions,
	what: string,
	answer: HttpAnswer,
	secrets: string[],
	description?: string,
): NodeOperationError {
	const detail = maskDeep(parseErrorBody(answer.body), secrets);
	const said = detail.message ? `: ${detail.message}${detail.code ? ` [${detail.code}]` : ''}` : '';
	return new NodeOperationError(
		context.getNode(),
		maskText(`${what} (HTTP ${answer.statusCode})${said}`, secrets),
		{
			...(description ? { description } : {}),
		},
	);
}
