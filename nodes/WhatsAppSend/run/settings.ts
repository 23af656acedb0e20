import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ProviderPlugin } from '../providers/types';
import { DEFAULT_KEYS_KEPT, MAX_KEYS_KEPT } from './sentRecord';
import type { SentRecordSettings } from './sentRecord';

/** Milliseconds one request may take in all when the Timeout option is not set: runs, lists and the trigger's calls. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** How often a message is retried when the provider certainly did not take it, unless Max Retries says otherwise. */
export const DEFAULT_MAX_RETRIES = 3;
/** Messages in flight at once unless Concurrency says otherwise, and the most it may say. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 100;
export const MAX_RETRIES = 10;

/** What a run does with its items as a whole: how many in flight, how fast, how often retried, how long each may take. */
export interface RunSettings {
	concurrency: number;
	messagesPerSecond: number;
	maxRetries: number;
	timeout: number;
	dryRun: boolean;
	/** Set when Skip Messages Already Sent is on: the record's scope and size. */
	skipAlreadySent?: SentRecordSettings;
}

export function readSettings(context: IExecuteFunctions, provider: ProviderPlugin): RunSettings {
	// Pacing and retries are properties of the whole run, so they come from the first item.
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		value === undefined || value === '' || Number.isNaN(Number(value)) ? fallback : Number(value);
	const perSecond = number(options.messagesPerSecond, 0);
	return {
		concurrency: Math.max(
			1,
			Math.min(MAX_CONCURRENCY, Math.floor(number(options.concurrency, DEFAULT_CONCURRENCY))),
		),
		// 0 is the provider's own pace, below its documented limit.
		messagesPerSecond: perSecond > 0 ? perSecond : provider.pace.messagesPerSecond,
		maxRetries: Math.max(
			0,
			Math.min(MAX_RETRIES, Math.floor(number(options.maxRetries, DEFAULT_MAX_RETRIES))),
		),
		timeout: Math.max(1, number(options.timeout, DEFAULT_TIMEOUT_MS)),
		dryRun: options.dryRun === true,
		...(options.skipAlreadySent === true
			? {
					skipAlreadySent: {
						scope: options.sentMessageScope === 'workflow' ? 'workflow' : 'node',
						kept: Math.max(
							1,
							Math.min(
								MAX_KEYS_KEPT,
								Math.floor(number(options.sentMessagesKept, DEFAULT_KEYS_KEPT)),
							),
						),
					},
				}
			: {}),
	};
}
