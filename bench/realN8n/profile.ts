import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_PACKAGE_NAME } from './benchPackage';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) read here. */
interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
		children?: number[];
	}>;
	/** Microseconds on the system's monotonic clock (V8's TimeTicks), as process.hrtime. */
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

interface Frame {
	name: string;
	/** Who the code belongs to: a package name, `node` for Node's own, or V8's `(garbage collector)` and friends. */
	owner: string;
	parent?: number;
}

/** The same instant on both clocks, so that n8n's epoch times can be found in a profile's monotonic ones. */
export function clockOffsetMicros(): number {
	return Date.now() * 1000 - Number(process.hrtime.bigint() / 1000n);
}

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

function ownerOf(url: string, functionName: string): string {
	if (SPECIAL.has(functionName)) return functionName;
	if (url === '' || url.startsWith('node:')) return 'node';
	const path = url.replace(/^file:\/\//, '');
	const parts = path.split('/node_modules/');
	if (parts.length === 1) return 'node';
	const rest = parts[parts.length - 1].split('/');
	return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/** Profiles in `dir`, each with its frames indexed; skips files that are not complete profiles. */
export function readProfiles(dir: string): Array<{ file: string; profile: CpuProfile }> {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.cpuprofile'))
		.flatMap((name) => {
			try {
				return [
					{ file: name, profile: JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile },
				];
			} catch {
				return [];
			}
		});
}

export interface WindowCost {
	/** Milliseconds of samples in the window, and of those not idle. */
	wallMs: number;
	busyMs: number;
	/** Busy milliseconds by who called into n8n: see `attribute`. */
	byCause: Map<string, number>;
	/** Busy milliseconds by the owner of the running code (self time). */
	byOwner: Map<string, number>;
	/** Busy milliseconds by function (self time), `name (owner)`. */
	byFunction: Map<string, number>;
	/** Idle milliseconds spent in stretches of at least LONG_IDLE_MS: every lane waiting on the network at once. */
	longIdleMs: number;
}

/** An idle stretch this long means no lane had work: with lanes spread out, one would be back within a few ms. */
export const LONG_IDLE_MS = 10;

/**
 * The samples of `profile` between two epoch times (a node's start and end as n8n recorded them),
 * counted three ways: by the code running (self time per owner and function), and by cause — for each
 * sample, the first frame outside `subject` (the package under test) that the subject's own code
 * called, so the engine's work a node asks for (`getNodeParameter`, `httpRequestWithAuthentication`,
 * `getCredentials`, …) is charged to that call; code of the subject itself is `own code`, and work
 * with no subject frame on the stack (socket callbacks, timers, GC) is charged to its owner.
 */
export function windowCost(
	profile: CpuProfile,
	offsetMicros: number,
	fromMs: number,
	toMs: number,
	subject: string,
): WindowCost {
	const frames = new Map<number, Frame>();
	for (const node of profile.nodes) {
		frames.set(node.id, {
			name: node.callFrame.functionName || '(anonymous)',
			owner: ownerOf(node.callFrame.url, node.callFrame.functionName),
		});
	}
	for (const node of profile.nodes)
		for (const child of node.children ?? []) frames.get(child)!.parent = node.id;

	const cost: WindowCost = {
		wallMs: 0,
		busyMs: 0,
		byCause: new Map(),
		byOwner: new Map(),
		byFunction: new Map(),
		longIdleMs: 0,
	};
	let idleRun = 0;
	const endIdle = () => {
		if (idleRun >= LONG_IDLE_MS) cost.longIdleMs += idleRun;
		idleRun = 0;
	};
	const add = (map: Map<string, number>, key: string, ms: number) =>
		map.set(key, (map.get(key) ?? 0) + ms);
	let at = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		at += profile.timeDeltas[i];
		const epochMs = (at + offsetMicros) / 1000;
		if (epochMs < fromMs || epochMs > toMs) continue;
		// A sample stands for the time until the next one.
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		cost.wallMs += ms;
		const leaf = frames.get(profile.samples[i])!;
		if (leaf.owner === '(idle)') {
			idleRun += ms;
			continue;
		}
		endIdle();
		cost.busyMs += ms;
		add(cost.byOwner, leaf.owner, ms);
		add(cost.byFunction, `${leaf.name} (${leaf.owner})`, ms);
		add(cost.byCause, attribute(frames, profile.samples[i], subject), ms);
	}
	endIdle();
	return cost;
}

function attribute(frames: Map<number, Frame>, leafId: number, subject: string): string {
	const leaf = frames.get(leafId)!;
	if (leaf.owner === subject) return `own code: ${leaf.name}`;
	// Walk up to the first frame of the subject; the frames just below it are what the subject called.
	const path: Frame[] = [leaf];
	for (let id: number | undefined = leaf.parent; id !== undefined; id = frames.get(id)!.parent) {
		const frame = frames.get(id)!;
		if (frame.owner === subject) {
			// n8n 2.x reaches its helpers through anonymous wrappers: name the first named frame too.
			const [called, ...deeper] = path.reverse();
			const named =
				called.name === '(anonymous)' ? deeper.find((f) => f.name !== '(anonymous)') : undefined;
			return `${called.name}${named ? ` → ${named.name}` : ''} (${called.owner}), called by the node`;
		}
		path.push(frame);
	}
	return `${leaf.owner}, outside the node's calls`;
}

/** The package a contender's own code comes from, for attributing its profile. */
export function subjectOf(contenderId: string): string | undefined {
	if (contenderId === 'node') return 'n8n-nodes-whatsapp-send';
	if (contenderId === 'bare' || contenderId === 'barecred') return BENCH_PACKAGE_NAME;
	return undefined;
}

export function topEntries(map: Map<string, number>, count: number): Array<[string, number]> {
	return [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
}
