import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../../dev/lib/paths';
import { freePort, listening } from '../../dev/lib/ports';
import { npmCommand } from '../../dev/lib/processes';
import { N8N1, selectedEngines } from './lib/engines';
import { descendants, hasProc, stillRunning } from './lib/processTree';
import type { ProcessInfo } from './lib/processTree';

/**
 * `npm run dev -- --queue` as a user runs it: Redis, PostgreSQL, n8n's main process and two workers all
 * start below npm, the workers report ready, and SIGTERM to npm stops every one of them and frees the
 * ports. Uses the n8n 1.x in dev/n8n and a user folder of its own.
 */

const BANNER_END =
	'Ctrl-C (or SIGTERM to the npm process) stops n8n, its task runner, the workers, Redis, PostgreSQL and the sandbox.';

const runsHere = hasProc && selectedEngines().includes(N8N1);

(runsHere ? describe : describe.skip)('npm run dev -- --queue', () => {
	let userFolder: string;
	beforeAll(() => {
		userFolder = mkdtempSync(join(tmpdir(), 'whatsapp-send-devqueue-'));
		// PostgreSQL runs as its own user when the command runs as root: it must reach its data folder.
		execFileSync('chmod', ['755', userFolder]);
	});
	afterAll(() => rmSync(userFolder, { recursive: true, force: true }));

	it('starts Redis, PostgreSQL, n8n and two workers below npm; SIGTERM to npm stops all of them', async () => {
		const ports = { n8n: await freePort(), sandbox: await freePort() };
		const statusBefore = execFileSync('git', ['status', '--porcelain'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		const env: NodeJS.ProcessEnv = {
			...process.env,
			N8N_PORT: String(ports.n8n),
			SANDBOX_PORT: String(ports.sandbox),
		};
		delete env.N8N_RUNNERS_BROKER_PORT;
		const npm = spawn(npmCommand, ['run', 'dev', '--', '--queue', `--user-folder=${userFolder}`], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let printed = '';
		const keep = (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-200_000));
		npm.stdout.on('data', keep);
		npm.stderr.on('data', keep);
		const seen = new Map<number, ProcessInfo>();
		const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
		const until = async (what: string, check: () => boolean, ms: number) => {
			const deadline = Date.now() + ms;
			while (!check()) {
				for (const p of descendants(npm.pid!)) seen.set(p.pid, p);
				if (Date.now() > deadline)
					throw new Error(
						`${what} within ${ms / 1000} s:\n${printed.split('\n').slice(-40).join('\n')}`,
					);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		};
		try {
			await until(
				'npm run dev -- --queue was not ready with both workers',
				() =>
					printed.includes(BANNER_END) &&
					/\[worker 1\].*n8n worker is now ready/.test(printed) &&
					/\[worker 2\].*n8n worker is now ready/.test(printed),
				480_000,
			);
			for (const p of descendants(npm.pid!)) seen.set(p.pid, p);
			const commands = [...seen.values()].map((p) => p.command);
			expect(commands.some((c) => /redis-server/.test(c))).toBe(true);
			expect(commands.some((c) => /postgres -D/.test(c))).toBe(true);
			expect(commands.filter((c) => /n8n\/bin\/n8n worker/.test(c))).toHaveLength(2);
			expect(commands.filter((c) => /n8n\/bin\/n8n start/.test(c))).toHaveLength(1);
			expect(printed).toMatch(
				/Queue mode {5}Redis 127\.0\.0\.1:\d+, PostgreSQL 127\.0\.0\.1:\d+, two workers/,
			);

			npm.kill('SIGTERM');
			await exited;
			await until(
				'processes started by npm run dev were still running',
				() => ![...seen.values()].some(stillRunning),
				90_000,
			);
			expect(await listening(ports.n8n)).toBe(false);
			expect(await listening(ports.sandbox)).toBe(false);
			expect(execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })).toBe(
				statusBefore,
			);
		} finally {
			for (const p of [...seen.values()].filter(stillRunning)) {
				try {
					process.kill(p.pid, 'SIGKILL');
				} catch {
					// gone meanwhile
				}
			}
			if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
		}
	});
});
