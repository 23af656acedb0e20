/**
 * Everything reachable from a value, as text: own properties whether enumerable or not (an error's
 * message, stack and cause), object keys, Buffers, Maps and Sets, cycles visited once.
 */
export function serializeAll(value: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [];
	const visit = (current: unknown, depth: number) => {
		if (current === null || current === undefined || depth > 60) return;
		if (typeof current === 'string') return void parts.push(current);
		if (typeof current !== 'object' && typeof current !== 'function') return void parts.push(String(current));
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current)) return void parts.push(current.toString('utf8'));
		if (current instanceof Map || current instanceof Set) {
			for (const entry of current) visit(entry, depth + 1);
			return;
		}
		if (typeof current === 'function') return;
		for (const key of Object.getOwnPropertyNames(current)) {
			parts.push(key);
			let entry: unknown;
			try {
				entry = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(entry, depth + 1);
		}
	};
	visit(value, 0);
	return parts.join('\n');
}
