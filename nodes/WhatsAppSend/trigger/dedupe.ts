import { fingerprint } from './hmac';

/** How long a delivered event is remembered. bitbybit retries for up to 2 h 35 min and suggests a day. */
export const DEDUPE_TTL_SECONDS = 24 * 60 * 60;
/** How many events are remembered at most, so the workflow's static data stays small (about 30 KB). */
export const DEDUPE_MAX_KEYS = 1000;

/** What the trigger keeps in the node's static data: fingerprints of recent events and when they expire. */
interface DedupeMemory {
	v: 1;
	/** [fingerprint, expiry in unix seconds], oldest first. */
	seen: Array<[string, number]>;
}

function readMemory(value: unknown, nowSeconds: number): Array<[string, number]> {
	const seen = (value as DedupeMemory | undefined)?.seen;
	if (!Array.isArray(seen)) return [];
	return seen.filter(
		(entry): entry is [string, number] =>
			Array.isArray(entry) &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'number' &&
			entry[1] > nowSeconds,
	);
}

/**
 * Sorts a delivery's dedupe keys into new and already seen, and the memory to store afterwards.
 * A key repeated within the same delivery counts once.
 */
export function checkAndRemember(
	memory: unknown,
	keys: string[],
	nowMs: number,
): { isNew: boolean[]; memory: DedupeMemory } {
	const nowSeconds = Math.floor(nowMs / 1000);
	const seen = readMemory(memory, nowSeconds);
	const known = new Set(seen.map(([print]) => print));
	const isNew = keys.map((key) => {
		const print = fingerprint(key);
		if (known.has(print)) return false;
		known.add(print);
		seen.push([print, nowSeconds + DEDUPE_TTL_SECONDS]);
		return true;
	});
	return { isNew, memory: { v: 1, seen: seen.slice(-DEDUPE_MAX_KEYS) } };
}
