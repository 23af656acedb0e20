import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CREDENTIAL_IDS, eventExamples } from '../../dev/lib/examples';
import { ROOT } from '../../dev/lib/paths';
import { freePort, listening } from '../../dev/lib/ports';
import { npmCommand } from '../../dev/lib/processes';
import type { NodeProviderId } from '../../dev/sandbox/providers';
import { N8N1, selectedEngines } from './lib/engines';
import { ownerSession } from './lib/instance';
import type { RestSession, WorkflowJson } from './lib/instance';
import { descendants, hasProc, listenersStartedBefore, stillRunning } from './lib/processTree';
import type { ProcessInfo } from './lib/processTree';
import { exampleWorkflows } from './lib/workflows';

/**
 * `npm run dev` as a user or an IDE runs it: started through npm on free ports with a user folder of its
 * own (so dev/.n8n is not touched), stopped by signalling the npm process — SIGTERM as an IDE's stop
 * button or `kill` does, SIGINT — or by killing the dev process outright. Uses the n8n 1.x in dev/n8n.
 */

const BANNER_END =
	'Ctrl-C (or SIGTERM to the npm process) stops n8n, its task runner and the sandbox.';
const SANDBOX_ONLY_END = 'Ctrl-C (or SIGTERM to the npm process) stops the sandbox.';

type Role = 'dev' | 'n8n' | 'task runner';

/** What a process below npm is, by its command line; a shell running the script is none of these. */
function roleOf(process: ProcessInfo): Role | undefined {
	const [program, ...args] = process.command.split(' ');
	if (!/(^|\/)node$/.test(program)) return undefined;
	if (args.some((arg) => arg.endsWith('.tmp/dev/dev/start.js'))) return 'dev';
	if (args.some((arg) => arg.endsWith('/n8n/bin/n8n')) && args.at(-1) === 'start') return 'n8n';
	if (args.some((arg) => arg.endsWith('@n8n/task-runner/dist/start.js'))) return 'task runner';
	return undefined;
}

async function waitFor<T>(
	what: string,
	check: () => T | undefined | Promise<T | undefined>,
	timeoutMs: number,
	context: () => string,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`${what} within ${timeoutMs / 1000} s\n${context()}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** One run of `npm run dev`, its output kept, its processes recorded for the checks and the clean-up. */
class DevRun {
	readonly npm: ChildProcess;
	/** Every process seen below npm: what must be gone after the stop (and is killed by `cleanUp` if not). */
	readonly seen = new Map<number, ProcessInfo>();

	/** When `stop` sent its signal. */
	stoppedAt?: number;
	private printed = '';
	private exit?: Promise<void>;

	constructor(
		userFolder: string,
		ports: { n8n: number; sandbox: number },
		extraArgs: string[] = [],
	) {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			N8N_PORT: String(ports.n8n),
			SANDBOX_PORT: String(ports.sandbox),
		};
		// The broker port is the dev command's to choose. Jest's NODE_ENV=test is passed on: the dev command
		// must keep it from n8n, which would exit at once in its own test mode.
		delete env.N8N_RUNNERS_BROKER_PORT;
		this.npm = spawn(
			npmCommand,
			['run', 'dev', '--', `--user-folder=${userFolder}`, ...extraArgs],
			{ cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const keep = (chunk: Buffer) =>
			(this.printed = (this.printed + chunk.toString()).slice(-100_000));
		this.npm.stdout?.on('data', keep);
		this.npm.stderr?.on('data', keep);
		this.exit = new Promise((resolve) => this.npm.once('exit', () => resolve()));
	}

	get output(): string {
		return this.printed;
	}

	tail = (): string => this.printed.split('\n').slice(-40).join('\n');

	get npmRunning(): boolean {
		return this.npm.exitCode === null && this.npm.signalCode === null;
	}

	async ready(banner: string, timeoutMs = 420_000): Promise<void> {
		await waitFor(
			'npm run dev was not ready',
			() => {
				if (this.printed.includes(banner)) return true;
				if (!this.npmRunning)
					throw new Error(
						`npm run dev exited (${this.npm.exitCode ?? this.npm.signalCode}) before it was ready:\n${this.tail()}`,
					);
				return undefined;
			},
			timeoutMs,
			this.tail,
		);
	}

	/**
	 * The processes below npm, once one of each role in `roles` is there (n8n starts its task runner as it
	 * boots): each with its role (or its command line when it has none) and its parent's role.
	 */
	async processes(roles: Role[]): Promise<Array<ProcessInfo & { role: string; parent: string }>> {
		return await waitFor(
			`not every one of ${roles.join(', ')} was running`,
			() => {
				const below = descendants(this.npm.pid!);
				for (const process of below) this.seen.set(process.pid, process);
				const name = (pid: number) => {
					if (pid === this.npm.pid) return 'npm';
					const process = below.find((p) => p.pid === pid);
					return process ? (roleOf(process) ?? process.command) : `pid ${pid}`;
				};
				const found = below.map((process) => ({
					...process,
					role: name(process.pid),
					parent: name(process.ppid),
				}));
				return roles.every((role) => found.some((p) => p.role === role)) ? found : undefined;
			},
			60_000,
			() =>
				`${this.tail()}\nprocesses: ${descendants(this.npm.pid!)
					.map((p) => p.command)
					.join('\n')}`,
		);
	}

	brokerPort(): number {
		const found = /task broker on 127\.0\.0\.1:(\d+)/.exec(this.printed);
		if (!found)
			throw new Error(`npm run dev did not say which task broker port it uses:\n${this.tail()}`);
		return Number(found[1]);
	}

	/** Signals `pid` (npm by default) and waits until npm and everything seen below it has exited. */
	async stop(signal: NodeJS.Signals, pid = this.npm.pid!): Promise<void> {
		this.stoppedAt = Date.now();
		process.kill(pid, signal);
		await waitFor(
			'npm did not exit',
			async () => (this.npmRunning ? undefined : true),
			90_000,
			this.tail,
		);
		await this.exit;
		await waitFor(
			'processes started by npm run dev were still running',
			() => ([...this.seen.values()].some(stillRunning) ? undefined : true),
			60_000,
			() =>
				`${this.tail()}\nstill running: ${[...this.seen.values()]
					.filter(stillRunning)
					.map((p) => `${p.pid} ${p.command}`)
					.join('\n')}`,
		);
	}

	/** Processes older than the stop that still listen on `port`: left behind by this run. */
	listenersOn(port: number): number[] {
		return listenersStartedBefore(port, this.stoppedAt ?? Date.now());
	}

	/** After a failed test: nothing it started may stay behind. */
	cleanUp(): void {
		for (const process of [...this.seen.values()].filter(stillRunning)) {
			try {
				global.process.kill(process.pid, 'SIGKILL');
			} catch {
				// gone meanwhile
			}
		}
		if (this.npmRunning) this.npm.kill('SIGKILL');
	}
}

function gitStatus(): string {
	return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
}

type StoredWorkflow = WorkflowJson & { versionId: string };

async function storedWorkflow(rest: RestSession, id: string): Promise<StoredWorkflow> {
	const response = await rest(`/rest/workflows/${id}`);
	if (!response.ok)
		throw new Error(`GET /rest/workflows/${id}: HTTP ${response.status} ${await response.text()}`);
	return ((await response.json()) as { data: StoredWorkflow }).data;
}

/** The credential's Base URL as n8n stores it (secrets come back blanked; the Base URL is not secret). */
async function storedBaseUrl(rest: RestSession, id: string): Promise<unknown> {
	const response = await rest(`/rest/credentials/${id}?includeData=true`);
	if (!response.ok)
		throw new Error(
			`GET /rest/credentials/${id}: HTTP ${response.status} ${await response.text()}`,
		);
	return ((await response.json()) as { data: { data: { baseUrl?: unknown } } }).data.data.baseUrl;
}

/** Each node's parameters by node name: what the comparison of stored and committed examples looks at. */
function parametersByNode(workflow: WorkflowJson): Record<string, unknown> {
	return Object.fromEntries(workflow.nodes.map((node) => [node.name, node.parameters]));
}

const SANDBOX_PATHS: Record<NodeProviderId, string> = {
	bitbybit: 'bitbybit',
	vobiz: 'vobiz',
	callbell: 'callbell',
	multiSession: 'multisession',
};

/** The user's own change to an example, made in n8n between the two runs. */
const EDITED = {
	workflow: 'sbxFlowBitbybit1',
	node: 'Data for Text',
	field: 'name',
	value: 'Annemarie',
};

function withEdit(parameters: Record<string, unknown>): Record<string, unknown> {
	const edited = structuredClone(parameters) as Record<
		string,
		{ assignments: { assignments: Array<{ name: string; value: unknown }> } }
	>;
	const field = edited[EDITED.node].assignments.assignments.find((a) => a.name === EDITED.field);
	if (!field) throw new Error(`${EDITED.node} has no field ${EDITED.field}`);
	field.value = EDITED.value;
	return edited;
}

const runsHere = hasProc && selectedEngines().includes(N8N1);
if (!runsHere)
	process.stderr.write(
		'[real-n8n] npm run dev tests skipped: they need Linux (/proc) and the n8n 1.x engine (REAL_N8N_ENGINES)\n',
	);

(runsHere ? describe : describe.skip)('npm run dev', () => {
	const userFolder = mkdtempSync(join(tmpdir(), 'whatsapp-send-dev-command-'));
	const runs: DevRun[] = [];
	let statusBefore: string;
	let n8nPort: number;
	let firstSandbox: number;
	let secondSandbox: number;

	beforeAll(async () => {
		statusBefore = gitStatus();
		[n8nPort, firstSandbox, secondSandbox] = [await freePort(), await freePort(), await freePort()];
	});
	afterEach(() => {
		for (const run of runs) run.cleanUp();
	});
	afterAll(() => {
		rmSync(userFolder, { recursive: true, force: true });
	});

	function start(ports: { n8n: number; sandbox: number }, extraArgs: string[] = []): DevRun {
		const run = new DevRun(userFolder, ports, extraArgs);
		runs.push(run);
		return run;
	}

	it('starts the sandbox, n8n and its task runner on the ports it names, imports the examples, and stops them all on SIGTERM to npm', async () => {
		const run = start({ n8n: n8nPort, sandbox: firstSandbox });
		await run.ready(BANNER_END);
		const tree = await run.processes(['dev', 'n8n', 'task runner']);
		// `exec` in the npm script: the dev process is npm's own child, no shell between them to swallow signals.
		expect(tree.map(({ role, parent }) => ({ role, parent }))).toEqual([
			{ role: 'dev', parent: 'npm' },
			{ role: 'n8n', parent: 'dev' },
			{ role: 'task runner', parent: 'n8n' },
		]);

		const brokerPort = run.brokerPort();
		expect([n8nPort, firstSandbox]).not.toContain(brokerPort);
		expect(brokerPort).not.toBe(5679);
		for (const port of [n8nPort, firstSandbox, brokerPort])
			expect({ port, listening: await listening(port) }).toEqual({ port, listening: true });
		expect(run.output).toContain(`http://localhost:${n8nPort}`);
		expect(run.output).toContain(`http://127.0.0.1:${firstSandbox}/`);

		const sandboxUrl = `http://127.0.0.1:${firstSandbox}`;
		const rest = await ownerSession(`http://127.0.0.1:${n8nPort}`);
		for (const example of exampleWorkflows(sandboxUrl)) {
			expect(parametersByNode(await storedWorkflow(rest, example.id))).toEqual(
				parametersByNode(example),
			);
		}
		for (const [provider, { id }] of Object.entries(CREDENTIAL_IDS) as Array<
			[NodeProviderId, { id: string }]
		>) {
			expect(await storedBaseUrl(rest, id)).toBe(`${sandboxUrl}/${SANDBOX_PATHS[provider]}`);
		}

		// The trigger examples are active: a message the sandbox accepts and a reply typed in its inbox
		// arrive in n8n as executions (sent, delivered, read, the reply).
		for (const example of eventExamples()) {
			const workflow = await storedWorkflow(rest, example.id);
			expect({ id: example.id, active: workflow.active }).toEqual({ id: example.id, active: true });
		}
		const sent = await fetch(`${sandboxUrl}/bitbybit/messages/send`, {
			method: 'POST',
			headers: { 'x-api-key': 'bbb_test_goodkey123', 'content-type': 'application/json' },
			body: JSON.stringify({ to: '6281234567890', message: 'Hi', sources: 'whatsapp cloud api' }),
		});
		expect(sent.status).toBe(200);
		const replied = await fetch(`${sandboxUrl}/_sandbox/reply`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ provider: 'bitbybit', to: '6281234567890', text: 'Thanks' }),
		});
		expect(replied.status).toBe(200);
		const bitbybitEvents = eventExamples().find((e) => e.provider === 'bitbybit')!.id;
		let runs = 0;
		for (let wait = 0; wait < 60 && runs < 4; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			const listed = (await (await rest('/rest/executions?limit=100')).json()) as {
				data: { results: Array<{ workflowId: string; status: string }> };
			};
			runs = listed.data.results.filter(
				(e) => e.workflowId === bitbybitEvents && e.status === 'success',
			).length;
		}
		expect(runs).toBe(4);

		// The user edits an example in n8n, as the editor saves it.
		const stored = await storedWorkflow(rest, EDITED.workflow);
		const edited = withEdit(parametersByNode(stored));
		const nodes = stored.nodes.map((node) => ({ ...node, parameters: edited[node.name] }));
		const saved = await rest(`/rest/workflows/${EDITED.workflow}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				name: stored.name,
				nodes,
				connections: stored.connections,
				settings: stored.settings,
				versionId: stored.versionId,
			}),
		});
		expect({ status: saved.status, body: saved.ok ? '' : await saved.text() }).toEqual({
			status: 200,
			body: '',
		});

		await run.stop('SIGTERM');
		expect(run.output).toContain('Stopping (SIGTERM)');
		for (const port of [n8nPort, firstSandbox, brokerPort])
			expect({ port, heldBy: run.listenersOn(port) }).toEqual({ port, heldBy: [] });
	});

	it('restarted with another SANDBOX_PORT, points credentials and examples at it and keeps the user’s edit; killed outright, n8n and its runner still stop', async () => {
		const run = start({ n8n: n8nPort, sandbox: secondSandbox });
		await run.ready(BANNER_END);
		const tree = await run.processes(['dev', 'n8n', 'task runner']);
		const brokerPort = run.brokerPort();
		expect(run.output).toContain(
			`The sandbox moved from http://127.0.0.1:${firstSandbox} to http://127.0.0.1:${secondSandbox}`,
		);

		const sandboxUrl = `http://127.0.0.1:${secondSandbox}`;
		const rest = await ownerSession(`http://127.0.0.1:${n8nPort}`);
		for (const example of exampleWorkflows(sandboxUrl)) {
			const stored = parametersByNode(await storedWorkflow(rest, example.id));
			const expected = parametersByNode(example);
			expect(stored).toEqual(example.id === EDITED.workflow ? withEdit(expected) : expected);
			expect(JSON.stringify(stored)).not.toContain(`127.0.0.1:${firstSandbox}`);
		}
		for (const [provider, { id }] of Object.entries(CREDENTIAL_IDS) as Array<
			[NodeProviderId, { id: string }]
		>) {
			expect(await storedBaseUrl(rest, id)).toBe(`${sandboxUrl}/${SANDBOX_PATHS[provider]}`);
		}

		// SIGKILL cannot be caught: the sandbox goes with the dev process, n8n notices its parent is gone
		// (followParent.js) and shuts down, taking its task runner with it; npm exits as its script ended.
		const dev = tree.find((p) => p.role === 'dev')!;
		await run.stop('SIGKILL', dev.pid);
		for (const port of [n8nPort, secondSandbox, brokerPort])
			expect({ port, heldBy: run.listenersOn(port) }).toEqual({ port, heldBy: [] });
	});

	it('--sandbox-only stops on SIGINT to npm', async () => {
		const run = start({ n8n: n8nPort, sandbox: firstSandbox }, ['--sandbox-only']);
		await run.ready(SANDBOX_ONLY_END);
		const tree = await run.processes(['dev']);
		expect(tree.map(({ role, parent }) => ({ role, parent }))).toEqual([
			{ role: 'dev', parent: 'npm' },
		]);
		expect(await listening(firstSandbox)).toBe(true);
		await run.stop('SIGINT');
		expect(await listening(firstSandbox)).toBe(false);
	});

	it('leaves the clone as it found it', () => {
		expect(gitStatus()).toBe(statusBefore);
	});
});
