import type { INode } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import { NoAnswerError } from '../http/noAnswer';
import { LookupFailure } from '../http/runLists';
import { InputError } from '../output/errors';
import { cancelledFailure, noAnswerFailure } from '../output/failure';
import {
	failureToNodeError,
	inputErrorToNodeError,
	unexpectedToNodeError,
} from '../output/nodeErrors';
import { scrubError } from '../output/secrets';
import type { ProviderPlugin } from '../providers/types';
import { Halted } from './halt';

/** Where an item was when something went wrong: only once it is being sent may it have been sent. */
export type Phase = 'reading' | 'preparing' | 'sending';

export type ToNodeError = (error: unknown, itemIndex: number, phase: Phase) => NodeError;

/**
 * How the run turns whatever went wrong with an item into the n8n error of that item: classified (who
 * failed, whether it may have been sent, whether to retry) and with every credential value masked.
 */
export function itemErrors(
	node: INode,
	provider: ProviderPlugin,
	baseUrl: string,
	secrets: string[],
): ToNodeError {
	// Until the send itself starts nothing can have been sent, whatever failed (a lookup, a download).
	const classify = (error: unknown, itemIndex: number, phase: Phase): NodeError => {
		if (error instanceof InputError)
			return inputErrorToNodeError(node, provider.id, itemIndex, error);
		// A lookup's failure already says the message was not sent.
		if (error instanceof LookupFailure)
			return failureToNodeError(node, provider, itemIndex, error.failure, error.message);
		if (error instanceof Halted)
			return failureToNodeError(node, provider, itemIndex, cancelledFailure());
		if (error instanceof NoAnswerError) {
			const failure = noAnswerFailure(error, baseUrl);
			if (phase !== 'sending')
				Object.assign(failure, { mayHaveBeenSent: false, subject: 'a lookup' });
			return failureToNodeError(node, provider, itemIndex, failure);
		}
		if (error instanceof NodeError && error.context.failure) return error;
		return unexpectedToNodeError(node, itemIndex, error, phase);
	};
	// Every error leaves through here, so no credential value reaches an item, a message or a log.
	return (error, itemIndex, phase) => scrubError(classify(error, itemIndex, phase), secrets);
}
