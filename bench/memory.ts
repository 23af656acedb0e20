import { setInterval, clearInterval } from 'node:timers';

const MB = 1024 * 1024;

function collect(): void {
	// Exposed by `node --expose-gc` (npm run bench); without it the baseline holds some garbage.
	(globalThis as { gc?: () => void }).gc?.();
}

/** Peak growth of RSS and heap during a run, sampled every 20 ms, over a collected baseline. */
export class MemoryPeak {
	private baseline = process.memoryUsage();

	private peakRss = 0;

	private peakHeap = 0;

	private timer?: NodeJS.Timeout;

	start(): void {
		collect();
		this.baseline = process.memoryUsage();
		this.peakRss = this.baseline.rss;
		this.peakHeap = this.baseline.heapUsed;
		this.timer = setInterval(() => this.sample(), 20);
	}

	private sample(): void {
		const now = process.memoryUsage();
		this.peakRss = Math.max(this.peakRss, now.rss);
		this.peakHeap = Math.max(this.peakHeap, now.heapUsed);
	}

	stop(): { rssMb: number; heapMb: number } {
		this.sample();
		clearInterval(this.timer);
		return {
			rssMb: (this.peakRss - this.baseline.rss) / MB,
			heapMb: (this.peakHeap - this.baseline.heapUsed) / MB,
		};
	}
}

/**
 * The heap a run really holds: collected every 250 ms and sampled right after, so garbage the
 * collector has not yet bothered to free does not count. Needs `node --expose-gc`.
 */
export class LiveHeap {
	private baseline = 0;

	private peak = 0;

	private timer?: NodeJS.Timeout;

	get available(): boolean {
		return typeof (globalThis as { gc?: () => void }).gc === 'function';
	}

	start(): void {
		collect();
		this.baseline = process.memoryUsage().heapUsed;
		this.peak = this.baseline;
		this.timer = setInterval(() => {
			collect();
			this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
		}, 250);
	}

	stop(): number {
		clearInterval(this.timer);
		return (this.peak - this.baseline) / MB;
	}
}
