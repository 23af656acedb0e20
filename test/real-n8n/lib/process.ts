import type { ChildProcess } from 'node:child_process';

/**
 * A long-running n8n process (`n8n start`, later `n8n worker` or `n8n webhook`): keeps the last 200 kB of
 * what it printed, waits for it to be ready, stops it.
 */
export class N8nProcess {
	private printed = '';

	constructor(
		readonly child: ChildProcess,
		/** `start`, `worker`, …: shown in errors. */
		readonly label: string,
	) {
		const keep = (chunk: Buffer) => {
			this.printed = (this.printed + chunk.toString()).slice(-200_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	get output(): string {
		return this.printed;
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Polls `ready` every half second until it is true; fails when the process exits first or time runs out. */
	async waitUntil(
		ready: () => boolean | Promise<boolean>,
		what: string,
		timeoutMs = 180_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) {
				throw new Error(
					`n8n ${this.label} exited (${this.child.exitCode ?? this.child.signalCode}) before ${what}:\n${this.printed.slice(-4000)}`,
				);
			}
			if (await ready()) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(
			`n8n ${this.label}: not ${what} within ${timeoutMs / 1000} s:\n${this.printed.slice(-4000)}`,
		);
	}

	/** SIGTERM (n8n shuts down cleanly on it), then SIGKILL after `graceMs`. */
	async stop(graceMs = 20_000): Promise<void> {
		if (!this.running) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
}

export async function httpStatus(url: string): Promise<number | undefined> {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
	} catch {
		return undefined;
	}
}
