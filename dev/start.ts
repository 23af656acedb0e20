import { rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

import { Sandbox } from './sandbox/server';
import {
	CREDENTIAL_IDS,
	eventExamples,
	markImported,
	moveStoredExamples,
	planExamples,
	productionUrl,
	workflowsExportDir,
	workflowsImportDir,
	writeCredentialsFile,
	writeFreshExamples,
} from './lib/examples';
import {
	ensureN8nInstalled,
	ensureOwner,
	n8nCli,
	OWNER,
	startN8n,
	startWorker,
	waitForN8n,
} from './lib/n8n';
import type { DevN8n } from './lib/n8n';
import { buildAndInstallPackage } from './lib/package';
import { watchParent } from './lib/parent';
import { DEFAULT_QUEUE_USER_FOLDER, DEFAULT_USER_FOLDER, N8N_INSTALL_DIR } from './lib/paths';
import { freePort, portFree, portFromEnv } from './lib/ports';
import { stopChildren } from './lib/processes';
import { queueEnv, startPostgres, startRedis } from './lib/queue';

const USAGE = `npm run dev [-- options]

Builds the package, starts the provider sandbox and a local n8n with the package loaded, creates a
credential per provider pointing at the sandbox, and imports the example workflows.

  --sandbox-only       start only the sandbox (for an n8n you already run)
  --reset-examples     import the example workflows again, replacing edited copies
  --reset              start from an empty n8n: delete its data (database, owner, credentials, workflows)
  --user-folder=DIR    keep n8n's data in DIR instead of dev/.n8n (a second playground, tests)
  --queue              n8n in queue mode: Redis, PostgreSQL (installed with apt-get when missing), one
                       main process and two workers; its data in dev/.n8n-queue unless --user-folder
  --help               this text

Ports (loopback only): N8N_PORT (default 5678) for n8n, SANDBOX_PORT (default 5680) for the sandbox,
N8N_RUNNERS_BROKER_PORT for n8n's task broker (default: a free port chosen at each start).

Ctrl-C, or SIGINT / SIGTERM / SIGHUP to the npm process, stops n8n, its task runner and the sandbox
(with --queue also the workers, Redis and PostgreSQL).`;

interface Settings {
	sandboxOnly: boolean;
	queue: boolean;
	reset: boolean;
	resetExamples: boolean;
	userFolder: string;
	n8nPort: number;
	sandboxPort: number;
	/** Asked for with N8N_RUNNERS_BROKER_PORT; otherwise a free one is picked once the others are checked. */
	brokerPort?: number;
}

const FLAGS = ['--sandbox-only', '--queue', '--reset-examples', '--reset', '--help'];

function readSettings(argv: string[]): Settings | 'help' {
	const flags = new Set<string>();
	let userFolder: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--user-folder' || arg.startsWith('--user-folder=')) {
			const value = arg === '--user-folder' ? argv[++i] : arg.slice('--user-folder='.length);
			if (!value) throw new Error('--user-folder needs a folder');
			// npm runs scripts in the package's folder; a relative folder means the one the command was typed in.
			userFolder = isAbsolute(value)
				? value
				: resolve(process.env.INIT_CWD ?? process.cwd(), value);
		} else if (FLAGS.includes(arg)) {
			flags.add(arg);
		} else {
			throw new Error(`unknown option ${arg}\n\n${USAGE}`);
		}
	}
	if (flags.has('--help')) return 'help';
	return {
		sandboxOnly: flags.has('--sandbox-only'),
		queue: flags.has('--queue'),
		reset: flags.has('--reset'),
		resetExamples: flags.has('--reset-examples'),
		userFolder:
			userFolder ?? (flags.has('--queue') ? DEFAULT_QUEUE_USER_FOLDER : DEFAULT_USER_FOLDER),
		n8nPort: portFromEnv('N8N_PORT') ?? 5678,
		sandboxPort: portFromEnv('SANDBOX_PORT') ?? 5680,
		brokerPort: portFromEnv('N8N_RUNNERS_BROKER_PORT'),
	};
}

function step(text: string): void {
	console.log(`\n▶ ${text}`);
}

// What this command started, so that a signal, a failure or n8n's exit stops exactly that.
let sandbox: Sandbox | undefined;
let stopping = false;

async function shutdown(code: number, why: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`\nStopping (${why})…`);
	// n8n first (it stops its task runner itself), then anything still installing or importing.
	await stopChildren();
	await sandbox?.stop();
	process.exit(code);
}

/**
 * How this process learns it should stop. `npm run dev` runs `sh -c "tsc … && exec node …"`: the `exec`
 * makes this process the one npm forwards SIGINT and SIGTERM to (without it, sh gets the signal, dies,
 * and leaves this process running). SIGHUP: the terminal closed. And should npm (or whatever started
 * this) disappear without a signal — killed with SIGKILL — the parent watch notices.
 */
function stopOnSignals(): void {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
		process.on(signal, () => void shutdown(0, signal));
	watchParent(() => void shutdown(0, 'the process that started npm run dev is gone'));
	// Output goes to whatever started us; if that is gone, writing must not crash the shutdown.
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

async function checkPorts(settings: Settings): Promise<void> {
	const wanted = [
		{ name: 'SANDBOX_PORT', port: settings.sandboxPort },
		...(settings.sandboxOnly ? [] : [{ name: 'N8N_PORT', port: settings.n8nPort }]),
		...(settings.sandboxOnly || settings.brokerPort === undefined
			? []
			: [{ name: 'N8N_RUNNERS_BROKER_PORT', port: settings.brokerPort }]),
	];
	const seen = new Map<number, string>();
	for (const { name, port } of wanted) {
		if (seen.has(port))
			throw new Error(`${name} and ${seen.get(port)} are both ${port}: give each its own port`);
		seen.set(port, name);
		if (!(await portFree(port)))
			throw new Error(`port ${port} is in use: stop what runs there, or set ${name}`);
	}
}

/** Deletes what `npm run dev` keeps in the user folder, and nothing else that may be there. */
function resetUserFolder(userFolder: string): void {
	for (const name of ['.n8n', 'import', 'imported-examples.json', 'postgres'])
		rmSync(join(userFolder, name), { recursive: true, force: true });
}

/**
 * Credentials are imported on every start (n8n replaces the ones with the same id), so they always point
 * at the sandbox's current address. Examples are imported once; later starts keep the user's copies and,
 * when the sandbox moved to another port, change only the sandbox's address inside them (exported and
 * imported again through n8n's CLI).
 */
async function syncExamples(settings: Settings, instance: DevN8n, running: Sandbox): Promise<void> {
	step('Creating one credential per provider, pointing at the sandbox');
	const credentialsFile = writeCredentialsFile(
		settings.userFolder,
		running.providers.map((p) => ({
			provider: p.id,
			type: p.credentialType,
			data: p.credentials(running.baseUrl(p.id)),
		})),
	);
	await n8nCli(['import:credentials', `--input=${credentialsFile}`], instance);

	const plan = planExamples(settings.userFolder, running.url, settings.resetExamples);
	const dir = workflowsImportDir(settings.userFolder);
	let toImport = plan.fresh.length;
	const events = eventExamples();
	// Trigger examples imported now are activated; so are moved ones that were active (importing deactivates).
	const toActivate = new Set(
		plan.fresh.filter((w) => events.some((e) => e.id === w.id)).map((w) => w.id),
	);
	if (plan.move) {
		step(
			`The sandbox moved from ${plan.move.from} to ${running.url}: pointing the example workflows at it`,
		);
		const exported = workflowsExportDir(settings.userFolder);
		await n8nCli(
			['export:workflow', '--all', '--separate', `--output=${exported}/`],
			instance,
		).catch((error: Error) => {
			// n8n refuses to export nothing: every workflow was deleted.
			if (!/No workflows found/.test(error.message)) throw error;
		});
		const moved = moveStoredExamples(exported, dir, plan.move.ids, plan.move.from, running.url);
		for (const workflow of moved) {
			const reactivated = workflow.active === true && events.some((e) => e.id === workflow.id);
			if (reactivated) toActivate.add(workflow.id);
			console.log(
				`  ${workflow.name}: sandbox address changed, your edits kept${workflow.active && !reactivated ? ' (re-importing deactivated it: activate it again)' : ''}`,
			);
		}
		toImport += moved.length;
	}
	writeFreshExamples(dir, plan.fresh, running.url);
	if (plan.fresh.length) step(`Importing ${plan.fresh.length} example workflow(s)`);
	if (toImport) await n8nCli(['import:workflow', '--separate', `--input=${dir}`], instance);
	if (toActivate.size) step(`Activating ${toActivate.size} trigger example(s)`);
	// n8n 1.x's CLI marks them active; `n8n start` then activates them, registering their webhooks.
	for (const id of toActivate)
		await n8nCli(['update:workflow', `--id=${id}`, '--active=true'], instance);
	markImported(
		settings.userFolder,
		running.url,
		plan.fresh.map((w) => w.id),
	);
}

async function main(): Promise<void> {
	const settings = readSettings(process.argv.slice(2));
	if (settings === 'help') {
		console.log(USAGE);
		return;
	}
	stopOnSignals();
	await checkPorts(settings);

	const running = new Sandbox({ port: settings.sandboxPort });
	sandbox = running;
	const sandboxUrl = await running.start();
	if (settings.sandboxOnly) {
		printSandbox(running, sandboxUrl);
		console.log('\nCtrl-C (or SIGTERM to the npm process) stops the sandbox.');
		return;
	}
	const instance: DevN8n = {
		userFolder: settings.userFolder,
		port: settings.n8nPort,
		brokerPort: settings.brokerPort ?? (await freePort()),
	};

	if (settings.reset) {
		step(`Deleting n8n's data in ${settings.userFolder}`);
		resetUserFolder(settings.userFolder);
	}

	if (settings.queue) {
		step('Queue mode: starting Redis and PostgreSQL');
		const redis = await startRedis(console.log);
		const postgres = await startPostgres(join(settings.userFolder, 'postgres'), console.log);
		console.log(`Redis on 127.0.0.1:${redis.port}, PostgreSQL on 127.0.0.1:${postgres.port}`);
		// The editor's "Execute workflow" runs go to the workers too, so the examples show queue mode at work.
		instance.queue = {
			...queueEnv(redis.port, postgres),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
	}

	step('Installing n8n (if needed)');
	const version = await ensureN8nInstalled();
	console.log(`n8n ${version} in ${N8N_INSTALL_DIR}`);

	step('Building and packing the package into n8n’s community-package folder');
	await buildAndInstallPackage(settings.userFolder);

	await syncExamples(settings, instance, running);

	// bitbybit and Callbell deliver to URLs set by hand in their dashboards: the sandbox's are set here.
	for (const example of eventExamples()) {
		const url = productionUrl(`http://localhost:${instance.port}/`, example);
		if (example.provider === 'bitbybit') running.events.dashboards.setBitbybit(url);
		if (example.provider === 'callbell') running.events.dashboards.setCallbell(url);
	}

	step('Starting n8n');
	const child = startN8n(instance);
	child.once('exit', (code, signal) => {
		if (!stopping) {
			console.error(`n8n exited (${code ?? signal})`);
			void shutdown(1, 'n8n exited');
		}
	});
	const n8nUrl = `http://localhost:${instance.port}`;
	await waitForN8n(`http://127.0.0.1:${instance.port}`, () => child.exitCode === null);
	const owner = await ensureOwner(`http://127.0.0.1:${instance.port}`);
	if (settings.queue) {
		step('Starting two workers');
		for (const index of [1, 2]) {
			const worker = startWorker(instance, index, await freePort(), await freePort());
			worker.once('exit', (code, signal) => {
				if (!stopping) {
					console.error(`worker ${index} exited (${code ?? signal})`);
					void shutdown(1, `worker ${index} exited`);
				}
			});
		}
	}

	console.log(`
────────────────────────────────────────────────────────────────────────
 n8n            ${n8nUrl}   (N8N_PORT ${instance.port}; task broker on 127.0.0.1:${instance.brokerPort})${
		settings.queue
			? `
 Queue mode     Redis 127.0.0.1:${instance.queue?.QUEUE_BULL_REDIS_PORT}, PostgreSQL 127.0.0.1:${instance.queue?.DB_POSTGRESDB_PORT}, two workers;
                production executions (webhooks, triggers) run on the workers`
			: ''
 }
                ${owner === 'created' ? 'log in as' : 'owner (unless you changed it)'}: ${OWNER.email} / ${OWNER.password}
 Inbox          ${sandboxUrl}/   (SANDBOX_PORT ${running.url.split(':').pop()})`);
	printSandbox(running, sandboxUrl, true);
	console.log(` Examples       open a workflow named "WhatsApp Send · …" and click "Execute workflow";
                its messages appear in the inbox. The active "WhatsApp Send Trigger · …"
                workflows then show sent → delivered → read in their Executions; reply as the
                customer under a conversation in the inbox to see a reply arrive.
 Credentials    ${Object.values(CREDENTIAL_IDS)
		.map((c) => c.name)
		.join(', ')}
 n8n's data     ${settings.userFolder}
────────────────────────────────────────────────────────────────────────
Ctrl-C (or SIGTERM to the npm process) stops n8n, its task runner${settings.queue ? ', the workers, Redis, PostgreSQL' : ''} and the sandbox.`);
}

function printSandbox(sandbox: Sandbox, url: string, short = false): void {
	if (!short) console.log(`Sandbox inbox: ${url}/`);
	for (const provider of sandbox.providers) {
		console.log(
			` ${short ? '  ' : ''}${provider.label.padEnd(18)} Base URL ${sandbox.baseUrl(provider.id)}`,
		);
	}
	if (!short) {
		console.log('\nCredential values the sandbox accepts:');
		for (const provider of sandbox.providers) {
			console.log(
				`  ${provider.credentialType}: ${JSON.stringify(provider.credentials(sandbox.baseUrl(provider.id)))}`,
			);
		}
	}
}

main().catch((error: Error) => {
	if (stopping) return;
	console.error(`\n✖ ${error.message}`);
	void shutdown(1, 'failed');
});
