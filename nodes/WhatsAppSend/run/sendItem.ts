import type { INode, INodeExecutionData, NodeError } from 'n8n-workflow';

import type { ProviderAccess } from '../http/access';
import { headerOf } from '../http/answer';
import { toHttpOptions } from '../http/request';
import type { OutgoingMessage } from '../input/message';
import { isAccepted, isRedirect, providerFailure, redirectFailure } from '../output/failure';
import type { Failure } from '../output/failure';
import { successItem } from '../output/items';
import { failureToNodeError } from '../output/nodeErrors';
import { maskDeep } from '../output/secrets';
import type { ProviderPlugin } from '../providers/types';
import { dryRunJson } from './dryRun';
import { Halted } from './halt';
import type { Phase, ToNodeError } from './itemErrors';
import type { Outcome } from './outcomes';
import { sendWithRetry } from './retry';
import type { RunServices } from './services';
import type { RunSettings } from './settings';

/** What every item's send needs from its run. */
export interface ItemRun {
	node: INode;
	provider: ProviderPlugin;
	access: ProviderAccess;
	settings: RunSettings;
	services: RunServices;
	toNodeError: ToNodeError;
	/** What became of each item so far, for the summary of a stopped run. */
	outcomes: Outcome[];
}

/** An item's send: its output item, or its failure (and whether only the run's stop ended it). */
type ItemResult = { item: INodeExecutionData } | { failed: NodeError; halted: boolean };

/**
 * Prepares, builds and sends one message — or, in a dry run, describes its request — pacing it and
 * retrying only what the provider certainly did not take, and turns the provider's answer into the
 * item's output or its failure.
 */
export async function sendItem(run: ItemRun, message: OutgoingMessage): Promise<ItemResult> {
	const { node, provider, settings, services, outcomes } = run;
	const { credentials, secrets, baseUrl } = run.access;
	const { itemIndex } = message;
	let phase: Phase = 'preparing';
	try {
		const prepared = provider.prepare ? await provider.prepare(message, services.sources) : message;
		const request = provider.buildRequest(prepared);
		if (settings.dryRun) {
			const options = toHttpOptions(request, baseUrl, settings.timeout);
			return {
				item: {
					json: dryRunJson(provider, message, request, options, credentials, secrets),
					pairedItem: { item: itemIndex },
				},
			};
		}
		phase = 'sending';
		const { answer, attempts } = await sendWithRetry(
			async () => {
				await services.pacer.acquire(services.halt);
				return await services.client.send(request);
			},
			services.policy,
			services.retryHooks,
		);
		if (isAccepted(answer.statusCode, answer.body)) {
			outcomes[itemIndex] = 'accepted';
			return { item: successItem(provider, message, request, answer, secrets) };
		}
		if (isRedirect(answer.statusCode)) {
			const location = headerOf(answer.headers, 'location');
			throw failureToNodeError(
				node,
				provider,
				itemIndex,
				redirectFailure(answer.statusCode, location, baseUrl, attempts),
			);
		}
		const detail = maskDeep(provider.parseError(answer.body), secrets);
		// A refusal of values the node could not check is best explained by that.
		const hint =
			provider.hint?.(answer.statusCode, detail) ??
			(answer.statusCode >= 400 && answer.statusCode < 500
				? request.notices?.join(' ')
				: undefined);
		const known = provider.knownRefusal?.(answer.statusCode, detail);
		throw failureToNodeError(
			node,
			provider,
			itemIndex,
			providerFailure(answer.statusCode, detail, hint, attempts, known),
		);
	} catch (error) {
		const failed = run.toNodeError(error, itemIndex, phase);
		const failure = failed.context.failure as unknown as Failure | undefined;
		if (phase === 'sending' && failure?.mayHaveBeenSent) outcomes[itemIndex] = 'uncertain';
		return { failed, halted: error instanceof Halted };
	}
}
