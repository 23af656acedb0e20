import { sleep } from 'n8n-workflow';

import { Halted } from './halt';
import type { StopSwitch } from './halt';

/**
 * The share of Messages Per Second the node paces at. Requests that start 1/R apart can reach the
 * provider closer together (network and scheduling jitter); pacing 3% under R leaves about 30 ms of
 * slack in every second of the provider's count, so a run at exactly the provider's limit does not
 * meet a 429 — which would hold every lane for as long as the provider asks.
 */
export const PACE_HEADROOM = 0.97;

/**
 * Lets sends start no faster than `perSecond`, across every lane of a run, and holds them all back
 * while a provider has asked for a pause.
 *
 * Waiting callers queue and one pump lets them go. The gap is measured from the moment a caller was
 * really let go, not from a planned slot: a timer that fires late (a busy event loop, a GC pause)
 * then costs a little speed instead of letting two sends out back to back. So any window of W ms
 * holds at most ceil(W × perSecond / 1000) starts — the first one included, with no burst at the
 * beginning of a run or at the end of a pause. A pause asked for while callers already wait delays
 * them too, since nobody holds a slot reserved ahead of time.
 */
export class Pacer {
	private readonly interval: number;

	/** Earliest time the next caller may go. */
	private nextStart = Number.NEGATIVE_INFINITY;

	private heldUntil = Number.NEGATIVE_INFINITY;

	private readonly waiting: Array<{ go: () => void }> = [];

	private pumping = false;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.interval = perSecond > 0 && Number.isFinite(perSecond) ? 1000 / perSecond : 0;
	}

	/**
	 * Resolves when the caller may start one send. Throws Halted, and gives up its place, as soon as
	 * `stop` is flipped: a stopped or cancelled run lets nothing more out, however long its queue.
	 */
	async acquire(stop?: StopSwitch): Promise<void> {
		if (stop?.aborted) throw new Halted();
		if (!this.pumping && this.waiting.length === 0) {
			const now = this.now();
			if (now >= this.readyAt()) {
				this.nextStart = now + this.interval;
				return;
			}
		}
		let unsubscribe = () => {};
		try {
			await new Promise<void>((resolve, reject) => {
				const entry = { go: resolve };
				this.waiting.push(entry);
				unsubscribe =
					stop?.onStop(() => {
						const at = this.waiting.indexOf(entry);
						if (at !== -1) this.waiting.splice(at, 1);
						reject(new Halted());
					}) ?? unsubscribe;
				void this.pump();
			});
		} finally {
			unsubscribe();
		}
	}

	/** After a rate-limit answer, nobody starts before `until` (epoch ms). */
	holdUntil(until: number): void {
		this.heldUntil = Math.max(this.heldUntil, until);
	}

	private readyAt(): number {
		return Math.max(this.nextStart, this.heldUntil);
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting.length > 0) {
				const now = this.now();
				const ready = this.readyAt();
				// Checked again after every wait: a timer may fire early, or a pause may have been asked for meanwhile.
				if (now < ready) {
					await this.wait(ready - now);
					continue;
				}
				this.nextStart = now + this.interval;
				this.waiting.shift()!.go();
			}
		} finally {
			this.pumping = false;
		}
	}
}
