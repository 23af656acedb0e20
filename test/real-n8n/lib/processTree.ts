import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/** Inodes of the TCP sockets listening on a loopback or any-address `port`, from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
	const inodes = new Set<string>();
	const hex = port.toString(16).toUpperCase().padStart(4, '0');
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		if (!existsSync(table)) continue;
		for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			// local_address is "ADDR:PORT" in hex; state 0A is LISTEN; the inode is the tenth field.
			if (fields.length > 9 && fields[1].endsWith(`:${hex}`) && fields[3] === '0A')
				inodes.add(fields[9]);
		}
	}
	return inodes;
}

/** When a process started, in ms since the epoch (its start time in /proc is in clock ticks since boot). */
function startedAt(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
		const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
		// Linux reports these in USER_HZ, 100 on every architecture n8n runs on.
		return Date.now() - uptime * 1000 + ticks * 10;
	} catch {
		return undefined;
	}
}

/**
 * The processes that started before `time` and hold a socket listening on `port`. After a run has been stopped
 * at `time`, any such process is one it left behind; a listener that started later is another test that was
 * given the freed port (tests next to each other pick free ports too).
 */
export function listenersStartedBefore(port: number, time: number): number[] {
	const inodes = listeningInodes(port);
	if (inodes.size === 0) return [];
	return processes()
		.filter((process) => {
			try {
				return readdirSync(`/proc/${process.pid}/fd`).some((fd) => {
					try {
						return inodes.has(
							/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${process.pid}/fd/${fd}`))?.[1] ?? '',
						);
					} catch {
						return false;
					}
				});
			} catch {
				return false; // gone, or not ours to read
			}
		})
		.filter((process) => (startedAt(process.pid) ?? 0) < time)
		.map((process) => process.pid);
}
