import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_INSTALL_DIR } from './paths';
import {
	buildNativeModule,
	installPinned,
	isInstalled,
	markInstalled,
	NATIVE_MODULES,
	nativeModuleWorks,
	systemNodeDir,
} from './install';
import type { PinnedInstall } from './install';
import { run, startLong } from './processes';

export const N8N_BIN = join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** The owner account `npm run dev` creates; the instance listens on loopback only. */
export const OWNER = {
	email: 'dev@example.com',
	firstName: 'Sandbox',
	lastName: 'Developer',
	password: 'Sandbox-Dev-1',
};

function wantedVersion(): string {
	const manifest = JSON.parse(readFileSync(join(N8N_INSTALL_DIR, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return manifest.dependencies.n8n;
}

function installedVersion(): string | undefined {
	const manifest = join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(manifest)) return undefined;
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** dev/n8n: the n8n 1.x that `npm run dev` starts and the real-n8n tests run as their 1.x engine. */
export const DEV_N8N_INSTALL: PinnedInstall = {
	manifestDir: N8N_INSTALL_DIR,
	installDir: N8N_INSTALL_DIR,
	label: 'n8n (dev/n8n)',
};

/**
 * Installs the pinned n8n into dev/n8n on first run (and when the pin changes), or reuses the tree that is
 * there when it is complete, then builds the native modules that do not load. `log` gets one line per step
 * that takes time.
 */
export async function ensureN8nInstalled(
	log: (line: string) => void = console.log,
	live = true,
): Promise<string> {
	const wanted = wantedVersion();
	const present = installedVersion() === wanted && existsSync(N8N_BIN);
	if (!present || !isInstalled(DEV_N8N_INSTALL)) {
		// A complete tree from before the install marker existed passes every probe below and is kept.
		const reusable = present && (await allNativeModulesWork());
		if (!reusable) {
			log(
				`Installing n8n ${wanted} into dev/n8n (first run only: about 3 minutes, then 2 to 4 to build its native modules)…`,
			);
			await installPinned({ ...DEV_N8N_INSTALL, live });
		}
	}
	for (const module of NATIVE_MODULES) {
		if (await nativeModuleWorks(N8N_INSTALL_DIR, module)) continue;
		log(`Building ${module.name} for n8n ${wanted} with npm's node-gyp…`);
		await buildNativeModule(N8N_INSTALL_DIR, module, systemNodeDir(), live);
		if (!(await nativeModuleWorks(N8N_INSTALL_DIR, module)))
			throw new Error(`${module.name} was built in dev/n8n but does not load`);
	}
	if (!isInstalled(DEV_N8N_INSTALL))
		markInstalled(DEV_N8N_INSTALL, { n8n: wanted, node: process.versions.node });
	return wanted;
}

async function allNativeModulesWork(): Promise<boolean> {
	for (const module of NATIVE_MODULES)
		if (!(await nativeModuleWorks(N8N_INSTALL_DIR, module))) return false;
	return true;
}

/** The n8n that `npm run dev` runs: where its data lives and the ports it listens on. */
export interface DevN8n {
	/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n`. */
	userFolder: string;
	/** The editor and REST API. */
	port: number;
	/** The task broker its task runner connects to (N8N_RUNNERS_BROKER_PORT; n8n's default 5679 does not follow N8N_PORT). */
	brokerPort: number;
	/** Queue mode: the queue's and the shared database's settings (see dev/lib/queue.ts). */
	queue?: Record<string, string>;
}

export function n8nEnv({ userFolder, port, brokerPort, queue }: DevN8n): NodeJS.ProcessEnv {
	const inherited = { ...process.env };
	// n8n reads NODE_ENV=test (what test runners set) as its own test mode, in which `n8n start` exits at once
	// without a word.
	if (inherited.NODE_ENV === 'test') delete inherited.NODE_ENV;
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// A local playground: no telemetry, no calls home for templates, news or updates.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Settings n8n 1.x asks for to silence its deprecation notices.
		N8N_RUNNERS_ENABLED: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		...queue,
	};
}

/** Runs an n8n CLI command (import, export) against the dev instance's data. */
export async function n8nCli(args: string[], instance: DevN8n): Promise<string> {
	return await run(process.execPath, [N8N_BIN, ...args], {
		cwd: N8N_INSTALL_DIR,
		env: n8nEnv(instance),
	});
}

/**
 * Starts `n8n start`, its output shown with an `[n8n]` prefix. n8n is preloaded with followParent.js, so
 * it shuts itself down should this process disappear without stopping it.
 */
export function startN8n(instance: DevN8n): ChildProcess {
	const guard = join(__dirname, 'followParent.js');
	return startLong(process.execPath, ['--require', guard, N8N_BIN, 'start'], {
		cwd: N8N_INSTALL_DIR,
		env: n8nEnv(instance),
		prefix: '[n8n]',
	});
}

/**
 * Starts `n8n worker` for queue mode, its output prefixed `[worker N]`. Each worker runs a task broker of
 * its own, so it gets its own broker port.
 */
export function startWorker(
	instance: DevN8n,
	index: number,
	brokerPort: number,
	healthPort: number,
): ChildProcess {
	const guard = join(__dirname, 'followParent.js');
	return startLong(process.execPath, ['--require', guard, N8N_BIN, 'worker', '--concurrency=5'], {
		cwd: N8N_INSTALL_DIR,
		env: {
			...n8nEnv(instance),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		},
		prefix: `[worker ${index}]`,
	});
}

async function get(url: string): Promise<number | undefined> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.status;
	} catch {
		return undefined;
	}
}

export async function waitForN8n(
	baseUrl: string,
	isAlive: () => boolean,
	timeoutMs = 240_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive()) throw new Error('n8n exited before it was ready (see its output above)');
		// Readiness comes before the REST API is mounted; the settings endpoint answers only after.
		if ((await get(`${baseUrl}/rest/settings`)) === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n did not become ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** Creates the owner account on a fresh instance; an instance that has one already is left alone. */
export async function ensureOwner(baseUrl: string): Promise<'created' | 'existing'> {
	const settings = (await (await fetch(`${baseUrl}/rest/settings`)).json()) as {
		data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
	};
	if (settings.data?.userManagement?.showSetupOnFirstLoad === false) return 'existing';
	// The settings endpoint answers a moment before every controller is mounted.
	for (let attempt = 0; attempt < 30; attempt++) {
		const response = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (response.ok) return 'created';
		const text = await response.text();
		if (/already/i.test(text)) return 'existing';
		if (response.status !== 404)
			throw new Error(
				`creating the n8n owner failed (HTTP ${response.status}): ${text.slice(0, 300)}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n at ${baseUrl} offers no owner setup (POST /rest/owner/setup answered 404)`);
}
