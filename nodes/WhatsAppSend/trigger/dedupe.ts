import { fingerprint } from './hmac';

/** How long a delivered event is remembered. bitbybit retries for up to 2 h 35 min and suggests a day. */
export const DEDUPE_TTL_SECONDS = 24 * 60 * 60;
/** How many events are remembered at most, so the workflow's static data stays small (about 30 KB). */
export const DEDUPE_MAX_KEYS = 1000;

/** [fingerprint, expiry in unix seconds]. */
export type SeenEvent = [string, number];

/** What the trigger keeps in the node's static data: fingerprints of recent events and when they expire. */
export interface DedupeMemory {
	v: 1;
	/** Oldest first. */
	seen: SeenEvent[];
}

function readMemory(value: unknown, nowSeconds: number): SeenEvent[] {
	const seen = (value as DedupeMemory | undefined)?.seen;
	if (!Array.isArray(seen)) return [];
	return seen.filter(
		(entry): entry is SeenEvent =>
			Array.isArray(entry) &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'number' &&
			entry[1] > nowSeconds,
	);
}

/** The union of several memories of the same trigger, each event once with its latest expiry, oldest first. */
function union(memories: SeenEvent[][]): SeenEvent[] {
	const expiry = new Map<string, number>();
	for (const seen of memories)
		for (const [print, expires] of seen)
			expiry.set(print, Math.max(expires, expiry.get(print) ?? 0));
	return [...expiry.entries()].sort((a, b) => a[1] - b[1]);
}

/**
 * Sorts a delivery's dedupe keys into new and already seen, and the memory to store afterwards.
 * `memory` is what the workflow's static data holds; `alsoSeen` what this n8n process remembers of
 * the same trigger (see RecentEvents). A key repeated within the same delivery counts once.
 */
export function checkAndRemember(
	memory: unknown,
	keys: string[],
	nowMs: number,
	alsoSeen: readonly SeenEvent[] = [],
): { isNew: boolean[]; memory: DedupeMemory } {
	const nowSeconds = Math.floor(nowMs / 1000);
	const seen = union([readMemory(memory, nowSeconds), readMemory({ seen: alsoSeen }, nowSeconds)]);
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

/** How many triggers one process keeps a memory for before it drops the least recently used. */
const MAX_TRIGGERS = 1000;

/**
 * What one n8n process has passed on lately, per trigger (workflow and node). n8n runs each delivery
 * on its own copy of the workflow's static data, read from the database when the request arrives and
 * written back whole when the node is done: two deliveries that overlap both start from the same copy,
 * and the one saved last drops the other's memory. This copy, shared by every request the process
 * serves, closes that gap within a process and is written back with the next delivery, so the static
 * data heals too. The static data stays the memory every process and restart shares.
 */
export class RecentEvents {
	private readonly byTrigger = new Map<string, SeenEvent[]>();

	recall(trigger: string): SeenEvent[] {
		return this.byTrigger.get(trigger) ?? [];
	}

	keep(trigger: string, seen: SeenEvent[]): void {
		this.byTrigger.delete(trigger);
		this.byTrigger.set(trigger, seen);
		while (this.byTrigger.size > MAX_TRIGGERS) {
			const oldest = this.byTrigger.keys().next().value;
			if (oldest === undefined) break;
			this.byTrigger.delete(oldest);
		}
	}
}
