import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Show the command's output as it runs; otherwise it is shown only when the command fails. */
	live?: boolean;
}

/** Runs a command to completion and returns its standard output; rejects with its output's tail when it fails. */
export async function run(command: string, args: string[], options: RunOptions): Promise<string> {
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: options.live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	};
	const child = spawn(command, args, spawnOptions);
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

/** Starts a long-running process whose output lines are shown with `prefix`. */
export function startLong(
	command: string,
	args: string[],
	options: RunOptions & { prefix: string },
): ChildProcess {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const relay = (stream: NodeJS.ReadableStream | null, target: NodeJS.WriteStream) => {
		let buffered = '';
		stream?.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const lines = buffered.split('\n');
			buffered = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) target.write(`${options.prefix} ${line}\n`);
		});
	};
	relay(child.stdout, process.stdout);
	relay(child.stderr, process.stderr);
	return child;
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

export const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
