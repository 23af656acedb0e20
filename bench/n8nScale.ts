/**
 * Scale benchmarks in real n8n (1.123 on Node 20, 2.41 on Node 24), for issue 15:
 *
 *   dedupe  Skip Messages Already Sent with n8n's SQLite database holding 10,000 recorded keys: the Send
 *           node's own time (n8n's `executionTime`) for 1,000 new messages with the option on and off, in
 *           one execution, and the same for a single message — the cost per message and per run.
 *   queue   the same broadcast through a production webhook, at 50 ms provider latency: one n8n process
 *           (regular mode) against queue mode with two workers each running one execution at once —
 *           the broadcast rate per worker as a ratio of the single process's rate.
 *
 *   npm run bench:scale                    both, both engines
 *   npm run bench:scale -- dedupe n8n2     one scenario, one engine
 *   npm run bench:scale -- queue --concurrency 5
 *
 * Measures and prints; asserts nothing. Everything runs on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';

import { Sandbox } from '../dev/sandbox/server';
import type { FakeResponse, RecordedRequest } from '../fakes/server';
import { ensureEngines, engineLabel, ENGINES } from '../test/real-n8n/lib/engines';
import type { Engine } from '../test/real-n8n/lib/engines';
import { n8nWithSandbox } from '../test/real-n8n/lib/fixture';
import { N8nInstance } from '../test/real-n8n/lib/instance';
import { installPackage, packPackage } from '../test/real-n8n/lib/package';
import { QueueCluster } from '../test/real-n8n/lib/queue';
import {
	manualTrigger,
	node,
	sandboxCredentials,
	sendNode,
	workflow,
} from '../test/real-n8n/lib/workflows';

const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
const LATENCY_MS = 50;
const BROADCAST = 1000;
const TARGET_QUEUE_RATIO = 0.9;
const TARGET_DEDUPE_MS = 2;

function log(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** An Edit Fields node producing `{ rows }` once, for `count` recipients from `from` on. */
function rowsNode(name: string, from: number, count: number) {
	return node(
		name,
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'raw',
			jsonOutput: `={{ JSON.stringify({ rows: Array.from({ length: ${count} }, (_, i) => ({ to: '6281' + String(${from} + i).padStart(8, '0') })) }) }}`,
			options: {},
		},
		{ executeOnce: true },
	);
}

function splitNode(name: string) {
	return node(name, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'rows', options: {} });
}

function sessionSend(name: string, skip: boolean) {
	return sendNode(name, 'multiSession', 'whatsAppSendMultiSessionApi', {
		messageType: 'text',
		to: '={{ $json.to }}',
		text: 'Your order shipped.',
		options: {
			typingSimulation: false,
			presenceSimulation: false,
			concurrency: 20,
			...(skip
				? { skipAlreadySent: true, sentMessageScope: 'workflow', sentMessagesKept: 20_000 }
				: {}),
		},
	});
}

type Step = [label: string, from: number, count: number, skip: boolean];

/** The same workflow id each time: the record (scope This Workflow) belongs to it across imports. */
function dedupeWorkflow(steps: Step[]) {
	const nodes = [manualTrigger()];
	const links: Array<[string, string]> = [];
	let previous = 'Start';
	for (const [label, from, count, skip] of steps) {
		const rows = rowsNode(`Rows ${label}`, from, count);
		const split = splitNode(`Split ${label}`);
		const send = sessionSend(`Send ${label}`, skip);
		nodes.push(rows, split, send);
		links.push([previous, rows.name], [rows.name, split.name], [split.name, send.name]);
		previous = send.name;
	}
	return workflow('benchDedupe00001', 'Bench: dedupe at 10,000 keys', nodes, links);
}

async function dedupe(engine: Engine): Promise<void> {
	const sandbox = new Sandbox();
	await sandbox.start();
	// First run: 10,000 messages recorded (its printed run is too large to read back, and not needed).
	const fill = dedupeWorkflow([['fill', 0, 10_000, true]]);
	// Second run, the same workflow id, at 10,000 recorded keys: off and on in turns, twice each (the first
	// sends of a process are slower), for 1,000 messages and for 1; each kind keeps its fastest.
	const order: Step[] = [
		['single off 1', 300_000, 1, false],
		['single on 1', 310_000, 1, true],
		['batch off 1', 100_000, BROADCAST, false],
		['batch on 1', 200_000, BROADCAST, true],
		['batch off 2', 120_000, BROADCAST, false],
		['batch on 2', 220_000, BROADCAST, true],
		['single off 2', 320_000, 1, false],
		['single on 2', 330_000, 1, true],
	];
	const measured = dedupeWorkflow(order);
	const n8n = await n8nWithSandbox(engine, 'bench-dedupe', sandbox, [fill]);
	try {
		const started = Date.now();
		const filled = await n8n.cli(['execute', `--id=${fill.id}`], { timeoutMs: 900_000 });
		const fillSeconds = (Date.now() - started) / 1000;
		if (filled.code !== 0 && filled.signal !== 'SIGSEGV')
			throw new Error(`the fill run failed (exit ${filled.code ?? filled.signal})`);
		await n8n.importWorkflows([measured]);
		const execution = await n8n.execute(measured.id);
		if (execution.failed) throw new Error(`the run failed: ${execution.describe()}`);
		const ms = (name: string) =>
			(execution.runsOf(`Send ${name}`)[0] as { executionTime?: number }).executionTime ?? NaN;
		const best = (kind: string) => Math.min(ms(`${kind} 1`), ms(`${kind} 2`));
		const accepted = sandbox.fakes.multiSession.accepted.length;
		const [off, on, oneOff, oneOn] = ['batch off', 'batch on', 'single off', 'single on'].map(best);
		const all = order.map(([label]) => `${label} ${ms(label)}`).join(', ');
		const perRun = oneOn - oneOff;
		const perMessage = (on - off) / BROADCAST;
		log(
			`dedupe · ${engineLabel(engine)} · SQLite · ${accepted} messages accepted (expected ${10_000 + 4 * BROADCAST + 4})\n` +
				`  fill: 10,000 messages recorded in one run of ${fillSeconds.toFixed(0)} s (n8n CLI start included)\n` +
				`  the Send node's executionTime, ms: ${all}\n` +
				`  1 message at 10,000+ keys: +${perRun} ms per run (of it 1,000 ms the wait before the after-send check: the record's calls ${perRun - 1000} ms)\n` +
				`  1,000 messages at 10,000+ keys: off ${off} ms, on ${on} ms → ${perMessage.toFixed(2)} ms per message ` +
				`(target ≤ ${TARGET_DEDUPE_MS}: ${perMessage <= TARGET_DEDUPE_MS ? 'met' : 'not met'})`,
		);
	} finally {
		await n8n.dispose();
		await sandbox.stop();
	}
}

/** A broadcast behind a webhook: the rows come in the request, the answer waits for the end. */
function broadcastWorkflow(concurrency: number) {
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{
			httpMethod: 'POST',
			path: 'bench-broadcast',
			responseMode: 'lastNode',
			responseData: 'noData',
			options: {},
		},
		{ webhookId: randomUUID() },
	);
	const rows = node('Rows', 'n8n-nodes-base.set', 3.4, {
		mode: 'raw',
		jsonOutput: '={{ JSON.stringify({ rows: $json.body.rows }) }}',
		options: {},
	});
	const split = splitNode('Split');
	const send = sendNode('Send', 'callbell', 'whatsAppSendCallbellApi', {
		messageType: 'text',
		channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
		to: '={{ $json.to }}',
		text: 'Your order shipped.',
		options: { concurrency, messagesPerSecond: 1000 },
	});
	return {
		...workflow(
			'benchBroadcast01',
			'Bench: broadcast',
			[webhook, rows, split, send],
			[
				['Webhook', 'Rows'],
				['Rows', 'Split'],
				['Split', 'Send'],
			],
		),
		active: true,
	};
}

function slowCallbell(sandbox: Sandbox): void {
	const callbell = sandbox.fakes.callbell;
	const handle = callbell.handle.bind(callbell);
	callbell.handle = (request: RecordedRequest): FakeResponse => ({
		...handle(request),
		delayMs: LATENCY_MS,
	});
}

let offset = 0;

async function post(baseUrl: string, count: number): Promise<number> {
	const rows = Array.from({ length: count }, (_, i) => ({
		to: `+31 6 ${40_000_000 + offset + i}`,
	}));
	offset += count;
	const started = Date.now();
	const response = await fetch(`${baseUrl}/webhook/bench-broadcast`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rows }),
		signal: AbortSignal.timeout(600_000),
	});
	await response.text();
	if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
	return (Date.now() - started) / 1000;
}

async function queue(engine: Engine, tarball: string, concurrency: number): Promise<void> {
	const sandbox = new Sandbox();
	await sandbox.start();
	slowCallbell(sandbox);
	const flow = broadcastWorkflow(concurrency);
	const rounds = 2;
	// One process, regular mode (SQLite): the reference rate.
	const single = await N8nInstance.create(engine, 'bench-single');
	let singleBest = Infinity;
	try {
		await installPackage(single, tarball);
		await single.importCredentials(sandboxCredentials(sandbox));
		await single.importWorkflows([flow]);
		await single.cliOk(['update:workflow', `--id=${flow.id}`, '--active=true']);
		await single.start();
		// n8n 2.x activates workflows after its editor is up.
		for (let i = 0; i < 240; i++) {
			const text = await fetch(`${single.baseUrl}/webhook/bench-broadcast`).then(
				async (r) => await r.text(),
				() => 'The requested webhook',
			);
			if (!text.includes('The requested webhook')) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		for (let round = 0; round < rounds; round++)
			singleBest = Math.min(singleBest, await post(single.baseUrl, BROADCAST));
	} finally {
		await single.dispose();
	}
	// Queue mode: two workers, one execution each, both at once.
	const cluster = await QueueCluster.create(engine, 'bench-queue', sandbox, [flow]);
	let queueBest = [Infinity, Infinity];
	let byWorker: number[] = [];
	try {
		await cluster.start(2, 1);
		await cluster.webhookReady('bench-broadcast');
		for (let round = 0; round < rounds; round++) {
			const times = await Promise.all([
				post(cluster.n8n.baseUrl, BROADCAST),
				post(cluster.n8n.baseUrl, BROADCAST),
			]);
			if (Math.max(...times) < Math.max(...queueBest)) queueBest = times;
		}
		byWorker = cluster.executionsByWorker().map((e) => e.length);
	} finally {
		await cluster.dispose();
		await sandbox.stop();
	}
	const singleRate = BROADCAST / singleBest;
	const perWorker = queueBest.map((t) => BROADCAST / t);
	const ratio = Math.min(...perWorker) / singleRate;
	const ideal = concurrency / (LATENCY_MS / 1000);
	log(
		`queue · ${engineLabel(engine)} · ${BROADCAST} messages per execution, ${LATENCY_MS} ms latency, Concurrency ${concurrency} (ideal ${ideal}/s)\n` +
			`  single process: ${singleRate.toFixed(1)} msgs/s (best of ${rounds})\n` +
			`  queue mode, 2 workers, 2 executions at once: ${perWorker.map((r) => r.toFixed(1)).join(' and ')} msgs/s per worker, ` +
			`${((2 * BROADCAST) / Math.max(...queueBest)).toFixed(1)} msgs/s together; executions per worker ${byWorker.join(' + ')}\n` +
			`  per worker ÷ single process = ${ratio.toFixed(2)} (target ≥ ${TARGET_QUEUE_RATIO}: ${ratio >= TARGET_QUEUE_RATIO ? 'met' : 'not met'})`,
	);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const scenarios = args.filter((a) => a === 'dedupe' || a === 'queue');
	// `--concurrency 5,10`: the send node's Concurrency in the queue scenario (default 5, the node's own default, and 10).
	const at = args.indexOf('--concurrency');
	const concurrencies = at >= 0 ? args[at + 1].split(',').map(Number) : [5, 10];
	const engines = ENGINES.filter(
		(e) => !args.some((a) => /^n8n\d$/.test(a)) || args.includes(e.id),
	);
	await ensureEngines(engines, log);
	const tarball = await packPackage();
	process.env.REAL_N8N_TARBALL = tarball;
	for (const engine of engines) {
		if (!scenarios.length || scenarios.includes('dedupe')) await dedupe(engine);
		if (!scenarios.length || scenarios.includes('queue'))
			for (const concurrency of concurrencies) await queue(engine, tarball, concurrency);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
