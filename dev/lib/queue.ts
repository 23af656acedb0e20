import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, listening } from './ports';
import { run, startLong, stopChild } from './processes';

/**
 * What n8n's queue mode needs besides n8n: Redis (the job queue between the main process and its
 * workers) and a database every process shares. n8n warns that SQLite is not supported in scaling mode
 * (`BaseCommand.init`, 1.123 and 2.41 alike: "Scaling mode is not officially supported with sqlite"), so
 * this is PostgreSQL. Both come from Debian's packages (installed with apt-get when missing, through sudo
 * when not root) and run as children of this process, on free loopback ports, with their data in a
 * folder of their own: stopping this process stops them.
 */

/** Which binary-data mode the workers use, and why, per n8n line. */
export const QUEUE_BINARY_DATA = {
	// n8n 2.x stores binary data in the database by default in queue mode (BinaryDataConfig: mode ??= queue ?
	// 'database' : 'filesystem'); n8n 1.123 defaults to 'default' (in memory) and offers 'database' only
	// when listed in N8N_AVAILABLE_BINARY_DATA_MODES. 'filesystem' is a folder of one machine: a worker
	// elsewhere cannot read what another wrote. The database is the one store every process shares.
	N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database',
	N8N_DEFAULT_BINARY_DATA_MODE: 'database',
};

function which(binary: string): string | undefined {
	try {
		return (
			execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined
		);
	} catch {
		return undefined;
	}
}

const isRoot = process.getuid?.() === 0;

/** apt-get install, through sudo when this process is not root. */
async function aptInstall(packages: string[], log: (line: string) => void): Promise<void> {
	log(`Installing ${packages.join(', ')} from Debian's packages (apt-get)…`);
	const apt = (args: string[]): [string, string[]] =>
		isRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
	const install = apt(['install', '-y', '--no-install-recommends', ...packages]);
	const update = apt(['update']);
	const options = {
		cwd: process.cwd(),
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	};
	// A fresh machine may have no package lists yet: read them once and try again.
	await run(...install, options)
		.catch(async () => {
			await run(...update, options);
			await run(...install, options);
		})
		.catch((error: Error) => {
			throw new Error(
				`${error.message}\nInstall ${packages.join(' ')} yourself (sudo apt-get install ${packages.join(' ')}), then start again.`,
			);
		});
}

async function waitFor(
	what: string,
	ready: () => Promise<boolean>,
	child: ChildProcess,
	ms = 60_000,
): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`${what} exited before it was ready (see its output above)`);
		if (await ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} was not ready within ${ms / 1000} s`);
}

export interface RunningService {
	port: number;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** A Redis server for n8n's queue: loopback only, nothing saved to disk. */
export async function startRedis(
	log: (line: string) => void,
	options: { port?: number; prefix?: string; quiet?: boolean } = {},
): Promise<RunningService> {
	let binary = which('redis-server');
	if (!binary) {
		await aptInstall(['redis-server'], log);
		binary = which('redis-server');
		if (!binary) throw new Error('redis-server is still not on the PATH after installing it');
	}
	const port = options.port ?? (await freePort());
	const child = startLong(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
		],
		{ cwd: process.cwd(), prefix: options.prefix ?? '[redis]', quiet: options.quiet },
	);
	await waitFor('redis-server', async () => await listening(port), child);
	return { port, child, stop: async () => await stopChild(child, 5_000) };
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<version>/bin). */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** PostgreSQL will not run as root: as root, its programs run as Debian's `postgres` user. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

export interface RunningPostgres extends RunningService {
	/** What n8n needs to use it (DB_* variables). */
	env: Record<string, string>;
}

/**
 * A PostgreSQL cluster of its own in `dataDir` (created on first use; `fresh` starts it empty), listening
 * on a loopback port with trust authentication for the user `n8n` — a local playground or a test, never
 * a server. n8n uses its `postgres` database.
 */
export async function startPostgres(
	dataDir: string,
	log: (line: string) => void,
	options: { port?: number; fresh?: boolean; prefix?: string; quiet?: boolean } = {},
): Promise<RunningPostgres> {
	let bin = postgresBin();
	if (!bin) {
		await aptInstall(['postgresql'], log);
		bin = postgresBin();
		if (!bin)
			throw new Error('PostgreSQL is still missing from /usr/lib/postgresql after installing it');
	}
	if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
	if (!existsSync(join(dataDir, 'PG_VERSION'))) {
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		if (isRoot) {
			const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
			chownSync(dataDir, uid, gid);
		}
		chmodSync(dataDir, 0o700);
		log(`Creating a PostgreSQL cluster in ${dataDir}…`);
		const [command, args] = asServerUser(join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			'n8n',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--no-instructions',
		]);
		await run(command, args, { cwd: '/' });
	}
	const port = options.port ?? (await freePort());
	const [command, args] = asServerUser(join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dataDir}`,
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
	]);
	const child = startLong(command, args, {
		cwd: '/',
		prefix: options.prefix ?? '[postgres]',
		quiet: options.quiet,
	});
	await waitFor('postgres', async () => await listening(port), child);
	return {
		port,
		child,
		// SIGTERM is PostgreSQL's "smart" shutdown; the group kill after the grace ends what runuser started.
		stop: async () => await stopChild(child, 10_000),
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: 'postgres',
		},
	};
}

/** The environment of every n8n process in queue mode: main and workers alike. */
export function queueEnv(redisPort: number, postgres: RunningPostgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		...postgres.env,
		...QUEUE_BINARY_DATA,
	};
}
