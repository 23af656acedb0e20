import type { RetryHooks, RetryPolicy } from '../../../nodes/WhatsAppSend/run/retry';
import {
	backoff,
	isSafeToRetry,
	sendWithRetry,
	serverDelay,
} from '../../../nodes/WhatsAppSend/run/retry';
import type { HttpAnswer } from '../../../nodes/WhatsAppSend/http/answer';
import { NoAnswerError } from '../../../nodes/WhatsAppSend/http/noAnswer';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelay: 500,
	maxDelay: 60_000,
	maxTotalDelay: 120_000,
};

function answer(statusCode: number, headers: Record<string, string> = {}): HttpAnswer {
	return { statusCode, body: {}, headers };
}

const refused = () =>
	new NoAnswerError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED', true, false);
const timedOut = () => new NoAnswerError('timeout of 200ms exceeded', 'ECONNABORTED', false, true);
const hungUp = () => new NoAnswerError('socket hang up', 'ECONNRESET', false, false);

/** A scripted provider and a clock that only moves when the retry loop waits. */
function scripted(outcomes: Array<HttpAnswer | NoAnswerError>, random = 0.5) {
	let now = NOW;
	const waits: number[] = [];
	const holds: number[] = [];
	let calls = 0;
	const hooks: RetryHooks = {
		now: () => now,
		wait: async (ms) => {
			waits.push(ms);
			now += ms;
		},
		random: () => random,
		onRateLimited: (until) => holds.push(until - NOW),
	};
	const send = async () => {
		const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
		calls++;
		if (outcome instanceof NoAnswerError) throw outcome;
		return outcome;
	};
	return { hooks, send, waits, holds, calls: () => calls };
}

describe('sendWithRetry', () => {
	it('429 then success: exactly two requests, waiting what Retry-After asked (seconds)', async () => {
		const run = scripted([answer(429, { 'Retry-After': '2' }), answer(200)]);
		const result = await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.calls()).toBe(2);
		expect(result).toMatchObject({ attempts: 2, waited: 2000, answer: { statusCode: 200 } });
		expect(run.waits).toEqual([2000]);
		// Every lane is told to hold back as long.
		expect(run.holds).toEqual([2000]);
	});

	it('Retry-After as an HTTP date is a point in time', async () => {
		const at = new Date(NOW + 7000).toUTCString();
		const run = scripted([answer(429, { 'retry-after': at }), answer(201)]);
		await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.waits).toEqual([7000]);
	});

	it("bitbybit's RateLimit-Reset (seconds until the window resets) on a 429", async () => {
		const run = scripted([
			answer(429, {
				'RateLimit-Limit': '100',
				'RateLimit-Remaining': '0',
				'RateLimit-Reset': '13',
			}),
			answer(200),
		]);
		await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.waits).toEqual([13_000]);
	});

	it('429 without any header: exponential backoff with jitter (half to whole step)', async () => {
		const run = scripted([answer(429), answer(429), answer(429), answer(200)], 0);
		const result = await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.waits).toEqual([250, 500, 1000]);
		expect(result.attempts).toBe(4);
		const top = scripted([answer(429), answer(429), answer(200)], 1);
		await sendWithRetry(top.send, POLICY, top.hooks);
		expect(top.waits).toEqual([500, 1000]);
	});

	it('gives up after maxRetries and returns the last 429', async () => {
		const run = scripted([answer(429, { 'Retry-After': '0' })]);
		const result = await sendWithRetry(run.send, { ...POLICY, maxRetries: 2 }, run.hooks);
		expect(run.calls()).toBe(3);
		expect(result).toMatchObject({ attempts: 3, answer: { statusCode: 429 } });
	});

	it('maxRetries 0 sends once', async () => {
		const run = scripted([answer(503, { 'Retry-After': '0' })]);
		const result = await sendWithRetry(run.send, { ...POLICY, maxRetries: 0 }, run.hooks);
		expect(run.calls()).toBe(1);
		expect(result.attempts).toBe(1);
	});

	it('503 is retried; its RateLimit-Reset is ignored (bitbybit sends one on every answer)', async () => {
		const run = scripted([answer(503, { 'RateLimit-Reset': '60' }), answer(200)], 0.5);
		await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.waits).toEqual([375]);
		expect(run.holds).toEqual([]);
		const asked = scripted([answer(503, { 'Retry-After': '3' }), answer(200)]);
		await sendWithRetry(asked.send, POLICY, asked.hooks);
		expect(asked.waits).toEqual([3000]);
		expect(asked.holds).toEqual([3000]);
	});

	it.each([
		['500', answer(500)],
		['502', answer(502)],
		['400', answer(400)],
		['401', answer(401)],
		['402', answer(402)],
		['404', answer(404)],
	])('a %s is answered once, never retried', async (_, outcome) => {
		const run = scripted([outcome, answer(200)]);
		const result = await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.calls()).toBe(1);
		expect(result.answer).toBe(outcome);
		expect(run.waits).toEqual([]);
	});

	it('a refused connection is retried; the last NoAnswerError is thrown with the attempt count', async () => {
		const run = scripted([refused()], 0);
		const error = await sendWithRetry(run.send, POLICY, run.hooks).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NoAnswerError);
		expect((error as NoAnswerError).attempts).toBe(4);
		expect(run.waits).toEqual([250, 500, 1000]);
		// A connection failure is not a rate limit: other lanes keep their pace.
		expect(run.holds).toEqual([]);
		const healed = scripted([refused(), answer(200)], 0);
		expect((await sendWithRetry(healed.send, POLICY, healed.hooks)).attempts).toBe(2);
	});

	it.each([
		['a timeout', timedOut],
		['a connection reset after the request went out', hungUp],
	])('%s is never retried: the provider may have the message', async (_, make) => {
		const run = scripted([make(), answer(200)]);
		const error = await sendWithRetry(run.send, POLICY, run.hooks).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NoAnswerError);
		expect((error as NoAnswerError).attempts).toBe(1);
		expect(run.calls()).toBe(1);
	});

	it('a provider asking for a longer pause than the single-wait cap is not retried', async () => {
		const run = scripted([answer(429, { 'Retry-After': '61' }), answer(200)]);
		const result = await sendWithRetry(run.send, POLICY, run.hooks);
		expect(run.calls()).toBe(1);
		expect(result.answer.statusCode).toBe(429);
		expect(run.waits).toEqual([]);
	});

	it('the waits of one message never add up to more than the total cap', async () => {
		const run = scripted([answer(429, { 'Retry-After': '50' })]);
		const result = await sendWithRetry(run.send, { ...POLICY, maxRetries: 10 }, run.hooks);
		// 50 s + 50 s fit in 120 s; a third 50 s would not.
		expect(run.waits).toEqual([50_000, 50_000]);
		expect(result.attempts).toBe(3);
	});

	it('backoff never exceeds the single-wait cap', async () => {
		const run = scripted([refused()], 1);
		await sendWithRetry(
			run.send,
			{ maxRetries: 5, baseDelay: 1000, maxDelay: 3000, maxTotalDelay: 100_000 },
			run.hooks,
		).catch(() => undefined);
		expect(run.waits).toEqual([1000, 2000, 3000, 3000, 3000]);
	});

	it('an error that is not a missing answer is not retried and propagates', async () => {
		let calls = 0;
		const send = async (): Promise<HttpAnswer> => {
			calls++;
			throw new TypeError('boom');
		};
		await expect(sendWithRetry(send, POLICY, scripted([]).hooks)).rejects.toThrow('boom');
		expect(calls).toBe(1);
	});
});

describe('serverDelay', () => {
	it('reads Retry-After in seconds, fractions, dates in the past, and ignores garbage', () => {
		expect(serverDelay(answer(429, { 'Retry-After': '0' }), NOW)).toBe(0);
		expect(serverDelay(answer(429, { 'Retry-After': '1.5' }), NOW)).toBe(1500);
		expect(
			serverDelay(answer(429, { 'Retry-After': new Date(NOW - 5000).toUTCString() }), NOW),
		).toBe(0);
		expect(serverDelay(answer(429, { 'Retry-After': 'soon' }), NOW)).toBeUndefined();
		expect(serverDelay(answer(429), NOW)).toBeUndefined();
	});

	it('reads a reset given as epoch seconds as a point in time', () => {
		const reset = String(Math.floor(NOW / 1000) + 9);
		expect(serverDelay(answer(429, { 'RateLimit-Reset': reset }), NOW)).toBe(9000);
	});

	it('prefers Retry-After over RateLimit-Reset', () => {
		expect(serverDelay(answer(429, { 'Retry-After': '1', 'RateLimit-Reset': '30' }), NOW)).toBe(
			1000,
		);
	});
});

describe('isSafeToRetry and backoff', () => {
	it('only 429, 503 and connections never made', () => {
		expect(
			[200, 400, 401, 402, 404, 408, 409, 422, 429, 500, 502, 503, 504].filter((s) =>
				isSafeToRetry(answer(s)),
			),
		).toEqual([429, 503]);
		expect(isSafeToRetry(refused())).toBe(true);
		expect(isSafeToRetry(timedOut())).toBe(false);
		expect(isSafeToRetry(hungUp())).toBe(false);
	});

	it('doubles from the base delay', () => {
		expect([0, 1, 2, 3].map((attempt) => backoff(attempt, POLICY, () => 1))).toEqual([
			500, 1000, 2000, 4000,
		]);
	});
});
