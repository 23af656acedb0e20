import { sleep } from 'n8n-workflow';

/**
 * Raised where an item waits for its turn — a pacing slot, a retry's pause — when the run stops (the
 * first failure with On Error → Stop) or the execution is cancelled. The item was not sent.
 */
export class Halted extends Error {
	constructor() {
		super('the run stopped before this message was sent');
	}
}

/** `signals` that exist, as one; undefined when there are none. */
export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
	const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
	if (present.length <= 1) return present[0];
	return AbortSignal.any(present);
}

/**
 * Resolves when `signal` aborts; the returned `release` must be called once the wait is over, so a
 * long-lived signal does not collect listeners.
 */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; release: () => void } {
	let release = () => {};
	const promise = new Promise<never>((_, reject) => {
		const onAbort = () => reject(new Halted());
		signal.addEventListener('abort', onAbort, { once: true });
		release = () => signal.removeEventListener('abort', onAbort);
	});
	return { promise, release };
}

/** Waits `ms`, or throws Halted as soon as `signal` aborts (at once if it already has). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw new Halted();
	const aborted = whenAborted(signal);
	try {
		await Promise.race([sleep(ms), aborted.promise]);
	} finally {
		aborted.release();
	}
}
