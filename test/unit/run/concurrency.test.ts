import fc from 'fast-check';

import { runBounded } from '../../../nodes/WhatsAppSend/run/concurrency';
import { settle } from '../../harness/virtualClock';

/** Work whose completion the test decides: each index waits until the test finishes it. */
class ControlledWork {
	readonly started: number[] = [];

	inFlight = 0;

	mostInFlight = 0;

	private readonly pending = new Map<
		number,
		{ resolve: (value: string) => void; reject: (error: Error) => void }
	>();

	readonly worker = async (index: number): Promise<string> => {
		this.started.push(index);
		this.inFlight++;
		this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
		try {
			return await new Promise<string>((resolve, reject) =>
				this.pending.set(index, { resolve, reject }),
			);
		} finally {
			this.inFlight--;
		}
	};

	get waiting(): number[] {
		return [...this.pending.keys()];
	}

	async finish(index: number, error?: Error): Promise<void> {
		const entry = this.pending.get(index);
		if (!entry) throw new Error(`item ${index} is not in flight`);
		this.pending.delete(index);
		if (error) entry.reject(error);
		else entry.resolve(`result ${index}`);
		await settle();
	}
}

describe('runBounded', () => {
	it('keeps input order and the bound, whatever order the work finishes in', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 40 }),
				fc.integer({ min: 1, max: 12 }),
				fc.infiniteStream(fc.nat()),
				async (count, limit, choices) => {
					const work = new ControlledWork();
					const run = runBounded(count, limit, work.worker);
					await settle();
					const picks = choices[Symbol.iterator]();
					// A lane takes the next item as soon as its own is done: always `limit` in flight until the tail.
					for (let finished = 0; finished < count; finished++) {
						expect(work.inFlight).toBe(Math.min(limit, count - finished));
						const waiting = work.waiting;
						await work.finish(waiting[(picks.next().value as number) % waiting.length]);
					}
					expect(work.inFlight).toBe(0);
					expect(await run).toEqual(Array.from({ length: count }, (_, i) => `result ${i}`));
					expect(work.started).toEqual(Array.from({ length: count }, (_, i) => i));
					expect(work.mostInFlight).toBe(Math.min(limit, count));
				},
			),
			{ numRuns: 200 },
		);
	});

	it('starts nothing new once stop() says so, and lets the work in flight finish', async () => {
		const work = new ControlledWork();
		let stopped = false;
		const run = runBounded(10, 3, work.worker, () => stopped);
		await settle();
		expect(work.waiting).toEqual([0, 1, 2]);
		stopped = true;
		await work.finish(1);
		expect(work.waiting).toEqual([0, 2]);
		await work.finish(2);
		await work.finish(0);
		const results = await run;
		expect(results).toEqual(['result 0', 'result 1', 'result 2', ...new Array(7).fill(undefined)]);
		expect(work.started).toEqual([0, 1, 2]);
	});

	it('after a worker throws, starts nothing new and rejects only when the work in flight has settled', async () => {
		const work = new ControlledWork();
		const run = runBounded(6, 3, work.worker);
		let outcome: unknown;
		run.then(
			() => (outcome = 'resolved'),
			(error: Error) => (outcome = error.message),
		);
		await settle();
		await work.finish(1, new Error('boom'));
		await work.finish(2, new Error('second'));
		expect(work.waiting).toEqual([0]);
		expect(outcome).toBeUndefined();
		await work.finish(0);
		expect(outcome).toBe('boom');
		expect(work.started).toEqual([0, 1, 2]);
	});

	it('treats a limit below 1 as 1', async () => {
		const work = new ControlledWork();
		const run = runBounded(3, 0, work.worker);
		await settle();
		expect(work.waiting).toEqual([0]);
		await work.finish(0);
		await work.finish(1);
		await work.finish(2);
		expect(await run).toEqual(['result 0', 'result 1', 'result 2']);
		expect(work.mostInFlight).toBe(1);
	});
});
