import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cutText } from './errors';
import type { ConfigurationError, InputError } from './errors';
import { describeFailure, MAY_HAVE_BEEN_SENT } from './failure';
import type { Failure, NamedProvider } from './failure';

/** Builds the n8n error for one failed item; the failure travels with it for the output item. */
export function failureToNodeError(
	node: INode,
	provider: NamedProvider,
	itemIndex: number,
	failure: Failure,
	fullMessage = describeFailure(provider, failure),
): NodeApiError {
	const message = cutText(fullMessage);
	const description =
		[failure.hint, failure.mayHaveBeenSent ? MAY_HAVE_BEEN_SENT : undefined]
			.filter(Boolean)
			.join(' ') || undefined;
	const error = new NodeApiError(node, failureJson(provider.id, failure) as JsonObject, {
		message,
		description,
		httpCode: failure.httpCode !== undefined ? String(failure.httpCode) : undefined,
		itemIndex,
	});
	// n8n rewrites messages that mention a network error code (and suggests Retry On Fail, which
	// would send every item again): keep the node's own words.
	error.message = message;
	error.description = description;
	error.context.failure = failure as unknown as IDataObject;
	return error;
}

export function inputErrorToNodeError(
	node: INode,
	providerId: string,
	itemIndex: number,
	error: InputError,
): NodeOperationError {
	const message = cutText(`Item ${itemIndex}: ${error.message}`);
	const description = [
		error.hint,
		error.valid ? `Valid: ${error.valid}.` : undefined,
		'Nothing was sent.',
	]
		.filter(Boolean)
		.join(' ');
	const nodeError = new NodeOperationError(node, message, { itemIndex, description });
	nodeError.message = message;
	nodeError.description = description;
	const failure: Failure = {
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
	};
	nodeError.context.failure = failure as unknown as IDataObject;
	nodeError.context.parameter = error.parameter;
	nodeError.context.provider = providerId;
	return nodeError;
}

/** Any other error, classified by whether the node had started sending when it happened. */
export function unexpectedToNodeError(
	node: INode,
	itemIndex: number,
	error: unknown,
	phase: 'reading' | 'preparing' | 'sending',
): NodeOperationError {
	const text = error instanceof Error ? error.message : String(error);
	const message = cutText(`Item ${itemIndex}: ${text}`);
	const failure: Failure =
		phase === 'reading'
			? // Parameters that cannot be read (an expression that fails) are the item's input.
				{ kind: 'validation', retryable: false, mayHaveBeenSent: false }
			: { kind: 'unknown', retryable: false, mayHaveBeenSent: phase === 'sending' };
	const description = failure.mayHaveBeenSent ? MAY_HAVE_BEEN_SENT : 'Nothing was sent.';
	const nodeError = new NodeOperationError(node, message, { itemIndex, description });
	nodeError.message = message;
	nodeError.description = description;
	nodeError.context.failure = failure as unknown as IDataObject;
	return nodeError;
}

/** A setting that makes every request impossible: the run stops before anything is sent. */
export function configurationToNodeError(
	node: INode,
	providerId: string,
	error: ConfigurationError,
): NodeOperationError {
	const message = cutText(error.ofCredential ? `The credential's ${error.message}` : error.message);
	const description = `${error.hint} Nothing was sent.`;
	const nodeError = new NodeOperationError(node, message, { description });
	nodeError.message = message;
	nodeError.description = description;
	const failure: Failure = {
		kind: 'configuration',
		retryable: false,
		mayHaveBeenSent: false,
		hint: error.hint,
	};
	nodeError.context.failure = failure as unknown as IDataObject;
	nodeError.context.parameter = error.setting;
	nodeError.context.provider = providerId;
	return nodeError;
}

export function failureJson(providerId: string, failure: Failure): IDataObject {
	const json: IDataObject = {
		provider: providerId,
		errorType: failure.kind,
		retryable: failure.retryable,
		mayHaveBeenSent: failure.mayHaveBeenSent,
	};
	if (failure.httpCode !== undefined) json.httpCode = failure.httpCode;
	if (failure.providerCode !== undefined) json.providerCode = failure.providerCode;
	if (failure.providerMessage !== undefined) json.providerMessage = failure.providerMessage;
	if (failure.providerDetails !== undefined) json.providerDetails = failure.providerDetails;
	if (failure.hint !== undefined) json.hint = failure.hint;
	if (failure.attempts !== undefined) json.attempts = failure.attempts;
	return json;
}
