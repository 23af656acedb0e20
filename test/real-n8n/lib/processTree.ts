import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One process as Linux's /proc shows it. */
export interface ProcessInfo {
	pid: number;
	ppid: number;
	/** R, S, D, Z (zombie: exited, not yet collected by its parent), … */
	state: string;
	command: string;
}

export const hasProc = existsSync('/proc/self/stat');

function read(pid: number): ProcessInfo | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
		const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
		return { pid, ppid: Number(ppid), state, command };
	} catch {
		return undefined; // gone while being read
	}
}

export function processes(): ProcessInfo[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((name) => read(Number(name)))
		.filter((p): p is ProcessInfo => p !== undefined);
}

/** Every process below `root` (children, their children, …), found through their parent ids. */
export function descendants(root: number): ProcessInfo[] {
	const all = processes();
	const found: ProcessInfo[] = [];
	const visit = (pid: number) => {
		for (const child of all.filter((p) => p.ppid === pid)) {
			found.push(child);
			visit(child.pid);
		}
	};
	visit(root);
	return found;
}

/**
 * Whether the process seen earlier still runs: the same id with the same command line (not a new process
 * that got its id), and not a zombie — that has exited and holds nothing but its process-table entry.
 */
export function stillRunning(seen: ProcessInfo): boolean {
	const now = read(seen.pid);
	return now !== undefined && now.state !== 'Z' && now.command === seen.command;
}
