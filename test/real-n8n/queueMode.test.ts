import { randomUUID } from 'node:crypto';

import { parseMultipart } from '../../dev/sandbox/multipart';
import { SAMPLES } from '../../dev/sandbox/samples';
import { Sandbox } from '../../dev/sandbox/server';
import type { FakeResponse, RecordedRequest } from '../../fakes/server';
import { engineLabel, selectedEngines } from './lib/engines';
import { QueueCluster } from './lib/queue';
import { node, rowsSource, sendNode, workflow } from './lib/workflows';

/**
 * n8n in queue mode — Redis, PostgreSQL, one main process and two workers — running a broadcast of
 * 1,000 messages split over four executions at once, started through a production webhook so that
 * the main process queues them and the workers run them. Shown: every message accepted exactly once
 * (the sandbox's record), both workers took part, a document from binary data (n8n's database binary
 * mode) arrives intact from each, Skip Messages Already Sent holds across workers (the same four
 * executions again send nothing), and two executions at once against a provider answering 429 above
 * its limit lose nothing — with the README's advice for sharing a limit measured, not assumed.
 */

const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
const PATH = 'queue-broadcast';
const INVOICE = SAMPLES['invoice.pdf'].bytes;

/** A broadcast behind a webhook: one document from binary data, then one text per row. */
function broadcastWorkflow() {
	const webhook = node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{
			httpMethod: 'POST',
			path: PATH,
			// The answer waits for the whole execution, so the test knows when a worker is done.
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
		{ webhookId: randomUUID() },
	);
	const body = "$('Webhook').first().json.body";
	const download = node('Download invoice', 'n8n-nodes-base.httpRequest', 4.2, {
		url: `={{ ${body}.sampleUrl }}`,
		options: { response: { response: { responseFormat: 'file' } } },
	});
	const document = sendNode('Send document', 'multiSession', 'whatsAppSendMultiSessionApi', {
		messageType: 'document',
		to: `={{ ${body}.docTo }}`,
		mediaSource: 'binary',
		binaryPropertyName: 'data',
		fileName: 'Invoice.pdf',
		options: { typingSimulation: false, presenceSimulation: false, skipAlreadySent: true },
	});
	const [rows, split] = rowsSource('Broadcast', []);
	(rows.parameters as Record<string, unknown>).jsonOutput =
		`={{ JSON.stringify({ rows: ${body}.rows }) }}`;
	const texts = sendNode('Send texts', 'callbell', 'whatsAppSendCallbellApi', {
		messageType: 'text',
		channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
		to: '={{ $json.to }}',
		text: '=Hi {{ $json.name }}, your order shipped.',
		options: {
			concurrency: 10,
			messagesPerSecond: `={{ ${body}.rate }}`,
			maxRetries: 10,
			skipAlreadySent: true,
		},
	});
	return {
		...workflow(
			'queueBroadcast01',
			'Queue-mode broadcast',
			[webhook, download, document, rows, split, texts],
			[
				['Webhook', download.name],
				[download.name, document.name],
				[document.name, rows.name],
				[rows.name, split.name],
				[split.name, texts.name],
			],
		),
		active: true,
	};
}

/** Rows for recipients `from` … `from + count - 1`, each a different number. */
function rows(from: number, count: number) {
	return Array.from({ length: count }, (_, i) => ({
		to: `+31 6 ${String(30_000_000 + from + i)}`,
		name: `Customer ${from + i}`,
	}));
}

interface SendAnswer {
	status: string;
	to: string;
	sentMessageKey?: string;
}

describe.each(selectedEngines())('queue mode in $id', (engine) => {
	const label = engineLabel(engine);
	const sandbox = new Sandbox();
	let cluster: QueueCluster;
	/** Callbell's limit while a test sets one: requests in any sliding second, then 429 with no headers (contracts §3). */
	let limit: number | undefined;
	let sendTimes: number[] = [];
	let refusedByLimit = 0;

	beforeAll(async () => {
		await sandbox.start();
		const callbell = sandbox.fakes.callbell;
		const handle = callbell.handle.bind(callbell);
		callbell.handle = (request: RecordedRequest): FakeResponse => {
			if (request.method === 'POST' && request.path === '/messages/send' && limit !== undefined) {
				const now = Date.now();
				sendTimes = sendTimes.filter((t) => t > now - 1000);
				if (sendTimes.length >= limit) {
					refusedByLimit++;
					return { status: 429, body: { error: 'Too Many Requests' } };
				}
				sendTimes.push(now);
			}
			return handle(request);
		};
		cluster = await QueueCluster.create(engine, 'queue', sandbox, [broadcastWorkflow()]);
		await cluster.start(2, 2);
		await cluster.webhookReady(PATH);
	});
	afterAll(async () => {
		await cluster?.dispose();
		await sandbox.stop();
	});

	/** Runs executions at once through the webhook; returns each one's answer (the Send texts items). */
	async function broadcast(
		runs: Array<{ from: number; count: number; rate?: number; docTo: string }>,
	): Promise<SendAnswer[][]> {
		const answers = await Promise.all(
			runs.map(
				async (run) =>
					await cluster.webhook(PATH, {
						rows: rows(run.from, run.count),
						rate: run.rate ?? 0,
						docTo: run.docTo,
						sampleUrl: `${sandbox.url}/samples/invoice.pdf`,
					}),
			),
		);
		for (const answer of answers) {
			if (answer.status !== 200 || !Array.isArray(answer.json))
				throw new Error(
					`webhook answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 2000)}`,
				);
		}
		return answers.map((answer) => answer.json as SendAnswer[]);
	}

	const textsTo = (requests: RecordedRequest[]) =>
		requests.map((r) => (r.json as { to: string }).to);

	const FOUR = [0, 1, 2, 3].map((i) => ({
		from: i * 250,
		count: 250,
		docTo: `+62 812 3456 78${10 + i}`,
	}));

	it(`${label}: 1,000 messages over four executions at once on two workers — each accepted exactly once, documents intact from both workers`, async () => {
		const callbell = sandbox.fakes.callbell;
		const session = sandbox.fakes.multiSession;
		const started = Date.now();
		const answers = await broadcast(FOUR);
		const seconds = (Date.now() - started) / 1000;

		const sent = textsTo(callbell.accepted);
		expect(sent).toHaveLength(1000);
		expect(new Set(sent).size).toBe(1000);
		expect(answers.map((a) => a.length)).toEqual([250, 250, 250, 250]);
		expect(answers.flat().every((item) => item.status === 'enqueued')).toBe(true);

		const byWorker = cluster.executionsByWorker();
		expect(byWorker.every((executions) => executions.length > 0)).toBe(true);
		expect(byWorker.flat()).toHaveLength(4);

		const documents = session.accepted.map((request) => {
			const parts = parseMultipart(request.headers['content-type'], request.rawBody);
			return parts?.files[0]?.bytes;
		});
		expect(documents).toHaveLength(4);
		for (const bytes of documents) expect(bytes?.equals(INVOICE)).toBe(true);
		process.stdout.write(
			`[queue] ${label}: 1,000 texts + 4 documents in ${seconds.toFixed(1)} s; executions per worker: ${byWorker.map((e) => e.length).join(' + ')}\n`,
		);
	});

	it(`${label}: the same four executions again, at once — Skip Messages Already Sent holds across workers: nothing is sent`, async () => {
		const before = {
			texts: sandbox.fakes.callbell.accepted.length,
			documents: sandbox.fakes.multiSession.accepted.length,
		};
		const answers = await broadcast(FOUR);
		expect(sandbox.fakes.callbell.accepted.length - before.texts).toBe(0);
		expect(sandbox.fakes.multiSession.accepted.length - before.documents).toBe(0);
		expect(answers.flat().filter((item) => item.status !== 'skipped_duplicate')).toEqual([]);
		expect(answers.flat()).toHaveLength(1000);
	});

	it(`${label}: two executions at once against a limit of 40 a second — each at a share of it and at all of it; nothing lost, nothing twice`, async () => {
		const callbell = sandbox.fakes.callbell;
		let next = 10_000;
		const measure = async (rate: number) => {
			limit = 40;
			refusedByLimit = 0;
			sendTimes = [];
			const before = callbell.accepted.length;
			const from = next;
			next += 1000;
			const started = Date.now();
			const answers = await broadcast([
				{ from, count: 200, rate, docTo: `+62 812 3456 ${7000 + from / 1000}` },
				{ from: from + 200, count: 200, rate, docTo: `+62 812 3456 ${8000 + from / 1000}` },
			]);
			const seconds = (Date.now() - started) / 1000;
			limit = undefined;
			const sent = textsTo(callbell.accepted.slice(before));
			// Nothing lost and nothing twice: every message accepted once, a 429 retried as a refusal.
			expect(sent).toHaveLength(400);
			expect(new Set(sent).size).toBe(400);
			expect(answers.flat().every((item) => item.status === 'enqueued')).toBe(true);
			return `${rate}/s each → ${refusedByLimit} × 429, ${(400 / seconds).toFixed(1)} msgs/s`;
		};
		// Half the limit each (the README's advice), a little under half, and the whole limit each.
		const results = [await measure(20), await measure(18), await measure(40)];
		process.stdout.write(
			`[queue] ${label}: limit 40/s, 2 executions × 200 at once: ${results.join('; ')}\n`,
		);
	});
});
