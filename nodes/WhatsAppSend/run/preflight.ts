import { NodeError } from 'n8n-workflow';

import type { OutgoingMessage } from '../input/message';
import type { ProviderPlugin, Sources } from '../providers/types';
import type { ToNodeError } from './itemErrors';

/**
 * The provider's checks that need its lists or the media, for every readable item before the first send
 * (lists are cached, so sending reuses what this fetched). Returns the refusals by item; under Stop the
 * first refusal is thrown.
 */
export async function preflightItems(
	provider: ProviderPlugin,
	messages: ReadonlyArray<OutgoingMessage | NodeError | undefined>,
	sources: Sources,
	toNodeError: ToNodeError,
	continueOnFail: boolean,
): Promise<Map<number, NodeError>> {
	const refused = new Map<number, NodeError>();
	if (!provider.preflight) return refused;
	for (let itemIndex = 0; itemIndex < messages.length; itemIndex++) {
		const message = messages[itemIndex];
		if (!message || message instanceof NodeError) continue;
		try {
			await provider.preflight(message, sources);
		} catch (error) {
			const nodeError = toNodeError(error, itemIndex, 'preparing');
			if (!continueOnFail) throw nodeError;
			refused.set(itemIndex, nodeError);
		}
	}
	return refused;
}
