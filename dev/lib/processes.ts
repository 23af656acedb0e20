import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Show the command's output as it runs; otherwise it is shown only when the command fails. */
	live?: boolean;
}

/**
 * Every child started here that has not exited yet. Each runs in a process group of its own (on POSIX
 * systems), so `stopChildren` reaches what it started in turn — npm's shell and node-gyp's compilers,
 * n8n's task runner — and a Ctrl-C in the terminal reaches only this process, which then stops them in
 * order instead of every process getting the signal at once.
 */
const children = new Set<ChildProcess>();

/** Set once `stopChildren` runs: a step that was under way must not start anything after that. */
let closing = false;

const ownGroup = process.platform !== 'win32';

function refuseWhenClosing(command: string): void {
	if (closing) throw new Error(`stopping: ${command} not started`);
}

function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.once('exit', () => children.delete(child));
	child.once('error', () => children.delete(child));
	return child;
}

function exited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

/** Sends `signal` to the child's process group (the child and what it started), or to the child alone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		if (ownGroup) process.kill(-child.pid, signal);
		else child.kill(signal);
	} catch {
		// The group is gone already.
	}
}

/** Runs a command to completion and returns its standard output; rejects with its output's tail when it fails. */
export async function run(command: string, args: string[], options: RunOptions): Promise<string> {
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: options.live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
		detached: ownGroup,
	};
	refuseWhenClosing(command);
	const child = track(spawn(command, args, spawnOptions));
	let output = '';
	let stdout = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		stdout += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (exitCode) => resolve(exitCode));
	});
	if (code !== 0) {
		const tail = output.trim().split('\n').slice(-30).join('\n');
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${code ?? 'signal'})${tail ? `:\n${tail}` : ''}`,
		);
	}
	return stdout;
}

/** Starts a long-running process whose output lines are shown with `prefix` (or not at all when `quiet`). */
export function startLong(
	command: string,
	args: string[],
	options: RunOptions & { prefix: string; quiet?: boolean },
): ChildProcess {
	refuseWhenClosing(command);
	const child = track(
		spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: ownGroup,
		}),
	);
	const relay = (stream: NodeJS.ReadableStream | null, target: NodeJS.WriteStream) => {
		let buffered = '';
		stream?.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) target.write(`${options.prefix} ${line}\n`);
		});
	};
	if (options.quiet) {
		child.stdout?.resume();
		child.stderr?.resume();
	} else {
		relay(child.stdout, process.stdout);
		relay(child.stderr, process.stderr);
	}
	return child;
}

/**
 * Stops a child: SIGTERM to the child itself (n8n then stops its task runner and closes its database),
 * then, after `graceMs` or once it has exited, SIGKILL to whatever is left of its process group.
 */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
	if (!exited(child)) {
		const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
		await gone;
		clearTimeout(timer);
	}
	signalGroup(child, 'SIGKILL');
}

/** Stops every child still running, the last started first, and refuses to start new ones. */
export async function stopChildren(graceMs?: number): Promise<void> {
	closing = true;
	for (const child of [...children].reverse()) await stopChild(child, graceMs);
}

export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
