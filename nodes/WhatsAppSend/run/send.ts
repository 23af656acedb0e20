import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

import { checkAccess } from '../http/access';
import type { ProviderAccess } from '../http/access';
import { runBounded } from './concurrency';
import { readSettings } from './settings';
import { dryRunJson } from './dryRun';
import type { Failure } from '../output/errors';
import {
	cancelledFailure,
	ConfigurationError,
	configurationToNodeError,
	failureJson,
	failureToNodeError,
	InputError,
	inputErrorToNodeError,
	isAccepted,
	isRedirect,
	noAnswerFailure,
	providerFailure,
	redirectFailure,
	unexpectedToNodeError,
} from '../output/errors';
import { Halted, pause, StopSwitch } from './halt';
import { LookupFailure, RunLists } from '../http/runLists';
import { RunMedia } from '../media/loader';
import { readMessage } from '../input/read';
import { Pacer, PACE_HEADROOM } from './pacing';
import { ParameterReader } from '../input/parameters';
import { findProvider, PROVIDERS, providerIds } from '../providers';
import type { ProviderRegistry } from '../providers';
import type { ProviderPlugin, ProviderRequest, SendResult, Sources } from '../providers/types';
import { boundedRaw } from '../output/rawAnswer';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from './retry';
import { maskDeep, scrubError, secretsOf } from '../output/secrets';
import { headerOf } from '../http/answer';
import type { HttpAnswer } from '../http/answer';
import { cancelSignalOf, ProviderClient } from '../http/client';
import { NoAnswerError } from '../http/noAnswer';
import { toHttpOptions } from '../http/request';
import type { OutgoingMessage } from '../input/message';

type Phase = 'reading' | 'preparing' | 'sending';

/** What became of one item, for the summary a stopped run ends with. */
type Outcome = 'accepted' | 'notSent' | 'uncertain';

/** One output item per input item: the normalised result of a send. */
function successItem(
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
 * A failed item: its JSON is exactly `{ error: {…} }`. That is the one shape both engines move to the
 * error output with *Continue (using error output)*: n8n 1.x accepts only `{error}` or
 * `{error, message}`, n8n 2.x also `details`, and an item-level `error` makes either replace the JSON
 * with the bare message. The engine then merges the paired input item's fields around it, so the
 * input row (and a column of its own called `message`) survives next to `error`.
 */
function errorItem(
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

function safeRecipient(provider: ProviderPlugin, message: OutgoingMessage): string | null {
	try {
		return provider.formatRecipient(message);
	} catch {
		return null;
	}
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The sentence a stopped or cancelled run adds to its error, so a re-run sends only what is missing. */
function stopSummary(outcomes: Outcome[], why: 'stopped' | 'cancelled'): string {
	const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
	const accepted = count('accepted');
	const uncertain = count('uncertain');
	const notSent = outcomes.length - accepted - uncertain;
	const when = why === 'stopped' ? 'The run stopped at this failure (On Error: Stop)' : 'The execution was cancelled';
	const tally = [
		`${accepted} accepted by the provider before the ${why === 'stopped' ? 'stop' : 'cancellation'}`,
		uncertain > 0 ? `${uncertain} may or may not have been sent` : undefined,
		`${notSent} not sent`,
	].filter(Boolean);
	return `${when}. Of ${plural(outcomes.length, 'message')}: ${tally.join(', ')}.`;
}

function withSummary(error: NodeError, outcomes: Outcome[], why: 'stopped' | 'cancelled'): NodeError {
	const summary = stopSummary(outcomes, why);
	error.description = [error.description, summary].filter(Boolean).join(' ');
	error.context.outcomes = {
		accepted: outcomes.filter((o) => o === 'accepted').length,
		uncertain: outcomes.filter((o) => o === 'uncertain').length,
		notSent: outcomes.filter((o) => o === 'notSent').length,
	};
	return error;
}

/** What the whole run needs before any item: the provider and its checked credential. */
interface RunSetup {
	provider: ProviderPlugin;
	access: ProviderAccess;
}

/** The provider and its credential, read and checked: any failure here happens before anything is sent. */
async function readSetup(context: IExecuteFunctions, node: INode, registry: ProviderRegistry): Promise<RunSetup> {
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = findProvider(registry, providerId);
	if (!provider) {
		throw new NodeOperationError(node, `Unknown provider "${providerId}"`, {
			description: `Valid: ${providerIds(registry)}`,
		});
	}
	const credentials = await context.getCredentials(provider.credential.type);
	try {
		// A Base URL or header the node cannot use fails the run as a whole, before any item.
		return { provider, access: checkAccess(provider, credentials) };
	} catch (error) {
		const secrets = secretsOf(credentials, provider.credential.secretFields);
		if (error instanceof ConfigurationError) throw scrubError(configurationToNodeError(node, provider.id, error), secrets);
		throw scrubError(new NodeOperationError(node, error as Error), secrets);
	}
}

/**
 * A failed item, in the shape of `errorItem`, for a run that could not start (nothing was sent). Used under
 * *Continue*: n8n (1.x and 2.x alike) hands a node's input on unchanged on the main output when the node
 * throws, where the rows would pass as sent.
 */
function setupFailedItem(context: IExecuteFunctions, itemIndex: number, error: NodeError): INodeExecutionData {
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

/** Sends every input item through the chosen provider and returns one output item per input item. */
export async function sendItems(
	context: IExecuteFunctions,
	registry: ProviderRegistry = PROVIDERS,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	let setup: RunSetup;
	try {
		setup = await readSetup(context, node, registry);
	} catch (error) {
		const nodeError = error instanceof NodeError ? error : new NodeOperationError(node, error as Error);
		if (context.continueOnFail()) {
			return [context.getInputData().map((_, itemIndex) => setupFailedItem(context, itemIndex, nodeError))];
		}
		throw nodeError;
	}
	const { provider, access } = setup;
	try {
		return await sendWithAccess(context, provider, access);
	} catch (error) {
		// Every error leaves through here as well, so no credential value reaches a message or a log.
		const { secrets } = access;
		if (error instanceof NodeError) throw scrubError(error, secrets);
		throw scrubError(new NodeOperationError(node, error instanceof Error ? error : new Error(String(error))), secrets);
	}
}

async function sendWithAccess(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	{ credentials, secrets, baseUrl }: ProviderAccess,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const node = context.getNode();
	const settings = readSettings(context, provider);
	const continueOnFail = context.continueOnFail();
	const cancel = cancelSignalOf(context);

	// Until the send itself starts nothing can have been sent, whatever failed (a lookup, a download).
	const classify = (error: unknown, itemIndex: number, phase: Phase): NodeError => {
		if (error instanceof InputError) return inputErrorToNodeError(node, provider.id, itemIndex, error);
		// A lookup's failure already says the message was not sent.
		if (error instanceof LookupFailure) return failureToNodeError(node, provider, itemIndex, error.failure, error.message);
		if (error instanceof Halted) return failureToNodeError(node, provider, itemIndex, cancelledFailure());
		if (error instanceof NoAnswerError) {
			const failure = noAnswerFailure(error, baseUrl);
			if (phase !== 'sending') Object.assign(failure, { mayHaveBeenSent: false, subject: 'a lookup' });
			return failureToNodeError(node, provider, itemIndex, failure);
		}
		if (error instanceof NodeError && error.context.failure) return error;
		return unexpectedToNodeError(node, itemIndex, error, phase);
	};
	// Every error leaves through here, so no credential value reaches an item, a message or a log.
	const toNodeError = (error: unknown, itemIndex: number, phase: Phase): NodeError =>
		scrubError(classify(error, itemIndex, phase), secrets);

	// Every item is read and checked before the first message goes out, so a bad item 500 cannot
	// stop a run halfway, after 499 customers were already messaged.
	const parameters = new ParameterReader(context);
	const messages: Array<OutgoingMessage | NodeError | undefined> = items.map((_, itemIndex) => {
		try {
			return readMessage(context, itemIndex, provider, parameters.forItem(itemIndex));
		} catch (error) {
			return toNodeError(error, itemIndex, 'reading');
		}
	});
	if (!continueOnFail) {
		const firstInvalid = messages.find((m): m is NodeError => m instanceof NodeError);
		if (firstInvalid) throw firstInvalid;
	}

	// The first failure with On Error → Stop flips `halt`; a cancelled execution flips both. Either releases
	// every item still waiting for a pacing slot, a retry or a download, unsent; only a cancel ends the
	// sends in flight (after a stop they finish: they may already have been accepted).
	const cancelled = new StopSwitch(cancel);
	const halt = new StopSwitch(cancel);
	const client = new ProviderClient(context, provider.credential.type, baseUrl, settings.timeout, cancelled);
	const pacer = new Pacer(settings.messagesPerSecond * PACE_HEADROOM);
	const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries };
	const retryHooks = {
		wait: async (ms: number) => await pause(ms, halt),
		now: Date.now,
		onRateLimited: (until: number) => pacer.holdUntil(until),
	};
	const sources: Sources = {
		lists: new RunLists(client, provider, policy, retryHooks),
		// A dry run sends nothing, and downloads nothing either.
		media: new RunMedia(context, { timeout: settings.timeout, clock: client.clock, halt, download: !settings.dryRun }),
	};

	// Checks that need the provider's lists run for every item before the first send, too.
	const refusedInPreflight = new Map<number, NodeError>();
	if (provider.preflight) {
		for (let itemIndex = 0; itemIndex < messages.length; itemIndex++) {
			const message = messages[itemIndex];
			if (!message || message instanceof NodeError) continue;
			try {
				await provider.preflight(message, sources);
			} catch (error) {
				refusedInPreflight.set(itemIndex, toNodeError(error, itemIndex, 'preparing'));
			}
			if (!continueOnFail && refusedInPreflight.has(itemIndex)) throw refusedInPreflight.get(itemIndex);
		}
	}

	const outcomes: Outcome[] = new Array<Outcome>(items.length).fill('notSent');
	let fatal: NodeError | undefined;
	const results = await runBounded(
		items.length,
		settings.concurrency,
		async (itemIndex): Promise<INodeExecutionData | undefined> => {
			const message = messages[itemIndex]!;
			// Only the outputs outlive their item: a 10,000-item broadcast holds no message it has sent.
			messages[itemIndex] = undefined;
			if (message instanceof NodeError) {
				// The item could not be read into a message, but its type is still worth reporting.
				const type = context.getNodeParameter('messageType', itemIndex, '') as string;
				return errorItem(provider, itemIndex, message, undefined, type || undefined);
			}
			const refused = refusedInPreflight.get(itemIndex);
			if (refused) return errorItem(provider, itemIndex, refused, message);
			let phase: Phase = 'preparing';
			try {
				const prepared = provider.prepare ? await provider.prepare(message, sources) : message;
				const request = provider.buildRequest(prepared);
				if (settings.dryRun) {
					const options = toHttpOptions(request, baseUrl, settings.timeout);
					return { json: dryRunJson(provider, message, request, options, credentials, secrets), pairedItem: { item: itemIndex } };
				}
				phase = 'sending';
				const { answer, attempts } = await sendWithRetry(
					async () => {
						await pacer.acquire(halt);
						return await client.send(request);
					},
					policy,
					retryHooks,
				);
				if (isAccepted(answer.statusCode, answer.body)) {
					outcomes[itemIndex] = 'accepted';
					return successItem(provider, message, request, answer, secrets);
				}
				if (isRedirect(answer.statusCode)) {
					const location = headerOf(answer.headers, 'location');
					throw failureToNodeError(node, provider, itemIndex, redirectFailure(answer.statusCode, location, baseUrl, attempts));
				}
				const detail = maskDeep(provider.parseError(answer.body), secrets);
				// A refusal of values the node could not check is best explained by that.
				const hint =
					provider.hint?.(answer.statusCode, detail) ??
					(answer.statusCode >= 400 && answer.statusCode < 500 ? request.notices?.join(' ') : undefined);
				const known = provider.knownRefusal?.(answer.statusCode, detail);
				throw failureToNodeError(node, provider, itemIndex, providerFailure(answer.statusCode, detail, hint, attempts, known));
			} catch (error) {
				const nodeError = toNodeError(error, itemIndex, phase);
				const failure = nodeError.context.failure as unknown as Failure | undefined;
				if (phase === 'sending' && failure?.mayHaveBeenSent) outcomes[itemIndex] = 'uncertain';
				// Released from its wait by the stop: it was never sent, and is no failure of its own.
				if (error instanceof Halted && !cancel?.aborted) return undefined;
				if (!continueOnFail) {
					if (!fatal) {
						fatal = nodeError;
						halt.stop();
					}
					return undefined;
				}
				return errorItem(provider, itemIndex, nodeError, message);
			}
		},
		() => fatal !== undefined || cancel?.aborted === true,
	);
	if (fatal) throw withSummary(fatal, outcomes, cancel?.aborted ? 'cancelled' : 'stopped');
	if (cancel?.aborted) {
		if (!continueOnFail) {
			const cancelled = new NodeOperationError(node, 'The execution was cancelled before every message was sent');
			cancelled.context.failure = cancelledFailure() as unknown as IDataObject;
			throw withSummary(cancelled, outcomes, 'cancelled');
		}
		// Items whose turn never came are reported, certainly unsent, so none goes missing.
		for (let itemIndex = 0; itemIndex < results.length; itemIndex++) {
			if (results[itemIndex] !== undefined) continue;
			const error = failureToNodeError(node, provider, itemIndex, cancelledFailure());
			const type = context.getNodeParameter('messageType', itemIndex, '') as string;
			results[itemIndex] = errorItem(provider, itemIndex, error, undefined, type || undefined);
		}
	}
	return [results as INodeExecutionData[]];
}
