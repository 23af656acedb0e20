/**
 * Calls `onGone` once the process that started this one has exited: its parent id changes when the
 * system hands the orphan to another process. Signals cannot tell a process that its parent was killed
 * with SIGKILL, or that a shell between them died without passing a signal on; this can. Polls once a
 * second and keeps nothing alive.
 */
export function watchParent(onGone: () => void, intervalMs = 1000): void {
	const parent = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		onGone();
	}, intervalMs);
	timer.unref();
}
