import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeError } from 'n8n-workflow';

import type { HttpAnswer } from '../http/answer';
import type { OutgoingMessage } from '../input/message';
import type { ProviderPlugin, ProviderRequest, SendResult } from '../providers/types';
import type { Failure } from './failure';
import { failureJson } from './nodeErrors';
import { boundedRaw } from './rawAnswer';
import { maskDeep } from './secrets';

/** One output item per input item: the normalised result of a send. */
export function successItem(
	provider: ProviderPlugin,
	message: OutgoingMessage,
	request: ProviderRequest,
	answer: HttpAnswer,
	secrets: string[],
): INodeExecutionData {
	let result: SendResult;
	try {
		result = provider.parseSuccess(answer.body);
	} catch {
		// The provider accepted the message: an answer the node cannot read must not turn it into a failure.
		result = { status: 'accepted' };
	}
	const json: IDataObject = {
		provider: provider.id,
		messageType: message.type,
		to: provider.formatRecipient(message),
		messageId: result.messageId ?? null,
		whatsappMessageId: result.whatsappMessageId ?? null,
		status: result.status,
		// Masked whole before it is cut, so no half of a key survives at the cut.
		raw: boundedRaw(maskDeep(answer.body, secrets)) as IDataObject,
	};
	// Only when there is something to say, so the usual item keeps its documented shape.
	if (request.notices?.length) json.notices = request.notices;
	return { json: maskDeep(json, secrets), pairedItem: { item: message.itemIndex } };
}

/**
 * An item not sent because its message was sent before (Skip Messages Already Sent): shaped like a sent
 * one, with the key it matched, so the next node can treat both alike.
 */
export function skippedItem(
	provider: ProviderPlugin,
	message: OutgoingMessage,
	key: string,
): INodeExecutionData {
	return {
		json: {
			provider: provider.id,
			messageType: message.type,
			to: provider.formatRecipient(message),
			messageId: null,
			whatsappMessageId: null,
			status: 'skipped_duplicate',
			sentMessageKey: key,
		},
		pairedItem: { item: message.itemIndex },
	};
}

function safeRecipient(provider: ProviderPlugin, message: OutgoingMessage): string | null {
	try {
		return provider.formatRecipient(message);
	} catch {
		return null;
	}
}

/**
 * A failed item: its JSON is exactly `{ error: {…} }`. That is the one shape both engines move to the
 * error output with *Continue (using error output)*: n8n 1.x accepts only `{error}` or
 * `{error, message}`, n8n 2.x also `details`, and an item-level `error` makes either replace the JSON
 * with the bare message. The engine then merges the paired input item's fields around it, so the
 * input row (and a column of its own called `message`) survives next to `error`.
 */
export function errorItem(
	provider: ProviderPlugin,
	itemIndex: number,
	error: NodeError,
	message: OutgoingMessage | undefined,
	messageType?: string,
): INodeExecutionData {
	const failure = error.context.failure as unknown as Failure | undefined;
	const details: IDataObject = {
		message: error.message,
		...(error.description ? { description: error.description } : {}),
		provider: provider.id,
		messageType: message?.type ?? messageType ?? null,
		to: message ? safeRecipient(provider, message) : null,
		...(failure ? failureJson(provider.id, failure) : {}),
		itemIndex,
	};
	return { json: { error: details }, pairedItem: { item: itemIndex } };
}

/**
 * A failed item, in the shape of `errorItem`, for a run that could not start (nothing was sent). Used under
 * *Continue*: n8n (1.x and 2.x alike) hands a node's input on unchanged on the main output when the node
 * throws, where the rows would pass as sent.
 */
export function setupFailedItem(
	context: IExecuteFunctions,
	itemIndex: number,
	error: NodeError,
): INodeExecutionData {
	const read = (name: string): string | null => {
		try {
			const value = context.getNodeParameter(name, itemIndex, '') as unknown;
			return typeof value === 'string' && value !== '' ? value : null;
		} catch {
			return null;
		}
	};
	const failure = error.context.failure as unknown as Failure | undefined;
	const details: IDataObject = {
		message: error.message,
		...(error.description ? { description: error.description } : {}),
		provider: read('provider'),
		messageType: read('messageType'),
		to: null,
		errorType: failure?.kind ?? 'validation',
		retryable: false,
		mayHaveBeenSent: false,
		...(failure?.hint ? { hint: failure.hint } : {}),
		itemIndex,
	};
	return { json: { error: details }, pairedItem: { item: itemIndex } };
}
