import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_INSTALL_DIR, N8N_USER_FOLDER } from './paths';
import { npmCommand, run } from './processes';

export const N8N_BIN = join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** The owner account `npm run dev` creates; the instance listens on loopback only. */
export const OWNER = { email: 'dev@example.com', firstName: 'Sandbox', lastName: 'Developer', password: 'Sandbox-Dev-1' };

function wantedVersion(): string {
	const manifest = JSON.parse(readFileSync(join(N8N_INSTALL_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
	return manifest.dependencies.n8n;
}

function installedVersion(): string | undefined {
	const manifest = join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(manifest)) return undefined;
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs the pinned n8n into dev/n8n on first run (and when the pin changes). */
export async function ensureN8nInstalled(): Promise<string> {
	const wanted = wantedVersion();
	if (installedVersion() === wanted && existsSync(N8N_BIN)) return wanted;
	console.log(`Installing n8n ${wanted} into dev/n8n — first run only, this takes several minutes…`);
	// `install` follows dev/n8n/package-lock.json like `ci` would, but tolerates the platform-specific optional
	// packages npm leaves out of a lockfile written elsewhere; `--no-save` keeps the committed lockfile as it is.
	// n8n's native modules (sqlite3, isolated-vm) need their install scripts, which the package's own
	// .npmrc turns off for the package's dependencies.
	await run(npmCommand, ['install', '--no-save', '--ignore-scripts=false', '--no-audit', '--no-fund'], {
		cwd: N8N_INSTALL_DIR,
		live: true,
	});
	return wanted;
}

export function n8nEnv(port: number): NodeJS.ProcessEnv {
	return {
		...process.env,
		N8N_USER_FOLDER,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
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
	};
}

/** Runs an n8n CLI command (import, execute) against the dev instance's data. */
export async function n8nCli(args: string[], port: number): Promise<string> {
	return await run(process.execPath, [N8N_BIN, ...args], { cwd: N8N_INSTALL_DIR, env: n8nEnv(port) });
}

async function get(url: string): Promise<number | undefined> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.status;
	} catch {
		return undefined;
	}
}

export async function waitForN8n(baseUrl: string, isAlive: () => boolean, timeoutMs = 240_000): Promise<void> {
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
		if (response.status !== 404) throw new Error(`creating the n8n owner failed (HTTP ${response.status}): ${text.slice(0, 300)}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n at ${baseUrl} offers no owner setup (POST /rest/owner/setup answered 404)`);
}
