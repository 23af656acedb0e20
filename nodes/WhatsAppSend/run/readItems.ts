import type { IExecuteFunctions, NodeError } from 'n8n-workflow';

import type { OutgoingMessage } from '../input/message';
import { ParameterReader } from '../input/parameters';
import { readMessage } from '../input/read';
import type { ProviderPlugin } from '../providers/types';
import type { ToNodeError } from './itemErrors';

/**
 * Every item read and checked into a message, before the first message goes out, so a bad item 500
 * cannot stop a run halfway, after 499 customers were already messaged. An item that cannot be read
 * holds its error instead.
 */
export function readItems(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	toNodeError: ToNodeError,
): Array<OutgoingMessage | NodeError> {
	const parameters = new ParameterReader(context);
	return context.getInputData().map((_, itemIndex) => {
		try {
			return readMessage(context, itemIndex, provider, parameters.forItem(itemIndex));
		} catch (error) {
			return toNodeError(error, itemIndex, 'reading');
		}
	});
}
