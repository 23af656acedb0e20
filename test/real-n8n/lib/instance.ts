import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';

import { ensureOwner, OWNER } from '../../../dev/lib/n8n';
import type { Engine } from './engines';
import { parseExecution, tail } from './execution';
import type { CliResult, Execution } from './execution';
import { freePort } from '../../../dev/lib/ports';
import { httpStatus, N8nProcess } from './process';

/** Variables passed through from the caller's environment; everything else is set here, so a run is reproducible. */
const PASSED_THROUGH = [
	'PATH',
	'HOME',
	'LANG',
	'LC_ALL',
	'TZ',
	'TMPDIR',
	'NODE_EXTRA_CA_CERTS',
	'SSL_CERT_FILE',
	'SSL_CERT_DIR',
];

/** A credential row in the shape `n8n import:credentials` reads (plain `data` is encrypted on import). */
export interface CredentialRow {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The parts of a workflow export this library reads and writes. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * One n8n of a given engine with its own user folder (database, encryption key, community packages), its
 * own ports for the editor and the task broker, and logs kept apart: several can run on one machine,
 * next to a developer's own n8n, without touching each other.
 */
export class N8nInstance {
	readonly encryptionKey = randomBytes(24).toString('hex');

	private readonly processes: N8nProcess[] = [];

	private constructor(
		readonly engine: Engine,
		/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n`. */
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly extraEnv: Record<string, string>,
	) {}

	/** A new instance with an empty user folder; `env` is added to every command's environment (e.g. queue mode). */
	static async create(
		engine: Engine,
		name: string,
		env: Record<string, string> = {},
	): Promise<N8nInstance> {
		const userFolder = mkdtempSync(join(tmpdir(), `whatsapp-send-${engine.id}-${name}-`));
		assertNoNodeModulesAbove(userFolder);
		return new N8nInstance(engine, userFolder, await freePort(), await freePort(), env);
	}

	/** `<userFolder>/.n8n`: where n8n keeps its database, config and community packages (`nodes/`). */
	get dataDir(): string {
		return join(this.userFolder, '.n8n');
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const passed = Object.fromEntries(
			PASSED_THROUGH.filter((key) => process.env[key] !== undefined).map((key) => [
				key,
				process.env[key],
			]),
		);
		return {
			...passed,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: this.baseUrl,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Nothing leaves the machine: no telemetry, no version checks, no templates or banners from n8n's servers.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_RUNNERS_ENABLED: 'true',
			DB_SQLITE_POOL_SIZE: '1',
			// `execute` prints the run through the logger: info is the level that carries it.
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			...this.extraEnv,
			...extra,
		};
	}

	/**
	 * Runs an n8n CLI command against this instance's data and returns what it printed. `nodeArgs` go to
	 * Node itself, before n8n's entry point (e.g. `--cpu-prof`, which Node 20 refuses in NODE_OPTIONS).
	 */
	async cli(
		args: string[],
		options: { timeoutMs?: number; nodeArgs?: string[] } = {},
	): Promise<CliResult> {
		const started = Date.now();
		const child = spawn(
			this.engine.nodeBinary,
			[...(options.nodeArgs ?? []), this.engine.n8nBin, ...args],
			{
				cwd: this.userFolder,
				env: this.env(),
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timeoutMs = options.timeoutMs ?? 180_000;
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
			(resolve, reject) => {
				child.once('error', reject);
				child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
			},
		);
		clearTimeout(timer);
		return { code, signal, stdout, stderr, ms: Date.now() - started };
	}

	/**
	 * Like `cli`, but fails (showing the command's output) unless it exited 0 — or, for n8n 1.x's known crash
	 * on exit (see Execution.crashedOnExit), unless it printed `done` first.
	 */
	async cliOk(args: string[], done?: RegExp): Promise<CliResult> {
		const result = await this.cli(args);
		const crashedAfterDone =
			(result.signal === 'SIGSEGV' || result.code === 139) &&
			done !== undefined &&
			done.test(result.stdout);
		if (crashedAfterDone)
			process.stderr.write(
				`[real-n8n] ${this.engine.id} ${args[0]}: n8n crashed on exit (SIGSEGV) after "${done.source}"; accepted\n`,
			);
		if (result.code !== 0 && !crashedAfterDone) {
			throw new Error(
				`n8n ${args[0]} failed in ${this.engine.id} (exit ${result.code ?? result.signal}):\n${tail(result)}`,
			);
		}
		return result;
	}

	async importCredentials(rows: CredentialRow[]): Promise<void> {
		const file = join(this.userFolder, 'import', 'credentials.json');
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify(rows, null, 2));
		await this.cliOk(
			['import:credentials', `--input=${file}`],
			new RegExp(`Successfully imported ${rows.length} credentials?\\.`),
		);
	}

	/** Imports workflows, each from its own file (`--separate`), keeping their ids. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const dir = join(this.userFolder, 'import', `workflows-${Date.now()}`);
		mkdirSync(dir, { recursive: true });
		for (const workflow of workflows)
			writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await this.cliOk(
			['import:workflow', '--separate', `--input=${dir}`],
			new RegExp(`Successfully imported ${workflows.length} workflows?\\.`),
		);
	}

	/** Runs an imported workflow through `n8n execute --id=… --rawOutput` and reads the run it prints. */
	async execute(workflowId: string, options: { nodeArgs?: string[] } = {}): Promise<Execution> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
		return parseExecution(result, `${this.engine.id} execute --id=${workflowId}`);
	}

	/**
	 * Starts a long-running n8n command on this instance's data (`start`, `worker`, `webhook`, …) with
	 * `extraEnv` on top of the instance's environment. `dispose` stops every process started here.
	 */
	spawn(args: string[], extraEnv: Record<string, string> = {}): N8nProcess {
		const child = spawn(this.engine.nodeBinary, [this.engine.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const started = new N8nProcess(child, args.join(' '));
		this.processes.push(started);
		return started;
	}

	/** Starts `n8n start` and waits until its REST API answers on this instance's port. */
	async start(timeoutMs = 180_000): Promise<N8nProcess> {
		const server = this.spawn(['start']);
		// /healthz answers before the REST routes exist; the editor line comes after them (n8n-notes).
		await server.waitUntil(
			async () =>
				/Editor is now accessible via/.test(server.output) &&
				(await httpStatus(`${this.baseUrl}/rest/settings`)) === 200,
			'ready',
			timeoutMs,
		);
		return server;
	}

	/**
	 * Logs in to the running server as its owner (created first on a fresh instance, as `npm run dev` does)
	 * and returns a fetch for its REST API.
	 */
	async login(): Promise<RestSession> {
		return await ownerSession(this.baseUrl);
	}

	/** Stops every process started on this instance, the last started first. */
	async stop(): Promise<void> {
		while (this.processes.length) await this.processes.pop()?.stop();
	}

	/** Stops its processes and deletes the user folder (kept when REAL_N8N_KEEP=1, for a look afterwards). */
	async dispose(): Promise<void> {
		await this.stop();
		if (process.env.REAL_N8N_KEEP === '1') {
			process.stderr.write(`[real-n8n] kept ${this.engine.id} user folder ${this.userFolder}\n`);
			return;
		}
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** A fetch for an n8n server, logged in: `rest("/rest/workflows/abc")`. */
export type RestSession = (path: string, init?: RequestInit) => Promise<Response>;

/**
 * Logs in to the n8n at `baseUrl` as the owner `npm run dev` sets up (creating it on a fresh instance).
 * n8n ties the login cookie to the `browser-id` header sent with it, so every call sends both.
 */
export async function ownerSession(baseUrl: string): Promise<RestSession> {
	await ensureOwner(baseUrl);
	const browserId = randomBytes(16).toString('hex');
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({
			emailOrLdapLoginId: OWNER.email,
			email: OWNER.email,
			password: OWNER.password,
		}),
	});
	if (!response.ok)
		throw new Error(
			`logging in to n8n failed (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`,
		);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return async (path, init = {}) =>
		await fetch(`${baseUrl}${path}`, {
			...init,
			headers: { ...(init.headers as Record<string, string>), cookie, 'browser-id': browserId },
		});
}

/**
 * n8n finds a community package's `n8n-workflow` through Node's lookup: first `node_modules` folders
 * above the package, then the NODE_PATH n8n sets to its own modules. A `node_modules` above the user
 * folder would hand the package a foreign copy, so the test refuses to run there.
 */
function assertNoNodeModulesAbove(folder: string): void {
	for (let dir = dirname(folder); ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'node_modules', 'n8n-workflow'))) {
			throw new Error(
				`${join(dir, 'node_modules')} holds an n8n-workflow that the package would load instead of n8n's own: set TMPDIR elsewhere`,
			);
		}
		if (dir === parse(dir).root) return;
	}
}
