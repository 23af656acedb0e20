import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

import { Sandbox } from './sandbox/server';
import {
	CREDENTIAL_IDS,
	markImported,
	writeCredentialsFile,
	writeWorkflowsToImport,
} from './lib/examples';
import {
	ensureN8nInstalled,
	ensureOwner,
	n8nCli,
	n8nEnv,
	N8N_BIN,
	OWNER,
	waitForN8n,
} from './lib/n8n';
import { buildAndInstallPackage } from './lib/package';
import { N8N_INSTALL_DIR, N8N_USER_FOLDER } from './lib/paths';
import { startLong, stopChild } from './lib/processes';

const USAGE = `npm run dev [-- options]

Builds the package, starts the provider sandbox and a local n8n with the package loaded, creates a
credential per provider pointing at the sandbox, and imports the example workflows.

  --sandbox-only     start only the sandbox (for an n8n you already run)
  --reset-examples   import the example workflows again, replacing edited copies
  --reset            delete dev/.n8n (n8n's database, owner, credentials, workflows) first
  --help             this text

Environment: N8N_PORT (default 5678), SANDBOX_PORT (default 5680).`;

async function portFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

function step(text: string): void {
	console.log(`\n▶ ${text}`);
}

// What this command started, so that Ctrl-C, a failure or n8n's exit stops exactly that.
let n8n: ChildProcess | undefined;
let sandbox: Sandbox | undefined;
let stopping = false;

async function shutdown(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping…');
	if (n8n) await stopChild(n8n);
	await sandbox?.stop();
	process.exit(code);
}

async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	if (args.has('--help')) {
		console.log(USAGE);
		return;
	}
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const sandboxPort = Number(process.env.SANDBOX_PORT ?? 5680);
	const sandboxOnly = args.has('--sandbox-only');

	const ports = [
		{ name: 'SANDBOX_PORT', port: sandboxPort },
		...(sandboxOnly ? [] : [{ name: 'N8N_PORT', port: n8nPort }]),
	];
	for (const { name, port } of ports) {
		if (!(await portFree(port)))
			throw new Error(`port ${port} is in use: stop what runs there, or set ${name}`);
	}

	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	const running = new Sandbox({ port: sandboxPort });
	sandbox = running;
	const sandboxUrl = await running.start();
	if (sandboxOnly) {
		printSandbox(running, sandboxUrl);
		console.log('\nCtrl-C stops the sandbox.');
		return;
	}

	if (args.has('--reset')) {
		step('Deleting dev/.n8n');
		rmSync(N8N_USER_FOLDER, { recursive: true, force: true });
	}

	step('Installing n8n (if needed)');
	const version = await ensureN8nInstalled();
	console.log(`n8n ${version} in ${N8N_INSTALL_DIR}`);

	step('Building and packing the package into n8n’s community-package folder');
	await buildAndInstallPackage();

	step('Creating one credential per provider, pointing at the sandbox');
	const credentialsFile = writeCredentialsFile(
		running.providers.map((p) => ({
			provider: p.id,
			type: p.credentialType,
			data: p.credentials(running.baseUrl(p.id)),
		})),
	);
	await n8nCli(['import:credentials', `--input=${credentialsFile}`], n8nPort);

	const { dir, workflows } = writeWorkflowsToImport(sandboxUrl, args.has('--reset-examples'));
	if (workflows.length) {
		step(`Importing ${workflows.length} example workflow(s)`);
		await n8nCli(['import:workflow', '--separate', `--input=${dir}`], n8nPort);
		markImported(workflows);
	}

	step('Starting n8n');
	const child = startLong(process.execPath, [N8N_BIN, 'start'], {
		cwd: N8N_INSTALL_DIR,
		env: n8nEnv(n8nPort),
		prefix: '[n8n]',
	});
	n8n = child;
	child.once('exit', (code) => {
		if (!stopping) {
			console.error(`n8n exited (code ${code ?? 'signal'})`);
			void shutdown(1);
		}
	});
	const n8nUrl = `http://localhost:${n8nPort}`;
	await waitForN8n(`http://127.0.0.1:${n8nPort}`, () => child.exitCode === null);
	const owner = await ensureOwner(`http://127.0.0.1:${n8nPort}`);

	console.log(`
────────────────────────────────────────────────────────────────────────
 n8n            ${n8nUrl}
                ${owner === 'created' ? 'log in as' : 'owner (unless you changed it)'}: ${OWNER.email} / ${OWNER.password}
 Inbox          ${sandboxUrl}/`);
	printSandbox(running, sandboxUrl, true);
	console.log(` Examples       open a workflow named "WhatsApp Send · …" and click "Execute workflow";
                its messages appear in the inbox.
 Credentials    ${Object.values(CREDENTIAL_IDS)
		.map((c) => c.name)
		.join(', ')}
────────────────────────────────────────────────────────────────────────
Ctrl-C stops n8n and the sandbox.`);
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
	console.error(`\n✖ ${error.message}`);
	void shutdown(1);
});
