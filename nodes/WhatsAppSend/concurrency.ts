/**
 * Runs `worker` for indexes 0…count-1 with at most `limit` in flight, starting them in order.
 * Results keep input order whatever order the work finishes in. Once `stop()` says so, no new
 * index is started; work already in flight finishes.
 */
export async function runBounded<T>(
	count: number,
	limit: number,
	worker: (index: number) => Promise<T>,
	stop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count);
	let next = 0;
	async function lane(): Promise<void> {
		while (next < count && !stop()) {
			const index = next++;
			results[index] = await worker(index);
		}
	}
	const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => await lane());
	await Promise.all(lanes);
	return results;
}
