/**
 * Runs `worker` for indexes 0…count-1 with at most `limit` in flight, starting them in order.
 * Results keep input order whatever order the work finishes in. Once `stop()` says so, no new
 * index is started; work already in flight finishes.
 *
 * A worker that throws also stops new starts, and the error is thrown only once every worker in
 * flight has settled: nothing of this run may still be sending after the node has returned.
 */
export async function runBounded<T>(
	count: number,
	limit: number,
	worker: (index: number) => Promise<T>,
	stop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count);
	let next = 0;
	let failed: { error: unknown } | undefined;
	async function lane(): Promise<void> {
		while (next < count && failed === undefined && !stop()) {
			const index = next++;
			try {
				results[index] = await worker(index);
			} catch (error) {
				failed ??= { error };
			}
		}
	}
	const lanes: Array<Promise<void>> = [];
	const width = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	for (let i = 0; i < width; i++) lanes.push(lane());
	await Promise.all(lanes);
	if (failed) throw failed.error;
	return results;
}
