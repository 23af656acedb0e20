import type { HttpAnswer } from './transport';
import { NoAnswerError } from './transport';

export interface RetryPolicy {
	maxRetries: number;
	/** First backoff step in ms; doubled each attempt, with jitter. */
	baseDelay: number;
	/** No single wait is longer than this. */
	maxDelay: number;
	/** The waits of one message add up to no more than this. */
	maxTotalDelay: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelay: 500,
	maxDelay: 30_000,
	maxTotalDelay: 60_000,
};

function header(answer: HttpAnswer, name: string): string | undefined {
	const key = Object.keys(answer.headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : answer.headers[key];
	return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` (seconds or an HTTP date), or bitbybit's `RateLimit-Reset` (seconds). In ms. */
export function serverDelay(answer: HttpAnswer, now: number): number | undefined {
	const retryAfter = header(answer, 'retry-after')?.trim();
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = header(answer, 'ratelimit-reset')?.trim();
	if (reset && /^\d+(\.\d+)?$/.test(reset)) return Number(reset) * 1000;
	return undefined;
}

/**
 * Only answers that prove the provider did not take the message are retried: 429 and 503 say so,
 * and a connection that was never made carried nothing. A 500, a timeout or a reset after the
 * request went out might have been accepted, so retrying could message a customer twice.
 */
export function isSafeToRetry(outcome: HttpAnswer | NoAnswerError): boolean {
	if (outcome instanceof NoAnswerError) return outcome.connectFailed;
	return outcome.statusCode === 429 || outcome.statusCode === 503;
}

export function backoff(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const exponential = policy.baseDelay * 2 ** attempt;
	// Full jitter between half and the whole step keeps parallel lanes from retrying in lockstep.
	return Math.min(policy.maxDelay, exponential / 2 + (random() * exponential) / 2);
}

export interface RetryHooks {
	wait(ms: number): Promise<void>;
	now(): number;
	/** Told of every server-imposed pause, so other lanes hold back too. */
	onRateLimited?(until: number): void;
}

/** Sends, and sends again while it is safe and the policy allows; returns the last answer or throws NoAnswerError. */
export async function sendWithRetry(
	send: () => Promise<HttpAnswer>,
	policy: RetryPolicy,
	hooks: RetryHooks,
): Promise<{ answer: HttpAnswer; attempts: number }> {
	let waited = 0;
	for (let attempt = 0; ; attempt++) {
		const outcome = await send().catch((error: unknown) => {
			if (error instanceof NoAnswerError) return error;
			throw error;
		});
		const done = !isSafeToRetry(outcome) || attempt >= policy.maxRetries;
		if (done) {
			if (outcome instanceof NoAnswerError) throw outcome;
			return { answer: outcome, attempts: attempt + 1 };
		}
		const asked = outcome instanceof NoAnswerError ? undefined : serverDelay(outcome, hooks.now());
		const delay = Math.min(policy.maxDelay, asked ?? backoff(attempt, policy));
		if (waited + delay > policy.maxTotalDelay) {
			if (outcome instanceof NoAnswerError) throw outcome;
			return { answer: outcome, attempts: attempt + 1 };
		}
		if (asked !== undefined) hooks.onRateLimited?.(hooks.now() + delay);
		waited += delay;
		await hooks.wait(delay);
	}
}
