import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ProviderErrorDetail, ProviderId } from './types';

/**
 * A refusal of the node's own, raised before anything is sent: which parameter, what is wrong with it,
 * and what would be valid. Turned into a NodeOperationError carrying the item index by `toNodeError`.
 */
export class InputError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
		readonly valid?: string,
	) {
		super(`${parameter}: ${problem}`);
	}
}

export type FailureKind =
	| 'auth'
	| 'validation'
	| 'rate_limited'
	| 'payment'
	| 'not_found'
	| 'provider_unavailable'
	| 'unknown';

/** Everything the node knows about one failed send, in a provider-neutral shape. */
export interface Failure {
	kind: FailureKind;
	/** Whether sending the same message again later could succeed. */
	retryable: boolean;
	/** True when the provider may have accepted the message although the node saw a failure. */
	mayHaveBeenSent: boolean;
	httpCode?: number;
	providerCode?: string;
	providerMessage?: string;
	hint?: string;
}

export function classifyStatus(status: number): Pick<Failure, 'kind' | 'retryable'> {
	if (status === 401 || status === 403) return { kind: 'auth', retryable: false };
	if (status === 400 || status === 409 || status === 413 || status === 422)
		return { kind: 'validation', retryable: false };
	if (status === 402) return { kind: 'payment', retryable: false };
	if (status === 404) return { kind: 'not_found', retryable: false };
	if (status === 429) return { kind: 'rate_limited', retryable: true };
	if (status >= 500) return { kind: 'provider_unavailable', retryable: status !== 501 };
	return { kind: 'unknown', retryable: false };
}

const PROVIDER_NAMES: Record<ProviderId, string> = {
	bitbybit: 'bitbybit',
	vobiz: 'Vobiz',
	callbell: 'Callbell',
	multiSession: 'the WhatsApp Multi-Session API',
};

export function providerFailure(
	status: number,
	detail: ProviderErrorDetail,
	hint?: string,
): Failure {
	const { kind, retryable } = classifyStatus(status);
	return {
		kind,
		retryable,
		// A 2xx/4xx answer is definite; a 5xx means the provider failed somewhere we cannot see.
		mayHaveBeenSent: status >= 500 && status !== 503,
		httpCode: status,
		providerCode: detail.code,
		providerMessage: detail.message,
		hint,
	};
}

export function describeFailure(provider: ProviderId, failure: Failure): string {
	const name = PROVIDER_NAMES[provider];
	const said = failure.providerMessage ?? 'no error message';
	const code = failure.providerCode ? ` [${failure.providerCode}]` : '';
	const http = failure.httpCode ? ` (HTTP ${failure.httpCode})` : '';
	return `${name} refused the message${http}: ${said}${code}`;
}

/** Builds the n8n error for one failed item; the failure travels with it for the output item. */
export function failureToNodeError(
	node: INode,
	provider: ProviderId,
	itemIndex: number,
	failure: Failure,
	message = describeFailure(provider, failure),
): NodeApiError {
	const descriptionParts = [failure.hint, failure.mayHaveBeenSent ? MAY_HAVE_BEEN_SENT : undefined];
	const error = new NodeApiError(node, failureJson(provider, failure) as JsonObject, {
		message,
		description: descriptionParts.filter(Boolean).join(' ') || undefined,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex,
	});
	error.context.failure = failure as unknown as IDataObject;
	return error;
}

export const MAY_HAVE_BEEN_SENT =
	'The message may or may not have been sent: check the recipient’s chat before sending it again.';

export function inputErrorToNodeError(
	node: INode,
	provider: ProviderId,
	itemIndex: number,
	error: InputError,
): NodeOperationError {
	const nodeError = new NodeOperationError(node, `Item ${itemIndex}: ${error.message}`, {
		itemIndex,
		description: error.valid ? `Valid: ${error.valid}. Nothing was sent.` : 'Nothing was sent.',
	});
	const failure: Failure = {
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
		providerMessage: undefined,
	};
	nodeError.context.failure = failure as unknown as IDataObject;
	nodeError.context.parameter = error.parameter;
	nodeError.context.provider = provider;
	return nodeError;
}

export function failureJson(provider: ProviderId, failure: Failure): IDataObject {
	const json: IDataObject = {
		provider,
		errorType: failure.kind,
		retryable: failure.retryable,
		mayHaveBeenSent: failure.mayHaveBeenSent,
	};
	if (failure.httpCode !== undefined) json.httpCode = failure.httpCode;
	if (failure.providerCode !== undefined) json.providerCode = failure.providerCode;
	if (failure.providerMessage !== undefined) json.providerMessage = failure.providerMessage;
	if (failure.hint !== undefined) json.hint = failure.hint;
	return json;
}
