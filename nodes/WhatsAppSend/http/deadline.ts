import { sleep } from 'n8n-workflow';

import type { StopSwitch } from '../run/halt';

/** How long the clock sleeps at most between looks: also how long it lingers once nothing is in flight. */
const MAX_TICK_MS = 200;

/**
 * A request's deadline: its signal aborts when `ms` have passed — connecting, headers and body alike —
 * or when the execution is cancelled. n8n's `timeout` option only bounds the wait for the headers: a
 * server that then sends one byte every 100 ms would hold the request for as long as it liked.
 */
export class Deadline {
	private readonly controller = new AbortController();

	readonly signal: AbortSignal;

	readonly expiresAt: number;

	private expired = false;

	private readonly unsubscribe: () => void;

	constructor(
		private readonly clock: DeadlineClock,
		readonly ms: number,
		private readonly cancel?: StopSwitch,
	) {
		this.signal = this.controller.signal;
		this.expiresAt = Date.now() + ms;
		this.unsubscribe = cancel?.onStop(() => this.controller.abort()) ?? (() => {});
	}

	/** The execution was cancelled (whether or not the deadline had also passed). */
	get cancelled(): boolean {
		return this.cancel?.aborted === true;
	}

	/** The deadline, not a cancellation, ended the request. */
	get timedOut(): boolean {
		return this.expired && !this.cancelled;
	}

	/** Called by the clock when the time is up. */
	expire(): void {
		this.expired = true;
		this.controller.abort();
		this.release();
	}

	/** Once the request is over, answered or not: the clock and the cancel signal forget it. */
	release(): void {
		this.unsubscribe();
		this.clock.forget(this);
	}
}

/**
 * Ends the requests of one run at their deadlines, with one loop that sleeps (n8n's `sleep`) until the
 * earliest is due, and only while a request is in flight. Cheaper than `AbortSignal.timeout` per request
 * (about 19 µs each on Node 20, and each keeps a timer and about 1 KB until it fires, even after its
 * request is long done), and unlike `AbortSignal.any` with the execution's cancel signal it leaves nothing
 * behind: on Node 20 every signal `any` derives from a long-lived one lives as long as that one (about
 * 2 KB a request).
 */
export class DeadlineClock {
	private readonly running = new Set<Deadline>();

	private ticking = false;

	start(ms: number, cancel?: StopSwitch): Deadline {
		const deadline = new Deadline(this, ms, cancel);
		this.running.add(deadline);
		void this.tick();
		return deadline;
	}

	forget(deadline: Deadline): void {
		this.running.delete(deadline);
	}

	private async tick(): Promise<void> {
		if (this.ticking) return;
		this.ticking = true;
		try {
			while (this.running.size > 0) {
				const now = Date.now();
				let earliest = Number.POSITIVE_INFINITY;
				for (const deadline of [...this.running]) {
					if (deadline.expiresAt <= now) deadline.expire();
					else earliest = Math.min(earliest, deadline.expiresAt);
				}
				if (this.running.size === 0) break;
				await sleep(Math.max(1, Math.min(earliest - now, MAX_TICK_MS)));
			}
		} finally {
			this.ticking = false;
		}
	}
}
