import { headerOf } from '../http/answer';
import type { HttpAnswer } from '../http/answer';
import { NoAnswerError } from '../http/noAnswer';
import { DEFAULT_MAX_RETRIES } from './settings';

export interface RetryPolicy {
	maxRetries: number;
	/** First backoff step in ms; doubled each attempt, with jitter. */
	baseDelay: number;
	/** No single wait is longer than this; a provider asking for more is not retried. */
	maxDelay: number;
	/** The waits of one message add up to no more than this. */
	maxTotalDelay: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: DEFAULT_MAX_RETRIES,
	baseDelay: 500,
	// bitbybit counts requests per minute, so its reset is never further away than this.
	maxDelay: 60_000,
	maxTotalDelay: 120_000,
};

function header(answer: HttpAnswer, name: string): string | undefined {
	return headerOf(answer.headers, name);
}

const SECONDS = /^\d+(\.\d+)?$/;
// Above this a reset is a point in time (epoch seconds), not a number of seconds to wait.
const EPOCH_SECONDS = 1_000_000_000;

/**
 * How long the provider asked to wait, in ms: `Retry-After` (seconds or an HTTP date), or on a 429
 * bitbybit's `RateLimit-Reset` (seconds until the window resets). bitbybit sends `RateLimit-Reset` on
 * every answer, so it says nothing about a 503.
 */
export function serverDelay(answer: HttpAnswer, now: number): number | undefined {
	const retryAfter = header(answer, 'retry-after')?.trim();
	if (retryAfter) {
		if (SECONDS.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	if (answer.statusCode !== 429) return undefined;
	const reset =
		header(answer, 'ratelimit-reset')?.trim() ?? header(answer, 'x-ratelimit-reset')?.trim();
	if (reset && SECONDS.test(reset)) {
		const value = Number(reset);
		return value >= EPOCH_SECONDS
			? Math.max(0, Math.round(value * 1000 - now))
			: Math.round(value * 1000);
	}
	return undefined;
}

/**
 * Only outcomes that prove the provider did not take the message are retried: 429 and 503 say so,
 * and a connection that was never made carried nothing. A 500, a timeout, or a connection that
 * closed after the request went out might have been accepted; sending again could message a
 * customer twice.
 */
export function isSafeToRetry(outcome: HttpAnswer | NoAnswerError): boolean {
	if (outcome instanceof NoAnswerError) return outcome.connectFailed;
	return outcome.statusCode === 429 || outcome.statusCode === 503;
}

export function backoff(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const exponential = policy.baseDelay * 2 ** attempt;
	// Jitter between half and the whole step keeps parallel lanes from retrying in lockstep.
	return Math.round(Math.min(policy.maxDelay, exponential / 2 + (random() * exponential) / 2));
}

export interface RetryHooks {
	/**
	 * Waits before the next attempt. May throw (Halted, when the run stops meanwhile): the message was not
	 * sent, since only outcomes that prove the provider did not take it are retried.
	 */
	wait(ms: number): Promise<void>;
	now(): number;
	/** Source of jitter; Math.random when not given. */
	random?(): number;
	/** Told of every pause a rate limit or outage imposes, so other lanes hold back too. */
	onRateLimited?(until: number): void;
}

interface RetryResult {
	answer: HttpAnswer;
	/** Requests made, the first one included. */
	attempts: number;
	/** Total time waited between them, in ms. */
	waited: number;
}

/**
 * Sends, and sends again while it is safe and the policy allows. Returns the last answer, whatever
 * its status, or throws the last NoAnswerError (with `attempts` set).
 */
export async function sendWithRetry(
	send: () => Promise<HttpAnswer>,
	policy: RetryPolicy,
	hooks: RetryHooks,
): Promise<RetryResult> {
	let waited = 0;
	for (let attempt = 0; ; attempt++) {
		const outcome = await send().catch((error: unknown) => {
			if (error instanceof NoAnswerError) return error;
			throw error;
		});
		const finish = (): RetryResult => {
			if (outcome instanceof NoAnswerError) {
				outcome.attempts = attempt + 1;
				throw outcome;
			}
			return { answer: outcome, attempts: attempt + 1, waited };
		};
		if (!isSafeToRetry(outcome) || attempt >= policy.maxRetries) return finish();
		const asked = outcome instanceof NoAnswerError ? undefined : serverDelay(outcome, hooks.now());
		// Waiting less than the provider asked would only be refused again.
		if (asked !== undefined && asked > policy.maxDelay) return finish();
		const delay = asked ?? backoff(attempt, policy, hooks.random);
		if (waited + delay > policy.maxTotalDelay) return finish();
		const limited =
			!(outcome instanceof NoAnswerError) && (outcome.statusCode === 429 || asked !== undefined);
		if (limited) hooks.onRateLimited?.(hooks.now() + delay);
		waited += delay;
		await hooks.wait(delay);
	}
}
