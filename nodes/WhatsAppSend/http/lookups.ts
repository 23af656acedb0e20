import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Failure } from '../output/errors';
import { describeFailure, InputError, isRedirect, providerFailure, redirectFailure } from '../output/errors';
import { checkRecordedMediaSize, loadMediaFile, readBinaryHead } from '../media/load';
import type { Lookup, MediaLimits, ProviderPlugin } from '../providers/types';
import type { StopSwitch } from '../run/halt';
import type { RetryHooks, RetryPolicy } from '../run/retry';
import { sendWithRetry } from '../run/retry';
import { headerOf } from './transport';
import type { Transport } from './transport';
import type { MediaFile, OutgoingMessage } from '../input/message';

/** A lookup the provider refused; every item that needed it fails with the same cause. */
export class LookupFailure extends Error {
	constructor(
		message: string,
		readonly failure: Failure,
	) {
		super(message);
	}
}

export interface LookupOptions {
	/** False in a dry run: media links are checked but not downloaded. */
	downloadLinks: boolean;
	/** Ends downloads when the run stops or is cancelled. */
	halt?: StopSwitch;
}

/**
 * The provider lookups of one execution. Answers are cached by path and query for this execution
 * only (nothing survives it, so queue-mode workers stay stateless), and concurrent items asking for
 * the same list share one request.
 */
export class ExecutionLookup implements Lookup {
	private readonly cache = new Map<string, Promise<unknown>>();

	constructor(
		private readonly transport: Transport,
		private readonly context: IExecuteFunctions,
		private readonly provider: ProviderPlugin,
		private readonly policy: RetryPolicy,
		private readonly hooks: RetryHooks,
		private readonly options: LookupOptions = { downloadLinks: true },
	) {}

	async getJson(path: string, qs?: IDataObject): Promise<unknown> {
		const key = `${path}?${JSON.stringify(qs ?? {})}`;
		let pending = this.cache.get(key);
		if (!pending) {
			pending = this.fetch(path, qs);
			this.cache.set(key, pending);
		}
		return await pending;
	}

	private async fetch(path: string, qs?: IDataObject): Promise<unknown> {
		// Reading a list is idempotent, so the usual retry rules are more than safe here.
		const { answer } = await sendWithRetry(
			async () => await this.transport.send({ method: 'GET', path, qs }),
			this.policy,
			this.hooks,
		);
		if (answer.statusCode >= 200 && answer.statusCode < 300) return answer.body;
		const detail = this.provider.parseError(answer.body);
		const refusal = isRedirect(answer.statusCode)
			? redirectFailure(answer.statusCode, headerOf(answer.headers, 'location'), this.transport.baseUrl)
			: providerFailure(answer.statusCode, detail, this.provider.hint?.(answer.statusCode, detail));
		const failure: Failure = {
			...refusal,
			// A lookup comes before the send: whatever it met, the message was not sent.
			mayHaveBeenSent: false,
			subject: `the lookup of ${path}`,
		};
		throw new LookupFailure(describeFailure(this.provider, failure), failure);
	}

	async loadMedia(message: OutgoingMessage, limits: MediaLimits): Promise<MediaFile> {
		if (!message.media) throw new InputError('Media', 'is missing');
		return await loadMediaFile(this.context, message, limits, {
			timeout: this.transport.timeout,
			clock: this.transport.clock,
			download: this.options.downloadLinks,
			halt: this.options.halt,
		});
	}

	async checkMediaSize(message: OutgoingMessage, limits: MediaLimits): Promise<void> {
		await checkRecordedMediaSize(this.context, message, limits);
	}

	async readMediaHead(message: OutgoingMessage, length: number): Promise<Buffer | undefined> {
		return await readBinaryHead(this.context, message, length);
	}
}
