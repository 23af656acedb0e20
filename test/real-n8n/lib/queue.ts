import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../../../dev/lib/ports';
import { queueEnv, startPostgres, startRedis } from '../../../dev/lib/queue';
import type { RunningPostgres, RunningService } from '../../../dev/lib/queue';
import type { Sandbox } from '../../../dev/sandbox/server';
import type { Engine } from './engines';
import { N8nInstance } from './instance';
import type { CredentialRow, WorkflowJson } from './instance';
import { installPackage, packedTarball } from './package';
import type { N8nProcess } from './process';
import { sandboxCredentials } from './workflows';

/**
 * n8n in queue mode, as a team running it on one machine would: Redis, PostgreSQL, one main process
 * (editor, webhooks, the queue's producer) and `workers` worker processes, all sharing one user folder
 * (the community package installed once, where every process loads it) and one database.
 */
export class QueueCluster {
	readonly workers: N8nProcess[] = [];
	main?: N8nProcess;

	private constructor(
		readonly n8n: N8nInstance,
		private readonly redis: RunningService,
		private readonly postgres: RunningPostgres,
		private readonly pgDir: string,
	) {}

	static async create(
		engine: Engine,
		name: string,
		sandbox: Sandbox,
		workflows: WorkflowJson[],
		extraCredentials: CredentialRow[] = [],
	): Promise<QueueCluster> {
		const quiet = { quiet: true };
		const log = (line: string) => process.stdout.write(`[queue] ${line}\n`);
		const redis = await startRedis(log, quiet);
		const pgDir = mkdtempSync(join(tmpdir(), `whatsapp-send-pg-${engine.id}-`));
		// PostgreSQL runs as its own user when the tests run as root: it must reach its data folder.
		chmodSync(pgDir, 0o755);
		let postgres: RunningPostgres | undefined;
		let n8n: N8nInstance | undefined;
		try {
			postgres = await startPostgres(join(pgDir, 'data'), log, { ...quiet, fresh: true });
			n8n = await N8nInstance.create(engine, name, queueEnv(redis.port, postgres));
			await installPackage(n8n, packedTarball());
			await n8n.importCredentials([...sandboxCredentials(sandbox), ...extraCredentials]);
			await n8n.importWorkflows(workflows);
			for (const workflow of workflows.filter((w) => w.active)) {
				// n8n 1.x activates, n8n 2.x publishes the current version: the same command does both.
				await n8n.cliOk(['update:workflow', `--id=${workflow.id}`, '--active=true']);
			}
			return new QueueCluster(n8n, redis, postgres, pgDir);
		} catch (error) {
			await n8n?.dispose();
			await postgres?.stop();
			await redis.stop();
			rmSync(pgDir, { recursive: true, force: true });
			throw error;
		}
	}

	/** Starts the main process and the workers; resolves once all are ready. */
	async start(workers = 2, concurrency = 2): Promise<void> {
		this.main = this.n8n.spawn(['start']);
		for (let i = 0; i < workers; i++) {
			// Each worker runs a task broker of its own (and would serve its health check): own ports.
			const worker = this.n8n.spawn([`worker`, `--concurrency=${concurrency}`], {
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			});
			this.workers.push(worker);
		}
		await Promise.all([
			this.main.waitUntil(
				async () =>
					/Editor is now accessible via/.test(this.main?.output ?? '') &&
					(await fetch(`${this.n8n.baseUrl}/rest/settings`).then(
						(r) => r.status,
						() => 0,
					)) === 200,
				'ready',
				240_000,
			),
			...this.workers.map(
				async (worker) =>
					await worker.waitUntil(
						async () => /n8n worker is now ready/.test(worker.output),
						'ready',
						240_000,
					),
			),
		]);
	}

	/**
	 * Waits until the main process serves the production webhook at `path` (POST): n8n 2.x activates
	 * workflows after its editor is up. A GET then answers "not registered for GET" instead of
	 * "The requested webhook … is not registered".
	 */
	async webhookReady(path: string, timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const text = await fetch(`${this.n8n.baseUrl}/webhook/${path}`).then(
				async (r) => await r.text(),
				() => 'The requested webhook',
			);
			if (!text.includes('The requested webhook')) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(
			`the webhook ${path} was not registered within ${timeoutMs / 1000} s:\n${this.main?.output.slice(-4000)}`,
		);
	}

	/** The executions each worker ran, by the lines n8n's job processor logs ("Worker started execution N"). */
	executionsByWorker(): string[][] {
		return this.workers.map((worker) =>
			[...worker.output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
		);
	}

	/** Posts to a production webhook of the main process and returns its answer. */
	async webhook(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
		const response = await fetch(`${this.n8n.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(300_000),
		});
		const text = await response.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// Kept as text for the failure message.
		}
		return { status: response.status, json };
	}

	async dispose(): Promise<void> {
		await this.n8n.dispose();
		await this.postgres.stop();
		await this.redis.stop();
		rmSync(this.pgDir, { recursive: true, force: true });
	}
}
