import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { ServerConfig, ServerStats, TagStats } from './server';

export const BENCH_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bench-device-token';

/** The benchmark's provider server, in its own process, driven over IPC. */
export class BenchProvider {
	private nextId = 0;

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	static async start(config: Omit<ServerConfig, 'token'>): Promise<BenchProvider> {
		const child = fork(
			join(__dirname, 'server.js'),
			[JSON.stringify({ ...config, token: BENCH_TOKEN })],
			{
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			},
		);
		const url = await new Promise<string>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
			child.on('message', (message: { type: string; url?: string }) => {
				if (message.type === 'ready') resolve(message.url!);
			});
		});
		return new BenchProvider(child, url);
	}

	private async ask<T>(type: string): Promise<T> {
		const id = ++this.nextId;
		return await new Promise<T>((resolve) => {
			const listener = (message: { type: string; id: number } & T) => {
				if (message.id !== id) return;
				this.child.off('message', listener);
				resolve(message);
			};
			this.child.on('message', listener);
			this.child.send({ type, id });
		});
	}

	async stats(): Promise<ServerStats> {
		return (await this.ask<{ stats: ServerStats }>('stats')).stats;
	}

	/** Per tag (the first path segment of a tagged request): what the server saw of it. */
	async tags(): Promise<Record<string, TagStats>> {
		return (await this.ask<{ tags: Record<string, TagStats> }>('tags')).tags;
	}

	async reset(): Promise<void> {
		await this.ask('reset');
	}

	async stop(): Promise<void> {
		this.child.removeAllListeners('exit');
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.send({ type: 'stop', id: 0 });
		await exited;
	}
}
