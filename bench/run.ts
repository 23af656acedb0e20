/**
 * Throughput benchmark: the WhatsApp Send node inside n8n's real WorkflowExecute against a local
 * provider with a set latency, side by side with a bare `httpRequestWithAuthentication` loop inside
 * n8n, a raw undici pool and the ideal time. Also a pacing run against a provider that answers 429
 * above its rate, the peak memory of a large run and the node's own cost per item without HTTP.
 * Scenario `n8n` does the same race in real n8n 1.x and 2.x, through n8n's CLI (realN8n/scenario.ts).
 *
 *   npm run bench                      every scenario with its defaults
 *   npm run bench -- fast pacing       some scenarios
 *   npm run bench -- fast --items 500 --latency 50 --concurrency 10 --rate 20 --rounds 1
 *   npm run bench -- n8n --profile     real n8n, then once more under V8's profiler per engine
 *   npm run bench -- n8n --baseline old.tgz   real n8n, and the same race with another build of the package
 *   npm run bench -- n8n --only node,bare --passes 4 --baseline old.tgz   more side-by-side samples per round
 *
 * Measures and prints; it asserts nothing (timed results belong here, not in the tests).
 * Traffic goes only to 127.0.0.1, every loop is bounded by the item count.
 */
import './env';

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { ROOT } from '../dev/lib/paths';
import { runNode } from '../test/harness/engine';
import { LiveHeap, MemoryPeak } from './memory';
import { BareLoop, PassThrough, SendWithoutHttp } from './nodes';
import { BENCH_TOKEN, BenchProvider } from './provider';
import { realN8n } from './realN8n/scenario';
import { sendWithUndici } from './undiciPool';

interface Settings {
	items: number;
	latency: number;
	concurrency: number;
	rate: number;
	/** Each way runs this many times, interleaved, and keeps its best: other work on the machine only slows a run down. */
	rounds: number;
	/** Real n8n only: timed passes of every contender per round (n8n execution), in ABBA order. */
	passes?: number;
}

// Memory first: its growth is measured from a process that has not yet run the other scenarios.
const DEFAULTS: Record<string, Settings> = {
	memory: { items: 10_000, latency: 5, concurrency: 20, rate: 0, rounds: 1 },
	fast: { items: 2000, latency: 20, concurrency: 20, rate: 0, rounds: 3 },
	far: { items: 1000, latency: 200, concurrency: 20, rate: 0, rounds: 2 },
	pacing: { items: 500, latency: 20, concurrency: 20, rate: 50, rounds: 1 },
	cost: { items: 10_000, latency: 0, concurrency: 20, rate: 0, rounds: 3 },
	n8n: { items: 400, latency: 50, concurrency: 20, rate: 0, rounds: 3 },
};

/** Scenarios that run the node inside this process (n8n-core), as opposed to in real n8n. */
const IN_CORE = ['memory', 'fast', 'far', 'pacing', 'cost', 'capped'];

const TARGETS = {
	nodeVsBare: 0.9,
	nodeVsIdealFar: 0.85,
	costMicros: 50,
	memoryMb: 150,
	pacingTolerance: 0.1,
};

interface Args {
	scenarios: string[];
	overrides: Partial<Settings>;
	profile: boolean;
	baseline?: string;
	only?: string[];
}

function parseArgs(argv: string[]): Args {
	const scenarios: string[] = [];
	const overrides: Partial<Settings> = {};
	let profile = false;
	let baseline: string | undefined;
	let only: string[] | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--profile') {
			profile = true;
			continue;
		}
		if (arg === '--baseline') {
			baseline = argv[++i];
			if (!baseline?.endsWith('.tgz'))
				throw new Error('--baseline needs the path of a packed package (npm pack)');
			continue;
		}
		if (arg === '--only') {
			only = (argv[++i] ?? '').split(',').filter(Boolean);
			continue;
		}
		const flag = /^--(items|latency|concurrency|rate|rounds|passes)$/.exec(arg);
		if (flag) {
			const value = Number(argv[++i]);
			if (!Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number`);
			overrides[flag[1] as keyof Settings] = value;
		} else if (arg in DEFAULTS || arg === 'capped') {
			scenarios.push(arg);
		} else {
			throw new Error(`unknown argument ${arg}; scenarios: ${Object.keys(DEFAULTS).join(', ')}`);
		}
	}
	return {
		scenarios: scenarios.length ? scenarios : Object.keys(DEFAULTS),
		overrides,
		profile,
		baseline,
		only,
	};
}

function makeItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: {
			to: `6281${String(i).padStart(8, '0')}`,
			text: `Hello customer ${i}, your order #${100000 + i} is on its way.`,
		},
	}));
}

function nodeParameters(settings: Settings): INodeParameters {
	return {
		provider: 'multiSession',
		messageType: 'text',
		to: '={{ $json.to }}',
		text: '={{ $json.text }}',
		options: {
			concurrency: settings.concurrency,
			...(settings.rate ? { messagesPerSecond: settings.rate } : {}),
		},
	};
}

function credentialsFor(url: string) {
	return { whatsAppSendMultiSessionApi: { token: BENCH_TOKEN, baseUrl: url } };
}

interface Timed {
	seconds: number;
	/** CPU time of this process over wall time: near 100% means the one JavaScript thread is the limit. */
	cpu?: number;
	peak?: { rssMb: number; heapMb: number };
}

async function timed(run: () => Promise<void>, memory = false): Promise<Timed> {
	const peak = memory ? new MemoryPeak() : undefined;
	peak?.start();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await run();
	const seconds = (performance.now() - started) / 1000;
	const cpuUsed = process.cpuUsage(cpuBefore);
	return { seconds, cpu: (cpuUsed.user + cpuUsed.system) / 1e6 / seconds, peak: peak?.stop() };
}

async function runEngine(
	parameters: INodeParameters,
	items: INodeExecutionData[],
	url: string,
	nodeType?: INodeType,
): Promise<INodeExecutionData[]> {
	const result = await runNode({ parameters, items, credentials: credentialsFor(url), nodeType });
	if (result.error) throw new Error(`the run failed: ${result.error.message}`);
	if (result.main.length !== items.length)
		throw new Error(`${result.main.length} output items for ${items.length} input items`);
	return result.main;
}

async function checkServer(provider: BenchProvider, expected: number, what: string): Promise<void> {
	const stats = await provider.stats();
	if (stats.accepted !== expected || stats.refused !== 0) {
		throw new Error(
			`${what}: the server accepted ${stats.accepted} of ${expected} and refused ${stats.refused}`,
		);
	}
	await provider.reset();
}

const fmt = (value: number, digits = 2) => value.toFixed(digits);
const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function header(name: string, settings: Settings, note = ''): void {
	console.log(
		`\n## ${name}: ${settings.items.toLocaleString('en')} items, ${settings.latency} ms latency, concurrency ${settings.concurrency}${note}`,
	);
}

function row(way: string, items: number, result: Timed): void {
	const cpu = result.cpu === undefined ? '' : `   CPU ${lpad(fmt(result.cpu * 100, 0), 3)}%`;
	const memory = result.peak
		? `   peak +${fmt(result.peak.rssMb, 0)} MB RSS, +${fmt(result.peak.heapMb, 0)} MB heap`
		: '';
	console.log(
		`  ${pad(way, 28)} ${lpad(fmt(result.seconds), 7)} s ${lpad(fmt(items / result.seconds, 1), 8)} msgs/s${cpu}${memory}`,
	);
}

interface Way {
	name: string;
	/** Resolves with what the run produced, so a memory measurement can keep it alive. */
	run: (url: string, items: INodeExecutionData[]) => Promise<unknown>;
}

/** Every way, round after round on one server; each way keeps its fastest round and its largest memory peak. */
async function race(settings: Settings, ways: Way[], rounds: number): Promise<Timed[]> {
	const provider = await BenchProvider.start({ latencyMs: settings.latency, ratePerSecond: 0 });
	try {
		const items = makeItems(settings.items);
		const best: Timed[] = [];
		for (let round = 0; round < rounds; round++) {
			for (const [i, way] of ways.entries()) {
				const result = await timed(async () => {
					await way.run(provider.url, items);
				}, true);
				await checkServer(provider, settings.items, way.name);
				const kept = best[i] ?? result;
				const faster = result.seconds < kept.seconds ? result : kept;
				const rssMb = Math.max(kept.peak!.rssMb, result.peak!.rssMb);
				const heapMb = Math.max(kept.peak!.heapMb, result.peak!.heapMb);
				best[i] = { ...faster, peak: { rssMb, heapMb } };
			}
		}
		return best;
	} finally {
		await provider.stop();
	}
}

function nodeWay(settings: Settings): Way {
	return {
		name: '1 node (WhatsApp Send)',
		run: async (url, items) => {
			await runEngine(nodeParameters(settings), items, url);
		},
	};
}

function bareWay(settings: Settings, readParameters: boolean): Way {
	const parameters = (url: string): INodeParameters => ({
		url,
		concurrency: settings.concurrency,
		readParameters,
		to: '={{ $json.to }}',
		text: '={{ $json.text }}',
	});
	return {
		name: readParameters ? '2 bare loop inside n8n' : '2b bare loop, no parameters',
		run: async (url, items) => {
			await runEngine(parameters(url), items, url, new BareLoop());
		},
	};
}

const undiciWay = (settings: Settings): Way => ({
	name: '3 undici pool',
	run: async (url, items) => {
		const statuses = await sendWithUndici(url, items, settings.concurrency);
		if (statuses.some((status) => status !== 200)) throw new Error('undici: a request was refused');
	},
});

/** Node, bare loop inside n8n, undici pool and the ideal, on the same server. */
async function compare(
	name: string,
	settings: Settings,
): Promise<{ node: Timed; bare: Timed; ideal: number }> {
	header(name, settings, `, best of ${settings.rounds} round${settings.rounds === 1 ? '' : 's'}`);
	const ways = [
		nodeWay(settings),
		bareWay(settings, true),
		bareWay(settings, false),
		undiciWay(settings),
	];
	const [node, bare, bareJson, undici] = await race(settings, ways, settings.rounds);
	const ideal = (settings.items * settings.latency) / settings.concurrency / 1000;
	ways.forEach((way, i) => row(way.name, settings.items, [node, bare, bareJson, undici][i]));
	row('4 ideal N × latency / C', settings.items, { seconds: ideal });
	console.log(
		`  ratios (throughput): 1/2 = ${fmt(bare.seconds / node.seconds)}   1/2b = ${fmt(bareJson.seconds / node.seconds)}   1/3 = ${fmt(undici.seconds / node.seconds)}   1/ideal = ${fmt(ideal / node.seconds)}`,
	);
	return { node, bare, ideal };
}

async function fast(settings: Settings): Promise<void> {
	const { node, bare } = await compare('fast provider', settings);
	const ratio = bare.seconds / node.seconds;
	console.log(
		`  target: node ≥ ${TARGETS.nodeVsBare}× bare loop → ${fmt(ratio)}× ${verdict(ratio >= TARGETS.nodeVsBare)}`,
	);
}

async function far(settings: Settings): Promise<void> {
	const { node, ideal } = await compare('far provider', settings);
	const ratio = ideal / node.seconds;
	console.log(
		`  target: node ≥ ${TARGETS.nodeVsIdealFar}× ideal → ${fmt(ratio)}× ${verdict(ratio >= TARGETS.nodeVsIdealFar)}`,
	);
}

/** Heap still in use once the run is over and collected: what the run keeps per item. */
function retainedMb(before: number): number {
	(globalThis as { gc?: () => void }).gc?.();
	return (process.memoryUsage().heapUsed - before) / (1024 * 1024);
}

/**
 * Unconstrained, V8 collects garbage lazily, so the peak above swings by ±15 MB from run to run with
 * the collector's timing. What a run needs is shown by running it where the heap cannot grow by more
 * than the target: a child process with `--max-old-space-size` set to this process's baseline plus
 * the target, which fails with an out-of-memory error if the node kept more than that.
 */
async function runCapped(
	settings: Settings,
	capMb: number,
): Promise<{ ok: boolean; capMb: number; rssMb?: string }> {
	const cap = Math.ceil(capMb);
	const args = [
		'--expose-gc',
		`--max-old-space-size=${cap}`,
		__filename,
		'capped',
		'--items',
		String(settings.items),
	];
	const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 600_000 });
	const peak = /capped run ok, peak \+(\d+) MB RSS/.exec(child.stdout ?? '');
	return { ok: child.status === 0 && peak !== null, capMb: cap, rssMb: peak?.[1] };
}

/** The child side of `runCapped`: the node on N items, nothing else measured. */
async function capped(settings: Settings): Promise<void> {
	const provider = await BenchProvider.start({
		latencyMs: DEFAULTS.memory.latency,
		ratePerSecond: 0,
	});
	try {
		const result = await timed(async () => {
			await runEngine(
				nodeParameters({ ...DEFAULTS.memory, ...settings }),
				makeItems(settings.items),
				provider.url,
			);
		}, true);
		await checkServer(provider, settings.items, 'capped run');
		console.log(`capped run ok, peak +${fmt(result.peak!.rssMb, 0)} MB RSS`);
	} finally {
		await provider.stop();
	}
}

async function memory(settings: Settings): Promise<void> {
	header('memory', settings);
	(globalThis as { gc?: () => void }).gc?.();
	const baselineHeapMb = process.memoryUsage().heapUsed / (1024 * 1024);
	const provider = await BenchProvider.start({ latencyMs: settings.latency, ratePerSecond: 0 });
	try {
		const items = makeItems(settings.items);
		const measure = async (way: Way) => {
			(globalThis as { gc?: () => void }).gc?.();
			const before = process.memoryUsage().heapUsed;
			let kept: unknown;
			const result = await timed(async () => {
				kept = await way.run(provider.url, items);
			}, true);
			await checkServer(provider, settings.items, way.name);
			const retained = retainedMb(before);
			void kept;
			row(way.name, settings.items, result);
			return { result, retained };
		};
		const nodeWay: Way = {
			name: 'node (WhatsApp Send)',
			run: async (url, input) => await runEngine(nodeParameters(settings), input, url),
		};
		const node = await measure(nodeWay);
		console.log(
			`  ${pad('', 28)} output kept after the run: ${fmt(node.retained, 1)} MB (${fmt((node.retained * 1024 * 1024) / settings.items, 0)} bytes/item)`,
		);
		const live = new LiveHeap();
		if (live.available) {
			live.start();
			await nodeWay.run(provider.url, items);
			const liveMb = live.stop();
			await checkServer(provider, settings.items, nodeWay.name);
			console.log(
				`  ${pad('', 28)} live heap during a second run, collected every 250 ms: at most +${fmt(liveMb, 1)} MB`,
			);
		}
		await measure({ ...bareWay(settings, true), name: 'bare loop inside n8n' });
		const grown = node.result.peak!.rssMb;
		console.log(
			`  peak memory grows < ${TARGETS.memoryMb} MB, unconstrained → +${fmt(grown, 0)} MB RSS ${verdict(grown < TARGETS.memoryMb)}`,
		);
		const capped = await runCapped(settings, baselineHeapMb + TARGETS.memoryMb);
		console.log(
			`  the same run in a process whose heap may hold only ${TARGETS.memoryMb} MB more than this one's baseline ` +
				`(--max-old-space-size=${capped.capMb}) → ${capped.ok ? `completes, peak +${capped.rssMb} MB RSS` : 'runs out of memory'} ${verdict(capped.ok)}`,
		);
	} finally {
		await provider.stop();
	}
}

async function pacing(settings: Settings): Promise<void> {
	const rate = settings.rate || DEFAULTS.pacing.rate;
	header(
		'pacing',
		settings,
		`, messagesPerSecond ${rate}, server answers 429 above ${rate} in any sliding second`,
	);
	const provider = await BenchProvider.start({ latencyMs: settings.latency, ratePerSecond: rate });
	try {
		const items = makeItems(settings.items);
		const result = await timed(async () => {
			await runEngine(nodeParameters({ ...settings, rate }), items, provider.url);
		});
		const stats = await provider.stats();
		// Rate between the first and the last accepted request, as the server saw them.
		const achieved = ((stats.accepted - 1) * 1000) / (stats.lastAcceptedAt - stats.firstAcceptedAt);
		row('node (WhatsApp Send)', settings.items, result);
		console.log(
			`  achieved ${fmt(achieved, 1)} msgs/s at the server (${fmt((achieved / rate) * 100, 1)}% of ${rate}), 429 answers: ${stats.rateLimited}, accepted ${stats.accepted}/${settings.items}`,
		);
		const ok =
			Math.abs(achieved - rate) <= rate * TARGETS.pacingTolerance && stats.rateLimited === 0;
		console.log(
			`  target: within ${TARGETS.pacingTolerance * 100}% of R with no 429 → ${verdict(ok)}`,
		);
	} finally {
		await provider.stop();
	}
}

async function cost(settings: Settings): Promise<void> {
	header('per-item cost without HTTP', settings, ' (no server)');
	const items = makeItems(settings.items);
	const url = 'http://127.0.0.1:9';
	const perItem = async (parameters: INodeParameters, nodeType?: INodeType) => {
		// A first run warms up the JIT; then the best of the rounds.
		await runEngine(parameters, items, url, nodeType);
		let best = Number.POSITIVE_INFINITY;
		for (let round = 0; round < settings.rounds; round++) {
			const { seconds } = await timed(async () => {
				await runEngine(parameters, items, url, nodeType);
			});
			best = Math.min(best, seconds);
		}
		return (best * 1e6) / settings.items;
	};
	const fixed: INodeParameters = {
		...nodeParameters(settings),
		to: '6281234567890',
		text: 'Hello customer, your order is on its way.',
	};
	const engine = await perItem({}, new PassThrough());
	const sendFixed = await perItem(fixed, new SendWithoutHttp());
	const sendExpressions = await perItem(nodeParameters(settings), new SendWithoutHttp());
	const dryFixed = await perItem({
		...fixed,
		options: { ...(fixed.options as object), dryRun: true },
	});
	const line = (what: string, micros: number) =>
		console.log(`  ${pad(what, 58)} ${lpad(fmt(micros, 1), 7)} µs/item`);
	line('engine alone (a node that returns its input)', engine);
	line('node, HTTP answered at once, fixed parameters', sendFixed);
	line('node, HTTP answered at once, `to` and `text` as expressions', sendExpressions);
	line('node, dry run, fixed parameters', dryFixed);
	line('of which n8n evaluating the two expressions', sendExpressions - sendFixed);
	const own = sendFixed - engine;
	console.log(
		`  target: the node's own cost < ${TARGETS.costMicros} µs/item → ${fmt(own, 1)} µs ${verdict(own < TARGETS.costMicros)}`,
	);
}

function coreVersion(): string {
	return (
		JSON.parse(readFileSync(join(ROOT, 'node_modules', 'n8n-core', 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;
}

async function main(): Promise<void> {
	const { scenarios, overrides, profile, baseline, only } = parseArgs(process.argv.slice(2));
	const SCENARIOS: Record<string, (settings: Settings) => Promise<void>> = {
		fast,
		far,
		memory,
		pacing,
		cost,
		capped,
		n8n: async (settings) => await realN8n({ ...settings, profile, baseline, only }),
	};
	console.log(
		`# WhatsApp Send throughput benchmark — node ${process.version}, ${new Date().toISOString()}`,
	);
	if (scenarios.some((name) => IN_CORE.includes(name))) {
		// A small run first, so that module loading and the JIT's warm-up count in no scenario.
		console.log(`\n# Inside n8n-core ${coreVersion()} (this process)`);
		const warmup = await BenchProvider.start({ latencyMs: 1, ratePerSecond: 0 });
		await runEngine(nodeParameters({ ...DEFAULTS.fast, items: 200 }), makeItems(200), warmup.url);
		await warmup.stop();
	}
	for (const name of scenarios)
		await SCENARIOS[name]({ ...(DEFAULTS[name] ?? DEFAULTS.memory), ...overrides });
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
