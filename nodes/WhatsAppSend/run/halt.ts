import { sleep } from 'n8n-workflow';

/**
 * Raised where an item waits for its turn — a pacing slot, a retry's pause, a download — when the run
 * stops (the first failure with On Error → Stop) or the execution is cancelled. The item was not sent.
 */
export class Halted extends Error {
	constructor() {
		super('the run stopped before this message was sent');
	}
}

/**
 * Something a run waits on that can end early: its stop, or the execution's cancel signal. Many waiters
 * (every item waiting for its turn) share one listener on the execution's signal; an AbortSignal would
 * warn past 10 listeners, and the Node API that lifts that limit is not available to community nodes.
 */
export class StopSwitch {
	private readonly callbacks = new Set<() => void>();

	private stopped = false;

	/** `cancel`: the execution's cancel signal, which flips this switch too. */
	constructor(cancel?: AbortSignal) {
		if (cancel?.aborted) this.stopped = true;
		else cancel?.addEventListener('abort', () => this.stop(), { once: true });
	}

	get aborted(): boolean {
		return this.stopped;
	}

	/** Flips the switch: every waiter is released. */
	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		const callbacks = [...this.callbacks];
		this.callbacks.clear();
		for (const callback of callbacks) callback();
	}

	/** Calls `callback` once the switch is flipped (at once if it is); returns what stops listening. */
	onStop(callback: () => void): () => void {
		if (this.stopped) {
			callback();
			return () => {};
		}
		this.callbacks.add(callback);
		return () => this.callbacks.delete(callback);
	}
}

/** Waits `ms`, or throws Halted as soon as `stop` is flipped (at once if it is). */
export async function pause(ms: number, stop?: StopSwitch): Promise<void> {
	if (!stop) return await sleep(ms);
	if (stop.aborted) throw new Halted();
	let unsubscribe = () => {};
	const stopped = new Promise<never>((_, reject) => {
		unsubscribe = stop.onStop(() => reject(new Halted()));
	});
	try {
		await Promise.race([sleep(ms), stopped]);
	} finally {
		unsubscribe();
	}
}
