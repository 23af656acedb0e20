/**
 * Everything reachable from a value, as text: own properties whether enumerable or not (an error's
 * message, stack and cause), object keys, Buffers, Maps and Sets, cycles visited once. A loop rather than
 * recursion, with no depth limit: a secret nested 100,000 levels deep is still found.
 */
export function serializeAll(value: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [];
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const current = pending.pop();
		if (current === null || current === undefined) continue;
		if (typeof current === 'string') {
			parts.push(current);
			continue;
		}
		if (typeof current !== 'object' && typeof current !== 'function') {
			parts.push(String(current));
			continue;
		}
		if (seen.has(current)) continue;
		seen.add(current);
		if (Buffer.isBuffer(current)) {
			parts.push(current.toString('utf8'));
			continue;
		}
		if (current instanceof Map || current instanceof Set) {
			for (const entry of current) pending.push(entry);
			continue;
		}
		if (typeof current === 'function') continue;
		for (const key of Object.getOwnPropertyNames(current)) {
			parts.push(key);
			try {
				pending.push((current as Record<string, unknown>)[key]);
			} catch {
				continue;
			}
		}
	}
	return parts.join('\n');
}
