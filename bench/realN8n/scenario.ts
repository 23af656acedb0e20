/**
 * The real-n8n scenario of `npm run bench`: the packed package installed into real n8n 1.x and 2.x (the
 * engines and instances of test/real-n8n/lib), sending the same text messages to the benchmark's
 * provider as four other contenders in the same n8n and the same run.
 *
 * How a contender is timed: by n8n itself. Every node run in n8n's run data carries `startTime` and
 * `executionTime`, which n8n's WorkflowExecute takes around the node's whole run (its input, the node's
 * `execute`, its output), on the same clock, the same way for every node type. That excludes the CLI's
 * start-up, the database, the other nodes and the printing of the run, and includes everything the
 * contender does itself: reading parameters, checks before the first send, the sends, the output.
 * Timing only the provider's first and last request would leave out work a contender does before its
 * first send or after its last answer (the WhatsApp Send node checks every item first), so that window
 * is printed beside it, not used for the ratios.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';

import { ensureEngines, engineLabel, selectedEngines } from '../../test/real-n8n/lib/engines';
import type { Engine } from '../../test/real-n8n/lib/engines';
import type { Execution } from '../../test/real-n8n/lib/execution';
import { N8nInstance } from '../../test/real-n8n/lib/instance';
import { installPackage, packPackage } from '../../test/real-n8n/lib/package';
import { BenchProvider } from '../provider';
import { BENCH_PACKAGE_NAME, packBenchPackage } from './benchPackage';
import {
	clockOffsetMicros,
	LONG_IDLE_MS,
	readProfiles,
	subjectOf,
	topEntries,
	windowCost,
} from './profile';
import {
	benchCredentials,
	contendersOf,
	passesOf,
	roundWorkflow,
	tagOf,
	timedNode,
	WARM_UP_ITEMS,
} from './workflow';
import type { Contender, RealSettings } from './workflow';

export interface RealOptions extends RealSettings {
	rounds: number;
	/** Another packed build of the package, raced in its own n8n in the same rounds (`--baseline old.tgz`). */
	baseline?: string;
	/** Also run each engine once more under `--cpu-prof` and show where the contenders' CPU time goes. */
	profile: boolean;
}

interface Measurement {
	/** n8n's own executionTime of the node, in seconds. */
	seconds: number;
	/** From the provider's first request to its last answer, in seconds. */
	providerSeconds: number;
	maxInFlight: number;
	/** Share of requests that reached the provider within 1 ms of the one before: lanes moving in lockstep. */
	bunched: number;
	startTime: number;
}

const fmt = (value: number, digits = 2) => value.toFixed(digits);
const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);

function log(line: string): void {
	console.log(`  [${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function load(): string {
	const [one] = loadavg();
	return `load ${fmt(one, 1)} on ${cpus().length} cores${one > cpus().length ? ' (busy: figures may be low, re-run when the machine is quieter)' : ''}`;
}

/** Round r starts with contender r: every contender takes its turn first, after a warm-up of all. */
function rotation(round: number, options: RealOptions): Contender[] {
	const contenders = contendersOf(options);
	return contenders.map((_, i) => contenders[(i + round) % contenders.length]);
}

async function prepare(
	engine: Engine,
	tarballs: { main: string; bench: string },
	serverUrl: string,
	options: RealOptions,
): Promise<N8nInstance> {
	const n8n = await N8nInstance.create(engine, 'bench');
	try {
		await installPackage(n8n, tarballs.main);
		await installPackage(n8n, tarballs.bench, BENCH_PACKAGE_NAME);
		await n8n.importCredentials(benchCredentials(serverUrl, options));
		await n8n.importWorkflows(
			Array.from({ length: Math.max(options.rounds, 1) }, (_, r) =>
				roundWorkflow(`benchround${r}`, rotation(r, options), serverUrl, options),
			),
		);
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
	return n8n;
}

/**
 * Checks that every contender sent every message once and got every answer, and reads its times: one
 * map per timed pass, each contender's measurement in it.
 */
function measure(
	execution: Execution,
	tags: Awaited<ReturnType<BenchProvider['tags']>>,
	options: RealOptions,
): Array<Map<string, Measurement>> {
	if (execution.failed)
		throw new Error(`${execution.describe()}: the run failed: ${execution.error?.message}`);
	const passes = Array.from({ length: passesOf(options) }, () => new Map<string, Measurement>());
	for (const contender of contendersOf(options)) {
		const warm = tags[tagOf(contender, 'warm')];
		if (!warm || warm.accepted !== WARM_UP_ITEMS || warm.refused !== 0) {
			throw new Error(
				`${contender.label} (warm-up): the provider accepted ${warm?.accepted ?? 0} of ${WARM_UP_ITEMS} and refused ${warm?.refused ?? 0}`,
			);
		}
		passes.forEach((measured, pass) => {
			const seen = tags[tagOf(contender, pass)];
			const name = timedNode(contender, pass);
			if (!seen || seen.accepted !== options.items || seen.refused !== 0) {
				throw new Error(
					`${name}: the provider accepted ${seen?.accepted ?? 0} of ${options.items} and refused ${seen?.refused ?? 0}`,
				);
			}
			const [run] = execution.runsOf(name);
			const output = execution.outputs(name)[0];
			if (output.length !== options.items || output.some((item) => item.json.error !== undefined)) {
				throw new Error(
					`${name}: ${output.length} output items for ${options.items}, or failed items among them`,
				);
			}
			if (run.executionTime === undefined || run.startTime === undefined)
				throw new Error(`${name}: n8n recorded no executionTime`);
			measured.set(contender.id, {
				seconds: run.executionTime / 1000,
				providerSeconds: (seen.lastAnsweredAt - seen.firstArrivedAt) / 1000,
				maxInFlight: seen.maxInFlight,
				bunched:
					seen.arrivals.filter((at, i) => i > 0 && at - seen.arrivals[i - 1] <= 1).length /
					Math.max(1, seen.arrivals.length - 1),
				startTime: run.startTime,
			});
		});
	}
	return passes;
}

async function executeRound(
	n8n: N8nInstance,
	provider: BenchProvider,
	round: number,
	options: RealOptions,
	nodeArgs?: string[],
): Promise<Array<Map<string, Measurement>>> {
	for (let attempt = 1; ; attempt++) {
		await provider.reset();
		try {
			const execution = await n8n.execute(`benchround${round}`, { nodeArgs });
			return measure(execution, await provider.tags(), options);
		} catch (error) {
			// n8n prints the run (megabytes here) through its logger and exits 100 ms later: on a busy machine
			// the end of it can be lost. Now and then n8n 1.123's CLI also fails to start under load
			// ('Command "execute" not found', exit 1). Either way no run was printed, so the round is run
			// again; a run that was printed and failed is never retried.
			if (
				!(error instanceof Error && /no run found in n8n's output/.test(error.message)) ||
				attempt === 3
			)
				throw error;
			log(`n8n printed no complete run; running round ${round + 1} again`);
		}
	}
}

function report(
	engine: Engine,
	variant: string | undefined,
	runs: Array<Map<string, Measurement>>,
	options: RealOptions,
): void {
	const ideal = (options.items * options.latency) / options.concurrency / 1000;
	console.log(
		`\n  ${engineLabel(engine)}${variant ? `, ${variant}` : ''}: best of ${runs.length}, n8n's executionTime of each node`,
	);
	console.log(
		`    ${pad('', 36)} ${lpad('best', 7)}   ${lpad('msgs/s', 7)}   ${pad('all rounds (s)', 22)} ${pad('at the provider', 15)} in flight   ≤1 ms apart`,
	);
	const best = new Map<string, Measurement>();
	for (const contender of contendersOf(options)) {
		const all = runs.map((run) => run.get(contender.id)!);
		const fastest = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
		best.set(contender.id, fastest);
		const spread = all.map((m) => fmt(m.seconds)).join(' ');
		console.log(
			`    ${pad(contender.label, 36)} ${lpad(fmt(fastest.seconds), 6)} s ${lpad(fmt(options.items / fastest.seconds, 0), 7)}   ${pad(spread, 22)} ${lpad(fmt(fastest.providerSeconds), 6)} s        ${lpad(String(fastest.maxInFlight), 3)}   ${lpad(fmt(fastest.bunched * 100, 0), 8)}%`,
		);
	}
	console.log(
		`    ${pad(`ideal (N × latency / C)`, 36)} ${lpad(fmt(ideal), 6)} s ${lpad(fmt(options.items / ideal, 0), 7)}`,
	);
	const node = best.get('node')!.seconds;
	const ratios = contendersOf(options)
		.filter((c) => c.id !== 'node')
		.map((c) => `${c.label} ${fmt(best.get(c.id)!.seconds / node)}`);
	console.log(
		`    ratios of the bests (node's throughput ÷ theirs): ${[...ratios, `ideal ${fmt(ideal / node)}`].join('   ')}`,
	);
	if (!best.has('bare')) return;
	const fair = best.get('bare')!.seconds / node;
	const paired = pairedRatios(runs);
	console.log(
		`    node ÷ fair bare loop, side by side in each of the ${paired.length} passes: ${paired.map((r) => fmt(r)).join(' ')}; median ${fmt(median(paired))}×`,
	);
	console.log(
		`    target: node ≥ 0.95× the fair bare loop → best against best ${fmt(fair)}× ${fair >= 0.95 ? 'met' : 'MISSED'}, median of the passes ${fmt(median(paired))}× ${median(paired) >= 0.95 ? 'met' : 'MISSED'}`,
	);
}

/**
 * The node's throughput ÷ the fair bare loop's within each pass: the two ran next to each other in the
 * same n8n process, so a busy stretch of the machine weighs on both far more alike than across passes.
 */
function pairedRatios(runs: Array<Map<string, Measurement>>): number[] {
	return runs.map((run) => run.get('bare')!.seconds / run.get('node')!.seconds);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One more round per engine with V8's sampling profiler in the n8n process (`node --cpu-prof` before
 * n8n's entry point: Node 20 refuses it in NODE_OPTIONS), then each contender's timed window read out
 * of the profile: busy CPU per item, what the node's calls into n8n cost, and the hottest functions.
 */
async function profileEngine(
	engine: Engine,
	tarballs: { main: string; bench: string },
	provider: BenchProvider,
	options: RealOptions,
): Promise<void> {
	const dir = join(__dirname, '..', '..', 'profiles', engine.id);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const n8n = await prepare(engine, tarballs, provider.url, { ...options, rounds: 1, passes: 1 });
	try {
		const offset = clockOffsetMicros();
		const [measured] = await executeRound(n8n, provider, 0, { ...options, passes: 1 }, [
			'--cpu-prof',
			`--cpu-prof-dir=${dir}`,
			'--cpu-prof-interval=250',
		]);
		// Each contender's window next to the profiles, for a closer look afterwards.
		const windows = Object.fromEntries(
			[...measured].map(([id, m]) => [
				id,
				{ from: m.startTime, to: m.startTime + m.seconds * 1000 },
			]),
		);
		writeFileSync(
			join(dir, 'windows.json'),
			JSON.stringify({ offsetMicros: offset, items: options.items, windows }, null, 2),
		);
		const profiles = readProfiles(dir);
		console.log(
			`\n  ${engineLabel(engine)} under --cpu-prof (profiles in ${dir}); busy CPU per item in each contender's timed run:`,
		);
		const costs = new Map<string, ReturnType<typeof windowCost>>();
		for (const contender of contendersOf(options)) {
			const m = measured.get(contender.id)!;
			const from = m.startTime;
			const to = m.startTime + m.seconds * 1000;
			// The n8n process is the one with samples in the window (a task runner has its own file).
			const subject = subjectOf(contender.id) ?? '';
			const perProfile = profiles.map((p) => ({
				file: p.file,
				cost: windowCost(p.profile, offset, from, to, subject),
			}));
			const main = perProfile.reduce((a, b) => (b.cost.busyMs > a.cost.busyMs ? b : a));
			const perItem = (ms: number) => `${fmt((ms * 1000) / options.items, 0)} µs`;
			const idle = main.cost.wallMs - main.cost.busyMs;
			console.log(
				`\n    ${contender.label}: ${fmt(m.seconds)} s under the profiler, busy ${fmt(main.cost.busyMs, 0)} ms (${perItem(main.cost.busyMs)}/item), ` +
					`idle ${fmt(idle, 0)} ms, of which ${fmt(main.cost.longIdleMs, 0)} ms in stretches of ≥ ${LONG_IDLE_MS} ms (every lane waiting at once); ${main.file}`,
			);
			const others = perProfile.filter((c) => c !== main && c.cost.busyMs > 5);
			for (const other of others)
				console.log(
					`      also busy meanwhile: ${other.file} ${fmt(other.cost.busyMs, 0)} ms (${perItem(other.cost.busyMs)}/item)`,
				);
			if (subject) {
				console.log('      by cause (what the node called):');
				for (const [cause, ms] of topEntries(main.cost.byCause, 14))
					console.log(`        ${lpad(perItem(ms), 8)}  ${cause}`);
			}
			console.log('      by owner of the running code:');
			for (const [owner, ms] of topEntries(main.cost.byOwner, 6))
				console.log(`        ${lpad(perItem(ms), 8)}  ${owner}`);
			console.log('      hottest functions (self time):');
			for (const [fn, ms] of topEntries(main.cost.byFunction, 6))
				console.log(`        ${lpad(perItem(ms), 8)}  ${fn}`);
			costs.set(contender.id, main.cost);
		}
		const node = costs.get('node')!;
		const bare = costs.get('bare')!;
		console.log(
			`\n    the node minus the fair bare loop, busy CPU per item: ${fmt(((node.busyMs - bare.busyMs) * 1000) / options.items, 0)} µs; by function (self time), largest differences:`,
		);
		const functions = new Set([...node.byFunction.keys(), ...bare.byFunction.keys()]);
		const differences = new Map(
			[...functions].map((fn) => [
				fn,
				(node.byFunction.get(fn) ?? 0) - (bare.byFunction.get(fn) ?? 0),
			]),
		);
		const ranked = [...differences].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 16);
		for (const [fn, ms] of ranked)
			console.log(
				`        ${lpad(`${ms > 0 ? '+' : ''}${fmt((ms * 1000) / options.items, 0)} µs`, 9)}  ${fn}`,
			);
	} finally {
		await n8n.dispose();
	}
}

interface Variant {
	label: string;
	tarballs: { main: string; bench: string };
}

export async function realN8n(options: RealOptions): Promise<void> {
	const engines = selectedEngines();
	console.log(
		`\n## real n8n: ${options.items} text items, ${options.latency} ms latency, concurrency ${options.concurrency}, best of ${options.rounds} interleaved rounds per engine`,
	);
	console.log(
		`  contenders, in the same n8n and the same run: ${contendersOf(options)
			.map((c) => c.label)
			.join(
				'; ',
			)}; each first warms up on ${WARM_UP_ITEMS} items, then sends ${passesOf(options)} time(s), the order reversed every other time`,
	);
	await ensureEngines(engines, log);
	log('packing the package and the bench-only package (npm pack)…');
	const bench = await packBenchPackage();
	const variants: Variant[] = [
		{ label: 'this build', tarballs: { main: await packPackage(), bench } },
	];
	if (options.baseline)
		variants.push({
			label: `baseline ${basename(options.baseline)}`,
			tarballs: { main: resolve(options.baseline), bench },
		});
	const provider = await BenchProvider.start({ latencyMs: options.latency, ratePerSecond: 0 });
	// One n8n per engine and build; a baseline build runs in its own n8n, in the same rounds.
	const runsOf = engines.flatMap((engine) =>
		variants.map((variant) => ({
			engine,
			variant,
			runs: [] as Array<Map<string, Measurement>>,
			n8n: undefined as N8nInstance | undefined,
		})),
	);
	try {
		for (const slot of options.rounds > 0 ? runsOf : []) {
			log(`preparing ${engineLabel(slot.engine)}, ${slot.variant.label} (install, import)…`);
			slot.n8n = await prepare(slot.engine, slot.variant.tarballs, provider.url, options);
		}
		for (let round = 0; round < options.rounds; round++) {
			// Engines and builds take turns too, so a busy minute on the machine does not fall on one of them only.
			const order = round % 2 === 0 ? runsOf : [...runsOf].reverse();
			for (const slot of order) {
				log(
					`round ${round + 1}/${options.rounds} in ${slot.engine.id}, ${slot.variant.label}, ${load()}`,
				);
				slot.runs.push(...(await executeRound(slot.n8n!, provider, round, options)));
			}
		}
		if (options.rounds > 0) {
			for (const slot of runsOf)
				report(
					slot.engine,
					variants.length > 1 ? slot.variant.label : undefined,
					slot.runs,
					options,
				);
			if (variants.length > 1)
				for (const engine of engines)
					compareBuilds(
						engine,
						runsOf.filter((slot) => slot.engine === engine),
						options,
					);
		}
		if (options.profile)
			for (const engine of engines)
				await profileEngine(engine, variants[0].tarballs, provider, options);
	} finally {
		for (const slot of runsOf) await slot.n8n?.dispose();
		await provider.stop();
	}
}

/**
 * This build against the baseline in the same engine: the node's best times, with the fair bare loop's
 * as a control (the same code in both, so any difference there is the machine's noise); and the median
 * of each build's node ÷ bare loop ratio per pass, which that noise touches least.
 */
function compareBuilds(
	engine: Engine,
	slots: Array<{ variant: Variant; runs: Array<Map<string, Measurement>> }>,
	options: RealOptions,
): void {
	const best = (runs: Array<Map<string, Measurement>>, id: string) =>
		Math.min(...runs.map((run) => run.get(id)!.seconds));
	const [current, baseline] = slots;
	const line = (id: string) => `${fmt(best(baseline.runs, id) / best(current.runs, id))}×`;
	const controls = contendersOf(options)
		.filter((c) => c.id !== 'node')
		.map((c) => `${c.label} ${line(c.id)}`)
		.join(', ');
	console.log(
		`\n  ${engineLabel(engine)}: this build's throughput ÷ ${baseline.variant.label}'s, best of ${current.runs.length}: node ${line('node')}   (control, same code in both: ${controls})`,
	);
	if (!contendersOf(options).some((c) => c.id === 'bare')) return;
	const mine = median(pairedRatios(current.runs));
	const theirs = median(pairedRatios(baseline.runs));
	console.log(
		`    node ÷ fair bare loop, median of the passes: this build ${fmt(mine)}×, ${baseline.variant.label} ${fmt(theirs)}× → this build ${fmt(mine / theirs)}× the baseline`,
	);
}
