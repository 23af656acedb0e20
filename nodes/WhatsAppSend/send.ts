import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError, sleep } from 'n8n-workflow';

import { runBounded } from './concurrency';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './description/options';
import { dryRunJson } from './dryRun';
import type { Failure } from './errors';
import {
	failureJson,
	failureToNodeError,
	InputError,
	inputErrorToNodeError,
	MAY_HAVE_BEEN_SENT,
	providerFailure,
} from './errors';
import { ExecutionLookup, LookupFailure } from './lookup';
import { readMessage } from './message';
import { Pacer } from './pacing';
import { getProvider } from './providers';
import type { WhatsAppProvider } from './providers/types';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from './retry';
import { maskDeep, maskText, secretsOf } from './secrets';
import { NoAnswerError, Transport, toHttpOptions } from './transport';
import type { HttpAnswer } from './transport';
import type { OutgoingMessage } from './types';

/** Safe defaults per provider: bitbybit allows 100 requests a minute per key, Callbell 300 a second. */
export const DEFAULT_MESSAGES_PER_SECOND: Record<string, number> = {
	bitbybit: 1.6,
	vobiz: 20,
	callbell: 50,
	multiSession: 0,
};

interface RunSettings {
	concurrency: number;
	messagesPerSecond: number;
	maxRetries: number;
	timeout: number;
	dryRun: boolean;
}

function readSettings(context: IExecuteFunctions, providerId: string): RunSettings {
	// Pacing and retries are properties of the whole run, so they come from the first item.
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		value === undefined || value === '' || Number.isNaN(Number(value)) ? fallback : Number(value);
	const perSecond = number(options.messagesPerSecond, 0);
	return {
		concurrency: Math.max(1, Math.min(100, Math.floor(number(options.concurrency, 5)))),
		messagesPerSecond: perSecond > 0 ? perSecond : (DEFAULT_MESSAGES_PER_SECOND[providerId] ?? 0),
		maxRetries: Math.max(0, Math.min(10, Math.floor(number(options.maxRetries, DEFAULT_MAX_RETRIES)))),
		timeout: Math.max(1, number(options.timeout, DEFAULT_TIMEOUT_MS)),
		dryRun: options.dryRun === true,
	};
}

function readBaseUrl(context: IExecuteFunctions, raw: unknown): string {
	const value = String(raw ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
		throw new NodeOperationError(
			context.getNode(),
			`The credential's Base URL "${value}" is not an http(s) URL`,
			{ description: 'Use a URL such as https://api.example.com/v1, without query string or fragment. Nothing was sent.' },
		);
	}
	return value.replace(/\/+$/, '');
}

/** One output item per input item: the normalised result of a send. */
function successItem(
	provider: WhatsAppProvider<unknown>,
	message: OutgoingMessage,
	answer: HttpAnswer,
	secrets: string[],
): INodeExecutionData {
	const result = provider.parseSuccess(answer.body);
	const json: IDataObject = {
		provider: provider.id,
		messageType: message.type,
		to: provider.formatRecipient(message),
		messageId: result.messageId ?? null,
		status: result.status,
		raw: (answer.body ?? null) as IDataObject,
	};
	return { json: maskDeep(json, secrets), pairedItem: { item: message.itemIndex } };
}

/**
 * A failed item. n8n routes an item to the error output when its JSON holds `error` and nothing but
 * `error`, `message` and `details` (an item-level `error` would make n8n replace the JSON with the bare
 * message), so everything else we know goes under `details`.
 */
function errorItem(
	provider: WhatsAppProvider<unknown>,
	itemIndex: number,
	error: NodeError,
	message: OutgoingMessage | undefined,
): INodeExecutionData {
	const failure = error.context.failure as unknown as Failure | undefined;
	const details: IDataObject = {
		provider: provider.id,
		messageType: message?.type ?? null,
		to: message ? safeRecipient(provider, message) : null,
		...(failure ? failureJson(provider.id, failure) : {}),
		...(error.description ? { description: error.description } : {}),
		itemIndex,
	};
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

function safeRecipient(provider: WhatsAppProvider<unknown>, message: OutgoingMessage): string | null {
	try {
		return provider.formatRecipient(message);
	} catch {
		return null;
	}
}

/** Sends every input item through the chosen provider and returns one output item per input item. */
export async function sendItems(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const node = context.getNode();
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = getProvider(providerId);
	if (!provider) {
		throw new NodeOperationError(node, `Unknown provider "${providerId}"`, {
			description: 'Valid: bitbybit, vobiz, callbell, multiSession',
		});
	}
	const settings = readSettings(context, provider.id);
	const continueOnFail = context.continueOnFail();

	const credentials = await context.getCredentials(provider.credentialType);
	const secrets = secretsOf(credentials, provider.secretFields);
	const baseUrl = readBaseUrl(context, credentials.baseUrl);

	const toNodeError = (error: unknown, itemIndex: number): NodeError => {
		if (error instanceof InputError) return inputErrorToNodeError(node, provider.id, itemIndex, error);
		if (error instanceof LookupFailure) return failureToNodeError(node, provider.id, itemIndex, error.failure, error.message);
		if (error instanceof NoAnswerError) return noAnswerError(error, itemIndex);
		if (error instanceof NodeError) return error;
		return new NodeOperationError(node, maskText((error as Error)?.message ?? String(error), secrets), { itemIndex });
	};
	const noAnswerError = (error: NoAnswerError, itemIndex: number): NodeError => {
		const failure: Failure = {
			kind: 'provider_unavailable',
			retryable: true,
			mayHaveBeenSent: !error.connectFailed,
			providerCode: error.code,
			providerMessage: error.message,
			hint: error.connectFailed
				? `Nothing answered at ${baseUrl}: check the credential's Base URL and that the service is running.`
				: undefined,
		};
		return failureToNodeError(node, provider.id, itemIndex, failure, `Item ${itemIndex}: ${error.message}${error.connectFailed ? '' : ` — ${MAY_HAVE_BEEN_SENT}`}`);
	};

	// Every item is read and checked before the first message goes out, so a bad item 500 cannot
	// stop a run halfway, after 499 customers were already messaged.
	const messages: Array<OutgoingMessage | NodeError> = items.map((_, itemIndex) => {
		try {
			return readMessage(context, itemIndex, provider);
		} catch (error) {
			return toNodeError(error, itemIndex);
		}
	});
	if (!continueOnFail) {
		const firstInvalid = messages.find((m): m is NodeError => m instanceof NodeError);
		if (firstInvalid) throw firstInvalid;
	}

	const transport = new Transport(context, provider.credentialType, baseUrl, settings.timeout);
	const pacer = new Pacer(settings.messagesPerSecond);
	const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: settings.maxRetries };
	const retryHooks = { wait: sleep, now: Date.now, onRateLimited: (until: number) => pacer.holdUntil(until) };
	const lookup = new ExecutionLookup(transport, context, provider, policy, retryHooks);

	let fatal: NodeError | undefined;
	const results = await runBounded(
		items.length,
		settings.concurrency,
		async (itemIndex): Promise<INodeExecutionData | undefined> => {
			const message = messages[itemIndex];
			if (message instanceof NodeError) return errorItem(provider, itemIndex, message, undefined);
			try {
				const prepared = provider.prepare ? await provider.prepare(message, lookup) : undefined;
				const request = provider.buildRequest(message, prepared);
				if (settings.dryRun) {
					const options = toHttpOptions(request, baseUrl, settings.timeout);
					return { json: dryRunJson(provider, message, request, options, credentials), pairedItem: { item: itemIndex } };
				}
				const { answer } = await sendWithRetry(
					async () => {
						await pacer.acquire();
						return await transport.send(request);
					},
					policy,
					retryHooks,
				);
				if (answer.statusCode >= 200 && answer.statusCode < 300) {
					return successItem(provider, message, answer, secrets);
				}
				const detail = maskDeep(provider.parseError(answer.body), secrets);
				const failure = providerFailure(answer.statusCode, detail, provider.hint?.(answer.statusCode, detail));
				throw failureToNodeError(node, provider.id, itemIndex, failure);
			} catch (error) {
				const nodeError = toNodeError(error, itemIndex);
				if (!continueOnFail) {
					fatal ??= nodeError;
					return undefined;
				}
				return errorItem(provider, itemIndex, nodeError, message);
			}
		},
		() => fatal !== undefined,
	);
	if (fatal) throw fatal;
	return [results as INodeExecutionData[]];
}
