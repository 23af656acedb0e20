import type { IDataObject } from 'n8n-workflow';

import { describeFailure, isRedirect, providerFailure, redirectFailure } from '../output/failure';
import type { Failure } from '../output/failure';
import type { ProviderLists, ProviderPlugin } from '../providers/types';
import { sendWithRetry } from '../run/retry';
import type { RetryHooks, RetryPolicy } from '../run/retry';
import { headerOf } from './answer';
import type { ProviderClient } from './client';

/** A lookup the provider refused; every item that needed it fails with the same cause. */
export class LookupFailure extends Error {
	constructor(
		message: string,
		readonly failure: Failure,
	) {
		super(message);
	}
}

/**
 * The provider's lists for one execution. Answers are cached by path and query for this execution
 * only (nothing survives it, so queue-mode workers stay stateless), and concurrent items asking for
 * the same list share one request.
 */
export class RunLists implements ProviderLists {
	private readonly cache = new Map<string, Promise<unknown>>();

	constructor(
		private readonly client: ProviderClient,
		private readonly provider: ProviderPlugin,
		private readonly policy: RetryPolicy,
		private readonly hooks: RetryHooks,
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
			async () => await this.client.send({ method: 'GET', path, qs }),
			this.policy,
			this.hooks,
		);
		if (answer.statusCode >= 200 && answer.statusCode < 300) return answer.body;
		const detail = this.provider.parseError(answer.body);
		const refusal = isRedirect(answer.statusCode)
			? redirectFailure(
					answer.statusCode,
					headerOf(answer.headers, 'location'),
					this.client.baseUrl,
				)
			: providerFailure(answer.statusCode, detail, this.provider.hint?.(answer.statusCode, detail));
		const failure: Failure = {
			...refusal,
			// A lookup comes before the send: whatever it met, the message was not sent.
			mayHaveBeenSent: false,
			subject: `the lookup of ${path}`,
		};
		throw new LookupFailure(describeFailure(this.provider, failure), failure);
	}
}
