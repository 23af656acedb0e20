import type { IExecuteFunctions } from 'n8n-workflow';

import type { ProviderAccess } from '../http/access';
import { ProviderClient } from '../http/client';
import { RunLists } from '../http/runLists';
import { RunMedia } from '../media/loader';
import type { ProviderPlugin, Sources } from '../providers/types';
import { pause, StopSwitch } from './halt';
import { Pacer, PACE_HEADROOM } from './pacing';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { RetryHooks, RetryPolicy } from './retry';
import type { RunSettings } from './settings';

/** What the sends of one run share: the provider client, the pace, the retry rules, the sources, and its stops. */
export interface RunServices {
	/** Flipped when the execution is cancelled: the requests in flight end at once. */
	cancelled: StopSwitch;
	/**
	 * Flipped by the first failure with On Error → Stop, and by a cancel: every item still waiting for a
	 * pacing slot, a retry or a download is released, unsent. After a stop the sends in flight finish:
	 * they may already have been accepted.
	 */
	halt: StopSwitch;
	client: ProviderClient;
	pacer: Pacer;
	policy: RetryPolicy;
	retryHooks: RetryHooks;
	sources: Sources;
}

export function startServices(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	{ baseUrl, credentials }: ProviderAccess,
	settings: RunSettings,
	cancel: AbortSignal | undefined,
): RunServices {
	const cancelled = new StopSwitch(cancel);
	const halt = new StopSwitch(cancel);
	const client = new ProviderClient(
		context,
		provider.credential.type,
		baseUrl,
		settings.timeout,
		cancelled,
		credentials,
	);
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
		media: new RunMedia(context, {
			timeout: settings.timeout,
			clock: client.clock,
			halt,
			download: !settings.dryRun,
		}),
	};
	return { cancelled, halt, client, pacer, policy, retryHooks, sources };
}
