/** Lets every promise chain that needs no timer run to its end. */
export async function settle(): Promise<void> {
	await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Virtual time for the pacing and concurrency tests: `wait` sets a timer on this clock, and `run`
 * jumps from one timer to the next whenever nothing else can happen, so tests of minutes of sending
 * take milliseconds and never depend on the machine's speed.
 */
export class VirtualClock {
	time: number;

	private timers: Array<{ at: number; order: number; resolve: () => void }> = [];

	private order = 0;

	/** `drift(ms)` is added to every timer: positive plays a late event loop, negative an early one. */
	constructor(
		start = 1_700_000_000_000,
		private readonly drift: (ms: number) => number = () => 0,
	) {
		this.time = start;
	}

	readonly now = (): number => this.time;

	readonly wait = async (ms: number): Promise<void> =>
		await new Promise<void>((resolve) => {
			// As Node's setTimeout: anything below 1 ms (or not a number) waits 1 ms.
			const delay = ms >= 1 ? ms : 1;
			const at = this.time + Math.max(0, delay + this.drift(delay));
			this.timers.push({ at, order: this.order++, resolve });
		});

	/** Runs `work` to its end in virtual time; fails if it waits on something no timer will bring. */
	async run<T>(work: Promise<T>, maxSteps = 1_000_000): Promise<T> {
		let done = false;
		work.then(
			() => (done = true),
			() => (done = true),
		);
		for (let step = 0; step < maxSteps; step++) {
			await settle();
			if (done) return await work;
			if (this.timers.length === 0) throw new Error('stuck: the work waits, and no timer is set');
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const timer = this.timers.shift()!;
			this.time = Math.max(this.time, timer.at);
			timer.resolve();
		}
		throw new Error(`still running after ${maxSteps} timers`);
	}
}

/** The most starts inside any window of `windowMs`, half-open as a provider's counter is. */
export function mostInAnyWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		// A start one window later, to float precision, is in the next window.
		while (sorted[last] - sorted[first] >= windowMs - 1e-6) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}
