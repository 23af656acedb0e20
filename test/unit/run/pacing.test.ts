import fc from 'fast-check';

import { Pacer, PACE_HEADROOM } from '../../../nodes/WhatsAppSend/run/pacing';
import { DEFAULT_RETRY_POLICY, sendWithRetry } from '../../../nodes/WhatsAppSend/run/retry';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';
import type { HttpAnswer } from '../../../nodes/WhatsAppSend/http/answer';
import { mostInAnyWindow, VirtualClock } from '../../harness/virtualClock';

interface Run {
	rate: number;
	lanes: number;
	sends: number;
	/** How long one send keeps its lane busy after it started. */
	busyMs?: number;
	/** Called right after each start, with its number (0-based). */
	onStart?: (index: number, pacer: Pacer, clock: VirtualClock) => void;
}

/** `lanes` workers sharing one pacer, as the node's lanes do; returns the virtual start times. */
async function paced(clock: VirtualClock, run: Run): Promise<number[]> {
	const pacer = new Pacer(run.rate, clock.now, clock.wait);
	const starts: number[] = [];
	let next = 0;
	const lane = async () => {
		while (next < run.sends) {
			next++;
			await pacer.acquire();
			starts.push(clock.now());
			run.onStart?.(starts.length - 1, pacer, clock);
			if (run.busyMs) await clock.wait(run.busyMs);
		}
	};
	await clock.run(Promise.all(Array.from({ length: run.lanes }, lane)));
	return starts;
}

const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]);

/** The most starts any window of `windowMs` may hold at `rate` per second. */
const allowed = (rate: number, windowMs: number) => Math.ceil((windowMs * rate) / 1000 - 1e-9);

describe('Pacer', () => {
	it('lets the first send go at once, then one every 1/R across all lanes: exactly R with punctual timers', async () => {
		const clock = new VirtualClock(0);
		const starts = await paced(clock, { rate: 4, lanes: 10, sends: 21 });
		expect(starts[0]).toBe(0);
		expect(gaps(starts)).toEqual(new Array(20).fill(250));
	});

	it('never puts more than ceil(W × R) starts in any window W, however late or early the timers fire', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.double({ min: 0.2, max: 300, noNaN: true }),
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 0, max: 400 }),
				fc.array(fc.integer({ min: -1, max: 40 }), { minLength: 1, maxLength: 16 }),
				async (rate, lanes, busyMs, lateness) => {
					let tick = 0;
					// Node's timers may fire up to 1 ms early against the wall clock, or late by a busy event loop.
					const drift = (ms: number) => {
						const value = lateness[tick++ % lateness.length];
						return value < 0 && ms <= 1 ? 0 : value;
					};
					const clock = new VirtualClock(0, drift);
					const starts = await paced(clock, { rate, lanes, sends: 60, busyMs });
					expect(starts).toHaveLength(60);
					for (const windowMs of [1000 / rate, 1000, 2500, 60_000]) {
						expect(mostInAnyWindow(starts, windowMs)).toBeLessThanOrEqual(allowed(rate, windowMs));
					}
				},
			),
			{ numRuns: 150 },
		);
	});

	it('keeps the bitbybit default at 94 or fewer sends in any minute, under its limit of 100', async () => {
		const rate = PROVIDERS.bitbybit.pace.messagesPerSecond * PACE_HEADROOM;
		const punctual = await paced(new VirtualClock(0), { rate, lanes: 5, sends: 300, busyMs: 800 });
		expect(mostInAnyWindow(punctual, 60_000)).toBe(94);
		let tick = 0;
		const late = new VirtualClock(0, () => [0, 3, 0, 17, 1][tick++ % 5]);
		const starts = await paced(late, { rate, lanes: 5, sends: 300, busyMs: 800 });
		expect(mostInAnyWindow(starts, 60_000)).toBeLessThanOrEqual(94);
	});

	it('holds every waiting lane during a pause asked for meanwhile, then resumes one interval apart without a burst', async () => {
		const clock = new VirtualClock(0);
		let pauseFrom = 0;
		const starts = await paced(clock, {
			rate: 10,
			lanes: 5,
			sends: 12,
			busyMs: 50,
			onStart: (index, pacer) => {
				if (index !== 4) return;
				pauseFrom = clock.now();
				pacer.holdUntil(pauseFrom + 2000);
			},
		});
		expect(starts.slice(0, 5)).toEqual([0, 100, 200, 300, 400]);
		expect(pauseFrom).toBe(400);
		expect(starts.slice(5)).toEqual([2400, 2500, 2600, 2700, 2800, 2900, 3000]);
	});

	it('an earlier pause never shortens a longer one', async () => {
		const clock = new VirtualClock(0);
		const starts = await paced(clock, {
			rate: 0,
			lanes: 2,
			sends: 4,
			onStart: (index, pacer) => {
				if (index === 0) pacer.holdUntil(clock.now() + 1000);
				if (index === 0) pacer.holdUntil(clock.now() + 300);
			},
		});
		// The second lane had passed before the pause was asked for.
		expect(starts).toEqual([0, 0, 1000, 1000]);
	});

	it('unpaced (rate 0) sets no timer at all, yet still honours a pause for every lane', async () => {
		const clock = new VirtualClock(0);
		const pacer = new Pacer(0, clock.now, clock.wait);
		const wait = jest.spyOn(clock, 'wait');
		await clock.run(Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]));
		expect(wait).not.toHaveBeenCalled();

		pacer.holdUntil(500);
		const starts: number[] = [];
		const take = async () => {
			await pacer.acquire();
			starts.push(clock.now());
		};
		await clock.run(Promise.all([take(), take(), take()]));
		expect(starts).toEqual([500, 500, 500]);
	});

	it('retries take pacer slots too, and a 429 with Retry-After holds the other lanes', async () => {
		const clock = new VirtualClock(0);
		const pacer = new Pacer(5, clock.now, clock.wait);
		const hooks = {
			wait: clock.wait,
			now: clock.now,
			onRateLimited: (until: number) => pacer.holdUntil(until),
		};
		const starts: number[] = [];
		let refusedAt: number | undefined;
		const send = async (): Promise<HttpAnswer> => {
			await pacer.acquire();
			starts.push(clock.now());
			const number = starts.length;
			await clock.wait(100);
			if (number === 3) {
				refusedAt = clock.now();
				return { statusCode: 429, headers: { 'Retry-After': '2' }, body: {} };
			}
			return { statusCode: 200, headers: {}, body: {} };
		};
		let next = 0;
		const statuses: number[] = [];
		const lane = async () => {
			while (next < 12) {
				const item = next++;
				const { answer } = await sendWithRetry(send, DEFAULT_RETRY_POLICY, hooks);
				statuses[item] = answer.statusCode;
			}
		};
		await clock.run(Promise.all(Array.from({ length: 4 }, lane)));

		expect(statuses).toEqual(new Array(12).fill(200));
		expect(starts).toHaveLength(13);
		expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(200);
		// The 429 was answered at 500: the lane that was waiting for the slot at 600 waits 2 s like the
		// lane that met the 429, and after the pause they go one interval apart again.
		expect(starts.slice(0, 3)).toEqual([0, 200, 400]);
		expect(refusedAt).toBe(500);
		expect(starts.slice(3, 6)).toEqual([2500, 2700, 2900]);
	});
});
