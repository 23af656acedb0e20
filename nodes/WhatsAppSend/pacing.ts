import { sleep } from 'n8n-workflow';

/**
 * Spaces the start of sends so that, across every lane, no more than `perSecond` start in any second.
 * Each caller reserves the next free slot synchronously, so concurrent lanes never share one.
 */
export class Pacer {
	private nextSlot = 0;

	private readonly interval: number;

	constructor(
		perSecond: number,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.interval = perSecond > 0 ? 1000 / perSecond : 0;
	}

	async acquire(): Promise<void> {
		if (this.interval === 0) return;
		const now = this.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.interval;
		if (slot > now) await this.wait(slot - now);
	}

	/** After a rate-limit answer, nobody starts before `until` (epoch ms). */
	holdUntil(until: number): void {
		this.nextSlot = Math.max(this.nextSlot, until);
	}
}
