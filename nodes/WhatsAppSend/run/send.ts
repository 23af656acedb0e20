import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

import { cancelSignalOf } from '../http/client';
import type { OutgoingMessage } from '../input/message';
import { cancelledFailure } from '../output/failure';
import { ConfigurationError } from '../output/errors';
import { errorItem, setupFailedItem, skippedItem } from '../output/items';
import { configurationToNodeError, failureToNodeError } from '../output/nodeErrors';
import { scrubError } from '../output/secrets';
import { PROVIDERS } from '../providers';
import type { ProviderRegistry } from '../providers';
import { runBounded } from './concurrency';
import { itemErrors } from './itemErrors';
import { withSummary } from './outcomes';
import type { Outcome } from './outcomes';
import { preflightItems } from './preflight';
import { readItems } from './readItems';
import { sendItem } from './sendItem';
import type { ItemRun } from './sendItem';
import { startServices } from './services';
import { planSkips, settleSkips } from './skipSent';
import type { SkipPlan } from './skipSent';
import { readSettings } from './settings';
import { readSetup } from './setup';
import type { RunSetup } from './setup';

/**
 * Sends every input item through the chosen provider and returns one output item per input item. The
 * run's steps: the provider and its credential (setup), the run's settings, every item read and checked,
 * the provider's preflight checks, then the sends — bounded, paced, retried where safe, stopped or
 * cancelled as n8n asks.
 */
export async function sendItems(
	context: IExecuteFunctions,
	registry: ProviderRegistry = PROVIDERS,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	let setup: RunSetup;
	try {
		setup = await readSetup(context, node, registry);
	} catch (error) {
		const nodeError =
			error instanceof NodeError ? error : new NodeOperationError(node, error as Error);
		if (context.continueOnFail()) {
			return [
				context
					.getInputData()
					.map((_, itemIndex) => setupFailedItem(context, itemIndex, nodeError)),
			];
		}
		throw nodeError;
	}
	try {
		return await sendWithSetup(context, setup);
	} catch (error) {
		// Every error leaves through here as well, so no credential value reaches a message or a log.
		const { secrets } = setup.access;
		if (error instanceof NodeError) throw scrubError(error, secrets);
		throw scrubError(
			new NodeOperationError(node, error instanceof Error ? error : new Error(String(error))),
			secrets,
		);
	}
}

async function sendWithSetup(
	context: IExecuteFunctions,
	{ provider, access }: RunSetup,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const settings = readSettings(context, provider);
	const continueOnFail = context.continueOnFail();
	const cancel = cancelSignalOf(context);
	const toNodeError = itemErrors(node, provider, access.baseUrl, access.secrets);

	const messages: Array<OutgoingMessage | NodeError | undefined> = readItems(
		context,
		provider,
		toNodeError,
	);
	if (!continueOnFail) {
		const firstInvalid = messages.find((m): m is NodeError => m instanceof NodeError);
		if (firstInvalid) throw firstInvalid;
	}
	const services = startServices(context, provider, access, settings, cancel);
	const refusedInPreflight = await preflightItems(
		provider,
		messages,
		services.sources,
		toNodeError,
		continueOnFail,
	);

	let skips: SkipPlan | undefined;
	if (settings.skipAlreadySent) {
		try {
			skips = await planSkips(
				context,
				provider,
				settings.skipAlreadySent,
				settings.dryRun,
				messages,
				refusedInPreflight,
				toNodeError,
				continueOnFail,
			);
		} catch (error) {
			// Without its record the option cannot keep its promise: nothing is sent, every item fails.
			// (A NodeError is an item's unreadable key under Stop.)
			const nodeError =
				error instanceof NodeError
					? error
					: error instanceof ConfigurationError
						? configurationToNodeError(node, provider.id, error)
						: new NodeOperationError(node, error as Error);
			if (!continueOnFail) throw nodeError;
			return [messages.map((_, itemIndex) => setupFailedItem(context, itemIndex, nodeError))];
		}
	}

	const outcomes: Outcome[] = new Array<Outcome>(messages.length).fill('notSent');
	const run: ItemRun = { node, provider, access, settings, services, toNodeError, outcomes };
	/** The type of an item that could not be read into a message is still worth reporting. */
	const typeOf = (itemIndex: number) =>
		(context.getNodeParameter('messageType', itemIndex, '') as string) || undefined;
	let fatal: NodeError | undefined;
	const results = await runBounded(
		messages.length,
		settings.concurrency,
		async (itemIndex): Promise<INodeExecutionData | undefined> => {
			const message = messages[itemIndex];
			// Only the outputs outlive their item: a 10,000-item broadcast holds no message it has sent.
			messages[itemIndex] = undefined;
			if (message === undefined) return undefined;
			if (message instanceof NodeError)
				return errorItem(provider, itemIndex, message, undefined, typeOf(itemIndex));
			const refused = refusedInPreflight.get(itemIndex);
			if (refused) return errorItem(provider, itemIndex, refused, message);
			const key = skips?.keys.get(itemIndex);
			if (key !== undefined && skips?.skipped.has(itemIndex)) {
				outcomes[itemIndex] = 'skipped';
				return skippedItem(provider, message, key);
			}
			const result = await sendItem(run, message);
			if ('item' in result) {
				if (key !== undefined) result.item.json.sentMessageKey = key;
				return result.item;
			}
			// Released from its wait by the stop: it was never sent, and is no failure of its own.
			if (result.halted && !cancel?.aborted) return undefined;
			if (!continueOnFail) {
				if (!fatal) {
					fatal = result.failed;
					services.halt.stop();
				}
				return undefined;
			}
			return errorItem(provider, itemIndex, result.failed, message);
		},
		() => fatal !== undefined || cancel?.aborted === true,
	);
	const keptUnsent = skips ? await settleSkips(skips, outcomes) : [];
	if (fatal) {
		if (keptUnsent.length > 0)
			fatal.description = [fatal.description, keptNotice(keptUnsent)].join(' ');
		throw withSummary(fatal, outcomes, cancel?.aborted ? 'cancelled' : 'stopped');
	}
	if (cancel?.aborted) {
		if (!continueOnFail) {
			const cancelled = new NodeOperationError(
				node,
				'The execution was cancelled before every message was sent',
			);
			cancelled.context.failure = cancelledFailure() as unknown as IDataObject;
			throw withSummary(cancelled, outcomes, 'cancelled');
		}
		// Items whose turn never came are reported, certainly unsent, so none goes missing.
		for (let itemIndex = 0; itemIndex < results.length; itemIndex++) {
			if (results[itemIndex] !== undefined) continue;
			const error = failureToNodeError(node, provider, itemIndex, cancelledFailure());
			results[itemIndex] = errorItem(provider, itemIndex, error, undefined, typeOf(itemIndex));
		}
	}
	for (const itemIndex of keptUnsent) {
		const error = results[itemIndex]?.json.error as IDataObject | undefined;
		if (error) error.notice = keptNotice([itemIndex]);
	}
	return [results as INodeExecutionData[]];
}

/** What a person must know when n8n's record could not forget the keys of messages that were not sent. */
function keptNotice(itemIndexes: number[]): string {
	return `n8n's record of sent messages could not be updated after the run: ${itemIndexes.length === 1 ? 'this message stays' : `${itemIndexes.length} messages not sent stay`} recorded as sent, so Skip Messages Already Sent skips ${itemIndexes.length === 1 ? 'it' : 'them'} in a re-run unless the Sent Message Key changes.`;
}
