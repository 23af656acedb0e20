import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError } from 'n8n-workflow';

import { ConfigurationError, cutText } from '../output/errors';
import { isRedirect, noAnswerFailure, redirectFailure } from '../output/failure';
import type { Failure } from '../output/failure';
import { configurationToNodeError, failureJson } from '../output/nodeErrors';
import { maskDeep, scrubError, secretsOf } from '../output/secrets';
import { parseErrorBody } from '../providers/shared/parse';
import type { ProviderPlugin } from '../providers/types';
import { StopSwitch } from '../run/halt';
import { DEFAULT_TIMEOUT_MS } from '../run/settings';
import { checkAccess } from './access';
import { headerOf } from './answer';
import type { HttpAnswer } from './answer';
import { cancelSignalOf, ProviderClient } from './client';
import { NoAnswerError } from './noAnswer';

/** The node's Timeout option, which bounds a list's pages as it bounds every other request. */
function listTimeout(context: ILoadOptionsFunctions): number {
	let options: unknown;
	try {
		options = context.getCurrentNodeParameter('options');
	} catch {
		options = undefined;
	}
	const timeout = Number((options as IDataObject | undefined)?.timeout);
	return Number.isFinite(timeout) && timeout >= 1 ? timeout : DEFAULT_TIMEOUT_MS;
}

function listError(
	context: ILoadOptionsFunctions,
	providerId: string,
	failure: Failure,
	message: string,
): NodeApiError {
	const error = new NodeApiError(context.getNode(), failureJson(providerId, failure) as never, {
		message,
		description: failure.hint,
		httpCode: failure.httpCode !== undefined ? String(failure.httpCode) : undefined,
	});
	error.message = cutText(message);
	error.description = failure.hint ?? null;
	return error;
}

/**
 * An authenticated GET for the editor's pickers; a refusal shows the provider's own message. Like every
 * provider call it follows no redirect and ends at its deadline, body included; whatever it raises is
 * masked, so a provider echoing the key cannot put it in front of the user.
 */
export async function loadJson(
	context: ILoadOptionsFunctions,
	provider: ProviderPlugin,
	path: string,
	qs?: IDataObject,
): Promise<unknown> {
	const credentials = await context.getCredentials(provider.credential.type);
	const secrets = secretsOf(credentials, provider.credential.secretFields);
	try {
		const { baseUrl } = checkAccess(provider, credentials);
		const client = new ProviderClient(
			context,
			provider.credential.type,
			baseUrl,
			listTimeout(context),
			new StopSwitch(cancelSignalOf(context)),
		);
		const answer: HttpAnswer = await client
			.send({ method: 'GET', path, qs })
			.catch((caught: unknown) => {
				if (!(caught instanceof NoAnswerError)) throw caught;
				const failure = { ...noAnswerFailure(caught, baseUrl), mayHaveBeenSent: false };
				throw listError(
					context,
					provider.id,
					failure,
					`Could not load the list: ${failure.providerMessage ?? 'no answer'}`,
				);
			});
		const status = answer.statusCode;
		if (status >= 200 && status < 300) return answer.body;
		if (isRedirect(status)) {
			const failure = redirectFailure(status, headerOf(answer.headers, 'location'), baseUrl);
			throw listError(
				context,
				provider.id,
				failure,
				`Could not load the list (HTTP ${status}): ${failure.providerMessage}`,
			);
		}
		// A provider may echo the key back in its error: masked before it reaches the editor.
		const detail = maskDeep(parseErrorBody(answer.body), secrets);
		throw new NodeApiError(context.getNode(), { ...detail } as never, {
			message: `Could not load the list (HTTP ${status}): ${detail.message ?? 'no error message'}${detail.code ? ` [${detail.code}]` : ''}`,
			httpCode: String(status),
		});
	} catch (error) {
		if (error instanceof ConfigurationError)
			throw scrubError(configurationToNodeError(context.getNode(), provider.id, error), secrets);
		if (error instanceof NodeError) throw scrubError(error, secrets);
		throw scrubError(
			new NodeOperationError(
				context.getNode(),
				error instanceof Error ? error : new Error(String(error)),
			),
			secrets,
		);
	}
}
